//! Differentiable binary functions beyond arithmetic (maximum/minimum, atan2, hypot,
//! remainder/fmod), lerp, clamp with tensor bounds, and the products bmm, outer, addmm.

use super::ops::{add, detached, div, mm, mul, neg, record, scale, sub, sum_to, track, where_, zeros_like};
use super::shape_ops::{reshape, transpose};
use crate::error::{Error, Result};
use crate::tensor::ops::binary::{self as tb, BinaryOp};
use crate::tensor::ops::compare::{self as tcmp, CmpOp};
use crate::tensor::ops::matmul as tmm;
use crate::tensor::ops::unary::{self as tu, UnaryOp};
use crate::tensor::{Scalar, Tensor};

fn w(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

fn opt(need: bool, f: impl FnOnce() -> Result<Tensor>) -> Result<Option<Tensor>> {
    if need { f().map(Some) } else { Ok(None) }
}

fn cmp_f(op: CmpOp, a: &Tensor, b: &Tensor, like: &Tensor) -> Result<Tensor> {
    Ok(tcmp::compare(op, a, b)?.cast(like.dtype()))
}

/// Nodes for `binary` ops other than + - * / **: `out` is the forward result.
pub(crate) fn binary_more(op: BinaryOp, a: &Tensor, b: &Tensor, out: Tensor) -> Result<Tensor> {
    let (sa, da, na) = (a.shape(), a.dtype(), a.requires_grad());
    let (sb, db, nb) = (b.shape(), b.dtype(), b.requires_grad());
    let ins = [a, b];
    let saved = vec![a.clone(), b.clone(), detached(&out)];
    Ok(match op {
        BinaryOp::Maximum | BinaryOp::Minimum => {
            let (name, win) = if op == BinaryOp::Maximum { ("MaximumBackward0", CmpOp::Gt) } else { ("MinimumBackward0", CmpOp::Lt) };
            let lose = if win == CmpOp::Gt { CmpOp::Lt } else { CmpOp::Gt };
            record(out, name, &ins, saved, move |g, s| {
                let (x, y) = (&s[0], &s[1]);
                let half = scale(&cmp_f(CmpOp::Eq, x, y, g)?, 0.5)?;
                Ok(vec![
                    opt(na, || sum_to(&mul(g, &add(&cmp_f(win, x, y, g)?, &half)?)?, &sa, da))?,
                    opt(nb, || sum_to(&mul(g, &add(&cmp_f(lose, x, y, g)?, &half)?)?, &sb, db))?,
                ])
            })
        }
        BinaryOp::Atan2 => record(out, "Atan2Backward0", &ins, saved, move |g, s| {
            let (x, y) = (&s[0], &s[1]);
            let r = add(&mul(x, x)?, &mul(y, y)?)?;
            Ok(vec![
                opt(na, || sum_to(&div(&mul(g, y)?, &r)?, &sa, da))?,
                opt(nb, || sum_to(&neg(&div(&mul(g, x)?, &r)?)?, &sb, db))?,
            ])
        }),
        BinaryOp::Hypot => record(out, "HypotBackward0", &ins, saved, move |g, s| {
            let (x, y, h) = (&s[0], &s[1], &s[2]);
            Ok(vec![
                opt(na, || sum_to(&div(&mul(g, x)?, h)?, &sa, da))?,
                opt(nb, || sum_to(&div(&mul(g, y)?, h)?, &sb, db))?,
            ])
        }),
        BinaryOp::Remainder | BinaryOp::Fmod => {
            let ins: Vec<&Tensor> = if b.is_wrapped_number() { vec![a] } else { vec![a, b] };
            let one = ins.len() == 1;
            let (name, round) = match (op == BinaryOp::Remainder, one) {
                (true, true) => ("RemainderBackward0", UnaryOp::Floor),
                (true, false) => ("RemainderBackward1", UnaryOp::Floor),
                (false, true) => ("FmodBackward0", UnaryOp::Trunc),
                (false, false) => ("FmodBackward1", UnaryOp::Trunc),
            };
            record(out, name, &ins, saved, move |g, s| {
                let ga = opt(na, || sum_to(g, &sa, da))?;
                if one {
                    return Ok(vec![ga]);
                }
                let q = tu::unary(round, &tb::binary(BinaryOp::Div, &s[0], &s[1])?)?;
                Ok(vec![ga, opt(nb, || sum_to(&neg(&mul(g, &q)?)?, &sb, db))?])
            })
        }
        _ => return Err(Error::not_impl(format!("autograd for the operator {op:?} on tensors that require grad"))),
    })
}

/// `torch.lerp(a, end, weight)`: LerpBackward0 for a Python-number weight, else LerpBackward1.
pub fn lerp(a: &Tensor, end: &Tensor, weight: &Tensor) -> Result<Tensor> {
    let out = tb::lerp(a, end, weight)?;
    if !track(&[a, end, weight]) {
        return Ok(out);
    }
    let scalar = weight.is_wrapped_number();
    let (sa, da, na) = (a.shape(), a.dtype(), a.requires_grad());
    let (sb, db, nb) = (end.shape(), end.dtype(), end.requires_grad());
    let (sw, dw, nw) = (weight.shape(), weight.dtype(), weight.requires_grad() && !scalar);
    let saved = vec![a.clone(), end.clone(), weight.clone()];
    let name = if scalar { "LerpBackward0" } else { "LerpBackward1" };
    let ins: Vec<&Tensor> = if scalar { vec![a, end] } else { vec![a, end, weight] };
    Ok(record(out, name, &ins, saved, move |g, s| {
        let (x, e, wt) = (&s[0], &s[1], &s[2]);
        let mut r = vec![
            opt(na, || sum_to(&mul(g, &sub(&w(1.0), wt)?)?, &sa, da))?,
            opt(nb, || sum_to(&mul(g, wt)?, &sb, db))?,
        ];
        if !scalar {
            r.push(opt(nw, || sum_to(&mul(g, &sub(e, x)?)?, &sw, dw))?);
        }
        Ok(r)
    }))
}

/// `clamp(a, min, max)` where a bound is a tensor (ClampBackward0): gradient to `a` where
/// min <= a <= max, to `min` where a < min, to `max` where a > max.
pub fn clamp_tensor(a: &Tensor, lo: Option<&Tensor>, hi: Option<&Tensor>) -> Result<Tensor> {
    let out = tu::clamp(a, lo, hi)?;
    let mut ins = vec![a];
    ins.extend(lo);
    ins.extend(hi);
    if !track(&ins) {
        return Ok(out);
    }
    let (sa, da, na) = (a.shape(), a.dtype(), a.requires_grad());
    let metas: Vec<_> = [lo, hi].iter().flatten().map(|t| (t.shape(), t.dtype(), t.requires_grad())).collect();
    let (has_lo, has_hi) = (lo.is_some(), hi.is_some());
    let mut saved = vec![a.clone()];
    saved.extend(lo.cloned());
    saved.extend(hi.cloned());
    Ok(record(out, "ClampBackward0", &ins, saved, move |g, s| {
        let x = &s[0];
        let z = zeros_like(g)?;
        let mut keep = tcmp::compare(CmpOp::Eq, x, x)?;
        let mut k = 1;
        let mut r = Vec::new();
        let mut bound_grads = Vec::new();
        for (present, below) in [(has_lo, true), (has_hi, false)] {
            if !present {
                continue;
            }
            let bnd = &s[k];
            let (sh, dt, need) = &metas[k - 1];
            k += 1;
            let out_side = tcmp::compare(if below { CmpOp::Lt } else { CmpOp::Gt }, x, bnd)?;
            keep = tb::binary(BinaryOp::BitAnd, &keep, &tu::unary(UnaryOp::LogicalNot, &out_side)?)?;
            bound_grads.push(opt(*need, || sum_to(&where_(&out_side, g, &z)?, sh, *dt))?);
        }
        r.push(opt(na, || sum_to(&where_(&keep, g, &z)?, &sa, da))?);
        r.extend(bound_grads);
        Ok(r)
    }))
}

/// `torch.bmm` (BmmBackward0).
pub fn bmm(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = tmm::bmm(a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (na, nb) = (a.requires_grad(), b.requires_grad());
    Ok(record(out, "BmmBackward0", &[a, b], vec![a.clone(), b.clone()], move |g, s| {
        Ok(vec![opt(na, || bmm(g, &transpose(&s[1], 1, 2)?))?, opt(nb, || bmm(&transpose(&s[0], 1, 2)?, g))?])
    }))
}

/// `torch.outer(a, b)`: `a.reshape(-1, 1) * b` as PyTorch computes it (MulBackward0).
pub fn outer(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if !track(&[a, b]) || a.ndim() != 1 || b.ndim() != 1 {
        return tmm::outer(a, b);
    }
    mul(&reshape(a, &[-1, 1])?, b)
}

/// `torch.addmm(input, m1, m2, beta=, alpha=)` = beta * input + alpha * (m1 @ m2) (AddmmBackward0).
pub fn addmm(input: &Tensor, m1: &Tensor, m2: &Tensor, beta: f64, alpha: f64) -> Result<Tensor> {
    if m1.ndim() == 2 && m2.ndim() == 2 && m1.shape()[1] != m2.shape()[0] {
        let (s1, s2) = (m1.shape(), m2.shape());
        return Err(crate::error::Error::runtime(format!(
            "addmm: mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
            s1[0], s1[1], s2[0], s2[1]
        )));
    }
    let (p, out) = {
        let _g = NoGrad::new();
        let p = mm(m1, m2)?;
        let p = if alpha != 1.0 { tb::binary(BinaryOp::Mul, &p, &w(alpha))? } else { p };
        let out = if beta == 0.0 {
            // beta == 0: `input` only broadcasts (its NaNs do not propagate).
            tb::binary(BinaryOp::Add, &p, &super::ops::zeros_on(&input.shape(), p.dtype(), &p)?)?
        } else if beta != 1.0 {
            tb::binary(BinaryOp::Add, &tb::binary(BinaryOp::Mul, input, &w(beta))?, &p)?
        } else {
            tb::binary(BinaryOp::Add, input, &p)?
        };
        (p, out)
    };
    drop(p);
    if !track(&[input, m1, m2]) {
        return Ok(out);
    }
    let (si, di, ni) = (input.shape(), input.dtype(), input.requires_grad());
    let (n1, n2) = (m1.requires_grad(), m2.requires_grad());
    Ok(record(out, "AddmmBackward0", &[input, m1, m2], vec![m1.clone(), m2.clone()], move |g, s| {
        let ga = opt(ni, || sum_to(&if beta != 1.0 { scale(g, beta)? } else { g.clone() }, &si, di))?;
        let gs = if alpha != 1.0 { scale(g, alpha)? } else { g.clone() };
        Ok(vec![ga, opt(n1, || mm(&gs, &super::shape_ops::t(&s[1])?))?, opt(n2, || mm(&super::shape_ops::t(&s[0])?, &gs))?])
    }))
}

/// Turns grad mode off for its lifetime.
struct NoGrad(bool);
impl NoGrad {
    fn new() -> NoGrad {
        NoGrad(super::set_grad_enabled(false))
    }
}
impl Drop for NoGrad {
    fn drop(&mut self) {
        super::set_grad_enabled(self.0);
    }
}

/// `torch.trace(a)` of a matrix (TraceBackward0: the gradient on the diagonal).
pub fn trace(a: &Tensor) -> Result<Tensor> {
    let d = crate::tensor::ops::movement::diagonal(a, 0, 0, 1)?;
    let out = crate::tensor::ops::reduce::reduce(crate::tensor::ops::reduce::ReduceOp::Sum, &d, None, false, None)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let shape = a.shape();
    let da = a.dtype();
    Ok(record(out, "TraceBackward0", &[a], vec![], move |g, _| {
        let (r, c) = (shape[0], shape[1]);
        let eye: Vec<f64> = (0..r * c).map(|k| if k / c == k % c { 1.0 } else { 0.0 }).collect();
        let eye = Tensor::from_vec(eye, &[r, c]).to_dtype(da);
        Ok(vec![Some(mul(&eye, g)?)])
    }))
}
