//! Differentiable reductions beyond sum/mean: prod, amax/amin, nansum, logsumexp, var/std,
//! vector norms, cumsum/cumprod, and the value outputs of sort/topk/kthvalue/median/mode.

use super::index_ops;
use super::ops::{add, detached, div, mul, record, scale, sub, to_copy, track, unary, where_, zeros_like};
use super::shape_ops::{reduce, reduce_sum, reshape, unreduce, unsqueeze};
use crate::error::{Error, Result};
use crate::tensor::layout::normalize_dim;
use crate::tensor::ops::compare::{self as tcmp, CmpOp};
use crate::tensor::ops::reduce::{self as tr, NormOrd, ReduceOp};
use crate::tensor::ops::unary::UnaryOp;
use crate::tensor::{DType, Scalar, Tensor};

fn w(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

fn is_zero(t: &Tensor) -> Result<Tensor> {
    tcmp::compare(CmpOp::Eq, t, &w(0.0))
}

/// True when any element of `t` is zero.
fn any_zero(t: &Tensor) -> Result<bool> {
    Ok(tr::reduce(ReduceOp::Any, &is_zero(t)?, None, false, None)?.item()?.to_f64() != 0.0)
}

/// Applies `f(lane, out)` to every 1-d lane of `x` along `dim` (all elements as one lane
/// when None), in float64; returns the results shaped like `x` in `x`'s dtype.
fn lanes_map(x: &Tensor, dim: Option<usize>, f: impl Fn(&[f64], &mut [f64])) -> Tensor {
    let shape = x.shape();
    let v = x.contiguous().to_vec_as::<f64>();
    let mut out = vec![0.0; v.len()];
    match dim {
        None => f(&v, &mut out),
        Some(d) => {
            let n = shape[d];
            let inner: usize = shape[d + 1..].iter().product();
            let outer: usize = shape[..d].iter().product();
            let (mut lane, mut res) = (vec![0.0; n], vec![0.0; n]);
            for o in 0..outer {
                for i in 0..inner {
                    for k in 0..n {
                        lane[k] = v[(o * n + k) * inner + i];
                    }
                    f(&lane, &mut res);
                    for k in 0..n {
                        out[(o * n + k) * inner + i] = res[k];
                    }
                }
            }
        }
    }
    Tensor::from_vec(out, &shape).to_dtype(x.dtype())
}

/// Product of all other elements of each lane (exact with zeros: prefix times suffix).
fn prod_others(lane: &[f64], out: &mut [f64]) {
    let mut p = 1.0;
    for (k, &x) in lane.iter().enumerate() {
        out[k] = p;
        p *= x;
    }
    let mut s = 1.0;
    for k in (0..lane.len()).rev() {
        out[k] *= s;
        s *= lane[k];
    }
}

/// The single reduced dim of `dims` for `ndim` (None for a full reduction).
fn one_dim(dims: Option<&[i64]>, ndim: usize) -> Result<Option<usize>> {
    match dims {
        Some([d]) if ndim > 0 => Ok(Some(normalize_dim(*d, ndim)?)),
        _ => Ok(None),
    }
}

/// Gradient for the reductions of `tensor::ops::reduce::reduce` other than sum/mean,
/// given the forward result `out` (called by `shape_ops::reduce`).
pub(crate) fn reduce_other(op: ReduceOp, a: &Tensor, out: Tensor, dims: Option<Vec<i64>>, keepdim: bool) -> Result<Tensor> {
    if !out.dtype().is_floating_point() && !out.dtype().is_complex() {
        return Ok(out);
    }
    let shape = a.shape();
    let da = a.dtype();
    let all = dims.as_ref().map(|v| v.is_empty()).unwrap_or(true);
    let y = detached(&out);
    let un = move |t: &Tensor, dims: &Option<Vec<i64>>| unreduce(t, &shape, dims.as_deref(), keepdim);
    Ok(match op {
        ReduceOp::Prod => {
            let name = if all { "ProdBackward0" } else { "ProdBackward1" };
            let nd = a.ndim();
            record(out, name, &[a], vec![a.clone(), y], move |g, s| {
                let (x, y) = (&s[0], &s[1]);
                let gu = un(g, &dims)?;
                let d = if any_zero(x)? {
                    let dim = if all { None } else { one_dim(dims.as_deref(), nd)? };
                    mul(&gu, &lanes_map(x, dim, prod_others))?
                } else {
                    div(&mul(&gu, &un(y, &dims)?)?, x)?
                };
                Ok(vec![Some(to_copy(&d, da)?)])
            })
        }
        ReduceOp::Amax | ReduceOp::Amin => {
            let name = if op == ReduceOp::Amax { "AmaxBackward0" } else { "AminBackward0" };
            record(out, name, &[a], vec![a.clone(), y], move |g, s| {
                let mask = tcmp::compare(CmpOp::Eq, &s[0], &un(&s[1], &dims)?)?.cast(g.dtype());
                let cnt = tr::reduce(ReduceOp::Sum, &mask, dims.as_deref(), true, None)?;
                let cnt = unreduce(&cnt, &s[0].shape(), dims.as_deref(), true)?;
                Ok(vec![Some(to_copy(&div(&mul(&un(g, &dims)?, &mask)?, &cnt)?, da)?)])
            })
        }
        ReduceOp::NanSum => record(out, "NansumBackward0", &[a], vec![a.clone()], move |g, s| {
            let nan = tcmp::compare(CmpOp::Ne, &s[0], &s[0])?;
            let gu = un(g, &dims)?;
            Ok(vec![Some(to_copy(&where_(&nan, &zeros_like(&gu)?, &gu)?, da)?)])
        }),
        ReduceOp::LogSumExp => record(out, "LogsumexpBackward0", &[a], vec![a.clone(), y], move |g, s| {
            let e = unary(UnaryOp::Exp, &sub(&s[0], &un(&s[1], &dims)?)?)?;
            Ok(vec![Some(to_copy(&mul(&un(g, &dims)?, &e)?, da)?)])
        }),
        _ => return Err(Error::not_impl(format!("autograd for the reduction {op:?} on tensors that require grad"))),
    })
}

/// `a.var(dims, correction=c)` (`std == false`) or `a.std(…)`; `name` is the node
/// (VarBackward0, StdBackward0, or VarMeanBackward0 / StdMeanBackward0 for the pairs).
pub fn var_std(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool, std: bool, name: &'static str) -> Result<Tensor> {
    let out = if std { tr::std(a, dims, correction, keepdim)? } else { tr::var(a, dims, correction, keepdim)? };
    if !track(&[a]) {
        return Ok(out);
    }
    let shape = a.shape();
    let n = (a.numel() / out.numel().max(1)) as f64;
    let d: Option<Vec<i64>> = dims.map(|d| d.to_vec());
    let da = a.dtype();
    let y = detached(&out);
    Ok(record(out, name, &[a], vec![a.clone(), y], move |g, s| {
        let (x, y) = (&s[0], &s[1]);
        let mean = reduce(ReduceOp::Mean, x, d.as_deref(), true, None)?;
        let centered = sub(x, &mean)?;
        let gu = unreduce(g, &shape, d.as_deref(), keepdim)?;
        let r = if std {
            let yu = unreduce(y, &shape, d.as_deref(), keepdim)?;
            let r = div(&mul(&gu, &centered)?, &scale(&yu, n - correction)?)?;
            where_(&is_zero(&yu)?, &zeros_like(&r)?, &r)?
        } else {
            mul(&gu, &scale(&centered, 2.0 / (n - correction))?)?
        };
        Ok(vec![Some(to_copy(&r, da)?)])
    }))
}

/// Vector norm of order `ord` over `dims` (LinalgVectorNormBackward0); `Fro` is the 2-norm.
pub fn norm(a: &Tensor, ord: NormOrd, dims: Option<&[i64]>, keepdim: bool) -> Result<Tensor> {
    let out = tr::norm(a, ord, dims, keepdim)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let ord = match ord {
        NormOrd::Fro => NormOrd::P(2.0),
        NormOrd::Nuc => return Err(Error::not_impl("autograd for the nuclear norm")),
        o => o,
    };
    let shape = a.shape();
    let d: Option<Vec<i64>> = dims.map(|d| d.to_vec());
    let da = a.dtype();
    let y = detached(&out);
    Ok(record(out, "LinalgVectorNormBackward0", &[a], vec![a.clone(), y], move |g, s| {
        let (x, y) = (&s[0], &s[1]);
        let gu = unreduce(g, &shape, d.as_deref(), keepdim)?;
        let yu = unreduce(y, &shape, d.as_deref(), keepdim)?;
        let sign = crate::tensor::ops::unary::unary(UnaryOp::Sign, x)?;
        let r = match ord {
            NormOrd::P(p) if p == 0.0 => zeros_like(x)?,
            NormOrd::P(p) if p == 1.0 => mul(&gu, &sign)?,
            NormOrd::P(p) => {
                let r = if p == 2.0 {
                    div(&mul(&gu, x)?, &yu)?
                } else {
                    let ax = unary(UnaryOp::Abs, x)?;
                    let num = mul(&mul(x, &super::ops::binary(crate::tensor::ops::binary::BinaryOp::Pow, &ax, &w(p - 2.0))?)?, &gu)?;
                    div(&num, &super::ops::binary(crate::tensor::ops::binary::BinaryOp::Pow, &yu, &w(p - 1.0))?)?
                };
                where_(&is_zero(&yu)?, &zeros_like(&r)?, &r)?
            }
            _ => {
                let ax = unary(UnaryOp::Abs, x)?;
                let mask = tcmp::compare(CmpOp::Eq, &ax, &yu)?.cast(x.dtype());
                let cnt = tr::reduce(ReduceOp::Sum, &mask, d.as_deref(), true, None)?;
                let cnt = unreduce(&cnt, &x.shape(), d.as_deref(), true)?;
                div(&mul(&mul(&gu, &sign)?, &mask)?, &cnt)?
            }
        };
        Ok(vec![Some(to_copy(&r, da)?)])
    }))
}

/// Reverse cumulative sum along `dim` (the adjoint of cumsum).
fn rev_cumsum(g: &Tensor, dim: i64) -> Result<Tensor> {
    let total = reduce_sum(g, Some(&[dim]), true, None)?;
    add(&sub(&total, &cumsum(g, dim, None)?)?, g)
}

/// `torch.cumsum(a, dim, dtype)` (CumsumBackward0).
pub fn cumsum(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    let out = tr::cumsum(a, dim, dtype)?;
    if !track(&[a]) || !out.dtype().is_floating_point() {
        return Ok(out);
    }
    let da = a.dtype();
    let nd = a.ndim();
    Ok(record(out, "CumsumBackward0", &[a], vec![], move |g, _| {
        let r = if nd == 0 { g.clone() } else { rev_cumsum(g, dim)? };
        Ok(vec![Some(to_copy(&r, da)?)])
    }))
}

/// Gradient of cumprod along one lane that may hold zeros (first zero at `z`).
fn cumprod_lane_grad(x: &[f64], g: &[f64], out: &mut [f64]) {
    let n = x.len();
    let z = x.iter().position(|&v| v == 0.0).unwrap_or(n);
    // i < z: sum_{i<=j<z} g_j * prod_{k<=j, k!=i} x_k.
    let mut pre = vec![1.0; n + 1];
    for k in 0..n {
        pre[k + 1] = pre[k] * x[k];
    }
    let mut acc = 0.0;
    for j in (0..z).rev() {
        acc += g[j] * pre[j + 1];
        out[j] = acc / x[j];
    }
    if z < n {
        // i == z: sum_{j>=z} g_j * prod_{k<=j, k!=z} x_k.
        let mut p = pre[z];
        let mut s = g[z] * p;
        for j in z + 1..n {
            p *= x[j];
            s += g[j] * p;
        }
        out[z] = s;
        for o in out.iter_mut().skip(z + 1) {
            *o = 0.0;
        }
    }
}

/// `torch.cumprod(a, dim, dtype)` (CumprodBackward0).
pub fn cumprod(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    let out = tr::cumprod(a, dim, dtype)?;
    if !track(&[a]) || !out.dtype().is_floating_point() {
        return Ok(out);
    }
    let da = a.dtype();
    let nd = a.ndim();
    let y = detached(&out);
    Ok(record(out, "CumprodBackward0", &[a], vec![a.clone(), y], move |g, s| {
        let (x, y) = (&s[0], &s[1]);
        if nd == 0 {
            return Ok(vec![Some(to_copy(g, da)?)]);
        }
        let r = if any_zero(x)? {
            let d = normalize_dim(dim, nd)?;
            // Lanes of x and g side by side: stack on a new last dim, then pair them up.
            let shape = x.shape();
            let xv = x.contiguous().to_vec_as::<f64>();
            let gv = g.contiguous().to_vec_as::<f64>();
            let n = shape[d];
            let inner: usize = shape[d + 1..].iter().product();
            let outer: usize = shape[..d].iter().product();
            let mut out = vec![0.0; xv.len()];
            let (mut lx, mut lg, mut lo) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            for o in 0..outer {
                for i in 0..inner {
                    for k in 0..n {
                        lx[k] = xv[(o * n + k) * inner + i];
                        lg[k] = gv[(o * n + k) * inner + i];
                    }
                    cumprod_lane_grad(&lx, &lg, &mut lo);
                    for k in 0..n {
                        out[(o * n + k) * inner + i] = lo[k];
                    }
                }
            }
            Tensor::from_vec(out, &shape).to_dtype(g.dtype())
        } else {
            div(&rev_cumsum(&mul(g, y)?, dim)?, x)?
        };
        Ok(vec![Some(to_copy(&r, da)?)])
    }))
}

/// Attaches a node to `values` selected from `a` along `dim` at `indices` (sort, topk,
/// kthvalue, median/mode with dim): the gradient goes back to the selected positions.
pub fn values_at(a: &Tensor, vi: (Tensor, Tensor), dim: i64, keepdim: bool, name: &'static str) -> Result<(Tensor, Tensor)> {
    let (v, i) = vi;
    if !track(&[a]) {
        return Ok((v, i));
    }
    let shape = a.shape();
    let v = record(v, name, &[a], vec![i.clone()], move |g, s| {
        if shape.is_empty() {
            return Ok(vec![Some(reshape(g, &[])?)]);
        }
        let (mut g, mut idx) = (g.clone(), s[0].clone());
        if !keepdim {
            g = unsqueeze(&g, dim)?;
            idx = crate::tensor::ops::movement::unsqueeze(&idx, dim)?;
        }
        let z = super::ops::zeros_on(&shape, g.dtype(), &g)?;
        Ok(vec![Some(index_ops::scatter(&z, dim, &idx, &g)?)])
    });
    Ok((v, i))
}

/// A full reduction selecting one value (`median()`): the gradient is shared evenly among
/// the elements equal to it.
pub fn evenly(a: &Tensor, out: Tensor, name: &'static str) -> Result<Tensor> {
    if !track(&[a]) {
        return Ok(out);
    }
    let y = detached(&out);
    Ok(record(out, name, &[a], vec![a.clone(), y], |g, s| {
        let mask = tcmp::compare(CmpOp::Eq, &s[0], &s[1])?.cast(s[0].dtype());
        let cnt = tr::reduce(ReduceOp::Sum, &mask, None, false, None)?;
        Ok(vec![Some(mul(&mask, &div(g, &cnt)?)?)])
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prod_others_handles_zeros() {
        let mut o = [0.0; 4];
        prod_others(&[2.0, 0.0, 3.0, 4.0], &mut o);
        assert_eq!(o, [0.0, 24.0, 0.0, 0.0]);
    }

    #[test]
    fn cumprod_lane_grad_matches_brute_force() {
        let x = [2.0, 3.0, 0.0, 5.0, 0.0];
        let g = [1.0, -1.0, 2.0, 0.5, 3.0];
        let mut o = [0.0; 5];
        cumprod_lane_grad(&x, &g, &mut o);
        for i in 0..5 {
            let mut want = 0.0;
            for j in i..5 {
                let p: f64 = (0..=j).filter(|&k| k != i).map(|k| x[k]).product();
                want += g[j] * p;
            }
            assert!((o[i] - want).abs() < 1e-12, "{i}: {} vs {want}", o[i]);
        }
    }
}
