//! `torch.linalg.*` and the torch-level linear algebra names (`torch.inverse`, `torch.det`,
//! `torch.cross`, `torch.kron`, `torch.vdot`, `torch.inner`, `torch.einsum`), plus
//! `torch.finfo`/`torch.iinfo` objects and `torch.broadcast_shapes`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::tensor::dtype::scalar_type_name;
use crate::tensor::ops::reduce::{NormOrd, ReduceOp};
use crate::tensor::ops::linalg as la;
use crate::tensor::{DType, Tensor};

use super::super::args::{opt_bool, opt_dims, opt_dtype, opt_i64, req, seq_items, to_dtype, to_f64, to_tensor, Args};
use super::super::builtins::native;
use super::super::object::Object;
use super::super::value::{NativeFn, Value};
use super::super::Interp;
use super::reductions::named;

fn tensor_arg(v: Option<Value>, f: &str, p: &str) -> Result<Tensor> {
    to_tensor(&req(v, f, p)?, p)
}

fn f_inverse(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [x] = a.bind("inverse", ["input|A"])?;
    Ok(Value::Tensor(crate::autograd::linalg_ops::inverse(&tensor_arg(x, "inverse", "input")?)?))
}

fn f_det(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("det", ["input|A"])?;
    Ok(Value::Tensor(crate::autograd::linalg_ops::det(&tensor_arg(x, "det", "input")?)?))
}

fn f_slogdet(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("slogdet", ["input|A"])?;
    let (s, l) = crate::autograd::linalg_ops::slogdet(&tensor_arg(x, "slogdet", "input")?)?;
    Ok(named("torch.return_types.slogdet", ["sign", "logabsdet"], s, l))
}

fn f_linalg_slogdet(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("slogdet", ["A"])?;
    let (s, l) = crate::autograd::linalg_ops::slogdet(&tensor_arg(x, "slogdet", "A")?)?;
    Ok(named("torch.return_types.linalg_slogdet", ["sign", "logabsdet"], s, l))
}

fn f_solve(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    a.take_kw("left");
    let [x, y] = a.bind("solve", ["A", "B"])?;
    Ok(Value::Tensor(crate::autograd::linalg_ops::solve(&tensor_arg(x, "solve", "A")?, &tensor_arg(y, "solve", "B")?)?))
}

fn f_cross(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y, d] = a.bind("cross", ["input", "other", "dim"])?;
    let (x, y) = (tensor_arg(x, "cross", "input")?, tensor_arg(y, "cross", "other")?);
    Ok(Value::Tensor(la::cross(&x, &y, opt_i64(d, "dim")?, "linalg.cross")?))
}

fn f_linalg_cross(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y, d] = a.bind("cross", ["input", "other", "dim"])?;
    let (x, y) = (tensor_arg(x, "cross", "input")?, tensor_arg(y, "cross", "other")?);
    Ok(Value::Tensor(la::cross(&x, &y, Some(opt_i64(d, "dim")?.unwrap_or(-1)), "linalg.cross")?))
}

fn f_kron(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y] = a.bind("kron", ["input", "other"])?;
    Ok(Value::Tensor(la::kron(&tensor_arg(x, "kron", "input")?, &tensor_arg(y, "kron", "other")?)?))
}

fn f_vdot(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y] = a.bind("vdot", ["input", "other"])?;
    Ok(Value::Tensor(la::vdot(&tensor_arg(x, "vdot", "input")?, &tensor_arg(y, "vdot", "other")?)?))
}

fn f_inner(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y] = a.bind("inner", ["input", "other"])?;
    Ok(Value::Tensor(la::inner(&tensor_arg(x, "inner", "input")?, &tensor_arg(y, "inner", "other")?)?))
}

fn f_einsum(_: &mut Interp, a: Args) -> Result<Value> {
    let mut pos = a.pos.into_iter();
    let eq = match pos.next() {
        Some(Value::Str(s)) => s,
        _ => return Err(Error::type_err("einsum(): argument 'equation' (position 1) must be str")),
    };
    let rest: Vec<Value> = pos.collect();
    let items = match rest.as_slice() {
        [one @ (Value::List(_) | Value::Tuple(_))] => seq_items(one).unwrap_or_default(),
        _ => rest,
    };
    let ts: Vec<Tensor> = items.iter().map(|v| to_tensor(v, "operands")).collect::<Result<_>>()?;
    Ok(Value::Tensor(crate::autograd::linalg_ops::einsum(&eq, &ts)?))
}

