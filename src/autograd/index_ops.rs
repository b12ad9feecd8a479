//! Differentiable gather/scatter family, index_select/index_add, masked_fill, index_put_
//! (CopySlices) and the multi-output splits (split, chunk, unbind).

use super::ops::{record, sum_to, to_copy, track, where_, zeros_like};
use super::shape_ops::{cat, reduce_sum, reshape, unsqueeze};
use crate::error::Result;
use crate::tensor::layout::normalize_dim;
use crate::tensor::ops::index::{self as tix, TensorIndex};
use crate::tensor::ops::scatter as tsc;
use crate::tensor::{Scalar, Tensor};

fn zero() -> Tensor {
    Tensor::wrapped(Scalar::Float(0.0))
}

/// `a.gather(dim, index)` (GatherBackward0).
pub fn gather(a: &Tensor, dim: i64, index: &Tensor) -> Result<Tensor> {
    let out = tsc::gather(a, dim, index)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let shape = a.shape();
    Ok(record(out, "GatherBackward0", &[a], vec![index.clone()], move |g, s| {
        let z = crate::tensor::ops::creation::full_on(&shape, crate::tensor::Scalar::Int(0), g.dtype(), g.device())?;
        Ok(vec![Some(scatter_add(&z, dim, &s[0], g)?)])
    }))
}

