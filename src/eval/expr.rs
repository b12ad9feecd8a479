//! Expression evaluation: operators, calls (with Python argument binding), attributes,
//! subscripts, comprehensions and f-strings.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::syntax::ast::{Arg, BoolOp, Comprehension, Expr, ExprKind, FStringPart, ParamKind};

use super::args::Args;
use super::scope::Scope;
use super::value::{Function, Value};
use super::{builtins, ops, repr, torch, Interp};

impl Interp {
    pub(super) fn eval_expr(&mut self, e: &Expr, scope: &Rc<RefCell<Scope>>) -> Result<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.get_name(n, scope),
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::BigInt(d) => Ok(d.parse::<num_bigint::BigInt>().map(super::bigint::norm).unwrap_or(Value::Int(0))),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::Imag(f) => Ok(Value::Complex(crate::tensor::dtype::C128::new(0.0, *f))),
            ExprKind::Str(s) => Ok(Value::str(s)),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => Ok(Value::Ellipsis),
            ExprKind::FString(parts) => Ok(Value::str(&self.fstring(parts, scope)?)),
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, scope)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items, scope)?)),
            ExprKind::Set(items) => {
                // Sets are rare in tensor code; keep first occurrences, in order.
                let vals = self.eval_items(items, scope)?;
                let mut out: Vec<Value> = Vec::new();
                for v in vals {
                    if !out.iter().any(|o| ops::values_equal(o, &v)) {
                        out.push(v);
                    }
                }
                Ok(Value::list(out))
            }
            ExprKind::Dict(pairs) => {
                let mut out: Vec<(Value, Value)> = Vec::with_capacity(pairs.len());
                for (k, v) in pairs {
                    let k = self.eval(k, scope)?;
                    let v = self.eval(v, scope)?;
                    ops::dict_insert(&mut out, k, v);
                }
                Ok(Value::Dict(Rc::new(RefCell::new(out))))
            }
            ExprKind::Starred(_) => Err(Error::new(
                ExcKind::SyntaxError,
                "can't use starred expression here",
            )),
            ExprKind::ListComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                let inner = Scope::new(Some(scope.clone()));
                let mut out = Vec::new();
                self.comprehension(generators, 0, &inner, &mut |interp, s| {
                    out.push(interp.eval(elt, s)?);
                    Ok(())
                })?;
                Ok(Value::list(out))
            }
            ExprKind::DictComp { key, value, generators } => {
                let inner = Scope::new(Some(scope.clone()));
                let mut out = Vec::new();
                self.comprehension(generators, 0, &inner, &mut |interp, s| {
                    let k = interp.eval(key, s)?;
                    let v = interp.eval(value, s)?;
                    ops::dict_insert(&mut out, k, v);
                    Ok(())
                })?;
                Ok(Value::Dict(Rc::new(RefCell::new(out))))
            }
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left, scope)?;
                let r = self.eval(right, scope)?;
                ops::binop(self, *op, &l, &r).map_err(|err| self.locate(err, e.span))
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand, scope)?;
                ops::unaryop(*op, &v).map_err(|err| self.locate(err, e.span))
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, ve) in values.iter().enumerate() {
                    last = self.eval(ve, scope)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = last.truthy().map_err(|err| self.locate(err, ve.span))?;
                    match op {
                        BoolOp::And if !t => return Ok(last),
                        BoolOp::Or if t => return Ok(last),
                        _ => {}
                    }
                }
                Ok(last)
            }
            ExprKind::Compare { left, ops: cmps } => {
                let mut l = self.eval(left, scope)?;
                let mut result = Value::Bool(true);
                for (i, (op, re)) in cmps.iter().enumerate() {
                    let r = self.eval(re, scope)?;
                    result = ops::compare(self, *op, &l, &r).map_err(|err| self.locate(err, e.span))?;
                    if i + 1 < cmps.len() {
                        if !result.truthy().map_err(|err| self.locate(err, e.span))? {
                            return Ok(result);
                        }
                        l = r;
                    }
                }
                Ok(result)
            }
            ExprKind::IfExp { test, body, orelse } => {
                if self.eval(test, scope)?.truthy()? {
                    self.eval(body, scope)
                } else {
                    self.eval(orelse, scope)
                }
            }
            ExprKind::Lambda(def) => self.make_function(def.clone(), true, scope),
            ExprKind::Call { func, args } => {
                let f = self.eval(func, scope)?;
                let a = self.eval_args(args, scope)?;
                self.call(&f, a).map_err(|mut err| {
                    // Each call site the error crosses becomes a traceback entry.
                    err.trace.push(self.location(e.span));
                    err
                })
            }
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value, scope)?;
                self.get_attr(&v, attr).map_err(|err| self.locate(err, e.span))
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value, scope)?;
                let i = self.eval_index(index, scope)?;
                ops::getitem(self, &v, &i).map_err(|err| self.locate(err, e.span))
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |p: &Option<Box<Expr>>| -> Result<Value> {
                    match p {
                        Some(x) => self.eval(x, scope),
                        None => Ok(Value::None),
                    }
                };
                let lo = part(lower)?;
                let hi = part(upper)?;
                let st = part(step)?;
                Ok(Value::Slice(Rc::new((lo, hi, st))))
            }
        }
    }

    /// Evaluates a subscript's index (slices become `Value::Slice`, tuples stay tuples).
    fn eval_index(&mut self, index: &Expr, scope: &Rc<RefCell<Scope>>) -> Result<Value> {
        self.eval(index, scope)
    }

    /// Evaluates display items, expanding `*x`.
    pub(super) fn eval_items(&mut self, items: &[Expr], scope: &Rc<RefCell<Scope>>) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner, scope)?;
                let mut iter = self.iterate(&v)?;
                while let Some(x) = iter.next(self)? {
                    out.push(x);
                }
            } else {
                out.push(self.eval(it, scope)?);
            }
        }
        Ok(out)
    }

    fn eval_args(&mut self, args: &[Arg], scope: &Rc<RefCell<Scope>>) -> Result<Args> {
        let mut out = Args { pos: Vec::with_capacity(args.len()), kw: Vec::new() };
        for a in args {
            match a {
                Arg::Pos(e) => out.pos.push(self.eval(e, scope)?),
                Arg::Kw(k, e) => {
                    let v = self.eval(e, scope)?;
                    out.kw.push((Rc::from(k.as_str()), v));
                }
                Arg::Star(e) => {
                    let v = self.eval(e, scope)?;
                    let mut iter = self.iterate(&v)?;
                    while let Some(x) = iter.next(self)? {
                        out.pos.push(x);
                    }
                }
                Arg::StarStar(e) => match self.eval(e, scope)? {
                    Value::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            match k {
                                Value::Str(s) => out.kw.push((s.clone(), v.clone())),
                                _ => return Err(Error::type_err("keywords must be strings")),
                            }
                        }
                    }
                    other => {
                        return Err(Error::type_err(format!(
                            "argument after ** must be a mapping, not {}",
                            other.type_name()
                        )));
                    }
                },
            }
        }
        Ok(out)
    }

    /// Calls any callable value.
    pub fn call(&mut self, f: &Value, mut args: Args) -> Result<Value> {
        match f {
            Value::Builtin(b) => {
                if let Some(recv) = &b.bound {
                    args.pos.insert(0, recv.clone());
                }
                crate::backend::guard(b.qual.unwrap_or(b.name), || (b.f)(self, args))
            }
            Value::Function(func) => self.call_function(func, args),
            Value::Type(t) => builtins::construct(self, *t, args),
            Value::Object(o) => o.clone().call(self, args),
            other => Err(Error::type_err(format!("'{}' object is not callable", other.type_name()))),
        }
    }

    /// `value.attr`.
    pub fn get_attr(&mut self, v: &Value, attr: &str) -> Result<Value> {
        let found = match v {
            Value::Tensor(t) => torch::methods::tensor_attr(self, t, attr)?,
            Value::Namespace(ns) => (ns.get)(attr),
            Value::Object(o) => o.clone().getattr(self, attr)?,
            _ => builtins::value_attr(self, v, attr)?,
        };
        found.ok_or_else(|| {
            let msg = match v {
                Value::Namespace(ns) => format!("module '{}' has no attribute '{}'", ns.name, attr),
                Value::Type(t) => format!("type object '{}' has no attribute '{}'", t.name(), attr),
                other => format!("'{}' object has no attribute '{}'", other.type_name(), attr),
            };
            Error::new(ExcKind::AttributeError, msg)
        })
    }

    /// Runs nested comprehension loops, calling `body` for each innermost binding.
    fn comprehension(
        &mut self,
        gens: &[Comprehension],
        i: usize,
        scope: &Rc<RefCell<Scope>>,
        body: &mut dyn FnMut(&mut Interp, &Rc<RefCell<Scope>>) -> Result<()>,
    ) -> Result<()> {
        let Some(g) = gens.get(i) else {
            return body(self, scope);
        };
        let it = self.eval(&g.iter, scope)?;
        let mut items = self.iterate(&it)?;
        'outer: while let Some(item) = items.next(self)? {
            crate::interrupt::check()?;
            self.assign(&g.target, item, scope)?;
            for c in &g.ifs {
                if !self.eval(c, scope)?.truthy()? {
                    continue 'outer;
                }
            }
            self.comprehension(gens, i + 1, scope, body)?;
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart], scope: &Rc<RefCell<Scope>>) -> Result<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FStringPart::Lit(s) => out.push_str(s),
                FStringPart::Field { expr, debug_text, conversion, spec } => {
                    let v = self.eval(expr, scope)?;
                    if let Some(d) = debug_text {
                        out.push_str(d);
                    }
                    let spec_s = self.fstring(spec, scope)?;
                    let conv = match conversion {
                        Some('r') => Some(repr::repr(self, &v)),
                        Some('s') => Some(repr::str(self, &v)),
                        Some('a') => Some(repr::repr(self, &v)),
                        _ => None,
                    };
                    let s = match conv {
                        Some(c) => repr::format_value(self, &Value::str(&c), &spec_s)?,
                        None if debug_text.is_some() && spec_s.is_empty() => repr::repr(self, &v),
                        None => repr::format_value(self, &v, &spec_s)?,
                    };
                    out.push_str(&s);
                }
            }
        }
        Ok(out)
    }
}

