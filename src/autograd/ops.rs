//! The differentiable op layer: the same signatures as the `tensor::ops` functions they
//! wrap. Each computes the forward with `tensor::ops` and, when grad mode is on and an
//! input requires grad, attaches a `Node` named as PyTorch names it. Backward closures use
//! these same functions, so `create_graph=True` builds a graph of the backward.

use std::rc::Rc;

use super::node::{BackwardFn, Edge, Node};
use crate::error::{Error, Result};
use crate::tensor::layout::Shape;
use crate::tensor::ops::binary::{self as tb, BinaryOp};
use crate::tensor::ops::compare::{self as tcmp, CmpOp};
use crate::tensor::ops::matmul as tmm;
use crate::tensor::ops::unary::{self as tu, UnaryOp};
use crate::tensor::{DType, Scalar, Tensor};

pub use super::shape_ops::*;

/// Names of every node this layer can create (the gradcheck tests cover each).
pub const REGISTRY: &[&str] = &[
    "AddBackward0", "SubBackward0", "MulBackward0", "DivBackward0", "PowBackward0", "PowBackward1",
    "PowBackward2", "NegBackward0", "ExpBackward0", "LogBackward0", "SinBackward0", "CosBackward0",
    "TanBackward0", "TanhBackward0", "SigmoidBackward0", "ReluBackward0", "SqrtBackward0",
    "AbsBackward0", "ReciprocalBackward0", "RsqrtBackward0", "Log1pBackward0", "Expm1Backward0",
    "Log2Backward0", "Log10Backward0", "Exp2Backward0", "SinhBackward0", "CoshBackward0",
    "AsinBackward0", "AcosBackward0", "AtanBackward0", "SiluBackward0", "LogSigmoidBackward0",
    "ErfBackward0", "SoftplusBackward0", "MmBackward0", "MvBackward0", "DotBackward0",
    "UnsafeViewBackward0", "SumBackward0", "SumBackward1", "MeanBackward0", "MeanBackward1",
    "MaxBackward1", "MinBackward1", "MaxBackward0", "MinBackward0", "ViewBackward0",
    "TransposeBackward0", "TBackward0", "PermuteBackward0", "ExpandBackward0", "SqueezeBackward0",
    "SqueezeBackward1", "UnsqueezeBackward0", "IndexBackward0", "SelectBackward0",
    "SliceBackward0", "CatBackward0", "StackBackward0", "SoftmaxBackward0", "LogSoftmaxBackward0",
    "ClampBackward1", "WhereBackward0", "CloneBackward0", "ToCopyBackward0", "SqueezeBackward2",
    "AliasBackward0",
];

/// A tensor's shape as `i64`s (the form reshape/view take).
pub fn ishape_of(t: &Tensor) -> Vec<i64> {
    t.shape().iter().map(|&d| d as i64).collect()
}

/// A new tensor object over the same data with no autograd history.
pub fn detached(t: &Tensor) -> Tensor {
    t.with_layout(t.layout())
}

/// True when an op on `ins` must be recorded.
pub fn track(ins: &[&Tensor]) -> bool {
    super::is_grad_enabled() && ins.iter().any(|t| t.requires_grad())
}

fn edge(t: &Tensor) -> Option<Edge> {
    if !t.requires_grad() {
        return None;
    }
    Some(match &t.autograd().grad_fn {
        Some(n) => Edge::Node(n.clone()),
        None => Edge::Leaf(t.clone()),
    })
}

/// Attaches a node to `out`. `saved` are passed back to `f` at backward time.
pub fn record(
    out: Tensor,
    name: &'static str,
    ins: &[&Tensor],
    saved: Vec<Tensor>,
    f: impl Fn(&Tensor, &[Tensor]) -> Result<Vec<Option<Tensor>>> + 'static,
) -> Tensor {
    let next = ins.iter().map(|t| edge(t)).collect();
    let f: BackwardFn = Box::new(f);
    let is_out: Vec<bool> = saved.iter().map(|s| s.shares_storage(&out) && s.autograd().grad_fn.is_none() && !s.requires_grad()).collect();
    let node = Node::new(name, next, saved, f);
    *node.saved_is_output.borrow_mut() = is_out;
    *node.out_shape.borrow_mut() = Some(out.shape().to_vec());
    {
        let mut m = out.autograd_mut();
        m.requires_grad = true;
        m.grad_fn = Some(Rc::new(node));
    }
    out
}

