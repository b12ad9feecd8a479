//! The interpreter: executes the AST with Python semantics over `Value`s. Statements
//! live here; expressions in `expr`, assignment targets in `assign`, operators in `ops`,
//! the Python builtins in `builtins` and the torch namespace in `torch`.

pub mod args;
pub mod assign;
pub mod bigint;
pub mod builtins;
pub mod expr;
pub mod fileio;
pub mod iter;
pub mod numpy;
pub mod object;
pub mod ops;
pub mod percent;
pub mod plt;
pub mod print;
pub mod repr;
pub mod scope;
pub mod torch;
pub mod tqdm;
pub mod value;

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Location, Result};
use crate::syntax::ast::{Expr, ExprKind, Span, Stmt, StmtKind};
use crate::syntax::{self, Diagnostic};

pub use args::Args;
pub use print::{OutputFormat, Printer};
use scope::Scope;
pub use value::Value;

/// One source text (a file, `-e` code or a REPL entry) with its display name.
pub struct SourceInfo {
    pub origin: Rc<str>,
    pub text: Rc<str>,
}

/// Control flow out of a statement.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// Why `run_source` stopped.
pub enum RunError {
    Syntax(Diagnostic, Rc<SourceInfo>),
    Runtime(Error),
}

/// Maximum depth of nested user-function calls (Python's default recursion limit).
pub const RECURSION_LIMIT: usize = 1000;

pub struct Interp {
    pub globals: Rc<RefCell<Scope>>,
    pub out: Printer,
    /// The source whose statements are executing (for error locations).
    pub src: Rc<SourceInfo>,
    depth: usize,
    /// Exceptions being handled (for a bare `raise`).
    handling: Vec<Error>,
}

impl Interp {
    pub fn new(out: Printer) -> Interp {
        // A calculator session starts with `torch` imported.
        let globals = Scope::new(None);
        if let Some(t) = torch::module("torch") {
            globals.borrow_mut().vars.insert(Rc::from("torch"), t);
        }
        Interp {
            globals,
            out,
            src: Rc::new(SourceInfo { origin: Rc::from("<stdin>"), text: Rc::from("") }),
            depth: 0,
            handling: Vec::new(),
        }
    }

    /// Parses and runs `text`. With `echo`, the values of expression statements at the top
    /// level are printed (REPL, `--echo`). Output is flushed before returning.
    pub fn run_source(&mut self, text: &str, origin: &str, echo: bool) -> Result<(), RunError> {
        let src = Rc::new(SourceInfo { origin: Rc::from(origin), text: Rc::from(text) });
        let module = match syntax::parse(text) {
            Ok(m) => m,
            Err(d) => return Err(RunError::Syntax(d, src)),
        };
        self.run_module(&module, src, echo).map_err(RunError::Runtime)
    }

    /// Runs an already parsed program (`src` is its text, for error locations), echoing
    /// top-level expression values when `echo` is set. (The REPL's `:timeit` parses once
    /// and runs many times.) Output is flushed before returning.
    pub fn run_module(&mut self, module: &syntax::ast::Module, src: Rc<SourceInfo>, echo: bool) -> Result<()> {
        let prev = std::mem::replace(&mut self.src, src);
        let globals = self.globals.clone();
        let mut result = Ok(());
        for stmt in &module.body {
            // The statement boundary also catches a device tensor reaching a host path that
            // no builtin call boundary covers (`backend::guard`).
            let r = crate::backend::guard("this statement", || {
                if echo {
                    if let StmtKind::Expr(e) = &stmt.kind {
                        return self.eval(e, &globals).and_then(|v| self.echo_value(&v)).map(|_| Flow::Normal);
                    }
                }
                self.exec(stmt, &globals)
            });
            match r {
                Ok(Flow::Normal) => {}
                Ok(flow) => {
                    // `break`/`continue`/`return` outside their construct: the parser lets
                    // them through, Python rejects them at compile time.
                    let msg = match flow {
                        Flow::Break => "'break' outside loop",
                        Flow::Continue => "'continue' not properly in loop",
                        _ => "'return' outside function",
                    };
                    result = Err(self.locate(Error::new(ExcKind::SyntaxError, msg), stmt.span));
                    break;
                }
                Err(e) => {
                    result = Err(self.locate(e, stmt.span));
                    break;
                }
            }
        }
        self.out.flush();
        self.src = prev;
        result
    }

    /// Attaches `span` as the innermost location if the error has none yet.
    pub fn locate(&self, mut e: Error, span: Span) -> Error {
        if e.trace.is_empty() {
            e.trace.push(self.location(span));
        }
        e
    }

    pub fn location(&self, span: Span) -> Location {
        let (line, col) = syntax::line_col(&self.src.text, span.start);
        Location { origin: self.src.origin.clone(), line, col }
    }