/// A norm order: numbers, ±inf, or 'fro'/'nuc'.
fn parse_ord(v: &Value) -> Result<NormOrd> {
    Ok(match v {
        Value::Str(s) => match &**s {
            "fro" => NormOrd::Fro,
            "nuc" => NormOrd::Nuc,
            other => return Err(Error::runtime(format!("linalg.matrix_norm: Order {other} not supported."))),
        },
        v => {
            let p = to_f64(v, "ord")?;
            if p == f64::INFINITY {
                NormOrd::Inf
            } else if p == f64::NEG_INFINITY {
                NormOrd::NegInf
            } else {
                NormOrd::P(p)
            }
        }
    })
}

fn check_float(x: &Tensor, fname: &str) -> Result<()> {
    if !x.dtype().is_floating_point() && !x.dtype().is_complex() {
        return Err(Error::not_impl(format!(
            "{fname}: Expected a floating point or complex tensor as input. Got {}",
            scalar_type_name(x.dtype())
        )));
    }
    Ok(())
}

/// Matrix norm over dims `(d0, d1)`.
fn matrix_norm(x: &Tensor, ord: NormOrd, d0: i64, d1: i64, keepdim: bool) -> Result<Tensor> {
    check_float(x, "linalg.matrix_norm")?;
    if x.ndim() < 2 {
        return Err(Error::runtime(format!(
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."
        )));
    }
    let nd = x.ndim();
    let a0 = crate::tensor::layout::normalize_dim(d0, nd)? as i64;
    let a1 = crate::tensor::layout::normalize_dim(d1, nd)? as i64;
    let abs = || crate::autograd::ops::unary(crate::tensor::ops::unary::UnaryOp::Abs, x);
    // ord 1: max over columns (d1) of the sum over rows (d0); inf: the transpose.
    let (sum_dim, ext_dim, op) = match ord {
        NormOrd::Fro => return crate::autograd::reduce_ops::norm(x, NormOrd::Fro, Some(&[a0, a1][..]), keepdim),
        NormOrd::P(p) if p == 1.0 => (a0, a1, ReduceOp::Amax),
        NormOrd::P(p) if p == -1.0 => (a0, a1, ReduceOp::Amin),
        NormOrd::Inf => (a1, a0, ReduceOp::Amax),
        NormOrd::NegInf => (a1, a0, ReduceOp::Amin),
        NormOrd::P(p) if p == 2.0 || p == -2.0 => {
            return Err(Error::not_impl("linalg.matrix_norm with ord=±2 (needs SVD)"))
        }
        NormOrd::Nuc => return Err(Error::not_impl("linalg.matrix_norm with ord='nuc' (needs SVD)")),
        NormOrd::P(p) => {
            return Err(Error::runtime(format!("linalg.matrix_norm: Order {p} not supported.")));
        }
    };
    // As PyTorch: sum over one dim, then the extreme over the other (same keepdim).
    let s = crate::autograd::shape_ops::reduce(ReduceOp::Sum, &abs()?, Some(&[sum_dim]), keepdim, None)?;
    let ext_dim = if !keepdim && ext_dim > sum_dim { ext_dim - 1 } else { ext_dim };
    crate::autograd::shape_ops::reduce(op, &s, Some(&[ext_dim]), keepdim, None)
}

fn vector_norm(x: &Tensor, ord: NormOrd, dims: Option<&[i64]>, keepdim: bool) -> Result<Tensor> {
    match ord {
        NormOrd::Fro | NormOrd::Nuc => Err(Error::runtime(
            "linalg.vector_norm: Expected ord to be a number, got a string",
        )),
        o => crate::autograd::reduce_ops::norm(x, o, dims, keepdim),
    }
}

fn with_dtype(x: Tensor, dt: Option<DType>) -> Tensor {
    match dt {
        Some(d) => x.to_dtype(d),
        None => x,
    }
}

fn f_vector_norm(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [x, o, d, k, dt] = a.bind("vector_norm", ["x|input", "ord", "dim", "keepdim", "dtype"])?;
    let x = with_dtype(tensor_arg(x, "vector_norm", "x")?, opt_dtype(dt)?);
    let ord = match o {
        None => NormOrd::P(2.0),
        Some(v) => parse_ord(&v)?,
    };
    Ok(Value::Tensor(vector_norm(&x, ord, opt_dims(d)?.as_deref(), opt_bool(k, false)?)?))
}

fn two_dims(d: Option<Value>) -> Result<(i64, i64)> {
    match opt_dims(d)?.as_deref() {
        None => Ok((-2, -1)),
        Some([a, b]) => Ok((*a, *b)),
        Some(_) => Err(Error::runtime("linalg.matrix_norm: dim must be a 2-tuple. Got ")),
    }
}

