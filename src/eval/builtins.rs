//! Python builtins (print, len, range, …), the calculator commands `backward(y)` and
//! `grad(x)`, imports, exceptions, and the methods of Python's own types.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::Scalar;

use super::args::{self, opt_i64, req, to_f64, to_i64, Args};
use super::ops::{self, values_equal};
use super::value::{range_len, Builtin, ExcValue, NativeFn, TypeObj, Value};
use super::{repr, torch, Interp};

/// A native function value.
/// Builtins that scripts cannot use: tsr scripts have no file, shell or code-evaluation
/// access (files go through the documented file functions).
macro_rules! unavailable {
    ($($name:literal => $f:ident),* $(,)?) => {$(
        fn $f(_: &mut Interp, _: Args) -> Result<Value> {
            Err(Error::not_impl(concat!(
                $name,
                "() is not available in tsr scripts: they have no file, shell or code-evaluation access \
                 (files: torch.save/torch.load, numpy's and safetensors' load/save)"
            )))
        }
    )*
        /// The refusing builtin for `name`, if scripts may not use it.
        fn unavailable(name: &str) -> Option<NativeFn> {
            match name {
                $($name => Some($f),)*
                _ => None,
            }
        }
    };
}
unavailable!(
    "input" => unavailable_input,
    "open" => unavailable_open,
    "eval" => unavailable_eval,
    "exec" => unavailable_exec,
    "compile" => unavailable_compile,
    "__import__" => unavailable_import,
);

pub fn native(name: &'static str, f: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name, qual: None, f, bound: None }))
}

/// A native method bound to `recv`.
pub fn method(name: &'static str, f: NativeFn, recv: &Value) -> Value {
    Value::Builtin(Rc::new(Builtin { name, qual: None, f, bound: Some(recv.clone()) }))
}