/// Binds call arguments to a user function's parameters (Python's rules and messages).
pub fn bind_params(f: &Function, mut args: Args, scope: &Rc<RefCell<Scope>>) -> Result<()> {
    let name = &f.def.name;
    let params = &f.def.params;
    let mut s = scope.borrow_mut();
    let positional: Vec<usize> =
        (0..params.len()).filter(|&i| params[i].kind == ParamKind::Normal).collect();
    let varargs = params.iter().position(|p| p.kind == ParamKind::VarArgs);
    let varkw = params.iter().position(|p| p.kind == ParamKind::VarKw);
    let mut bound: Vec<Option<Value>> = vec![None; params.len()];
    let npos = args.pos.len();
    let mut extra = Vec::new();
    for (i, v) in args.pos.drain(..).enumerate() {
        if i < positional.len() {
            bound[positional[i]] = Some(v);
        } else if varargs.is_some() {
            extra.push(v);
        } else {
            let required = positional.iter().filter(|&&j| f.defaults[j].is_none()).count();
            let takes = if required == positional.len() {
                format!("{} positional argument{}", positional.len(), if positional.len() == 1 { "" } else { "s" })
            } else {
                format!("from {} to {} positional arguments", required, positional.len())
            };
            let fname = if f.is_lambda { "<lambda>" } else { name.as_str() };
            return Err(Error::type_err(format!(
                "{fname}() takes {takes} but {npos} {} given",
                if npos == 1 { "was" } else { "were" }
            )));
        }
    }
    let mut kwextra: Vec<(Value, Value)> = Vec::new();
    for (k, v) in args.kw.drain(..) {
        match params.iter().position(|p| {
            p.name == *k && matches!(p.kind, ParamKind::Normal | ParamKind::KwOnly)
        }) {
            Some(i) => {
                if bound[i].is_some() {
                    return Err(Error::type_err(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                bound[i] = Some(v);
            }
            None if varkw.is_some() => kwextra.push((Value::Str(k), v)),
            None => {
                return Err(Error::type_err(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    let mut missing = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let v = match p.kind {
            ParamKind::VarArgs => Some(Value::tuple(std::mem::take(&mut extra))),
            ParamKind::VarKw => Some(Value::Dict(Rc::new(RefCell::new(std::mem::take(&mut kwextra))))),
            _ => bound[i].take().or_else(|| f.defaults[i].clone()),
        };
        match v {
            Some(v) => {
                s.vars.insert(Rc::from(p.name.as_str()), v);
            }
            None => missing.push(format!("'{}'", p.name)),
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => {
                let (last, rest) = missing.split_last().map(|(l, r)| (l.clone(), r.join(", "))).unwrap_or_default();
                format!("{rest}, and {last}")
            }
        };
        return Err(Error::type_err(format!(
            "{name}() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}