fn w(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

/// `a + b`.
pub fn add(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    binary(BinaryOp::Add, a, b)
}
/// `a - b`.
pub fn sub(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    binary(BinaryOp::Sub, a, b)
}
/// `a * b`.
pub fn mul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    binary(BinaryOp::Mul, a, b)
}
/// `a / b`.
pub fn div(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    binary(BinaryOp::Div, a, b)
}
/// `a * x` for a Python float `x`.
pub fn scale(a: &Tensor, x: f64) -> Result<Tensor> {
    mul(a, &w(x))
}
/// `-a`.
pub fn neg(a: &Tensor) -> Result<Tensor> {
    unary(UnaryOp::Neg, a)
}

/// Sums `g` down to `shape` (undoing broadcasting) and casts to `dtype`.
pub fn sum_to(g: &Tensor, shape: &[usize], dtype: DType) -> Result<Tensor> {
    let gs = g.shape();
    let mut r = g.clone();
    if gs.as_slice() != shape {
        let lead = gs.len().saturating_sub(shape.len());
        let mut dims: Vec<i64> = (0..lead as i64).collect();
        for (i, &s) in shape.iter().enumerate() {
            if s == 1 && gs.get(lead + i).copied().unwrap_or(1) != 1 {
                dims.push((lead + i) as i64);
            }
        }
        if !dims.is_empty() {
            r = reduce_sum(&r, Some(&dims), true, None)?;
        }
        let sh: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        r = reshape(&r, &sh)?;
    }
    if r.dtype() != dtype && !dtype.is_complex() {
        r = to_copy(&r, dtype)?;
    }
    Ok(r)
}

/// `t.to(dtype)` (ToCopyBackward0 when the dtype changes).
pub fn to_copy(a: &Tensor, dtype: DType) -> Result<Tensor> {
    if a.dtype() == dtype {
        return Ok(a.clone());
    }
    let out = a.cast(dtype);
    if !track(&[a]) || !dtype.is_floating_point() {
        return Ok(out);
    }
    let src = a.dtype();
    Ok(record(out, "ToCopyBackward0", &[a], vec![], move |g, _| Ok(vec![Some(to_copy(g, src)?)])))
}

/// `a.to(device)`: a copy on `device` (ToCopyBackward0; the gradient goes back to a's
/// device).
pub fn to_device(a: &Tensor, device: crate::tensor::Device) -> Result<Tensor> {
    if a.device() == device {
        return Ok(a.clone());
    }
    let out = crate::backend::to_device(&detached(a), device)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let src = a.device();
    Ok(record(out, "ToCopyBackward0", &[a], vec![], move |g, _| Ok(vec![Some(to_device(g, src)?)])))
}

/// `a.clone()` (CloneBackward0).
pub fn clone(a: &Tensor) -> Result<Tensor> {
    let out = a.copy_contiguous();
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(record(out, "CloneBackward0", &[a], vec![], |g, _| Ok(vec![Some(g.clone())])))
}

fn meta(t: &Tensor) -> (Shape, DType, bool) {
    (t.shape(), t.dtype(), t.requires_grad())
}