/// Names visible everywhere.
pub fn lookup(name: &str) -> Option<Value> {
    if let Some(v) = super::plt::builtin(name).or_else(|| super::tqdm::builtin(name)) {
        return Some(v);
    }
    if let Some(f) = unavailable(name) {
        return Some(native(leak_name(name), f));
    }
    let f: NativeFn = match name {
        "print" => b_print,
        "len" => b_len,
        "abs" => b_abs,
        "min" => |i, a| b_minmax(i, a, false),
        "max" => |i, a| b_minmax(i, a, true),
        "sum" => b_sum,
        "round" => b_round,
        "repr" => |i, a| {
            let [v] = a.bind("repr", ["obj"])?;
            let v = req(v, "repr", "obj")?;
            Ok(Value::str(&repr::repr(i, &v)))
        },
        "enumerate" => b_enumerate,
        "zip" => b_zip,
        "isinstance" => b_isinstance,
        "sorted" => b_sorted,
        "reversed" => |i, a| {
            let [v] = a.bind("reversed", ["seq"])?;
            let mut items = i.collect(&req(v, "reversed", "seq")?)?;
            items.reverse();
            Ok(Value::list(items))
        },
        "any" => |i, a| {
            let [v] = a.bind("any", ["iterable"])?;
            for x in i.collect(&req(v, "any", "iterable")?)? {
                if x.truthy()? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        },
        "all" => |i, a| {
            let [v] = a.bind("all", ["iterable"])?;
            for x in i.collect(&req(v, "all", "iterable")?)? {
                if !x.truthy()? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        },
        "map" => |i, a| {
            let mut pos = a.pos;
            if pos.len() < 2 {
                return Err(Error::type_err("map() must have at least two arguments."));
            }
            let f = pos.remove(0);
            let lists: Vec<Vec<Value>> = pos.iter().map(|x| i.collect(x)).collect::<Result<_>>()?;
            let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for k in 0..n {
                let call_args: Vec<Value> = lists.iter().map(|l| l[k].clone()).collect();
                out.push(i.call(&f, Args::new(call_args))?);
            }
            Ok(Value::list(out))
        },
        "filter" => |i, a| {
            let [f, it] = a.bind("filter", ["function", "iterable"])?;
            let f = req(f, "filter", "function")?;
            let mut out = Vec::new();
            for x in i.collect(&req(it, "filter", "iterable")?)? {
                let keep = if f.is_none() { x.truthy()? } else { i.call(&f, Args::new(vec![x.clone()]))?.truthy()? };
                if keep {
                    out.push(x);
                }
            }
            Ok(Value::list(out))
        },
        "hasattr" => |i, a| {
            let [o, n] = a.bind("hasattr", ["obj", "name"])?;
            let name = match n { Some(Value::Str(s)) => s, _ => return Err(Error::type_err("hasattr(): attribute name must be string")) };
            Ok(Value::Bool(i.get_attr(&req(o, "hasattr", "obj")?, &name).is_ok()))
        },
        "getattr" => |i, a| {
            let [o, n, d] = a.bind("getattr", ["obj", "name", "default"])?;
            let name = match n { Some(Value::Str(s)) => s, _ => return Err(Error::type_err("getattr(): attribute name must be string")) };
            match (i.get_attr(&req(o, "getattr", "obj")?, &name), d) {
                (Ok(v), _) => Ok(v),
                (Err(_), Some(d)) => Ok(d),
                (Err(e), None) => Err(e),
            }
        },
        "setattr" => |i, a| {
            let [o, n, v] = a.bind("setattr", ["obj", "name", "value"])?;
            let name = match n { Some(Value::Str(s)) => s, _ => return Err(Error::type_err("setattr(): attribute name must be string")) };
            ops::setattr(i, &req(o, "setattr", "obj")?, &name, req(v, "setattr", "value")?)?;
            Ok(Value::None)
        },
        "callable" => |_, a| {
            let [v] = a.bind("callable", ["obj"])?;
            Ok(Value::Bool(matches!(v, Some(Value::Builtin(_) | Value::Function(_) | Value::Type(_) | Value::Object(_)))))
        },
        "id" => |_, a| {
            let [v] = a.bind("id", ["obj"])?;
            Ok(Value::Int(match req(v, "id", "obj")? {
                Value::Tensor(t) => Rc::as_ptr(&t.0) as i64,
                Value::List(l) => Rc::as_ptr(&l) as i64,
                Value::Object(o) => Rc::as_ptr(&o) as *const u8 as i64,
                other => other.type_name().as_ptr() as i64,
            }))
        },
        "divmod" => |i, a| {
            let [x, y] = a.bind("divmod", ["a", "b"])?;
            let (x, y) = (req(x, "divmod", "a")?, req(y, "divmod", "b")?);
            let q = ops::binop(i, crate::syntax::ast::BinOp::FloorDiv, &x, &y)?;
            let r = ops::binop(i, crate::syntax::ast::BinOp::Mod, &x, &y)?;
            Ok(Value::tuple(vec![q, r]))
        },
        "pow" => |i, a| {
            let [x, y, m] = a.bind("pow", ["base", "exp", "mod"])?;
            let (x, y) = (req(x, "pow", "base")?, req(y, "pow", "exp")?);
            match m {
                None | Some(Value::None) => ops::binop(i, crate::syntax::ast::BinOp::Pow, &x, &y),
                Some(m) => pow_mod(&x, &y, &m),
            }
        },
        "hex" => |_, a| int_radix(a, "hex", 16, "0x"),
        "oct" => |_, a| int_radix(a, "oct", 8, "0o"),
        "bin" => |_, a| int_radix(a, "bin", 2, "0b"),
        "format" => |i, a| {
            let [v, s] = a.bind("format", ["value", "format_spec"])?;
            let spec = match s { Some(Value::Str(s)) => s.to_string(), _ => String::new() };
            Ok(Value::str(&repr::format_value(i, &req(v, "format", "value")?, &spec)?))
        },
        "chr" => |_, a| {
            let [v] = a.bind("chr", ["i"])?;
            let c = char::from_u32(to_i64(&req(v, "chr", "i")?, "chr()")? as u32).ok_or_else(|| Error::value("chr() arg not in range(0x110000)"))?;
            Ok(Value::str(&c.to_string()))
        },
        "ord" => |_, a| {
            let [v] = a.bind("ord", ["c"])?;
            match v {
                Some(Value::Str(s)) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
                _ => Err(Error::type_err("ord() expected a character")),
            }
        },
        "iter" => |i, a| {
            let [v] = a.bind("iter", ["obj"])?;
            Ok(Value::list(i.collect(&req(v, "iter", "obj")?)?))
        },
        "next" => |_, a| {
            let [v, d] = a.bind("next", ["iterator", "default"])?;
            match v {
                Some(Value::List(l)) => {
                    let mut l = l.borrow_mut();
                    if l.is_empty() {
                        d.ok_or_else(|| Error::new(ExcKind::StopIteration, ""))
                    } else {
                        Ok(l.remove(0))
                    }
                }
                _ => Err(Error::type_err("next() expects an iterator (tsr iterators come from iter())")),
            }
        },
        "exit" | "quit" => |_, _| Err(Error::new(ExcKind::Exception, "SystemExit")),
        "backward" => torch::autograd_backward_command,
        "grad" => torch::autograd_grad_command,
        "timeit" => b_timeit,
        "help" => crate::help::help_builtin,
        _ => {
            return Some(Value::Type(match name {
                "int" => TypeObj::Int,
                "float" => TypeObj::Float,
                "bool" => TypeObj::Bool,
                "str" => TypeObj::Str,
                "list" => TypeObj::List,
                "tuple" => TypeObj::Tuple,
                "dict" => TypeObj::Dict,
                "set" => TypeObj::List,
                "range" => TypeObj::Range,
                "slice" => TypeObj::Slice,
                "type" => TypeObj::Type,
                "object" => TypeObj::Object,
                "complex" => TypeObj::Complex,
                _ => return ExcKind::from_name(name).map(|k| Value::Type(TypeObj::Exception(k))),
            }));
        }
    };
    Some(native(leak_name(name), f))
}

/// The builtin functions `lookup` resolves (besides the types and the exception classes).
pub const NAMES: &[&str] = &[
    "print", "len", "abs", "min", "max", "sum", "round", "repr", "enumerate", "zip", "isinstance",
    "sorted", "reversed", "any", "all", "map", "filter", "hasattr", "getattr", "setattr", "callable",
    "id", "divmod", "pow", "format", "chr", "ord", "iter", "next", "input", "open", "eval", "exec",
    "compile", "__import__", "exit", "quit", "backward", "grad", "timeit", "help", "hex", "oct", "bin",
];

/// The builtin types `lookup` resolves.
pub const TYPE_NAMES: &[&str] =
    &["int", "float", "bool", "str", "list", "tuple", "dict", "set", "range", "slice", "type", "object", "complex"];

/// Builtin names are a fixed set; map each to its static string.
fn leak_name(name: &str) -> &'static str {
    NAMES.iter().find(|n| **n == name).copied().unwrap_or("builtin")
}

fn b_print(interp: &mut Interp, mut a: Args) -> Result<Value> {
    let sep = match a.take_kw("sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(o) => return Err(Error::type_err(format!("sep must be None or a string, not {}", o.type_name()))),
    };
    let end = match a.take_kw("end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(o) => return Err(Error::type_err(format!("end must be None or a string, not {}", o.type_name()))),
    };
    let flush = a.take_kw("flush");
    a.take_kw("file");
    if let Some((k, _)) = a.kw.first() {
        return Err(Error::type_err(format!("'{k}' is an invalid keyword argument for print()")));
    }
    interp.print_values(&a.pos, &sep, &end)?;
    if flush.is_some() {
        interp.out.flush();
    }
    Ok(Value::None)
}

fn b_len(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [v] = a.bind("len", ["obj"])?;
    let v = req(v, "len", "obj")?;
    let n = match &v {
        Value::Str(s) => s.chars().count(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Size(s) => s.len(),
        Value::NamedTuple(n) => n.values.len(),
        Value::Range { start, stop, step } => range_len(*start, *stop, *step) as usize,
        Value::Tensor(t) => {
            if t.ndim() == 0 {
                return Err(Error::type_err("len() of a 0-d tensor"));
            }
            t.shape()[0]
        }
        Value::Object(o) => o.clone().iter(_interp)?.len(),
        other => return Err(Error::type_err(format!("object of type '{}' has no len()", other.type_name()))),
    };
    Ok(Value::Int(n as i64))
}

fn b_abs(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [v] = a.bind("abs", ["x"])?;
    Ok(match req(v, "abs", "x")? {
        Value::Int(i) => match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => super::bigint::abs(&num_bigint::BigInt::from(i)),
        },
        Value::BigInt(b) => super::bigint::abs(&b),
        Value::Bool(b) => Value::Int(b as i64),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Complex(c) => Value::Float(c.norm()),
        Value::Tensor(t) => Value::Tensor(crate::tensor::ops::unary::unary(crate::tensor::ops::unary::UnaryOp::Abs, &t)?),
        other => return Err(Error::type_err(format!("bad operand type for abs(): '{}'", other.type_name()))),
    })
}

fn b_minmax(interp: &mut Interp, mut a: Args, is_max: bool) -> Result<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = a.take_kw("key");
    let default = a.take_kw("default");
    if a.pos.is_empty() {
        return Err(Error::type_err(format!("{name} expected at least 1 argument, got 0")));
    }
    let items = if a.pos.len() == 1 { interp.collect(&a.pos[0])? } else { a.pos };
    if items.is_empty() {
        return default.ok_or_else(|| Error::value(format!("{name}() iterable argument is empty")));
    }
    let mut best = items[0].clone();
    let mut best_key = match &key { Some(k) => interp.call(k, Args::new(vec![best.clone()]))?, None => best.clone() };
    for x in items.into_iter().skip(1) {
        let k = match &key { Some(kf) => interp.call(kf, Args::new(vec![x.clone()]))?, None => x.clone() };
        let op = if is_max { crate::syntax::ast::CmpOp::Gt } else { crate::syntax::ast::CmpOp::Lt };
        if ops::compare(interp, op, &k, &best_key)?.truthy()? {
            best = x;
            best_key = k;
        }
    }
    Ok(best)
}