    /// Executes a block.
    pub fn exec_block(&mut self, stmts: &[Stmt], scope: &Rc<RefCell<Scope>>) -> Result<Flow> {
        for s in stmts {
            match self.exec(s, scope)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Executes one statement.
    pub fn exec(&mut self, stmt: &Stmt, scope: &Rc<RefCell<Scope>>) -> Result<Flow> {
        self.exec_inner(stmt, scope).map_err(|e| self.locate(e, stmt.span))
    }

    fn exec_inner(&mut self, stmt: &Stmt, scope: &Rc<RefCell<Scope>>) -> Result<Flow> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e, scope)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, scope)?;
                for t in targets {
                    self.assign(t, v.clone(), scope)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value, scope)?,
            StmtKind::AnnAssign { target, value } => {
                if let Some(value) = value {
                    let v = self.eval(value, scope)?;
                    self.assign(target, v, scope)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let c = self.eval(test, scope)?.truthy()?;
                return self.exec_block(if c { body } else { orelse }, scope);
            }
            StmtKind::While { test, body, orelse } => {
                loop {
                    crate::interrupt::check()?;
                    if !self.eval(test, scope)?.truthy()? {
                        return self.exec_block(orelse, scope);
                    }
                    match self.exec_block(body, scope)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                let it = self.eval(iter, scope)?;
                let mut items = self.iterate(&it)?;
                loop {
                    crate::interrupt::check()?;
                    let Some(item) = items.next(self)? else {
                        return self.exec_block(orelse, scope);
                    };
                    self.assign(target, item, scope)?;
                    match self.exec_block(body, scope)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def.clone(), false, scope)?;
                let mut v = f;
                for d in def.decorators.iter().rev() {
                    let dec = self.eval(d, scope)?;
                    v = self.call(&dec, Args::new(vec![v]))?;
                }
                self.set_name(&def.name, v, scope);
            }
            StmtKind::ClassDef { name, .. } => {
                return Err(Error::not_impl(format!(
                    "class definitions (class {name}) are not supported by tsr yet"
                )));
            }
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e, scope)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::With { items, body } => return self.exec_with(items, body, scope),
            StmtKind::Assert { test, msg } => {
                if !self.eval(test, scope)?.truthy()? {
                    let m = match msg {
                        Some(m) => {
                            let v = self.eval(m, scope)?;
                            repr::str(self, &v)
                        }
                        None => String::new(),
                    };
                    return Err(Error::new(ExcKind::AssertionError, m));
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, scope)?;
                }
            }
            StmtKind::Import(names) => {
                for n in names {
                    let module = builtins::import_module(&n.name)?;
                    match &n.asname {
                        Some(a) => self.set_name(a, module, scope),
                        None => {
                            // `import torch.nn` binds `torch`.
                            let top = n.name.split('.').next().unwrap_or(&n.name);
                            let v = builtins::import_module(top)?;
                            self.set_name(top, v, scope);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let m = builtins::import_module(module)?;
                for n in names {
                    if n.name == "*" {
                        return Err(Error::not_impl(format!("from {module} import *")));
                    }
                    let v = match self.get_attr(&m, &n.name) {
                        Ok(v) => v,
                        Err(_) => match builtins::import_module(&format!("{module}.{}", n.name)) {
                            Ok(v) => v,
                            Err(_) => {
                                return Err(Error::new(
                                    ExcKind::ImportError,
                                    format!("cannot import name '{}' from '{}'", n.name, module),
                                ));
                            }
                        },
                    };
                    self.set_name(n.asname.as_deref().unwrap_or(&n.name), v, scope);
                }
            }
            StmtKind::Global(names) => {
                let mut s = scope.borrow_mut();
                for n in names {
                    s.globals.insert(Rc::from(n.as_str()));
                }
            }
            StmtKind::Nonlocal(names) => {
                let mut s = scope.borrow_mut();
                for n in names {
                    s.nonlocals.insert(Rc::from(n.as_str()));
                }
            }
            StmtKind::Raise(e) => {
                return Err(match e {
                    None => self
                        .handling
                        .last()
                        .cloned()
                        .unwrap_or_else(|| Error::runtime("No active exception to reraise")),
                    Some(e) => {
                        let v = self.eval(e, scope)?;
                        builtins::to_exception(self, v)?
                    }
                });
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                let r = self.exec_try(body, handlers, orelse, scope);
                if !finalbody.is_empty() {
                    match self.exec_block(finalbody, scope)? {
                        Flow::Normal => {}
                        other => return Ok(other),
                    }
                }
                return r;
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[crate::syntax::ast::ExceptHandler],
        orelse: &[Stmt],
        scope: &Rc<RefCell<Scope>>,
    ) -> Result<Flow> {
        match self.exec_block(body, scope) {
            Ok(Flow::Normal) => self.exec_block(orelse, scope),
            Ok(other) => Ok(other),
            Err(e) => {
                for h in handlers {
                    let matches = match &h.typ {
                        None => true,
                        Some(t) => {
                            let tv = self.eval(t, scope)?;
                            builtins::exception_matches(&tv, e.kind)
                        }
                    };
                    if matches {
                        if let Some(name) = &h.name {
                            let ev = Value::Exception(Rc::new(value::ExcValue {
                                kind: e.kind,
                                msg: e.msg.clone(),
                            }));
                            self.set_name(name, ev, scope);
                        }
                        self.handling.push(e);
                        let r = self.exec_block(&h.body, scope);
                        self.handling.pop();
                        return r;
                    }
                }
                Err(e)
            }
        }
    }

    fn exec_with(
        &mut self,
        items: &[crate::syntax::ast::WithItem],
        body: &[Stmt],
        scope: &Rc<RefCell<Scope>>,
    ) -> Result<Flow> {
        let Some((first, rest)) = items.split_first() else {
            return self.exec_block(body, scope);
        };
        let ctx = self.eval(&first.context, scope)?;
        let obj = match &ctx {
            Value::Object(o) => o.clone(),
            other => {
                return Err(Error::type_err(format!(
                    "'{}' object does not support the context manager protocol",
                    other.type_name()
                )));
            }
        };
        let entered = obj.enter(self)?;
        if let Some(t) = &first.target {
            if let Err(e) = self.assign(t, entered, scope) {
                obj.exit(self)?;
                return Err(e);
            }
        }
        let r = self.exec_with(rest, body, scope);
        obj.exit(self)?;
        r
    }

    /// Binds `name` in `scope`, honouring `global` / `nonlocal` declarations.
    pub fn set_name(&mut self, name: &str, v: Value, scope: &Rc<RefCell<Scope>>) {
        let (is_global, is_nonlocal) = {
            let s = scope.borrow();
            (s.globals.contains(name), s.nonlocals.contains(name))
        };
        if is_global {
            self.globals.borrow_mut().vars.insert(Rc::from(name), v);
        } else if is_nonlocal {
            if let Some(o) = scope::owner(scope, name) {
                o.borrow_mut().vars.insert(Rc::from(name), v);
            }
        } else {
            let mut s = scope.borrow_mut();
            match s.vars.get_mut(name) {
                Some(slot) => *slot = v,
                None => {
                    s.vars.insert(Rc::from(name), v);
                }
            }
        }
    }

    /// Reads a name: local scope chain, then builtins.
    pub fn get_name(&mut self, name: &str, scope: &Rc<RefCell<Scope>>) -> Result<Value> {
        if let Some(v) = scope::lookup(scope, name) {
            return Ok(v);
        }
        if let Some(v) = scope::lookup(&self.globals, name) {
            return Ok(v);
        }
        builtins::lookup(name).ok_or_else(|| {
            Error::new(ExcKind::NameError, format!("name '{name}' is not defined"))
        })
    }

    pub(super) fn make_function(
        &mut self,
        def: Rc<crate::syntax::ast::FunctionDef>,
        is_lambda: bool,
        scope: &Rc<RefCell<Scope>>,
    ) -> Result<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, scope)?),
                None => None,
            });
        }
        Ok(Value::Function(Rc::new(value::Function {
            def,
            defaults,
            closure: Some(scope.clone()),
            is_lambda,
            src: self.src.clone(),
        })))
    }

    /// Runs `f` in a fresh scope after Python-style argument binding.
    pub fn call_function(&mut self, f: &Rc<value::Function>, args: Args) -> Result<Value> {
        if self.depth >= RECURSION_LIMIT {
            return Err(Error::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let parent = f.closure.clone().unwrap_or_else(|| self.globals.clone());
        let scope = Scope::new(Some(parent));
        expr::bind_params(f, args, &scope)?;
        let prev_src = std::mem::replace(&mut self.src, f.src.clone());
        self.depth += 1;
        let r = if f.is_lambda {
            match &f.def.body.first().map(|s| &s.kind) {
                Some(StmtKind::Return(Some(e))) => self.eval(e, &scope),
                _ => Ok(Value::None),
            }
        } else {
            self.exec_block(&f.def.body, &scope).map(|flow| match flow {
                Flow::Return(v) => v,
                _ => Value::None,
            })
        };
        self.depth -= 1;
        self.src = prev_src;
        r
    }

    /// Evaluates an expression (see `expr.rs`).
    pub fn eval(&mut self, e: &Expr, scope: &Rc<RefCell<Scope>>) -> Result<Value> {
        match &e.kind {
            // Hot paths inline; everything else in expr.rs.
            ExprKind::Name(n) => self.get_name(n, scope),
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            _ => self.eval_expr(e, scope),
        }
    }
}