fn f_matrix_norm(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [x, o, d, k, dt] = a.bind("matrix_norm", ["A|input", "ord", "dim", "keepdim", "dtype"])?;
    let x = with_dtype(tensor_arg(x, "matrix_norm", "A")?, opt_dtype(dt)?);
    let ord = match o {
        None => NormOrd::Fro,
        Some(v) => parse_ord(&v)?,
    };
    let (d0, d1) = two_dims(d)?;
    Ok(Value::Tensor(matrix_norm(&x, ord, d0, d1, opt_bool(k, false)?)?))
}

fn f_linalg_norm(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [x, o, d, k, dt] = a.bind("norm", ["A|input", "ord", "dim", "keepdim", "dtype"])?;
    let x = with_dtype(tensor_arg(x, "norm", "A")?, opt_dtype(dt)?);
    let keep = opt_bool(k, false)?;
    let dims = opt_dims(d)?;
    let ord = match o {
        None | Some(Value::None) => None,
        Some(v) => Some(parse_ord(&v)?),
    };
    check_float(&x, "linalg.norm")?;
    let matrix = match (&ord, &dims) {
        (_, Some(d)) => d.len() == 2,
        (None, None) => false,
        (Some(NormOrd::Fro | NormOrd::Nuc), None) => true,
        (Some(_), None) => match x.ndim() {
            1 => false,
            2 => true,
            n => {
                return Err(Error::runtime(format!(
                    "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {n}D."
                )))
            }
        },
    };
    let t = if matrix {
        let (d0, d1) = match dims.as_deref() {
            Some([a, b]) => (*a, *b),
            _ => (-2, -1),
        };
        matrix_norm(&x, ord.unwrap_or(NormOrd::Fro), d0, d1, keep)?
    } else {
        if let Some(d) = &dims {
            if d.len() > 2 {
                return Err(Error::runtime(format!(
                    "linalg.norm: If dim is specified, it must be of length 1 or 2. Got [{}]",
                    d.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
                )));
            }
        }
        vector_norm(&x, ord.unwrap_or(NormOrd::P(2.0)), dims.as_deref(), keep)?
    };
    Ok(Value::Tensor(t))
}

/// `torch.finfo` / `torch.iinfo` values.
struct TypeInfo {
    dtype: DType,
}

fn float_info(d: DType) -> Option<(u32, f64, f64, f64, f64)> {
    // (bits, eps, max, tiny, resolution)
    Some(match d {
        DType::F16 => (16, 2f64.powi(-10), 65504.0, 2f64.powi(-14), 1e-3),
        DType::BF16 => (16, 2f64.powi(-7), 3.3895313892515355e38, f32::MIN_POSITIVE as f64, 1e-2),
        DType::F32 => (32, f32::EPSILON as f64, f32::MAX as f64, f32::MIN_POSITIVE as f64, 1e-6),
        DType::F64 => (64, f64::EPSILON, f64::MAX, f64::MIN_POSITIVE, 1e-15),
        DType::C64 => (32, f32::EPSILON as f64, f32::MAX as f64, f32::MIN_POSITIVE as f64, 1e-6),
        DType::C128 => (64, f64::EPSILON, f64::MAX, f64::MIN_POSITIVE, 1e-15),
        _ => return None,
    })
}

fn int_info(d: DType) -> Option<(u32, i64, i64)> {
    Some(match d {
        DType::U8 => (8, 0, 255),
        DType::I8 => (8, -128, 127),
        DType::I16 => (16, i16::MIN as i64, i16::MAX as i64),
        DType::I32 => (32, i32::MIN as i64, i32::MAX as i64),
        DType::I64 => (64, i64::MIN, i64::MAX),
        DType::Bool => (8, 0, 1),
        _ => return None,
    })
}

fn dtype_short(d: DType) -> String {
    d.name().trim_start_matches("torch.").to_string()
}