fn b_sum(interp: &mut Interp, a: Args) -> Result<Value> {
    let [it, start] = a.bind("sum", ["iterable", "start"])?;
    let mut acc = start.unwrap_or(Value::Int(0));
    for x in interp.collect(&req(it, "sum", "iterable")?)? {
        acc = ops::binop(interp, crate::syntax::ast::BinOp::Add, &acc, &x)?;
    }
    Ok(acc)
}

/// Python's `round(x, n)`: half to even, on the exact binary value.
fn b_round(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [v, nd] = a.bind("round", ["number", "ndigits"])?;
    let nd = opt_i64(nd, "ndigits")?;
    match (req(v, "round", "number")?, nd) {
        (Value::Int(i), None) => Ok(Value::Int(i)),
        (Value::BigInt(b), None) => Ok(Value::BigInt(b)),
        (v @ (Value::Int(_) | Value::BigInt(_)), Some(n)) => round_int(&v, n),
        (Value::Bool(b), _) => Ok(Value::Int(b as i64)),
        (Value::Float(f), None) => {
            if f.is_nan() {
                return Err(Error::value("cannot convert float NaN to integer"));
            }
            if !f.is_finite() {
                return Err(Error::new(ExcKind::OverflowError, "cannot convert float infinity to integer"));
            }
            Ok(float_to_int(f.round_ties_even()))
        }
        (Value::Float(f), Some(n)) => Ok(Value::Float(round_float(f, n))),
        (Value::Tensor(t), n) => {
            let r = match n {
                Some(n) => crate::tensor::ops::unary::round_decimals(&t, n)?,
                None => crate::tensor::ops::unary::unary(crate::tensor::ops::unary::UnaryOp::Round, &t)?,
            };
            Ok(Value::Tensor(r))
        }
        (other, _) => Err(Error::type_err(format!("type {} doesn't define __round__ method", other.type_name()))),
    }
}

/// Correctly rounded `round(f, n)` via the shortest decimal string that round-trips.
fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || n > 300 {
        return f;
    }
    if n >= 0 {
        // Format with enough digits exactly, then round half-even on the decimal digits.
        let s = format!("{:.*}", (n as usize) + 30, f);
        let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
        let keep = &frac[..n as usize];
        let rest = &frac[n as usize..];
        let mut digits: Vec<u8> = int_part.trim_start_matches('-').bytes().chain(keep.bytes()).collect();
        let first = rest.as_bytes().first().copied().unwrap_or(b'0');
        let tail_nonzero = rest.bytes().skip(1).any(|c| c != b'0');
        let last_odd = digits.last().map(|d| (d - b'0') % 2 == 1).unwrap_or(false);
        let up = first > b'5' || (first == b'5' && (tail_nonzero || last_odd));
        if up {
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let ilen = digits.len() - n as usize;
        let text = format!(
            "{}{}.{}",
            if f < 0.0 { "-" } else { "" },
            std::str::from_utf8(&digits[..ilen]).unwrap_or("0"),
            std::str::from_utf8(&digits[ilen..]).unwrap_or("0")
        );
        text.parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        (f / p).round_ties_even() * p
    }
}

fn b_enumerate(interp: &mut Interp, a: Args) -> Result<Value> {
    let [it, start] = a.bind("enumerate", ["iterable", "start"])?;
    let start = opt_i64(start, "start")?.unwrap_or(0);
    let items = interp.collect(&req(it, "enumerate", "iterable")?)?;
    Ok(Value::list(
        items.into_iter().enumerate().map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v])).collect(),
    ))
}

fn b_zip(interp: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("strict");
    let lists: Vec<Vec<Value>> = a.pos.iter().map(|x| interp.collect(x)).collect::<Result<_>>()?;
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    Ok(Value::list((0..n).map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect())).collect()))
}

