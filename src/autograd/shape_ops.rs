//! Differentiable reductions, shape/view ops, indexing, joins and softmax (see `ops`).

use super::ops::{detached, mul, record, sub, sum_to, track, where_, zeros_like};
use crate::error::Result;
use crate::tensor::ops::compare::{self as tcmp, CmpOp};
use crate::tensor::ops::index::{self as tix, TensorIndex};
use crate::tensor::ops::reduce::{self as tr, ReduceOp};
use crate::tensor::ops::{join as tj, movement as tmv, unary as tu};
use crate::tensor::{DType, Scalar, Tensor};

fn ishape(t: &Tensor) -> Vec<i64> {
    t.shape().iter().map(|&d| d as i64).collect()
}

/// Expands a reduced gradient back over the reduced dims of `shape`.
pub(crate) fn unreduce(g: &Tensor, shape: &[usize], dims: Option<&[i64]>, keepdim: bool) -> Result<Tensor> {
    let mask = tr::reduce_mask(dims, shape.len())?;
    let mut g = g.clone();
    if !keepdim {
        let ks: Vec<i64> = shape.iter().zip(&mask).map(|(&d, &m)| if m { 1 } else { d as i64 }).collect();
        g = reshape(&g, &ks)?;
    }
    let full: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
    expand(&g, &full)
}

/// Sum over `dims` (all when None).
pub fn reduce_sum(a: &Tensor, dims: Option<&[i64]>, keepdim: bool, dtype: Option<DType>) -> Result<Tensor> {
    reduce(ReduceOp::Sum, a, dims, keepdim, dtype)
}

/// `tensor::ops::reduce::reduce` with gradients for Sum and Mean.
pub fn reduce(op: ReduceOp, a: &Tensor, dims: Option<&[i64]>, keepdim: bool, dtype: Option<DType>) -> Result<Tensor> {
    let out = tr::reduce(op, a, dims, keepdim, dtype)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let shape = a.shape();
    let da = a.dtype();
    let d: Option<Vec<i64>> = dims.map(|d| d.to_vec());
    let all = d.as_ref().map(|v| v.is_empty()).unwrap_or(true);
    match op {
        ReduceOp::Sum => Ok(record(out, if all { "SumBackward0" } else { "SumBackward1" }, &[a], vec![], move |g, _| {
            Ok(vec![Some(sum_to(&unreduce(g, &shape, d.as_deref(), keepdim)?, &shape, da)?)])
        })),
        ReduceOp::Mean => {
            let n = a.numel() / out.numel().max(1);
            Ok(record(out, if all { "MeanBackward0" } else { "MeanBackward1" }, &[a], vec![], move |g, _| {
                let e = unreduce(&super::ops::scale(g, 1.0 / n as f64)?, &shape, d.as_deref(), keepdim)?;
                Ok(vec![Some(sum_to(&e, &shape, da)?)])
            }))
        }
        _ => super::reduce_ops::reduce_other(op, a, out, d, keepdim),
    }
}

/// `a.max()` / `a.min()` over all elements (gradient shared evenly among ties).
pub fn max_all(a: &Tensor, is_max: bool) -> Result<Tensor> {
    let out = if is_max { tr::max_all(a)? } else { tr::min_all(a)? };
    if !track(&[a]) {
        return Ok(out);
    }
    let name = if is_max { "MaxBackward1" } else { "MinBackward1" };
    Ok(record(out.clone(), name, &[a], vec![a.clone(), detached(&out)], |g, s| {
        let mask = tcmp::compare(CmpOp::Eq, &s[0], &s[1])?.cast(s[0].dtype());
        let cnt = tr::reduce(ReduceOp::Sum, &mask, None, false, None)?;
        Ok(vec![Some(mul(&mask, &super::ops::div(g, &cnt)?)?)])
    }))
}

/// `a.max(dim)` / `a.min(dim)`: (values, indices).
pub fn max_dim(a: &Tensor, dim: i64, keepdim: bool, is_max: bool) -> Result<(Tensor, Tensor)> {
    let (v, i) = if is_max { tr::max_dim(a, dim, keepdim)? } else { tr::min_dim(a, dim, keepdim)? };
    if !track(&[a]) {
        return Ok((v, i));
    }
    let shape = a.shape();
    let name = if is_max { "MaxBackward0" } else { "MinBackward0" };
    let v = record(v, name, &[a], vec![i.clone()], move |g, s| {
        let (mut g, mut idx) = (g.clone(), s[0].clone());
        if !keepdim && !shape.is_empty() {
            g = unsqueeze(&g, dim)?;
            idx = tmv::unsqueeze(&idx, dim)?;
        }
        let z = super::ops::zeros_on(&shape, g.dtype(), &g)?;
        let d = if shape.is_empty() { 0 } else { dim };
        Ok(vec![Some(crate::tensor::ops::scatter::scatter(&z, d, &idx, &g.contiguous())?)])
    });
    Ok((v, i))
}