/// Element-wise binary op (`tensor::ops::binary::binary`).
pub fn binary(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = tb::binary(op, a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (sa, da, na) = meta(a);
    let (sb, db, nb) = meta(b);
    let ins = [a, b];
    Ok(match op {
        BinaryOp::Add => record(out, "AddBackward0", &ins, vec![], move |g, _| {
            Ok(vec![opt(na, || sum_to(g, &sa, da))?, opt(nb, || sum_to(g, &sb, db))?])
        }),
        BinaryOp::Sub => record(out, "SubBackward0", &ins, vec![], move |g, _| {
            Ok(vec![opt(na, || sum_to(g, &sa, da))?, opt(nb, || sum_to(&neg(g)?, &sb, db))?])
        }),
        BinaryOp::Mul => record(out, "MulBackward0", &ins, vec![a.clone(), b.clone()], move |g, s| {
            Ok(vec![opt(na, || sum_to(&mul(g, &s[1])?, &sa, da))?, opt(nb, || sum_to(&mul(g, &s[0])?, &sb, db))?])
        }),
        BinaryOp::Div => record(out, "DivBackward0", &ins, vec![a.clone(), b.clone()], move |g, s| {
            Ok(vec![
                opt(na, || sum_to(&div(g, &s[1])?, &sa, da))?,
                opt(nb, || sum_to(&neg(&div(&mul(g, &s[0])?, &mul(&s[1], &s[1])?)?)?, &sb, db))?,
            ])
        }),
        BinaryOp::Pow => {
            let name = if b.is_wrapped_number() {
                "PowBackward0"
            } else if a.is_wrapped_number() {
                "PowBackward2"
            } else {
                "PowBackward1"
            };
            let res = detached(&out);
            record(out, name, &ins, vec![a.clone(), b.clone(), res], move |g, s| {
                let (a, b, r) = (&s[0], &s[1], &s[2]);
                let ga = opt(na, || {
                    let bm1 = tb::binary(BinaryOp::Sub, b, &w(1.0))?;
                    let d = mul(b, &binary(BinaryOp::Pow, a, &bm1)?)?;
                    let d = where_(&tcmp::compare(CmpOp::Eq, b, &w(0.0))?, &zeros_like(&d)?, &d)?;
                    sum_to(&mul(g, &d)?, &sa, da)
                })?;
                let gb = opt(nb, || {
                    let d = mul(r, &unary(UnaryOp::Log, a)?)?;
                    let zero = tb::binary(
                        BinaryOp::BitAnd,
                        &tcmp::compare(CmpOp::Eq, a, &w(0.0))?,
                        &tcmp::compare(CmpOp::Ge, b, &w(0.0))?,
                    )?;
                    let d = where_(&zero, &zeros_like(&d)?, &d)?;
                    sum_to(&mul(g, &d)?, &sb, db)
                })?;
                Ok(vec![ga, gb])
            })
        }
        _ => return super::more_ops::binary_more(op, a, b, out),
    })
}

fn opt(need: bool, f: impl FnOnce() -> Result<Tensor>) -> Result<Option<Tensor>> {
    if need { f().map(Some) } else { Ok(None) }
}

/// `a + alpha * b` (`torch.add(a, b, alpha=)`); `name` is AddBackward0 or SubBackward0.
pub fn add_scaled(a: &Tensor, b: &Tensor, alpha: Scalar, name: &'static str) -> Result<Tensor> {
    let out = tb::add_scaled(a, b, alpha)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (sa, da, na) = meta(a);
    let (sb, db, nb) = meta(b);
    let al = Tensor::wrapped(alpha);
    Ok(record(out, name, &[a, b], vec![], move |g, _| {
        Ok(vec![opt(na, || sum_to(g, &sa, da))?, opt(nb, || sum_to(&mul(g, &al)?, &sb, db))?])
    }))
}

/// A zero tensor of `shape` and `dtype` on `like`'s device (gradients stay on their device).
pub fn zeros_on(shape: &[usize], dtype: DType, like: &Tensor) -> Result<Tensor> {
    crate::tensor::ops::creation::full_on(shape, Scalar::Int(0), dtype, like.device())
}

/// A zero tensor shaped and typed like `t`.
pub fn zeros_like(t: &Tensor) -> Result<Tensor> {
    crate::tensor::ops::creation::full_on(&t.shape(), Scalar::Int(0), t.dtype(), t.device())
}

/// `torch.where(cond, a, b)`.
pub fn where_(cond: &Tensor, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = tcmp::where_(cond, a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (sa, da, na) = meta(a);
    let (sb, db, nb) = meta(b);
    Ok(record(out, "WhereBackward0", &[a, b], vec![cond.clone()], move |g, s| {
        let z = zeros_like(g)?;
        Ok(vec![
            opt(na, || sum_to(&where_(&s[0], g, &z)?, &sa, da))?,
            opt(nb, || sum_to(&where_(&s[0], &z, g)?, &sb, db))?,
        ])
    }))
}

fn unary_name(op: UnaryOp) -> Option<&'static str> {
    use UnaryOp::*;
    Some(match op {
        Neg => "NegBackward0", Exp => "ExpBackward0", Log => "LogBackward0", Sin => "SinBackward0",
        Cos => "CosBackward0", Tan => "TanBackward0", Tanh => "TanhBackward0", Sigmoid => "SigmoidBackward0",
        Relu => "ReluBackward0", Sqrt => "SqrtBackward0", Abs => "AbsBackward0", Square => "PowBackward0",
        Reciprocal => "ReciprocalBackward0", Rsqrt => "RsqrtBackward0", Log1p => "Log1pBackward0",
        Expm1 => "Expm1Backward0", Log2 => "Log2Backward0", Log10 => "Log10Backward0", Exp2 => "Exp2Backward0",
        Sinh => "SinhBackward0", Cosh => "CoshBackward0", Asin => "AsinBackward0", Acos => "AcosBackward0",
        Atan => "AtanBackward0", Silu => "SiluBackward0", LogSigmoid => "LogSigmoidBackward0",
        Erf => "ErfBackward0", Softplus => "SoftplusBackward0", Gelu | GeluTanh => "GeluBackward0",
        Floor => "FloorBackward0", Ceil => "CeilBackward0", Round => "RoundBackward0", Trunc => "TruncBackward0",
        Sign => "SignBackward0", Frac => "FracBackward0", Erfc => "ErfcBackward0",
        _ => return None,
    })
}

/// PyTorch's fused `tanh_backward` kernel, `g * (1 - y * y)` in one pass with each step
/// rounded as the separate ops round it; used when the gradient itself is not recorded
/// (no `create_graph`) and both operands are float32 or float64 of one dtype.
fn tanh_backward_fused(g: &Tensor, y: &Tensor) -> Option<Result<Tensor>> {
    if super::is_grad_enabled() || g.dtype() != y.dtype() || g.is_wrapped_number() || g.on_device_memory() || y.on_device_memory() {
        return None;
    }
    use crate::tensor::ops::ew::map2;
    match g.dtype() {
        DType::F32 => Some(map2::<f32, f32, f32>(g, y, |g, y| g * (1.0 - y * y))),
        DType::F64 => Some(map2::<f64, f64, f64>(g, y, |g, y| g * (1.0 - y * y))),
        _ => None,
    }
}

/// Element-wise unary op (`tensor::ops::unary::unary`).
pub fn unary(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
    let out = tu::unary(op, a)?;
    if !track(&[a]) {
        return Ok(out);
    }
    if op == UnaryOp::Pos {
        return Ok(out);
    }
    let Some(name) = unary_name(op) else {
        return Err(Error::not_impl(format!("autograd for {op:?} on tensors that require grad")));
    };
    let res = detached(&out);
    let da = a.dtype();
    Ok(record(out, name, &[a], vec![a.clone(), res], move |g, s| {
        let (x, y) = (&s[0], &s[1]);
        use UnaryOp::*;
        let u = |o, t: &Tensor| unary(o, t);
        let d = match op {
            Neg => neg(g)?,
            Exp => mul(g, y)?,
            Log => div(g, x)?,
            Sin => mul(g, &u(Cos, x)?)?,
            Cos => neg(&mul(g, &u(Sin, x)?)?)?,
            Tan => mul(g, &add(&mul(y, y)?, &w(1.0))?)?,
            Tanh => match tanh_backward_fused(g, y) {
                Some(d) => d?,
                None => mul(g, &sub(&w(1.0), &mul(y, y)?)?)?,
            },
            Sigmoid => mul(g, &mul(y, &sub(&w(1.0), y)?)?)?,
            Relu => mul(g, &tcmp::compare(CmpOp::Gt, y, &w(0.0))?)?,
            Sqrt => div(g, &scale(y, 2.0)?)?,
            Abs => mul(g, &tu::unary(Sign, x)?)?,
            Square => mul(g, &scale(x, 2.0)?)?,
            Reciprocal => neg(&mul(g, &mul(y, y)?)?)?,
            Rsqrt => mul(g, &scale(&mul(y, &mul(y, y)?)?, -0.5)?)?,
            Log1p => div(g, &add(x, &w(1.0))?)?,
            Expm1 => mul(g, &add(y, &w(1.0))?)?,
            Log2 => div(g, &scale(x, std::f64::consts::LN_2)?)?,
            Log10 => div(g, &scale(x, std::f64::consts::LN_10)?)?,
            Exp2 => mul(g, &scale(y, std::f64::consts::LN_2)?)?,
            Sinh => mul(g, &u(Cosh, x)?)?,
            Cosh => mul(g, &u(Sinh, x)?)?,
            Asin => div(g, &u(Sqrt, &sub(&w(1.0), &mul(x, x)?)?)?)?,
            Acos => neg(&div(g, &u(Sqrt, &sub(&w(1.0), &mul(x, x)?)?)?)?)?,
            Atan => div(g, &add(&mul(x, x)?, &w(1.0))?)?,
            Silu => {
                let sg = u(Sigmoid, x)?;
                mul(g, &mul(&sg, &add(&w(1.0), &mul(x, &sub(&w(1.0), &sg)?)?)?)?)?
            }
            LogSigmoid => mul(g, &u(Sigmoid, &neg(x)?)?)?,
            Erf => mul(g, &scale(&u(Exp, &neg(&mul(x, x)?)?)?, std::f64::consts::FRAC_2_SQRT_PI)?)?,
            Softplus => mul(g, &u(Sigmoid, x)?)?,
            Floor | Ceil | Round | Trunc | Sign => zeros_like(g)?,
            Frac => g.clone(),
            Erfc => neg(&mul(g, &scale(&u(Exp, &neg(&mul(x, x)?)?)?, std::f64::consts::FRAC_2_SQRT_PI)?)?)?,
            Gelu => {
                let cdf = scale(&add(&u(Erf, &scale(x, std::f64::consts::FRAC_1_SQRT_2)?)?, &w(1.0))?, 0.5)?;
                let pdf = scale(&u(Exp, &scale(&mul(x, x)?, -0.5)?)?, 0.5 * std::f64::consts::FRAC_2_SQRT_PI * std::f64::consts::FRAC_1_SQRT_2)?;
                mul(g, &add(&cdf, &mul(x, &pdf)?)?)?
            }
            GeluTanh => {
                let k = (2.0 / std::f64::consts::PI).sqrt();
                let inner = scale(&add(x, &scale(&mul(x, &mul(x, x)?)?, 0.044715)?)?, k)?;
                let th = u(Tanh, &inner)?;
                let dinner = scale(&add(&w(1.0), &scale(&mul(x, x)?, 3.0 * 0.044715)?)?, k)?;
                let left = scale(&add(&th, &w(1.0))?, 0.5)?;
                let right = mul(&scale(x, 0.5)?, &mul(&sub(&w(1.0), &mul(&th, &th)?)?, &dinner)?)?;
                mul(g, &add(&left, &right)?)?
            }
            _ => return Err(Error::not_impl("autograd for this unary op")),
        };
        Ok(vec![Some(to_copy(&d, da)?)])
    }))
}

/// `clamp(a, min, max)` (ClampBackward1: gradient passes where min <= a <= max).
pub fn clamp(a: &Tensor, lo: Option<&Tensor>, hi: Option<&Tensor>) -> Result<Tensor> {
    if lo.iter().chain(hi.iter()).any(|t| !t.is_wrapped_number()) {
        return super::more_ops::clamp_tensor(a, lo, hi);
    }
    let out = tu::clamp(a, lo, hi)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let mut mask = tcmp::compare(CmpOp::Eq, a, a)?;
    if let Some(l) = lo {
        mask = tb::binary(BinaryOp::BitAnd, &mask, &tcmp::compare(CmpOp::Ge, a, l)?)?;
    }
    if let Some(h) = hi {
        mask = tb::binary(BinaryOp::BitAnd, &mask, &tcmp::compare(CmpOp::Le, a, h)?)?;
    }
    Ok(record(out, "ClampBackward1", &[a], vec![mask], |g, s| {
        Ok(vec![Some(where_(&s[0], g, &zeros_like(g)?)?)])
    }))
}

/// `torch.mm`.
pub fn mm(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = tmm::mm(a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (na, nb) = (a.requires_grad(), b.requires_grad());
    Ok(record(out, "MmBackward0", &[a, b], vec![a.clone(), b.clone()], move |g, s| {
        Ok(vec![opt(na, || mm(g, &t(&s[1])?))?, opt(nb, || mm(&t(&s[0])?, g))?])
    }))
}

/// `torch.mv`.
pub fn mv(a: &Tensor, v: &Tensor) -> Result<Tensor> {
    let out = tmm::mv(a, v)?;
    if !track(&[a, v]) {
        return Ok(out);
    }
    let (na, nb) = (a.requires_grad(), v.requires_grad());
    Ok(record(out, "MvBackward0", &[a, v], vec![a.clone(), v.clone()], move |g, s| {
        Ok(vec![
            opt(na, || mm(&unsqueeze(g, 1)?, &unsqueeze(&s[1], 0)?))?,
            opt(nb, || mv(&t(&s[0])?, g))?,
        ])
    }))
}

/// `torch.dot`.
pub fn dot(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = tmm::dot(a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (na, nb) = (a.requires_grad(), b.requires_grad());
    Ok(record(out, "DotBackward0", &[a, b], vec![a.clone(), b.clone()], move |g, s| {
        Ok(vec![opt(na, || mul(g, &s[1]))?, opt(nb, || mul(g, &s[0]))?])
    }))
}

/// `a @ b` with PyTorch's dispatch to dot / mv / mm and batched products.
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if !track(&[a, b]) {
        return tmm::matmul(a, b);
    }
    match (a.ndim(), b.ndim()) {
        (1, 1) => dot(a, b),
        (2, 1) => mv(a, b),
        (2, 2) => mm(a, b),
        (1, 2) => {
            // PyTorch: `a.unsqueeze(0).mm(b).squeeze_(0)`, the in-place squeeze_(dim) node.
            let p = mm(&unsqueeze(a, 0)?, b)?;
            let out = crate::tensor::ops::movement::squeeze(&p, Some(&[0]))?;
            let s = [1i64, p.shape()[1] as i64];
            Ok(record(detached(&out), "SqueezeBackward4", &[&p], vec![], move |g, _| Ok(vec![Some(reshape(g, &s)?)])))
        }
        _ => {
            let out = tmm::matmul(a, b)?;
            let (sa, da, na) = meta(a);
            let (sb, db, nb) = meta(b);
            Ok(record(out, "UnsafeViewBackward0", &[a, b], vec![a.clone(), b.clone()], move |g, s| {
                let (mut x, mut y, mut g) = (s[0].clone(), s[1].clone(), g.clone());
                if x.ndim() == 1 {
                    x = unsqueeze(&x, 0)?;
                    g = unsqueeze(&g, -2)?;
                }
                if y.ndim() == 1 {
                    y = unsqueeze(&y, 1)?;
                    g = unsqueeze(&g, -1)?;
                }
                let ga = opt(na, || sum_to(&matmul(&g, &transpose(&y, -1, -2)?)?, &sa, da))?;
                let gb = opt(nb, || sum_to(&matmul(&transpose(&x, -1, -2)?, &g)?, &sb, db))?;
                Ok(vec![ga, gb])
            }))
        }
    }
}

/// Node names of ops whose output is a view of their input.
pub const VIEW_NODES: &[&str] = &[
    "ViewBackward0", "TransposeBackward0", "TBackward0", "PermuteBackward0", "ExpandBackward0",
    "SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward2", "UnsqueezeBackward0", "SelectBackward0",
    "SliceBackward0", "AliasBackward0", "SplitBackward0", "SplitWithSizesBackward0", "UnbindBackward0",
    "DiagonalBackward0",
];

/// Rejects an in-place op on a view created by a tracked view op: PyTorch's error for a view
/// of a leaf, else NotImplementedError (tsr does not rebase the base: no CopySlices).
pub fn check_inplace_view(a: &Tensor) -> Result<()> {
    if !super::is_grad_enabled() {
        return Ok(());
    }
    let Some(mut n) = a.autograd().grad_fn.clone() else { return Ok(()) };
    if !VIEW_NODES.contains(&n.name) {
        return Ok(());
    }
    loop {
        let next = match n.next.borrow().first() {
            Some(Some(Edge::Node(p))) if VIEW_NODES.contains(&p.name) => p.clone(),
            Some(Some(Edge::Leaf(_))) => {
                return Err(Error::runtime("a view of a leaf Variable that requires grad is being used in an in-place operation."));
            }
            _ => break,
        };
        n = next;
    }
    Err(Error::not_impl(
        "in-place operation on a view of a tensor that requires grad (CopySlices: rebasing the base's history is not supported; use an out-of-place op or clone() the view first)",
    ))
}

/// A copy of `a`'s current values carrying `a`'s current autograd history (what an in-place
/// op differentiates through, so saved values are not the ones overwritten).
pub fn snapshot(a: &Tensor) -> Tensor {
    let t = a.copy_contiguous();
    {
        let m = a.autograd();
        let mut o = t.autograd_mut();
        o.requires_grad = m.requires_grad;
        o.grad_fn = m.grad_fn.clone();
    }
    t
}

/// Moves `new`'s grad_fn onto `a` (PyTorch's rebase_history after an in-place op).
pub fn rebase(a: &Tensor, new: &Tensor) {
    let gf = new.autograd_mut().grad_fn.take();
    let mut m = a.autograd_mut();
    m.requires_grad = true;
    m.grad_fn = gf;
}

/// Runs the in-place form of a differentiable op: `f(old)` computes the new value out of
/// place from a snapshot of `a`, which is copied into `a`; its node becomes `a`'s grad_fn.
/// Untracked (grad mode off, nothing requires grad) it returns Ok(false) without running.
pub fn inplace_with(a: &Tensor, others: &[&Tensor], f: impl FnOnce(&Tensor) -> Result<Tensor>) -> Result<bool> {
    let mut ins = vec![a];
    ins.extend_from_slice(others);
    if !track(&ins) {
        return Ok(false);
    }
    check_inplace_view(a)?;
    let old = snapshot(a);
    let new = f(&old)?;
    if !tb::can_cast(new.dtype(), a.dtype()) {
        return Err(tb::cast_error(new.dtype(), a.dtype()));
    }
    crate::tensor::ops::copy_(a, &new)?;
    rebase(a, &new);
    Ok(true)
}

/// `a op= b` in place. When autograd tracks it (a non-leaf or an `a` that does not yet
/// require grad), the result's node becomes `a`'s grad_fn (PyTorch's rebase_history).
pub fn binary_inplace(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<()> {
    if !inplace_with(a, &[b], |old| binary(op, old, b))? {
        return tb::binary_inplace(op, a, b);
    }
    Ok(())
}