fn b_sorted(interp: &mut Interp, a: Args) -> Result<Value> {
    let [it, key, rev] = a.bind("sorted", ["iterable", "key", "reverse"])?;
    let items = interp.collect(&req(it, "sorted", "iterable")?)?;
    let key = key.filter(|k| !k.is_none());
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for x in items {
        let k = match &key { Some(f) => interp.call(f, Args::new(vec![x.clone()]))?, None => x.clone() };
        keyed.push((k, x));
    }
    // Insertion-stable merge sort using Python comparisons (errors propagate).
    let mut err = None;
    keyed.sort_by(|p, q| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match ops::compare(interp, crate::syntax::ast::CmpOp::Lt, &q.0, &p.0).and_then(|v| v.truthy()) {
            Ok(true) => std::cmp::Ordering::Greater,
            Ok(false) => match ops::compare(interp, crate::syntax::ast::CmpOp::Lt, &p.0, &q.0).and_then(|v| v.truthy()) {
                Ok(true) => std::cmp::Ordering::Less,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let mut out: Vec<Value> = keyed.into_iter().map(|(_, v)| v).collect();
    if args::opt_bool(rev, false)? {
        out.reverse();
    }
    Ok(Value::list(out))
}

fn type_matches(v: &Value, t: &Value) -> Result<bool> {
    Ok(match t {
        Value::Type(ty) => match (ty, v) {
            (TypeObj::Int, Value::Int(_) | Value::Bool(_)) => true,
            (TypeObj::Tuple, Value::Size(_) | Value::NamedTuple(_)) => true,
            (TypeObj::Object, _) => true,
            (TypeObj::Exception(k), Value::Exception(e)) => e.kind.is_subclass_of(*k),
            (ty, v) => v.type_of() == *ty,
        },
        Value::Tuple(ts) => {
            for x in ts.iter() {
                if type_matches(v, x)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Namespace(_) | Value::Builtin(_) => torch::isinstance_torch(v, t),
        _ => return Err(Error::type_err("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    })
}

fn b_isinstance(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [v, t] = a.bind("isinstance", ["obj", "class_or_tuple"])?;
    Ok(Value::Bool(type_matches(&req(v, "isinstance", "obj")?, &req(t, "isinstance", "class_or_tuple")?)?))
}

fn b_timeit(interp: &mut Interp, a: Args) -> Result<Value> {
    let [f, n] = a.bind("timeit", ["fn", "number"])?;
    let f = req(f, "timeit", "fn")?;
    let n = opt_i64(n, "number")?.unwrap_or(100).max(1);
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        crate::interrupt::check()?;
        interp.call(&f, Args::default())?;
    }
    Ok(Value::Float(t0.elapsed().as_secs_f64() / n as f64))
}

/// Calls a type object: `int(x)`, `list(x)`, `ValueError("m")`, …
pub fn construct(interp: &mut Interp, t: TypeObj, a: Args) -> Result<Value> {
    let name = t.name();
    match t {
        TypeObj::Exception(kind) => {
            let msg = match a.pos.first() {
                Some(v) => repr::str(interp, v),
                None => String::new(),
            };
            return Ok(Value::Exception(Rc::new(ExcValue { kind, msg })));
        }
        TypeObj::Range => {
            if a.pos.iter().any(|x| matches!(x, Value::BigInt(_))) {
                return Err(Error::new(ExcKind::OverflowError, "Python int too large to convert to C ssize_t"));
            }
            let v: Vec<i64> = a.pos.iter().map(|x| to_i64(x, "range()")).collect::<Result<_>>()?;
            let (start, stop, step) = match v.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => return Err(Error::type_err(format!("range expected at most 3 arguments, got {}", v.len()))),
            };
            if step == 0 {
                return Err(Error::value("range() arg 3 must not be zero"));
            }
            return Ok(Value::Range { start, stop, step });
        }
        TypeObj::Slice => {
            let mut p = a.pos.into_iter();
            let (x, y, z) = (p.next().unwrap_or(Value::None), p.next(), p.next().unwrap_or(Value::None));
            return Ok(match y {
                None => Value::Slice(Rc::new((Value::None, x, Value::None))),
                Some(y) => Value::Slice(Rc::new((x, y, z))),
            });
        }
        TypeObj::Type => {
            let [v] = a.bind("type", ["obj"])?;
            return Ok(Value::Type(req(v, "type", "obj")?.type_of()));
        }
        TypeObj::Size => {
            let [v] = a.bind("Size", ["sizes"])?;
            let items = match v {
                None => Vec::new(),
                Some(v) => interp.collect(&v)?,
            };
            let mut dims = Vec::with_capacity(items.len());
            for x in &items {
                match x {
                    Value::Int(i) if *i >= 0 => dims.push(*i as usize),
                    Value::Int(i) => return Err(Error::value(format!("negative dimension {i}"))),
                    other => {
                        return Err(Error::type_err(format!(
                            "torch.Size() takes an iterable of 'int' (item 0 is '{}')",
                            other.type_name()
                        )))
                    }
                }
            }
            return Ok(Value::Size(dims.into()));
        }
        TypeObj::Complex => {
            let [re, im] = a.bind("complex", ["real", "imag"])?;
            use crate::tensor::dtype::C128;
            let part = |v: &Value, first: bool| -> Result<C128> {
                Ok(match v {
                    Value::Complex(c) => *c,
                    Value::Str(s) if first => parse_complex(s)?,
                    Value::Str(_) => return Err(Error::type_err("complex() second arg can't be a string")),
                    Value::Tensor(t) => one_element(t)?.to_c128(),
                    other => C128::new(
                        to_f64(other, "complex()").map_err(|_| {
                            Error::type_err(format!(
                                "complex() {} argument must be a string or a number, not '{}'",
                                if first { "first" } else { "second" },
                                other.type_name()
                            ))
                        })?,
                        0.0,
                    ),
                })
            };
            if matches!(re, Some(Value::Str(_))) && im.is_some() {
                return Err(Error::type_err("complex() can't take second arg if first is a string"));
            }
            let r = re.as_ref().map(|v| part(v, true)).transpose()?.unwrap_or_default();
            let i = im.as_ref().map(|v| part(v, false)).transpose()?.unwrap_or_default();
            // complex(a, b) = a + b*1j, for complex a and b too.
            return Ok(Value::Complex(C128::new(r.re - i.im, r.im + i.re)));
        }
        _ => {}
    }
    if t == TypeObj::Int && (a.pos.len() == 2 || a.kw.iter().any(|(k, _)| &**k == "base")) {
        let [v, base] = a.bind("int", ["x", "base"])?;
        let base = to_i64(&req(base, "int", "base")?, "int()")?;
        if base != 0 && !(2..=36).contains(&base) {
            return Err(Error::value("int() base must be >= 2 and <= 36, or 0"));
        }
        return match req(v, "int", "x")? {
            Value::Str(s) => parse_int(&s, base as u32),
            _ => Err(Error::type_err("int() can't convert non-string with explicit base")),
        };
    }
    let [v] = a.bind(name, ["x"])?;
    Ok(match (t, v) {
        (TypeObj::Int, None) => Value::Int(0),
        (TypeObj::Int, Some(v)) => match v {
            Value::Int(i) => Value::Int(i),
            Value::Bool(b) => Value::Int(b as i64),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(Error::value("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(Error::new(ExcKind::OverflowError, "cannot convert float infinity to integer"));
                }
                float_to_int(f.trunc())
            }
            Value::BigInt(b) => Value::BigInt(b),
            Value::Str(s) => parse_int(&s, 10)?,
            Value::Tensor(t) => {
                let s = one_element(&t)?;
                Value::Int(match s {
                    Scalar::Float(f) if f.is_nan() => return Err(Error::value("cannot convert float NaN to integer")),
                    Scalar::Float(f) if f.is_infinite() => {
                        return Err(Error::new(ExcKind::OverflowError, "cannot convert float infinity to integer"))
                    }
                    Scalar::Float(f) => f.trunc() as i64,
                    other => other.to_i64(),
                })
            }
            Value::Object(o) if o.as_scalar().is_some() => {
                let s = o.as_scalar().unwrap_or(Scalar::Int(0));
                Value::Int(match s {
                    Scalar::Float(f) if f.is_nan() => return Err(Error::value("cannot convert float NaN to integer")),
                    Scalar::Float(f) if f.is_infinite() => {
                        return Err(Error::new(ExcKind::OverflowError, "cannot convert float infinity to integer"))
                    }
                    Scalar::Float(f) => f.trunc() as i64,
                    other => other.to_i64(),
                })
            }
            other => return Err(Error::type_err(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        },
        (TypeObj::Float, None) => Value::Float(0.0),
        (TypeObj::Float, Some(v)) => match v {
            Value::BigInt(b) => Value::Float(super::bigint::to_f64(&b)?),
            Value::Str(s) => {
                let t = s.trim().to_ascii_lowercase();
                Value::Float(match t.as_str() {
                    "inf" | "+inf" | "infinity" => f64::INFINITY,
                    "-inf" | "-infinity" => f64::NEG_INFINITY,
                    "nan" | "+nan" | "-nan" => f64::NAN,
                    _ => t.replace('_', "").parse::<f64>().map_err(|_| {
                        Error::value(format!("could not convert string to float: {}", crate::format::pyfmt::str_repr(&s)))
                    })?,
                })
            }
            Value::Tensor(t) => Value::Float(one_element(&t)?.to_f64()),
            other => Value::Float(to_f64(&other, "float()").map_err(|_| {
                Error::type_err(format!("float() argument must be a string or a real number, not '{}'", other.type_name()))
            })?),
        },
        (TypeObj::Bool, None) => Value::Bool(false),
        (TypeObj::Bool, Some(v)) => Value::Bool(v.truthy()?),
        (TypeObj::Complex, Some(v)) => Value::Complex(crate::tensor::dtype::C128::new(to_f64(&v, "complex()")?, 0.0)),
        (TypeObj::Str, None) => Value::str(""),
        (TypeObj::Str, Some(v)) => Value::str(&repr::str(interp, &v)),
        (TypeObj::List, None) => Value::list(vec![]),
        (TypeObj::List, Some(v)) => Value::list(interp.collect(&v)?),
        (TypeObj::Tuple, None) => Value::tuple(vec![]),
        (TypeObj::Tuple, Some(v)) => Value::tuple(interp.collect(&v)?),
        (TypeObj::Dict, None) => Value::Dict(Rc::new(RefCell::new(Vec::new()))),
        (TypeObj::Dict, Some(v)) => {
            let mut out = Vec::new();
            let items = match &v {
                Value::Dict(d) => d.borrow().iter().map(|(k, x)| Value::tuple(vec![k.clone(), x.clone()])).collect(),
                other => interp.collect(other)?,
            };
            for it in items {
                let pair = interp.collect(&it)?;
                if pair.len() != 2 {
                    return Err(Error::value("dictionary update sequence element has wrong length"));
                }
                ops::dict_insert(&mut out, pair[0].clone(), pair[1].clone());
            }
            Value::Dict(Rc::new(RefCell::new(out)))
        }
        (TypeObj::Object, _) => Value::None,
        _ => return Err(Error::type_err(format!("cannot create '{name}' instances"))),
    })
}

/// The value of a one-element tensor for `int()`/`float()`, with PyTorch's error.
fn one_element(t: &crate::tensor::Tensor) -> Result<Scalar> {
    if t.numel() != 1 {
        return Err(Error::value("only one element tensors can be converted to Python scalars"));
    }
    t.item()
}

/// `import name`.
pub fn import_module(name: &str) -> Result<Value> {
    if let Some(v) = torch::module(name).or_else(|| super::plt::module(name)).or_else(|| super::tqdm::module(name)) {
        return Ok(v);
    }
    if let Some(v) = super::numpy::module(name).or_else(|| super::fileio::module(name)) {
        return Ok(v);
    }
    Err(Error::new(ExcKind::ModuleNotFoundError, format!("No module named '{name}'")))
}

/// The exception raised by `raise v`.
pub fn to_exception(interp: &mut Interp, v: Value) -> Result<Error> {
    Ok(match v {
        Value::Exception(e) => Error::new(e.kind, e.msg.clone()),
        Value::Type(TypeObj::Exception(k)) => Error::new(k, ""),
        other => Error::type_err(format!(
            "exceptions must derive from BaseException, not {}",
            repr::repr(interp, &Value::Type(other.type_of())).trim_start_matches("<class '").trim_end_matches("'>")
        )),
    })
}

/// Whether an `except` clause's class (or tuple of classes) catches `kind`.
pub fn exception_matches(t: &Value, kind: ExcKind) -> bool {
    match t {
        Value::Type(TypeObj::Exception(k)) => kind.is_subclass_of(*k),
        Value::Tuple(ts) => ts.iter().any(|x| exception_matches(x, kind)),
        _ => false,
    }
}

/// Attributes and methods of Python's own value types.
pub fn value_attr(_interp: &mut Interp, v: &Value, name: &str) -> Result<Option<Value>> {
    Ok(Some(match (v, name) {
        (Value::List(_), _) => {
            let f: NativeFn = match name {
                "append" => |_, a| {
                    let [s, x] = a.bind("append", ["self", "object"])?;
                    if let Some(Value::List(l)) = s {
                        l.borrow_mut().push(req(x, "append", "object")?);
                    }
                    Ok(Value::None)
                },
                "extend" => |i, a| {
                    let [s, x] = a.bind("extend", ["self", "iterable"])?;
                    let items = i.collect(&req(x, "extend", "iterable")?)?;
                    if let Some(Value::List(l)) = s {
                        l.borrow_mut().extend(items);
                    }
                    Ok(Value::None)
                },
                "pop" => |_, a| {
                    let [s, idx] = a.bind("pop", ["self", "index"])?;
                    let Some(Value::List(l)) = s else { return Ok(Value::None) };
                    let mut l = l.borrow_mut();
                    if l.is_empty() {
                        return Err(Error::index("pop from empty list"));
                    }
                    let n = l.len() as i64;
                    let i = opt_i64(idx, "index")?.unwrap_or(-1);
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(Error::index("pop index out of range"));
                    }
                    Ok(l.remove(j as usize))
                },
                "insert" => |_, a| {
                    let [s, idx, x] = a.bind("insert", ["self", "index", "object"])?;
                    let Some(Value::List(l)) = s else { return Ok(Value::None) };
                    let mut l = l.borrow_mut();
                    let n = l.len() as i64;
                    let i = to_i64(&req(idx, "insert", "index")?, "index")?;
                    let j = (if i < 0 { i + n } else { i }).clamp(0, n) as usize;
                    l.insert(j, req(x, "insert", "object")?);
                    Ok(Value::None)
                },
                "index" => |_, a| {
                    let [s, x] = a.bind("index", ["self", "value"])?;
                    let Some(Value::List(l)) = s else { return Ok(Value::None) };
                    let x = req(x, "index", "value")?;
                    let pos = l.borrow().iter().position(|y| values_equal(y, &x));
                    pos.map(|p| Value::Int(p as i64)).ok_or_else(|| Error::value("value is not in list"))
                },
                "count" => |_, a| {
                    let [s, x] = a.bind("count", ["self", "value"])?;
                    let Some(Value::List(l)) = s else { return Ok(Value::None) };
                    let x = req(x, "count", "value")?;
                    Ok(Value::Int(l.borrow().iter().filter(|y| values_equal(y, &x)).count() as i64))
                },
                "reverse" => |_, a| {
                    if let Some(Value::List(l)) = a.pos.first() {
                        l.borrow_mut().reverse();
                    }
                    Ok(Value::None)
                },
                "clear" => |_, a| {
                    if let Some(Value::List(l)) = a.pos.first() {
                        l.borrow_mut().clear();
                    }
                    Ok(Value::None)
                },
                "copy" => |_, a| match a.pos.first() {
                    Some(Value::List(l)) => Ok(Value::list(l.borrow().clone())),
                    _ => Ok(Value::None),
                },
                "sort" => |i, mut a| {
                    let s = a.pos.remove(0);
                    let mut args2 = Args::new(vec![s.clone()]);
                    args2.kw = a.kw;
                    let sorted = b_sorted(i, args2)?;
                    if let (Value::List(l), Value::List(src)) = (&s, sorted) {
                        let v = src.borrow().clone();
                        *l.borrow_mut() = v;
                    }
                    Ok(Value::None)
                },
                _ => return Ok(None),
            };
            method(leak_method(name), f, v)
        }
        (Value::Dict(_), _) => {
            let f: NativeFn = match name {
                "keys" => |_, a| match a.pos.first() {
                    Some(Value::Dict(d)) => Ok(Value::list(d.borrow().iter().map(|(k, _)| k.clone()).collect())),
                    _ => Ok(Value::None),
                },
                "values" => |_, a| match a.pos.first() {
                    Some(Value::Dict(d)) => Ok(Value::list(d.borrow().iter().map(|(_, v)| v.clone()).collect())),
                    _ => Ok(Value::None),
                },
                "items" => |_, a| match a.pos.first() {
                    Some(Value::Dict(d)) => Ok(Value::list(
                        d.borrow().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
                    )),
                    _ => Ok(Value::None),
                },
                "get" => |_, a| {
                    let [s, k, d] = a.bind("get", ["self", "key", "default"])?;
                    let Some(Value::Dict(dd)) = s else { return Ok(Value::None) };
                    let k = req(k, "get", "key")?;
                    let found = dd.borrow().iter().find(|(kk, _)| values_equal(kk, &k)).map(|(_, v)| v.clone());
                    Ok(found.or(d).unwrap_or(Value::None))
                },
                "update" => |i, a| {
                    let [s, o] = a.bind("update", ["self", "other"])?;
                    let (Some(Value::Dict(d)), Some(o)) = (s, o) else { return Ok(Value::None) };
                    let other = construct(i, TypeObj::Dict, Args::new(vec![o]))?;
                    if let Value::Dict(od) = other {
                        let items = od.borrow().clone();
                        let mut d = d.borrow_mut();
                        for (k, v) in items {
                            ops::dict_insert(&mut d, k, v);
                        }
                    }
                    Ok(Value::None)
                },
                "pop" => |i, a| {
                    let [s, k, d] = a.bind("pop", ["self", "key", "default"])?;
                    let Some(Value::Dict(dd)) = s else { return Ok(Value::None) };
                    let k = req(k, "pop", "key")?;
                    let pos = dd.borrow().iter().position(|(kk, _)| values_equal(kk, &k));
                    match (pos, d) {
                        (Some(p), _) => Ok(dd.borrow_mut().remove(p).1),
                        (None, Some(d)) => Ok(d),
                        (None, None) => Err(Error::new(ExcKind::KeyError, repr::repr(i, &k))),
                    }
                },
                _ => return Ok(None),
            };
            method(leak_method(name), f, v)
        }
        (Value::Str(_), _) => return str_method(v, name),
        (Value::Size(s), "numel") => {
            let _ = s;
            method("numel", |_, a| match a.pos.first() {
                Some(Value::Size(s)) => Ok(Value::Int(s.iter().product::<usize>() as i64)),
                _ => Ok(Value::None),
            }, v)
        }
        (Value::NamedTuple(n), _) => match n.fields.iter().position(|f| *f == name) {
            Some(i) => n.values[i].clone(),
            None => return Ok(None),
        },
        (Value::Float(f), "real") => Value::Float(*f),
        (Value::Float(_), "imag") => Value::Float(0.0),
        (Value::Float(_), "is_integer") => method("is_integer", |_, a| match a.pos.first() {
            Some(Value::Float(f)) => Ok(Value::Bool(f.fract() == 0.0 && f.is_finite())),
            _ => Ok(Value::Bool(false)),
        }, v),
        (Value::Complex(c), "real") => Value::Float(c.re),
        (Value::Complex(c), "imag") => Value::Float(c.im),
        (Value::Int(i), "real") => Value::Int(*i),
        (Value::Int(_), "imag") => Value::Int(0),
        (Value::DType(d), "is_floating_point") => Value::Bool(d.is_floating_point()),
        (Value::DType(d), "is_complex") => Value::Bool(d.is_complex()),
        (Value::DType(d), "is_signed") => Value::Bool(d.is_signed()),
        (Value::DType(d), "itemsize") => Value::Int(d.itemsize() as i64),
        (Value::Device(d), "type") => Value::str(match d {
            crate::tensor::Device::Cpu => "cpu",
            crate::tensor::Device::Cuda(_) => "cuda",
        }),
        (Value::Device(d), "index") => match d {
            crate::tensor::Device::Cpu => Value::None,
            crate::tensor::Device::Cuda(i) => Value::Int(*i as i64),
        },
        (Value::Exception(e), "args") => Value::tuple(vec![Value::str(&e.msg)]),
        (Value::Type(t), "__name__") => Value::str(t.name()),
        (Value::Function(f), "__name__") => Value::str(&f.def.name),
        (Value::Generator(_), _) => return torch::generator_attr(v, name),
        _ => return Ok(None),
    }))
}

/// The methods of lists, dicts and strings (`value_attr` resolves them).
pub const METHOD_NAMES: &[&str] = &[
    "append", "extend", "pop", "insert", "index", "count", "reverse", "clear", "copy", "sort",
    "keys", "values", "items", "get", "update", "join", "split", "strip", "lstrip", "rstrip",
    "upper", "lower", "startswith", "endswith", "replace", "format", "find", "title", "capitalize",
    "isdigit", "isalpha", "center", "ljust", "rjust", "zfill", "splitlines",
];

fn leak_method(name: &str) -> &'static str {
    METHOD_NAMES.iter().find(|n| **n == name).copied().unwrap_or("method")
}

fn str_arg(a: &Args, i: usize) -> Option<Rc<str>> {
    match a.pos.get(i) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    }
}

fn str_method(v: &Value, name: &str) -> Result<Option<Value>> {
    let f: NativeFn = match name {
        "join" => |i, a| {
            let sep = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            let items = i.collect(a.pos.get(1).unwrap_or(&Value::None))?;
            let mut parts = Vec::with_capacity(items.len());
            for it in items {
                match it {
                    Value::Str(s) => parts.push(s.to_string()),
                    other => {
                        return Err(Error::type_err(format!(
                            "sequence item {}: expected str instance, {} found",
                            parts.len(),
                            other.type_name()
                        )));
                    }
                }
            }
            Ok(Value::str(&parts.join(&sep)))
        },
        "split" => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            let parts: Vec<Value> = match str_arg(&a, 1) {
                Some(sep) => s.split(&*sep).map(Value::str).collect(),
                None => s.split_whitespace().map(Value::str).collect(),
            };
            Ok(Value::list(parts))
        },
        "splitlines" => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            Ok(Value::list(s.lines().map(Value::str).collect()))
        },
        "strip" => |_, a| Ok(Value::str(str_arg(&a, 0).unwrap_or_else(|| Rc::from("")).trim())),
        "lstrip" => |_, a| Ok(Value::str(str_arg(&a, 0).unwrap_or_else(|| Rc::from("")).trim_start())),
        "rstrip" => |_, a| Ok(Value::str(str_arg(&a, 0).unwrap_or_else(|| Rc::from("")).trim_end())),
        "upper" => |_, a| Ok(Value::str(&str_arg(&a, 0).unwrap_or_else(|| Rc::from("")).to_uppercase())),
        "lower" => |_, a| Ok(Value::str(&str_arg(&a, 0).unwrap_or_else(|| Rc::from("")).to_lowercase())),
        "title" | "capitalize" => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            let mut c = s.chars();
            Ok(Value::str(&match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }))
        },
        "isdigit" => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())))
        },
        "isalpha" => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)))
        },
        "startswith" => |_, a| Ok(Value::Bool(match (str_arg(&a, 0), str_arg(&a, 1)) {
            (Some(s), Some(p)) => s.starts_with(&*p),
            _ => false,
        })),
        "endswith" => |_, a| Ok(Value::Bool(match (str_arg(&a, 0), str_arg(&a, 1)) {
            (Some(s), Some(p)) => s.ends_with(&*p),
            _ => false,
        })),
        "find" => |_, a| Ok(Value::Int(match (str_arg(&a, 0), str_arg(&a, 1)) {
            (Some(s), Some(p)) => s.find(&*p).map(|b| s[..b].chars().count() as i64).unwrap_or(-1),
            _ => -1,
        })),
        "count" => |_, a| Ok(Value::Int(match (str_arg(&a, 0), str_arg(&a, 1)) {
            (Some(s), Some(p)) if !p.is_empty() => s.matches(&*p).count() as i64,
            _ => 0,
        })),
        "replace" => |_, a| Ok(match (str_arg(&a, 0), str_arg(&a, 1), str_arg(&a, 2)) {
            (Some(s), Some(x), Some(y)) => Value::str(&s.replace(&*x, &y)),
            _ => return Err(Error::type_err("replace() expects 2 string arguments")),
        }),
        "center" | "ljust" | "rjust" | "zfill" => return Ok(Some(str_pad(v, name))),
        "format" => |i, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            str_format(i, &s, &a.pos[1..], &a.kw)
        },
        _ => return Ok(None),
    };
    Ok(Some(method(leak_method(name), f, v)))
}