macro_rules! view_op {
    ($(#[$m:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $fwd:expr, $node:literal, |$g:ident, $a:ident| $bwd:expr) => {
        $(#[$m])*
        pub fn $name(a: &Tensor, $($arg: $ty),*) -> Result<Tensor> {
            let out = $fwd(a, $($arg),*)?;
            if !track(&[a]) {
                return Ok(out);
            }
            #[allow(unused_variables)] let $a = ishape(a);
            $( #[allow(unused_variables)] let $arg = $arg.to_owned(); )*
            Ok(record(out, $node, &[a], vec![], move |$g, _| { $(#[allow(unused_variables)] let $arg = &$arg;)* Ok(vec![Some($bwd)]) }))
        }
    };
}

view_op!(/// `a.view(shape)`.
    view(shape: &[i64]) => tmv::view, "ViewBackward0", |g, s| reshape(g, &s)?);
view_op!(/// `a.transpose(d0, d1)`.
    transpose(d0: i64, d1: i64) => tmv::transpose, "TransposeBackward0", |g, s| transpose(g, *d0, *d1)?);
view_op!(/// `a.t()`.
    t() => tmv::t, "TBackward0", |g, s| t(g)?);
view_op!(/// `a.expand(sizes)`.
    expand(sizes: &[i64]) => tmv::expand, "ExpandBackward0", |g, s| sum_to(g, &s.iter().map(|&d| d as usize).collect::<Vec<_>>(), g.dtype())?);
view_op!(/// `a.unsqueeze(dim)`.
    unsqueeze(dim: i64) => tmv::unsqueeze, "UnsqueezeBackward0", |g, s| reshape(g, &s)?);

/// `a.reshape(shape)` (a view when possible, else a copy: UnsafeViewBackward0).
pub fn reshape(a: &Tensor, shape: &[i64]) -> Result<Tensor> {
    let out = tmv::reshape(a, shape)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let name = if out.shares_storage(a) { "ViewBackward0" } else { "UnsafeViewBackward0" };
    let s = ishape(a);
    Ok(record(out, name, &[a], vec![], move |g, _| Ok(vec![Some(reshape(g, &s)?)])))
}

/// `a.flatten(start, end)`.
pub fn flatten(a: &Tensor, start: i64, end: i64) -> Result<Tensor> {
    let f = tmv::flatten(a, start, end)?;
    if !track(&[a]) || f.ndim() == a.ndim() {
        return Ok(f);
    }
    reshape(a, &ishape(&f))
}

/// `a.squeeze()` / `a.squeeze(dims)`.
pub fn squeeze(a: &Tensor, dims: Option<&[i64]>) -> Result<Tensor> {
    let out = tmv::squeeze(a, dims)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let name = match dims {
        None => "SqueezeBackward0",
        Some(d) if d.len() == 1 => "SqueezeBackward1",
        Some(_) => "SqueezeBackward2",
    };
    let s = ishape(a);
    Ok(record(out, name, &[a], vec![], move |g, _| Ok(vec![Some(reshape(g, &s)?)])))
}

/// `a.permute(dims)`.
pub fn permute(a: &Tensor, dims: &[i64]) -> Result<Tensor> {
    let out = tmv::permute(a, dims)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let n = a.ndim();
    let mut inv = vec![0i64; n];
    for (i, &d) in dims.iter().enumerate() {
        let d = crate::tensor::layout::normalize_dim(d, n)?;
        inv[d] = i as i64;
    }
    Ok(record(out, "PermuteBackward0", &[a], vec![], move |g, _| Ok(vec![Some(permute(g, &inv)?)])))
}

/// Backward of any indexing: scatters `g` back through the positions the index selects.
fn index_backward(g: &Tensor, shape: &[usize], f: &dyn Fn(&Tensor) -> Result<Tensor>) -> Result<Tensor> {
    let n = shape.iter().product::<usize>();
    let pos = Tensor::from_vec((0..n as i64).collect::<Vec<i64>>(), shape);
    let sel = f(&pos)?;
    let flat = tmv::reshape(&sel, &[-1])?;
    let z = super::ops::zeros_on(&[n], g.dtype(), g)?;
    let gf = tmv::reshape(&g.contiguous(), &[-1])?;
    crate::tensor::ops::scatter::index_add_(&z, 0, &flat, &gf, 1.0)?;
    tmv::reshape(&z, &shape.iter().map(|&d| d as i64).collect::<Vec<_>>())
}

fn positional(out: Tensor, a: &Tensor, name: &'static str, f: impl Fn(&Tensor) -> Result<Tensor> + 'static) -> Tensor {
    let shape = a.shape();
    record(out, name, &[a], vec![], move |g, _| Ok(vec![Some(index_backward(g, &shape, &f)?)]))
}

/// `a[idx]`.
pub fn index(a: &Tensor, idx: &[TensorIndex]) -> Result<Tensor> {
    let out = tix::index(a, idx)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let name = if idx.iter().any(|i| matches!(i, TensorIndex::Tensor(_))) {
        "IndexBackward0"
    } else {
        match idx.iter().rev().find(|i| !matches!(i, TensorIndex::Ellipsis | TensorIndex::Slice { start: None, stop: None, step: None })) {
            Some(TensorIndex::Int(_)) => "SelectBackward0",
            Some(TensorIndex::None) => "UnsqueezeBackward0",
            Some(TensorIndex::Slice { .. }) => "SliceBackward0",
            _ => "AliasBackward0",
        }
    };
    let idx = idx.to_vec();
    Ok(positional(out, a, name, move |p| tix::index(p, &idx)))
}

/// `a.select(dim, i)`.
pub fn select(a: &Tensor, dim: i64, i: i64) -> Result<Tensor> {
    let out = tmv::select(a, dim, i)?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(positional(out, a, "SelectBackward0", move |p| tmv::select(p, dim, i)))
}

/// `a.narrow(dim, start, length)`.
pub fn narrow(a: &Tensor, dim: i64, start: i64, len: i64) -> Result<Tensor> {
    let out = tmv::narrow(a, dim, start, len)?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(positional(out, a, "SliceBackward0", move |p| tmv::narrow(p, dim, start, len)))
}

/// `torch.cat(ts, dim)`.
pub fn cat(ts: &[Tensor], dim: i64) -> Result<Tensor> {
    let out = tj::cat(ts, dim)?;
    let refs: Vec<&Tensor> = ts.iter().collect();
    if !track(&refs) {
        return Ok(out);
    }
    let d = if out.ndim() == 0 { 0 } else { crate::tensor::layout::normalize_dim(dim, out.ndim())? as i64 };
    let parts: Vec<(usize, Vec<usize>, DType, bool)> = ts
        .iter()
        .map(|t| (if t.ndim() == 0 || t.shape().as_slice() == [0] { 0 } else { t.shape()[d as usize] }, t.shape().to_vec(), t.dtype(), t.requires_grad()))
        .collect();
    Ok(record(out, "CatBackward0", &refs, vec![], move |g, _| {
        let mut off = 0i64;
        let mut r = Vec::with_capacity(parts.len());
        for (len, shape, dt, need) in &parts {
            if *need && *len > 0 {
                r.push(Some(sum_to(&narrow(g, d, off, *len as i64)?, shape, *dt)?));
            } else if *need {
                r.push(Some(super::ops::zeros_on(shape, *dt, g)?));
            } else {
                r.push(None);
            }
            off += *len as i64;
        }
        Ok(r)
    }))
}

/// `torch.stack(ts, dim)`.
pub fn stack(ts: &[Tensor], dim: i64) -> Result<Tensor> {
    let out = tj::stack(ts, dim)?;
    let refs: Vec<&Tensor> = ts.iter().collect();
    if !track(&refs) {
        return Ok(out);
    }
    let d = crate::tensor::layout::normalize_dim(dim, out.ndim())? as i64;
    let parts: Vec<(DType, bool)> = ts.iter().map(|t| (t.dtype(), t.requires_grad())).collect();
    Ok(record(out, "StackBackward0", &refs, vec![], move |g, _| {
        let mut r = Vec::with_capacity(parts.len());
        for (i, (dt, need)) in parts.iter().enumerate() {
            r.push(if *need { Some(super::ops::to_copy(&select(g, d, i as i64)?, *dt)?) } else { None });
        }
        Ok(r)
    }))
}

/// `torch.softmax(a, dim, dtype)`.
pub fn softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    let out = tu::softmax(a, dim, dtype)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let da = a.dtype();
    let y = detached(&out);
    Ok(record(out, "SoftmaxBackward0", &[a], vec![y], move |g, s| {
        let y = &s[0];
        let gy = mul(g, y)?;
        let sm = reduce_sum(&gy, Some(&[dim]), true, None)?;
        Ok(vec![Some(super::ops::to_copy(&sub(&gy, &mul(y, &sm)?)?, da)?)])
    }))
}

/// `torch.log_softmax(a, dim, dtype)`.
pub fn log_softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    let out = tu::log_softmax(a, dim, dtype)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let da = a.dtype();
    let y = detached(&out);
    Ok(record(out, "LogSoftmaxBackward0", &[a], vec![y], move |g, s| {
        let p = super::ops::unary(tu::UnaryOp::Exp, &s[0])?;
        let sm = reduce_sum(g, Some(&[dim]), true, None)?;
        Ok(vec![Some(super::ops::to_copy(&sub(g, &mul(&p, &sm)?)?, da)?)])
    }))
}

/// A zero gradient helper kept for ops whose derivative is zero almost everywhere.
pub fn zero_grad_like(t: &Tensor) -> Result<Tensor> {
    let _ = Scalar::Int(0);
    let _ = where_;
    zeros_like(t)
}
