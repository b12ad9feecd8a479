//! The syntax tree. Every node carries its byte span in the source so runtime errors can
//! point at the exact sub-expression. Each variant documents the surface syntax it stands for.

use std::rc::Rc;

/// Byte range `start..end` in the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A parsed program (a file, a `-e` string, or one REPL entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `expr` on its own line (printed by the REPL and with `--echo`).
    Expr(Expr),
    /// `a = b = value`, `x, y = pair`, `x.grad = None`, `t[m] = 0`: one or more targets.
    Assign { targets: Vec<Expr>, value: Expr },
    /// `x += 1` (op is the binary operator without `=`).
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `x: int = 3` (annotation is parsed and ignored).
    AnnAssign { target: Expr, value: Option<Expr> },
    /// `if c: … elif d: … else: …` (elif is a nested `If` in `orelse`).
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for target in iter: … else: …`; target may be a tuple `a, b`.
    For { target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `while c: … else: …`
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Break,
    Continue,
    Pass,
    /// `def name(params): body` with decorators (parsed, applied in order).
    FunctionDef(Rc<FunctionDef>),
    /// `class Name(bases): body` (parsed; the evaluator decides what it supports).
    ClassDef { name: String, bases: Vec<Expr>, body: Vec<Stmt> },
    /// `return` / `return value` / `return a, b`.
    Return(Option<Expr>),
    /// `with a as x, b: body`
    With { items: Vec<WithItem>, body: Vec<Stmt> },
    /// `assert test` / `assert test, msg`
    Assert { test: Expr, msg: Option<Expr> },
    /// `del a, b[0]`
    Del(Vec<Expr>),
    /// `import torch`, `import torch.nn as nn`, `import a, b`
    Import(Vec<ImportName>),
    /// `from torch import nn, optim as o`, `from torch.nn import functional as F`
    ImportFrom { module: String, names: Vec<ImportName> },
    /// `global a, b`
    Global(Vec<String>),
    /// `nonlocal a`
    Nonlocal(Vec<String>),
    /// `raise` / `raise ValueError("msg")`
    Raise(Option<Expr>),
    /// `try: … except E as e: … else: … finally: …`
    Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The exception class expression (`ValueError`, `(A, B)`), or None for bare `except:`.
    pub typ: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    /// `as target`
    pub target: Option<Expr>,
}

/// `import a.b.c as d`: `name` is the dotted path, `asname` the alias.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportName {
    pub name: String,
    pub asname: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub name: String,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// Default value (`b=1`); only for `Normal` and `KwOnly`.
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// `a` or `a=1`
    Normal,
    /// `*args`
    VarArgs,
    /// parameters after `*args` or a bare `*`
    KwOnly,
    /// `**kw`
    VarKw,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `x`
    Name(String),
    /// `42`, `0x1f`, `1_000`
    Int(i64),
    /// An integer literal beyond i64 (decimal digits); Python ints are unbounded.
    BigInt(String),
    /// `1.5`, `1e-3`, `3.`
    Float(f64),
    /// `2j` (imaginary literal)
    Imag(f64),
    /// `'text'`, `"text"` with escapes already processed; adjacent literals concatenated.
    Str(String),
    /// `f"x = {x:.3f}"`
    FString(Vec<FStringPart>),
    /// `True`, `False`
    Bool(bool),
    /// `None`
    None,
    /// `...`
    Ellipsis,
    /// `[a, b]`
    List(Vec<Expr>),
    /// `(a, b)`, `a, b`, `()`
    Tuple(Vec<Expr>),
    /// `{k: v, ...}`
    Dict(Vec<(Expr, Expr)>),
    /// `{a, b}`
    Set(Vec<Expr>),
    /// `*xs` inside a list/tuple display or call arguments
    Starred(Box<Expr>),
    /// `[elt for t in it if c ...]`
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `(elt for t in it)` (evaluated eagerly)
    GeneratorExp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `{k: v for t in it}`
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
    /// `a + b` etc.
    BinOp { op: BinOp, left: Box<Expr>, right: Box<Expr> },
    /// `-a`, `+a`, `~a`, `not a`
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `a and b and c` / `a or b` (one node per run of the same operator)
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `a < b <= c`: `left`, then each (op, right) pair; chained as Python does.
    Compare { left: Box<Expr>, ops: Vec<(CmpOp, Expr)> },
    /// `body if test else orelse`
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    /// `lambda x, y=1: expr`
    Lambda(Rc<FunctionDef>),
    /// `f(a, b=1, *args, **kw)`
    Call { func: Box<Expr>, args: Vec<Arg> },
    /// `value.attr`
    Attribute { value: Box<Expr>, attr: String },
    /// `value[index]`; `a[1, 2:3]` has a `Tuple` index.
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `lo:hi:step` inside a subscript (each part optional)
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
}

/// One part of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    Lit(String),
    /// `{expr!r:spec}`; `spec` may itself contain `{…}` replacement fields.
    Field { expr: Expr, debug_text: Option<String>, conversion: Option<char>, spec: Vec<FStringPart> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

/// A call argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Pos(Expr),
    /// `name=value`
    Kw(String, Expr),
    /// `*args`
    Star(Expr),
    /// `**kwargs`
    StarStar(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

impl BinOp {
    /// The operator as written (`+`, `//`, `@`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::MatMul => "@",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}