fn str_pad(v: &Value, name: &str) -> Value {
    let f: NativeFn = match name {
        "center" => |_, a| pad(&a, '^'),
        "ljust" => |_, a| pad(&a, '<'),
        "rjust" => |_, a| pad(&a, '>'),
        _ => |_, a| {
            let s = str_arg(&a, 0).unwrap_or_else(|| Rc::from(""));
            let w = a.pos.get(1).map(|x| to_i64(x, "width")).transpose()?.unwrap_or(0).max(0) as usize;
            let n = s.chars().count();
            if n >= w {
                return Ok(Value::Str(s));
            }
            let (sign, rest) = if s.starts_with('-') || s.starts_with('+') { s.split_at(1) } else { ("", &*s) };
            Ok(Value::str(&format!("{sign}{}{rest}", "0".repeat(w - n))))
        },
    };
    method(leak_method(name), f, v)
}

fn pad(a: &Args, align: char) -> Result<Value> {
    let s = str_arg(a, 0).unwrap_or_else(|| Rc::from(""));
    let w = a.pos.get(1).map(|x| to_i64(x, "width")).transpose()?.unwrap_or(0);
    let fill = str_arg(a, 2).and_then(|f| f.chars().next()).unwrap_or(' ');
    let spec = format!("{fill}{align}{w}");
    Ok(Value::str(&crate::format::pyfmt::format_spec(crate::format::pyfmt::FmtArg::Str(&s), &spec)?))
}