/// `a.scatter(dim, index, src)`; a wrapped-number `src` is the value overload
/// (ScatterBackward1), a tensor `src` ScatterBackward0.
pub fn scatter(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<Tensor> {
    let out = tsc::scatter(a, dim, index, src)?;
    let value = src.is_wrapped_number();
    if !track(&[a, src]) || (value && !track(&[a])) {
        return Ok(out);
    }
    let (na, ns) = (a.requires_grad(), src.requires_grad() && !value);
    let (da, ds) = (a.dtype(), src.dtype());
    if value {
        return Ok(record(out, "ScatterBackward1", &[a], vec![index.clone()], move |g, s| {
            Ok(vec![Some(to_copy(&scatter(g, dim, &s[0], &zero())?, da)?)])
        }));
    }
    Ok(record(out, "ScatterBackward0", &[a, src], vec![index.clone()], move |g, s| {
        Ok(vec![
            if na { Some(to_copy(&scatter(g, dim, &s[0], &zero())?, da)?) } else { None },
            if ns { Some(to_copy(&gather(g, dim, &s[0])?, ds)?) } else { None },
        ])
    }))
}

/// `a.scatter_add(dim, index, src)` (ScatterAddBackward0).
pub fn scatter_add(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<Tensor> {
    let out = tsc::scatter_add(a, dim, index, src)?;
    if !track(&[a, src]) {
        return Ok(out);
    }
    let (na, ns) = (a.requires_grad(), src.requires_grad());
    Ok(record(out, "ScatterAddBackward0", &[a, src], vec![index.clone()], move |g, s| {
        Ok(vec![if na { Some(g.clone()) } else { None }, if ns { Some(gather(g, dim, &s[0])?) } else { None }])
    }))
}

/// `a.index_select(dim, index)` (IndexSelectBackward0).
pub fn index_select(a: &Tensor, dim: i64, index: &Tensor) -> Result<Tensor> {
    let out = tsc::index_select(a, dim, index)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let shape = a.shape();
    let idx = crate::tensor::ops::movement::reshape(index, &[-1])?;
    Ok(record(out, "IndexSelectBackward0", &[a], vec![idx], move |g, s| {
        let z = super::ops::zeros_on(&shape, g.dtype(), g)?;
        let d = if shape.is_empty() { 0 } else { dim };
        let g = if shape.is_empty() { reshape(g, &[-1])? } else { g.clone() };
        let r = index_add(&z, d, &s[0], &g, 1.0)?;
        Ok(vec![Some(reshape(&r, &shape.iter().map(|&d| d as i64).collect::<Vec<_>>())?)])
    }))
}

/// `a.index_add(dim, index, src, alpha=)` (IndexAddBackward0).
pub fn index_add(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor, alpha: f64) -> Result<Tensor> {
    let out = tsc::index_add(a, dim, index, src, alpha)?;
    if !track(&[a, src]) {
        return Ok(out);
    }
    let (na, ns) = (a.requires_grad(), src.requires_grad());
    let ss: Vec<i64> = src.shape().iter().map(|&d| d as i64).collect();
    let idx = crate::tensor::ops::movement::reshape(index, &[-1])?;
    Ok(record(out, "IndexAddBackward0", &[a, src], vec![idx], move |g, s| {
        let gs = if ns {
            let d = if g.ndim() == 0 { 0 } else { dim };
            let gg = if g.ndim() == 0 { reshape(g, &[-1])? } else { g.clone() };
            let r = index_select(&gg, d, &s[0])?;
            let r = if alpha != 1.0 { super::ops::scale(&r, alpha)? } else { r };
            Some(reshape(&r, &ss)?)
        } else {
            None
        };
        Ok(vec![if na { Some(g.clone()) } else { None }, gs])
    }))
}

/// `a.masked_fill(mask, value)`: MaskedFillBackward0 for a Python number, else
/// MaskedFillBackward1 (a 0-d tensor value, which gets the sum of the masked gradient).
pub fn masked_fill(a: &Tensor, mask: &Tensor, value: &Tensor) -> Result<Tensor> {
    let out = tsc::masked_fill(a, mask, value)?;
    let scalar = value.is_wrapped_number();
    if !track(&[a, value]) || (scalar && !track(&[a])) {
        return Ok(out);
    }
    let (sa, da, na) = (a.shape(), a.dtype(), a.requires_grad());
    let (sv, dv, nv) = (value.shape(), value.dtype(), value.requires_grad() && !scalar);
    let name = if scalar { "MaskedFillBackward0" } else { "MaskedFillBackward1" };
    let ins: Vec<&Tensor> = if scalar { vec![a] } else { vec![a, value] };
    Ok(record(out, name, &ins, vec![mask.clone()], move |g, s| {
        let z = zeros_like(g)?;
        let ga = if na { Some(sum_to(&where_(&s[0], &z, g)?, &sa, da)?) } else { None };
        let mut r = vec![ga];
        if !scalar {
            r.push(if nv { Some(sum_to(&reduce_sum(&where_(&s[0], g, &z)?, None, false, None)?, &sv, dv)?) } else { None });
        }
        Ok(r)
    }))
}

/// Node name of a split family op.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SplitKind {
    /// `split(int)` / `chunk`: SplitBackward0.
    Split,
    /// `split([sizes])`: SplitWithSizesBackward0.
    SplitWithSizes,
    /// `unbind`: UnbindBackward0 (the parts lack `dim`).
    Unbind,
}

/// Attaches nodes to the outputs of `movement::split` / `chunk` / `unbind` of `a` along
/// `dim`: each part's gradient is padded with zeros back to `a`'s shape.
pub fn split_parts(a: &Tensor, parts: Vec<Tensor>, dim: i64, kind: SplitKind) -> Result<Vec<Tensor>> {
    if !track(&[a]) || a.ndim() == 0 {
        return Ok(parts);
    }
    let d = normalize_dim(dim, a.ndim())?;
    let shape = a.shape();
    let name = match kind {
        SplitKind::Split => "SplitBackward0",
        SplitKind::SplitWithSizes => "SplitWithSizesBackward0",
        SplitKind::Unbind => "UnbindBackward0",
    };
    let mut off = 0usize;
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        let len = if kind == SplitKind::Unbind { 1 } else { p.shape()[d] };
        let (before, after) = (off, shape[d] - off - len);
        off += len;
        let shape = shape.clone();
        let unbind = kind == SplitKind::Unbind;
        out.push(record(p, name, &[a], vec![], move |g, _| {
            let g = if unbind { unsqueeze(g, d as i64)? } else { g.clone() };
            let piece = |n: usize| -> Result<Tensor> {
                let mut s = shape.to_vec();
                s[d] = n;
                super::ops::zeros_on(&s, g.dtype(), &g)
            };
            let mut ts = Vec::with_capacity(3);
            if before > 0 {
                ts.push(piece(before)?);
            }
            ts.push(g.clone());
            if after > 0 {
                ts.push(piece(after)?);
            }
            Ok(vec![Some(if ts.len() == 1 { g } else { cat(&ts, d as i64)? })])
        }));
    }
    Ok(out)
}

/// `a[idx] = value` / `a.index_put_(idx, value)` in place. When autograd tracks it, `a`'s
/// grad_fn becomes `name` (CopySlices for item assignment, IndexPutBackward0 for the
/// method): the gradient of `a` is zero at the assigned positions, `value` gets the sum of
/// the gradient over them.
pub fn index_put_(a: &Tensor, idx: &[TensorIndex], value: &Tensor, name: &'static str) -> Result<()> {
    if !track(&[a, value]) {
        return tix::index_put_(a, idx, value);
    }
    super::ops::check_inplace_view(a)?;
    let old = super::ops::snapshot(a);
    tix::index_put_(a, idx, value)?;
    let (sv, dv, nv) = (value.shape(), value.dtype(), value.requires_grad());
    let (na, da) = (old.requires_grad(), old.dtype());
    let idx = idx.to_vec();
    let new = record(a.with_layout(a.layout()), name, &[&old, value], vec![], move |g, _| {
        let ga = if na {
            let c = g.copy_contiguous();
            tix::index_put_(&c, &idx, &Tensor::zeros(&[], c.dtype())?)?;
            Some(to_copy(&c, da)?)
        } else {
            None
        };
        let gv = if nv { Some(sum_to(&super::shape_ops::index(g, &idx)?, &sv, dv)?) } else { None };
        Ok(vec![ga, gv])
    });
    super::ops::rebase(a, &new);
    Ok(())
}

