//! Structure-aware: the fuzzer's bytes choose a well-formed program over the language and
//! the torch API (creation with shapes and dtypes, arithmetic, reductions with dims,
//! views, indexing, joins, casts, autograd calls, loops, try/except, printing in all three
//! formats), which is rendered as tsr source and run with small size limits. Every
//! program must finish with a value or a Python exception, never a panic.
#![no_main]
use std::fmt::Write as _;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

const VARS: u8 = 6;
const MAX_DEPTH: u32 = 5;

#[derive(Arbitrary, Debug)]
enum Stmt {
    Assign(u8, Expr),
    Print(Expr),
    Echo(Expr),
    AugAssign(u8, BinOp, Expr),
    InPlace(u8, InPlaceOp, Expr),
    SetItem(u8, Vec<Index>, Expr),
    RequiresGrad(u8),
    Backward(u8),
    BackwardCmd(Expr),
    Grad(u8),
    GradOf(u8, u8),
    ZeroGrad(u8),
    For(u8, Vec<Stmt>),
    NoGrad(Vec<Stmt>),
    Try(Vec<Stmt>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    Seed(u16),
    PrintOptions(u8, u8, bool),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    Lt,
    Eq,
    And,
    Or,
    Xor,
    Shl,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum InPlaceOp {
    Add,
    Mul,
    Clamp,
    Copy,
    Fill,
    Zero,
    Exp,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Unary {
    Neg,
    Abs,
    Exp,
    Log,
    Sqrt,
    Sin,
    Tanh,
    Sigmoid,
    Relu,
    Floor,
    Round,
    Sign,
    Not,
    IsNan,
    NanToNum,
    Softmax(i8),
    Cumsum(i8),
    Clone,
    Contiguous,
    Detach,
    Flatten,
    T,
    Squeeze,
    Unsqueeze(i8),
    Float,
    Long,
    Half,
    Bool,
    Double,
    Complex,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Reduce {
    Sum,
    Mean,
    Max,
    Min,
    Argmax,
    Prod,
    Std,
    Norm,
    All,
    Any,
    Logsumexp,
    Sort,
    Topk(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum DType {
    F32,
    F64,
    F16,
    BF16,
    I64,
    I32,
    U8,
    I8,
    Bool,
    C64,
}

#[derive(Arbitrary, Debug)]
enum Create {
    Zeros,
    Ones,
    Rand,
    Randn,
    Arange,
    Full(i8),
    Eye,
    Randint(i8),
    Linspace,
    Tensor(Vec<i8>),
    Nested(Vec<Vec<i8>>),
    Empty,
}

#[derive(Arbitrary, Debug)]
enum Index {
    Int(i8),
    Slice(Option<i8>, Option<i8>, Option<i8>),
    None,
    Ellipsis,
    List(Vec<i8>),
    Mask(u8),
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Var(u8),
    Int(i16),
    Float(i16, u8),
    Special(u8),
    Create(Create, Vec<u8>, Option<DType>, bool),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Unary(Unary, Box<Expr>),
    Reduce(Reduce, Box<Expr>, Option<i8>, bool),
    View(Box<Expr>, Vec<i8>),
    Reshape(Box<Expr>, Vec<i8>),
    Permute(Box<Expr>, Vec<u8>),
    Transpose(Box<Expr>, i8, i8),
    Expand(Box<Expr>, Vec<i8>),
    Index(Box<Expr>, Vec<Index>),
    Cat(Vec<Expr>, i8),
    Stack(Vec<Expr>, i8),
    Where(Box<Expr>, Box<Expr>, Box<Expr>),
    Gather(Box<Expr>, i8, Box<Expr>),
    Einsum(u8, Box<Expr>, Box<Expr>),
    Item(Box<Expr>),
    Shape(Box<Expr>),
    Len(Box<Expr>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Grad(u8),
    GradFn(u8),
    To(Box<Expr>, DType),
    Linear(u8, u8, Box<Expr>),
    Loss(u8, Box<Expr>, Box<Expr>),
    FString(Box<Expr>, u8),
    Compare(Box<Expr>, Box<Expr>),
    Lambda(Box<Expr>),
}

fn dtype_name(d: DType) -> &'static str {
    match d {
        DType::F32 => "torch.float32",
        DType::F64 => "torch.float64",
        DType::F16 => "torch.float16",
        DType::BF16 => "torch.bfloat16",
        DType::I64 => "torch.int64",
        DType::I32 => "torch.int32",
        DType::U8 => "torch.uint8",
        DType::I8 => "torch.int8",
        DType::Bool => "torch.bool",
        DType::C64 => "torch.complex64",
    }
}

/// Small shapes only: at most 4 dimensions of at most 5 elements.
fn shape(dims: &[u8]) -> String {
    let dims: Vec<String> = dims.iter().take(4).map(|d| (d % 6).to_string()).collect();
    if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) }
}

fn ints(v: &[i8], n: usize) -> String {
    v.iter().take(n).map(|d| (d % 7).to_string()).collect::<Vec<_>>().join(", ")
}

struct Gen {
    out: String,
}

impl Gen {
    fn var(v: u8) -> String {
        format!("v{}", v % VARS)
    }

    fn expr(&self, e: &Expr, depth: u32) -> String {
        if depth > MAX_DEPTH {
            return "v0".into();
        }
        let d = depth + 1;
        let sub = |x: &Expr| self.expr(x, d);
        match e {
            Expr::Var(v) => Self::var(*v),
            Expr::Int(i) => i.to_string(),
            Expr::Float(m, e) => format!("{}e{}", m, (*e % 8) as i32 - 4),
            Expr::Special(k) => ["float('nan')", "float('inf')", "-float('inf')", "True", "None", "-0.0", "2**63", "1e308"]
                [(*k % 8) as usize]
                .into(),
            Expr::Create(c, dims, dt, rg) => {
                let mut kw = String::new();
                if let Some(dt) = dt {
                    let _ = write!(kw, ", dtype={}", dtype_name(*dt));
                }
                if *rg {
                    kw.push_str(", requires_grad=True");
                }
                let sh = shape(dims);
                match c {
                    Create::Zeros => format!("torch.zeros({sh}{kw})"),
                    Create::Ones => format!("torch.ones({sh}{kw})"),
                    Create::Rand => format!("torch.rand({sh}{kw})"),
                    Create::Randn => format!("torch.randn({sh}{kw})"),
                    Create::Empty => format!("torch.empty({sh}{kw}).zero_()"),
                    Create::Arange => format!("torch.arange({}{kw})", dims.first().map_or(3, |d| d % 12)),
                    Create::Full(v) => format!("torch.full({sh}, {v}{kw})"),
                    Create::Eye => format!("torch.eye({}{kw})", dims.first().map_or(2, |d| d % 5)),
                    Create::Randint(h) => format!("torch.randint({}, {sh})", h),
                    Create::Linspace => format!("torch.linspace(-1, 1, {}{kw})", dims.first().map_or(3, |d| d % 9)),
                    Create::Tensor(v) => format!("torch.tensor([{}]{kw})", ints(v, 8)),
                    Create::Nested(rows) => {
                        let rows: Vec<String> = rows.iter().take(4).map(|r| format!("[{}]", ints(r, 4))).collect();
                        format!("torch.tensor([{}]{kw})", rows.join(", "))
                    }
                }
            }
            Expr::Bin(op, a, b) => {
                let sym = match op {
                    BinOp::Add => "+",
                    BinOp::Sub => "-",
                    BinOp::Mul => "*",
                    BinOp::Div => "/",
                    BinOp::FloorDiv => "//",
                    BinOp::Mod => "%",
                    BinOp::Pow => "**",
                    BinOp::MatMul => "@",
                    BinOp::Lt => "<",
                    BinOp::Eq => "==",
                    BinOp::And => "&",
                    BinOp::Or => "|",
                    BinOp::Xor => "^",
                    BinOp::Shl => "<<",
                };
                format!("({} {sym} {})", sub(a), sub(b))
            }
            Expr::Unary(u, a) => {
                let a = sub(a);
                match u {
                    Unary::Neg => format!("(-{a})"),
                    Unary::Not => format!("(~{a})"),
                    Unary::Softmax(dim) => format!("torch.softmax({a}, dim={})", dim % 4),
                    Unary::Cumsum(dim) => format!("{a}.cumsum({})", dim % 4),
                    Unary::Unsqueeze(dim) => format!("{a}.unsqueeze({})", dim % 4),
                    Unary::T => format!("{a}.T"),
                    Unary::Complex => format!("{a}.to(torch.complex64)"),
                    Unary::IsNan => format!("torch.isnan({a})"),
                    Unary::NanToNum => format!("torch.nan_to_num({a})"),
                    other => {
                        let m = format!("{other:?}").to_lowercase();
                        format!("{a}.{m}()")
                    }
                }
            }
            Expr::Reduce(r, a, dim, keep) => {
                let a = sub(a);
                let args = match dim {
                    Some(dm) => format!("dim={}, keepdim={}", dm % 4, if *keep { "True" } else { "False" }),
                    None => String::new(),
                };
                match r {
                    Reduce::Norm => format!("{a}.float().norm({args})"),
                    Reduce::Topk(k) => format!("{a}.topk({}{}{args})", k % 4, if dim.is_some() { ", " } else { "" }),
                    Reduce::Sort => format!("{a}.sort({})[0]", dim.map_or(String::new(), |d| (d % 3).to_string())),
                    other => format!("{a}.{}({args})", format!("{other:?}").to_lowercase()),
                }
            }
            Expr::View(a, s) => format!("{}.view({})", sub(a), ints(s, 4)),
            Expr::Reshape(a, s) => format!("{}.reshape({})", sub(a), ints(s, 4)),
            Expr::Permute(a, p) => {
                let p: Vec<String> = p.iter().take(4).map(|x| (x % 4).to_string()).collect();
                format!("{}.permute({})", sub(a), p.join(", "))
            }
            Expr::Transpose(a, i, j) => format!("{}.transpose({}, {})", sub(a), i % 3, j % 3),
            Expr::Expand(a, s) => format!("{}.expand({})", sub(a), ints(s, 4)),
            Expr::Index(a, idx) => format!("{}[{}]", sub(a), self.index(idx)),
            Expr::Cat(xs, dim) => format!("torch.cat([{}], dim={})", self.list(xs, d), dim % 3),
            Expr::Stack(xs, dim) => format!("torch.stack([{}], dim={})", self.list(xs, d), dim % 3),
            Expr::Where(c, a, b) => format!("torch.where({} > 0, {}, {})", sub(c), sub(a), sub(b)),
            Expr::Gather(a, dim, i) => format!("{}.gather({}, {}.long().abs() % 3)", sub(a), dim % 3, sub(i)),
            Expr::Einsum(k, a, b) => {
                let eq = ["ij,jk->ik", "i,i->", "ij->ji", "bij,bjk->bik", "ii->i", "i,j->ij"][(*k % 6) as usize];
                format!("torch.einsum('{eq}', {}, {})", sub(a), sub(b))
            }
            Expr::Item(a) => format!("{}.item()", sub(a)),
            Expr::Shape(a) => format!("{}.shape", sub(a)),
            Expr::Len(a) => format!("len({})", sub(a)),
            Expr::List(xs) => format!("[{}]", self.list(xs, d)),
            Expr::Tuple(xs) => format!("({},)", self.list(xs, d)),
            Expr::Grad(v) => format!("{}.grad", Self::var(*v)),
            Expr::GradFn(v) => format!("{}.grad_fn", Self::var(*v)),
            Expr::To(a, dt) => format!("{}.to({})", sub(a), dtype_name(*dt)),
            Expr::Linear(i, o, a) => format!("torch.nn.Linear({}, {})({})", i % 5, o % 5, sub(a)),
            Expr::Loss(k, a, b) => {
                let f = ["mse_loss", "l1_loss", "cross_entropy", "binary_cross_entropy_with_logits", "nll_loss"]
                    [(*k % 5) as usize];
                format!("torch.nn.functional.{f}({}, {})", sub(a), sub(b))
            }
            Expr::FString(a, k) => {
                let spec = ["", ":.3f", ":>8", ":e", "!r", ":,"][(*k % 6) as usize];
                format!("f'{{{}{spec}}}'", sub(a))
            }
            Expr::Compare(a, b) => format!("torch.allclose({}, {})", sub(a), sub(b)),
            Expr::Lambda(a) => format!("(lambda v0: {})(v1)", sub(a)),
        }
    }

    fn list(&self, xs: &[Expr], depth: u32) -> String {
        xs.iter().take(4).map(|x| self.expr(x, depth)).collect::<Vec<_>>().join(", ")
    }

    fn index(&self, idx: &[Index]) -> String {
        let parts: Vec<String> = idx
            .iter()
            .take(4)
            .map(|i| match i {
                Index::Int(k) => (k % 5).to_string(),
                Index::Slice(a, b, c) => {
                    let f = |x: &Option<i8>| x.map_or(String::new(), |v| (v % 6).to_string());
                    match c {
                        Some(s) => format!("{}:{}:{}", f(a), f(b), (s % 3).abs() + 1),
                        None => format!("{}:{}", f(a), f(b)),
                    }
                }
                Index::None => "None".into(),
                Index::Ellipsis => "...".into(),
                Index::List(v) => format!("[{}]", ints(v, 3)),
                Index::Mask(v) => format!("{} > 0", Self::var(*v)),
            })
            .collect();
        if parts.is_empty() { "...".into() } else { parts.join(", ") }
    }

    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn block(&mut self, stmts: &[Stmt], indent: usize) {
        if stmts.is_empty() {
            self.line(indent, "pass");
        }
        for s in stmts.iter().take(8) {
            self.stmt(s, indent);
        }
    }

    fn stmt(&mut self, s: &Stmt, indent: usize) {
        if indent > 3 {
            return self.line(indent, "pass");
        }
        match s {
            Stmt::Assign(v, e) => {
                let t = format!("{} = {}", Self::var(*v), self.expr(e, 0));
                self.line(indent, &t)
            }
            Stmt::Print(e) => {
                let t = format!("print({})", self.expr(e, 0));
                self.line(indent, &t)
            }
            Stmt::Echo(e) => {
                let t = self.expr(e, 0);
                self.line(indent, &t)
            }
            Stmt::AugAssign(v, op, e) => {
                let sym = match op {
                    BinOp::Add => "+=",
                    BinOp::Sub => "-=",
                    BinOp::Mul => "*=",
                    BinOp::Div => "/=",
                    BinOp::MatMul => "@=",
                    BinOp::Pow => "**=",
                    _ => "//=",
                };
                let t = format!("{} {sym} {}", Self::var(*v), self.expr(e, 0));
                self.line(indent, &t)
            }
            Stmt::InPlace(v, op, e) => {
                let x = Self::var(*v);
                let e = self.expr(e, 0);
                let t = match op {
                    InPlaceOp::Add => format!("{x}.add_({e})"),
                    InPlaceOp::Mul => format!("{x}.mul_({e})"),
                    InPlaceOp::Clamp => format!("{x}.clamp_(min=-1, max=1)"),
                    InPlaceOp::Copy => format!("{x}.copy_({e})"),
                    InPlaceOp::Fill => format!("{x}.fill_({e})"),
                    InPlaceOp::Zero => format!("{x}.zero_()"),
                    InPlaceOp::Exp => format!("{x}.exp_()"),
                };
                self.line(indent, &t)
            }
            Stmt::SetItem(v, idx, e) => {
                let t = format!("{}[{}] = {}", Self::var(*v), self.index(idx), self.expr(e, 0));
                self.line(indent, &t)
            }
            Stmt::RequiresGrad(v) => self.line(indent, &format!("{}.requires_grad_()", Self::var(*v))),
            Stmt::Backward(v) => self.line(indent, &format!("{}.sum().backward(retain_graph=True)", Self::var(*v))),
            Stmt::BackwardCmd(e) => {
                let t = format!("backward({})", self.expr(e, 0));
                self.line(indent, &t)
            }
            Stmt::Grad(v) => self.line(indent, &format!("grad({})", Self::var(*v))),
            Stmt::GradOf(a, b) => {
                self.line(indent, &format!("torch.autograd.grad({}.sum(), [{}], allow_unused=True)", Self::var(*a), Self::var(*b)))
            }
            Stmt::ZeroGrad(v) => self.line(indent, &format!("{}.grad = None", Self::var(*v))),
            Stmt::For(n, body) => {
                self.line(indent, &format!("for i in range({}):", n % 4));
                self.block(body, indent + 1);
            }
            Stmt::NoGrad(body) => {
                self.line(indent, "with torch.no_grad():");
                self.block(body, indent + 1);
            }
            Stmt::Try(body) => {
                self.line(indent, "try:");
                self.block(body, indent + 1);
                self.line(indent, "except Exception as e:");
                self.line(indent + 1, "print(type(e).__name__, e)");
            }
            Stmt::If(c, a, b) => {
                let t = format!("if {}:", self.expr(c, 0));
                self.line(indent, &t);
                self.block(a, indent + 1);
                self.line(indent, "else:");
                self.block(b, indent + 1);
            }
            Stmt::Seed(s) => self.line(indent, &format!("torch.manual_seed({s})")),
            Stmt::PrintOptions(p, t, sci) => self.line(
                indent,
                &format!(
                    "torch.set_printoptions(precision={}, threshold={}, sci_mode={})",
                    p % 10,
                    t % 50 + 1,
                    if *sci { "True" } else { "False" }
                ),
            ),
        }
    }
}

/// The interpreter recurses on nested expressions: it runs on a pool thread with the CLI's
/// large stack, as `tsr` does.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(2).stack_size(256 << 20).build().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(format) = u.int_in_range(0u8..=2) else { return };
    let Ok(stmts) = Vec::<Stmt>::arbitrary(&mut u) else { return };
    let mut g = Gen { out: String::new() };
    // Every variable starts as a small float tensor, so most statements have something
    // to work on.
    for v in 0..VARS {
        g.out.push_str(&format!("v{v} = torch.arange({}.0).reshape({}, -1)\n", 2 * (v + 1), v % 2 + 1));
    }
    for s in stmts.iter().take(24) {
        g.stmt(s, 0);
    }
    let src = g.out;
    if std::env::var_os("TSR_FUZZ_SHOW").is_some() {
        eprintln!("{src}");
    }
    pool().install(|| {
        tsr::memory::set_limit(Some(64 << 20));
        tsr::format::torch_repr::set_print_options(Default::default());
        let fmt = match format {
            0 => tsr::eval::print::OutputFormat::Torch,
            1 => tsr::eval::print::OutputFormat::Table,
            _ => tsr::eval::print::OutputFormat::Json,
        };
        let printer = tsr::eval::print::Printer::new(fmt, format == 1, 80, Box::new(std::io::sink()));
        let mut interp = tsr::eval::Interp::new(printer);
        let _ = interp.run_source(&src, "<fuzz>", true);
    });
});