/// `"{} and {name:.2f}".format(...)`.
fn str_format(interp: &mut Interp, fmt: &str, pos: &[Value], kw: &[(Rc<str>, Value)]) -> Result<Value> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    let mut auto = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    field.push(d);
                }
                let (name, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (name, conv) = name.split_once('!').map(|(n, c)| (n, Some(c))).unwrap_or((name, None));
                let v = if name.is_empty() {
                    let v = pos.get(auto).cloned();
                    auto += 1;
                    v
                } else if let Ok(i) = name.parse::<usize>() {
                    pos.get(i).cloned()
                } else {
                    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
                };
                let v = v.ok_or_else(|| Error::index(format!("Replacement index {} out of range for positional args tuple", auto.saturating_sub(1))))?;
                let v = match conv {
                    Some("r") => Value::str(&repr::repr(interp, &v)),
                    _ => v,
                };
                out.push_str(&repr::format_value(interp, &v, spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(Value::str(&out))
}

/// `complex("1+2j")`: Python's complex literal syntax (parentheses and spaces allowed
/// around it, `j` or `J`, `inf`/`nan` parts).
fn parse_complex(s: &str) -> Result<crate::tensor::dtype::C128> {
    use crate::tensor::dtype::C128;
    let bad = || Error::value("complex() arg is a malformed string");
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    let num = |x: &str| -> Result<f64> {
        let l = x.to_ascii_lowercase();
        match l.trim_start_matches(['+', '-']) {
            "inf" | "infinity" => Ok(if l.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY }),
            "nan" => Ok(f64::NAN),
            _ if x.is_empty() || x.contains(char::is_whitespace) => Err(bad()),
            _ => x.replace('_', "").parse::<f64>().map_err(|_| bad()),
        }
    };
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Split "a+bj" at the last sign that is not part of an exponent.
        let b = body.as_bytes();
        let split = (1..b.len()).rev().find(|&k| (b[k] == b'+' || b[k] == b'-') && !matches!(b[k - 1], b'e' | b'E'));
        return match split {
            Some(k) => {
                let im = &body[k..];
                let im = if im == "+" || im == "-" { format!("{im}1") } else { im.to_string() };
                Ok(C128::new(num(&body[..k])?, num(&im)?))
            }
            None => {
                let im = if body.is_empty() || body == "+" || body == "-" { format!("{body}1") } else { body.to_string() };
                Ok(C128::new(0.0, num(&im)?))
            }
        };
    }
    Ok(C128::new(num(t)?, 0.0))
}