/// Records an in-place overwrite of `a` (zero_ / fill_ without `src`, copy_ with it) before
/// the caller writes: `a`'s previous history gets a zero gradient, `src` the gradient
/// summed to its shape. `name`: ZeroBackward0, FillBackward2 or CopyBackwards.
pub fn overwrite_(a: &Tensor, src: Option<&Tensor>, name: &'static str) -> Result<()> {
    let mut ins = vec![a];
    ins.extend(src);
    if !track(&ins) {
        return Ok(());
    }
    super::ops::check_inplace_view(a)?;
    let old = a.with_layout(a.layout());
    {
        let m = a.autograd();
        let mut o = old.autograd_mut();
        o.requires_grad = m.requires_grad;
        o.grad_fn = m.grad_fn.clone();
    }
    let (na, da) = (old.requires_grad(), a.dtype());
    let src_meta = src.map(|s| (s.shape(), s.dtype(), s.requires_grad()));
    let mut edges = vec![&old];
    edges.extend(src);
    let new = record(a.with_layout(a.layout()), name, &edges, vec![], move |g, _| {
        let mut r = vec![if na { Some(super::ops::zeros_on(&g.shape(), da, g)?) } else { None }];
        if let Some((sh, dt, need)) = &src_meta {
            r.push(if *need { Some(sum_to(g, sh, *dt)?) } else { None });
        }
        Ok(r)
    });
    super::ops::rebase(a, &new);
    Ok(())
}

/// Runs an op `f` that only moves or repeats the elements of its inputs (flip, roll, tile,
/// diagonal, take, masked_select, hstack, …) and, when tracked, records node `name`
/// whose backward routes each output gradient to the input position it came from: `f` is
/// replayed on tensors of global element positions and the gradient is index-added back.
pub fn gathered(ts: &[Tensor], name: &'static str, f: impl Fn(&[Tensor]) -> Result<Tensor> + 'static) -> Result<Tensor> {
    let out = f(ts)?;
    let refs: Vec<&Tensor> = ts.iter().collect();
    if !track(&refs) || !out.dtype().is_floating_point() {
        return Ok(out);
    }
    let metas: Vec<_> = ts.iter().map(|t| (t.shape(), t.dtype(), t.requires_grad())).collect();
    Ok(record(out, name, &refs, vec![], move |g, _| {
        let mut pos = Vec::with_capacity(metas.len());
        let mut off = 0i64;
        for (shape, _, _) in &metas {
            let n = shape.iter().product::<usize>() as i64;
            pos.push(Tensor::from_vec((off..off + n).collect::<Vec<i64>>(), shape));
            off += n;
        }
        let sel = f(&pos)?;
        let flat = crate::tensor::ops::movement::reshape(&sel, &[-1])?;
        let z = super::ops::zeros_on(&[off as usize], g.dtype(), g)?;
        let gf = crate::tensor::ops::movement::reshape(&g.contiguous(), &[-1])?;
        tsc::index_add_(&z, 0, &flat, &gf, 1.0)?;
        let mut r = Vec::with_capacity(metas.len());
        let mut off = 0i64;
        for (shape, dt, need) in &metas {
            let n = shape.iter().product::<usize>() as i64;
            r.push(if *need {
                let part = crate::tensor::ops::movement::narrow(&z, 0, off, n)?;
                let sh: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
                Some(to_copy(&crate::tensor::ops::movement::reshape(&part, &sh)?, *dt)?)
            } else {
                None
            });
            off += n;
        }
        Ok(r)
    }))
}

/// `tril` / `triu` of `a` (TrilBackward0 / TriuBackward0): the gradient is masked the same way.
pub fn tri(a: &Tensor, diagonal: i64, upper: bool) -> Result<Tensor> {
    use crate::tensor::ops::creation as tc;
    let f = move |t: &Tensor| if upper { tc::triu(t, diagonal) } else { tc::tril(t, diagonal) };
    let out = f(a)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let name = if upper { "TriuBackward0" } else { "TrilBackward0" };
    Ok(record(out, name, &[a], vec![], move |g, _| Ok(vec![Some(f(g)?)])))
}