impl Object for TypeInfo {
    fn type_name(&self) -> &str {
        if self.dtype.is_floating_point() || self.dtype.is_complex() {
            "finfo"
        } else {
            "iinfo"
        }
    }
    fn repr(&self, interp: &mut Interp) -> String {
        let g = |interp: &mut Interp, x: f64| {
            super::super::repr::format_value(interp, &Value::Float(x), ".6").unwrap_or_default()
        };
        let name = dtype_short(if self.dtype.is_complex() { DType::F32 } else { self.dtype });
        if let Some((_, eps, max, tiny, res)) = float_info(self.dtype) {
            let (r, mn, mx, e, t) = (
                super::super::repr::repr(interp, &Value::Float(res)),
                g(interp, -max),
                g(interp, max),
                g(interp, eps),
                g(interp, tiny),
            );
            format!("finfo(resolution={r}, min={mn}, max={mx}, eps={e}, smallest_normal={t}, tiny={t}, dtype={name})")
        } else if let Some((_, mn, mx)) = int_info(self.dtype) {
            format!("iinfo(min={mn}, max={mx}, dtype={name})")
        } else {
            "<info>".into()
        }
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        if let Some((bits, eps, max, tiny, res)) = float_info(self.dtype) {
            return Ok(Some(match name {
                "bits" => Value::Int(bits as i64),
                "eps" => Value::Float(eps),
                "max" => Value::Float(max),
                "min" => Value::Float(-max),
                "tiny" | "smallest_normal" => Value::Float(tiny),
                "resolution" => Value::Float(res),
                "dtype" => Value::str(&dtype_short(if self.dtype.is_complex() { DType::F32 } else { self.dtype })),
                _ => return Ok(None),
            }));
        }
        if let Some((bits, mn, mx)) = int_info(self.dtype) {
            return Ok(Some(match name {
                "bits" => Value::Int(bits as i64),
                "max" => Value::Int(mx),
                "min" => Value::Int(mn),
                "dtype" => Value::str(&dtype_short(self.dtype)),
                _ => return Ok(None),
            }));
        }
        Ok(None)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn f_finfo(_: &mut Interp, a: Args) -> Result<Value> {
    let [d] = a.bind("finfo", ["type"])?;
    let d = match d {
        None => crate::tensor::default_dtype(),
        Some(v) => to_dtype(&v)?,
    };
    if float_info(d).is_none() {
        return Err(Error::type_err("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'"));
    }
    Ok(Value::Object(Rc::new(TypeInfo { dtype: d })))
}

fn f_iinfo(_: &mut Interp, a: Args) -> Result<Value> {
    let [d] = a.bind("iinfo", ["type"])?;
    let d = to_dtype(&req(d, "iinfo", "type")?)?;
    if int_info(d).is_none() || d == DType::Bool {
        return Err(Error::type_err("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'"));
    }
    Ok(Value::Object(Rc::new(TypeInfo { dtype: d })))
}

fn f_broadcast_shapes(_: &mut Interp, a: Args) -> Result<Value> {
    let mut out: Vec<usize> = Vec::new();
    for v in &a.pos {
        let s: Vec<usize> = match v {
            Value::Int(i) => vec![(*i).max(0) as usize],
            v => match seq_items(v) {
                Some(items) => items
                    .iter()
                    .map(|x| super::super::args::to_i64(x, "shape").map(|i| i.max(0) as usize))
                    .collect::<Result<_>>()?,
                None => return Err(Error::type_err("broadcast_shapes(): expected sequences of ints")),
            },
        };
        out = crate::tensor::layout::broadcast_shapes(&out, &s)
            .map_err(|_| {
                Error::runtime(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between {} and {}",
                    crate::tensor::layout::fmt_shape(&out),
                    crate::tensor::layout::fmt_shape(&s)
                ))
            })?
            .to_vec();
    }
    Ok(Value::Size(out.into()))
}

/// Functions shared by `torch.NAME` and `Tensor.NAME` (merged into `functions::lookup`).
pub const TABLE: &[(&str, NativeFn)] = &[
    ("inverse", f_inverse),
    ("det", f_det),
    ("slogdet", f_slogdet),
    ("cross", f_cross),
    ("kron", f_kron),
    ("vdot", f_vdot),
    ("inner", f_inner),
];

/// torch-level names that are not tensor methods.
/// The names `torch_lookup` and `linalg_lookup` resolve.
pub const TORCH_NAMES: &[&str] = &["einsum", "finfo", "iinfo", "broadcast_shapes"];
pub const LINALG_NAMES: &[&str] = &["inv", "det", "slogdet", "solve", "cross", "norm", "vector_norm", "matrix_norm"];

pub fn torch_lookup(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "einsum" => f_einsum,
        "finfo" => f_finfo,
        "iinfo" => f_iinfo,
        "broadcast_shapes" => f_broadcast_shapes,
        _ => return None,
    };
    Some(native(static_name(name), f))
}

fn static_name(name: &str) -> &'static str {
    match name {
        "einsum" => "einsum",
        "finfo" => "finfo",
        "iinfo" => "iinfo",
        _ => "broadcast_shapes",
    }
}

/// `torch.linalg.NAME`.
pub fn linalg_lookup(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "inv" => ("inv", f_inverse as NativeFn),
        "det" => ("det", f_det),
        "slogdet" => ("slogdet", f_linalg_slogdet),
        "solve" => ("solve", f_solve),
        "cross" => ("cross", f_linalg_cross),
        "vecdot" => return None,
        "norm" => ("norm", f_linalg_norm),
        "vector_norm" => ("vector_norm", f_vector_norm),
        "matrix_norm" => ("matrix_norm", f_matrix_norm),
        _ => return None,
    })
}