/// A float's integer value as a Python int (`int(2.0**70)` is exact).
pub fn float_to_int(f: f64) -> Value {
    if f.abs() < 9.2e18 {
        Value::Int(f as i64)
    } else {
        super::bigint::norm(super::bigint::float_to_big(f))
    }
}

/// `round(int, ndigits)`: negative ndigits round to tens, hundreds… half to even.
fn round_int(v: &Value, n: i64) -> Result<Value> {
    use num_bigint::BigInt;
    use num_integer::Integer;
    let x = super::bigint::as_big(v).unwrap_or_default();
    if n >= 0 {
        return Ok(super::bigint::norm(x));
    }
    let p = num_traits::pow(BigInt::from(10), (-n).min(4000) as usize);
    let (q, r) = x.div_mod_floor(&p);
    let twice: BigInt = &r * BigInt::from(2);
    let q = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(super::bigint::norm(q * p))
}

/// `pow(base, exp, mod)` for ints.
fn pow_mod(x: &Value, y: &Value, m: &Value) -> Result<Value> {
    use num_traits::{Signed, Zero};
    let (Some(b), Some(e), Some(m)) = (super::bigint::as_big(x), super::bigint::as_big(y), super::bigint::as_big(m)) else {
        return Err(Error::type_err("pow() 3rd argument not allowed unless all arguments are integers"));
    };
    if m.is_zero() {
        return Err(Error::value("pow() 3rd argument cannot be 0"));
    }
    if e.is_negative() {
        return Err(Error::not_impl("pow() with a negative exponent and a modulus (modular inverse)"));
    }
    let r = b.modpow(&e, &m.abs());
    // Python's result has the sign of the modulus.
    let r = if m.is_negative() && !r.is_zero() { r - m.abs() } else { r };
    Ok(super::bigint::norm(r))
}

/// `hex(x)`, `oct(x)`, `bin(x)`.
fn int_radix(a: Args, name: &str, radix: u32, prefix: &str) -> Result<Value> {
    let [v] = a.bind(name, ["number"])?;
    let v = req(v, name, "number")?;
    match super::bigint::as_big(&v) {
        Some(b) => Ok(Value::str(&super::bigint::to_radix(&b, radix, prefix))),
        None => Err(Error::type_err(format!("'{}' object cannot be interpreted as an integer", v.type_name()))),
    }
}

/// `int(s, base)`: Python's integer literal rules for strings (sign, underscores between
/// digits, a `0x`/`0o`/`0b` prefix matching the base, base 0 taking it from the prefix).
fn parse_int(s: &str, base: u32) -> Result<Value> {
    let bad = || Error::value(format!("invalid literal for int() with base {base}: {}", crate::format::pyfmt::str_repr(s)));
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &body[2..]),
        (0 | 8, Some("0o")) => (8, &body[2..]),
        (0 | 2, Some("0b")) => (2, &body[2..]),
        (0, _) => {
            if body.len() > 1 && body.starts_with('0') && body.bytes().any(|c| c != b'0' && c != b'_') {
                return Err(bad());
            }
            (10, body)
        }
        (b, _) => (b, body),
    };
    let digits = digits.strip_prefix('_').filter(|_| radix != 10 || base == 0).unwrap_or(digits);
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return Err(bad());
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    let v = num_bigint::BigInt::parse_bytes(clean.as_bytes(), radix).ok_or_else(bad)?;
    Ok(super::bigint::norm(if neg { -v } else { v }))
}
