//! Reductions over dims: sum/mean/prod/amax/amin/all/any/nansum/nanmean/count_nonzero/
//! logsumexp, max/min with indices, argmax/argmin, aminmax, var/std, vector norms and
//! cumulative ops. Sorting-based reductions live in `reduce_sort`.
//!
//! Float32/float64 sums and means follow PyTorch's cascade sum exactly (`reduce_sum`);
//! other float sums use pairwise (tree) summation in the compute type (f32 for
//! float16/bfloat16), which matches PyTorch to the printed digits.

use rayon::prelude::*;

use super::ew::{for_each_strided, map_lines, Fl, Float, Real, PAR_MIN};
use crate::error::{Error, ExcKind, Result};
use crate::tensor::dtype::{not_implemented_for, scalar_type_name, Category};
use crate::tensor::layout::{normalize_dim, Layout, Shape};
use crate::tensor::{default_dtype, BufferElem, DType, Element, Tensor};

/// Reduction operators of `reduce`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    Sum,
    Mean,
    Prod,
    Amax,
    Amin,
    All,
    Any,
    NanSum,
    NanMean,
    CountNonzero,
    LogSumExp,
}

/// Vector norm orders.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd {
    P(f64),
    Inf,
    NegInf,
    Fro,
    Nuc,
}

/// Mask of reduced dims (`None` or an empty list = all), with PyTorch's duplicate error.
pub fn reduce_mask(dims: Option<&[i64]>, ndim: usize) -> Result<Vec<bool>> {
    match dims {
        None => Ok(vec![true; ndim]),
        Some(d) if d.is_empty() => Ok(vec![true; ndim]),
        Some(d) => {
            let mut mask = vec![false; ndim];
            for &x in d {
                let i = normalize_dim(x, ndim)?;
                if ndim == 0 {
                    continue;
                }
                if mask[i] {
                    return Err(Error::runtime(format!("dim {i} appears multiple times in the list of dims")));
                }
                mask[i] = true;
            }
            Ok(mask)
        }
    }
}

/// The result shape of reducing `shape` over `mask`.
pub fn reduced_shape(shape: &[usize], mask: &[bool], keepdim: bool) -> Shape {
    shape
        .iter()
        .zip(mask)
        .filter_map(|(&d, &r)| if r { if keepdim { Some(1) } else { None } } else { Some(d) })
        .collect()
}

/// For every output position (row-major over the kept dims), calls `f` with the reduced
/// values in row-major order (a direct slice when they are contiguous in storage).
pub fn reduce_gather<T: BufferElem, O: Copy + Default + Send + Sync>(
    a: &Tensor,
    mask: &[bool],
    f: impl Fn(&[T]) -> O + Sync,
) -> Vec<O> {
    let l = a.layout();
    let (mut ks, mut kst, mut rs, mut rst): (Shape, Shape, Shape, Shape) = Default::default();
    for i in 0..l.ndim() {
        if mask[i] {
            rs.push(l.shape[i]);
            rst.push(l.strides[i]);
        } else {
            ks.push(l.shape[i]);
            kst.push(l.strides[i]);
        }
    }
    let n_out: usize = ks.iter().product();
    let m: usize = rs.iter().product();
    let inner = Layout { shape: rs.clone(), strides: rst.clone(), offset: 0 }.coalesced();
    let contiguous = m <= 1 || (inner.ndim() == 1 && inner.strides[0] == 1);
    let mut out = vec![O::default(); n_out];
    a.with_slice::<T, _>(|s, _| {
        let one = |base: usize, buf: &mut Vec<T>| -> O {
            if m == 0 {
                return f(&[]);
            }
            if contiguous {
                return f(&s[base..base + m]);
            }
            buf.clear();
            for_each_strided(&inner.shape, [&inner.strides], [base], 0, m, |_, [o]| buf.push(s[o]));
            f(buf)
        };
        if n_out > 1 && n_out * m >= PAR_MIN {
            out.par_iter_mut().enumerate().for_each_init(Vec::new, |buf, (i, o)| {
                let mut base = 0;
                for_each_strided(&ks, [&kst], [l.offset], i, 1, |_, [b]| base = b);
                *o = one(base, buf);
            });
        } else {
            let mut buf = Vec::new();
            for_each_strided(&ks, [&kst], [l.offset], 0, n_out, |i, [b]| out[i] = one(b, &mut buf));
        }
    });
    out
}

/// Pairwise sum of `v` in the compute type of `T` (see the module docs).
pub fn pairwise_sum<T: Float>(v: &[T]) -> T::Acc {
    pairwise_by(v, |x| x.to_acc())
}

/// Pairwise sum of `g(x)` over `v`.
pub fn pairwise_by<T: Copy, A: Fl>(v: &[T], g: impl Fn(T) -> A) -> A {
    const BLOCK: usize = 128;
    let zero = A::c(0.0);
    let block = |b: &[T]| -> A {
        let mut acc = [zero; 8];
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            for j in 0..8 {
                acc[j] = acc[j] + g(c[j]);
            }
        }
        for (j, &x) in chunks.remainder().iter().enumerate() {
            acc[j] = acc[j] + g(x);
        }
        ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
    };
    if v.len() <= BLOCK {
        return block(v);
    }
    // Binary-counter merge of block sums: an iterative balanced tree.
    let mut stack: Vec<(u32, A)> = Vec::new();
    for b in v.chunks(BLOCK) {
        let mut cur = (0u32, block(b));
        while let Some(&(lvl, s)) = stack.last() {
            if lvl != cur.0 {
                break;
            }
            stack.pop();
            cur = (lvl + 1, s + cur.1);
        }
        stack.push(cur);
    }
    let mut total = zero;
    let mut first = true;
    while let Some((_, s)) = stack.pop() {
        total = if first { s } else { s + total };
        first = false;
    }
    total
}

fn float_reduce<T: Float>(op: ReduceOp, a: &Tensor, mask: &[bool], shape: &Shape) -> Result<Tensor> {
    let c = <T::Acc as Fl>::c;
    // Sums and means round exactly as PyTorch's cascade sum where a kernel exists.
    if matches!(op, ReduceOp::Sum | ReduceOp::Mean | ReduceOp::NanSum) {
        // Separate instances for nansum and the plain sum, so the plain one is pure adds.
        let sums = if op == ReduceOp::NanSum {
            super::reduce_sum::cascade_sum::<T>(a, mask, |x| if x.is_nan() { c(0.0) } else { x })
        } else {
            super::reduce_sum::cascade_sum::<T>(a, mask, |x| x)
        };
        if let Some(sums) = sums {
            let n: usize = a.shape().iter().zip(mask).filter(|(_, m)| **m).map(|(d, _)| *d).product();
            let out: Vec<T> = sums
                .into_iter()
                .map(|v| T::from_acc(if op == ReduceOp::Mean { v / c(n as f64) } else { v }))
                .collect();
            return Ok(Tensor::from_vec(out, shape));
        }
    }
    let out: Vec<T> = match op {
        ReduceOp::Sum => reduce_gather::<T, T>(a, mask, |v| T::from_acc(pairwise_sum(v))),
        ReduceOp::NanSum => reduce_gather::<T, T>(a, mask, |v| {
            T::from_acc(pairwise_by(v, |x: T| if x.is_nan() { c(0.0) } else { x.to_acc() }))
        }),
        ReduceOp::Mean => reduce_gather::<T, T>(a, mask, |v| T::from_acc(pairwise_sum(v) / c(v.len() as f64))),
        ReduceOp::NanMean => reduce_gather::<T, T>(a, mask, |v| {
            let n = v.iter().filter(|x| !x.is_nan()).count();
            T::from_acc(pairwise_by(v, |x: T| if x.is_nan() { c(0.0) } else { x.to_acc() }) / c(n as f64))
        }),
        ReduceOp::Prod => reduce_gather::<T, T>(a, mask, |v| {
            T::from_acc(v.iter().fold(c(1.0), |p, &x| p * x.to_acc()))
        }),
        ReduceOp::Amax => reduce_gather::<T, T>(a, mask, |v| v.iter().copied().fold(v[0], |p, x| p.maximum(x))),
        ReduceOp::Amin => reduce_gather::<T, T>(a, mask, |v| v.iter().copied().fold(v[0], |p, x| p.minimum(x))),
        ReduceOp::LogSumExp => reduce_gather::<T, T>(a, mask, |v| {
            if v.is_empty() {
                return T::from_acc(c(f64::NEG_INFINITY));
            }
            let mut mx = v.iter().copied().fold(v[0], |p, x| p.maximum(x)).to_acc();
            if mx.is_infinite() {
                mx = c(0.0);
            }
            let s = pairwise_by(v, |x: T| (x.to_acc() - mx).exp());
            T::from_acc(s.ln() + mx)
        }),
        _ => return Err(Error::not_impl(format!("reduction {op:?} for floating tensors"))),
    };
    Ok(Tensor::from_vec(out, shape))
}

/// `a.sum()/mean()/…` over `dims` (see `ReduceOp`); `dtype` casts the input first.
pub fn reduce(op: ReduceOp, a: &Tensor, dims: Option<&[i64]>, keepdim: bool, dtype: Option<DType>) -> Result<Tensor> {
    use ReduceOp::*;
    let a = match dtype {
        Some(d) => a.to_dtype(d),
        None => a.clone(),
    };
    let dt = a.dtype();
    let cat = dt.category();
    let mask = reduce_mask(dims, a.ndim())?;
    let shape = reduced_shape(&a.shape(), &mask, keepdim);
    let ashape = a.shape();
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[&a]) && !(matches!(op, Mean | NanMean) && cat <= Category::Integral) {
        let out_dt = if matches!(op, Sum | Prod) && cat <= Category::Integral { DType::I64 } else { dt };
        let _ = &shape;
        return crate::backend::cuda::ops::reduce(op, &a, &mask, keepdim, out_dt);
    }
    match op {
        Mean | NanMean if cat <= Category::Integral => {
            let name = if op == Mean { "mean" } else { "nanmean" };
            return Err(Error::new(
                ExcKind::NotImplementedError,
                format!(
                    "{name}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {}",
                    scalar_type_name(dt)
                ),
            ));
        }
        Amax | Amin => {
            let name = if op == Amax { "amax" } else { "amin" };
            if cat == Category::Complex {
                return Err(Error::runtime(format!("{name}(): does not support complex input")));
            }
            if dims.is_none_or(|d| d.is_empty()) && ashape.iter().product::<usize>() == 0 {
                return Err(Error::runtime(format!(
                    "{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
                )));
            }
            for (i, (&d, &r)) in ashape.iter().zip(&mask).enumerate() {
                if r && d == 0 {
                    return Err(Error::index(format!(
                        "{name}(): Expected reduction dim {i} to have non-zero size."
                    )));
                }
            }
        }
        All | Any => {
            let out_u8 = dt == DType::U8;
            let v: Vec<bool> = crate::dispatch!(dt, T => reduce_gather::<T, bool>(&a, &mask, |v| {
                if op == All { v.iter().all(|x| x.to_bool()) } else { v.iter().any(|x| x.to_bool()) }
            }));
            let t = Tensor::from_vec(v, &shape);
            return Ok(if out_u8 { t.cast(DType::U8) } else { t });
        }
        CountNonzero => {
            let v: Vec<i64> = crate::dispatch!(dt, T => reduce_gather::<T, i64>(&a, &mask, |v| {
                v.iter().filter(|x| x.to_bool()).count() as i64
            }));
            return Ok(Tensor::from_vec(v, &shape));
        }
        LogSumExp if cat <= Category::Integral => {
            return reduce(op, &a.cast(default_dtype()), dims, keepdim, None);
        }
        _ => {}
    }
    match cat {
        Category::Floating => {
            crate::dispatch!(float: dt, T => float_reduce::<T>(op, &a, &mask, &shape), else => unreachable!())
        }
        Category::Complex => crate::dispatch_complex!(dt, R => {
            type Z = num_complex::Complex<R>;
            let n = |v: &[Z]| v.len() as R;
            let out: Vec<Z> = match op {
                Sum | NanSum => reduce_gather::<Z, Z>(&a, &mask, |v| v.iter().sum()),
                Mean | NanMean => reduce_gather::<Z, Z>(&a, &mask, |v| v.iter().sum::<Z>() / n(v)),
                Prod => reduce_gather::<Z, Z>(&a, &mask, |v| v.iter().product()),
                _ => return Err(not_implemented_for(&format!("{op:?}").to_lowercase(), dt)),
            };
            Ok(Tensor::from_vec(out, &shape))
        }, else => unreachable!()),
        _ => crate::dispatch_int!(dt, T => {
            match op {
                Sum | NanSum => Ok(Tensor::from_vec(
                    reduce_gather::<T, i64>(&a, &mask, |v| v.iter().fold(0i64, |s, x| s.wrapping_add(x.to_i64()))),
                    &shape,
                )),
                Prod => Ok(Tensor::from_vec(
                    reduce_gather::<T, i64>(&a, &mask, |v| v.iter().fold(1i64, |s, x| s.wrapping_mul(x.to_i64()))),
                    &shape,
                )),
                Amax => Ok(Tensor::from_vec(reduce_gather::<T, T>(&a, &mask, |v| v.iter().copied().fold(v[0], |p, x| p.maximum(x))), &shape)),
                Amin => Ok(Tensor::from_vec(reduce_gather::<T, T>(&a, &mask, |v| v.iter().copied().fold(v[0], |p, x| p.minimum(x))), &shape)),
                _ => Err(not_implemented_for(&format!("{op:?}").to_lowercase(), dt)),
            }
        }, else => unreachable!()),
    }
}

/// Index of the extreme value (first occurrence; NaN wins, first NaN).
fn arg_extreme<T: Real>(v: &[T], max: bool) -> (T, i64) {
    let mut best = v[0];
    let mut bi = 0usize;
    if best.is_nan() {
        return (best, 0);
    }
    for (i, &x) in v.iter().enumerate().skip(1) {
        if x.is_nan() {
            return (x, i as i64);
        }
        if (max && x > best) || (!max && x < best) {
            best = x;
            bi = i;
        }
    }
    (best, bi as i64)
}

fn minmax_dim(a: &Tensor, dim: i64, keepdim: bool, max: bool) -> Result<(Tensor, Tensor)> {
    let name = if max { "max" } else { "min" };
    let nd = a.ndim();
    let d = normalize_dim(dim, nd)?;
    let dt = a.dtype();
    if dt.is_complex() {
        return Err(Error::runtime(format!("{name}(): does not support complex input")));
    }
    if nd > 0 && a.shape()[d] == 0 {
        return Err(Error::index(format!(
            "{name}(): Expected reduction dim {d} to have non-zero size."
        )));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a]) {
        return crate::backend::cuda::ops::max_min_dim(a, d, keepdim, max);
    }
    let mut mask = vec![false; nd];
    if nd > 0 {
        mask[d] = true;
    }
    let shape = reduced_shape(&a.shape(), &mask, keepdim);
    crate::dispatch!(real: dt, T => {
        let r = reduce_gather::<T, (T, i64)>(a, &mask, |v| arg_extreme(v, max));
        let (vals, idx): (Vec<T>, Vec<i64>) = r.into_iter().unzip();
        Ok((Tensor::from_vec(vals, &shape), Tensor::from_vec(idx, &shape)))
    }, else => unreachable!())
}

/// `torch.max(a, dim, keepdim)`: (values, int64 indices).
pub fn max_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> {
    minmax_dim(a, dim, keepdim, true)
}

/// `torch.min(a, dim, keepdim)`.
pub fn min_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> {
    minmax_dim(a, dim, keepdim, false)
}

fn minmax_all(a: &Tensor, max: bool) -> Result<Tensor> {
    let name = if max { "max" } else { "min" };
    if a.dtype().is_complex() {
        return Err(crate::tensor::dtype::not_implemented_for(if max { "max_all" } else { "min_all" }, a.dtype()));
    }
    if a.numel() == 0 {
        return Err(Error::runtime(format!(
            "{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
        )));
    }
    reduce(if max { ReduceOp::Amax } else { ReduceOp::Amin }, a, None, false, None)
}

/// `a.max()`: 0-d maximum (NaN propagates).
pub fn max_all(a: &Tensor) -> Result<Tensor> {
    minmax_all(a, true)
}

/// `a.min()`.
pub fn min_all(a: &Tensor) -> Result<Tensor> {
    minmax_all(a, false)
}

fn arg_impl(a: &Tensor, dim: Option<i64>, keepdim: bool, max: bool) -> Result<Tensor> {
    let name = if max { "argmax" } else { "argmin" };
    if a.dtype() == crate::tensor::DType::Bool {
        return Err(Error::not_impl(format!("{name}(): does not support bool input")));
    }
    match dim {
        Some(d) => Ok(minmax_dim(a, d, keepdim, max).map_err(|mut e| {
            e.msg = e.msg.replacen(if max { "max" } else { "min" }, name, 1);
            e
        })?.1),
        None => {
            if a.numel() == 0 {
                return Err(Error::index(format!(
                    "{name}(): Expected reduction dim to be specified for input.numel() == 0."
                )));
            }
            let flat = a.contiguous();
            let flat = flat.with_layout(Layout::contiguous(&[a.numel()]).with_offset(flat.offset()));
            let (_, i) = minmax_dim(&flat, 0, false, max)?;
            if keepdim {
                let ones: Shape = a.shape().iter().map(|_| 1).collect();
                return Ok(i.with_layout(Layout::contiguous(&ones)));
            }
            Ok(i)
        }
    }
}

trait WithOffset {
    fn with_offset(self, off: usize) -> Self;
}
impl WithOffset for Layout {
    fn with_offset(mut self, off: usize) -> Self {
        self.offset = off;
        self
    }
}

/// `torch.argmax(a, dim=None, keepdim=False)`.
pub fn argmax(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<Tensor> {
    arg_impl(a, dim, keepdim, true)
}

/// `torch.argmin`.
pub fn argmin(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<Tensor> {
    arg_impl(a, dim, keepdim, false)
}

/// `torch.aminmax(a, dim=, keepdim=)`: (min, max).
pub fn aminmax(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<(Tensor, Tensor)> {
    if a.numel() == 0 && dim.is_none() {
        return Err(Error::runtime(
            "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.",
        ));
    }
    let dims = dim.map(|d| [d]);
    let dref = dims.as_ref().map(|d| &d[..]);
    let lo = reduce(ReduceOp::Amin, a, dref, keepdim, None)?;
    let hi = reduce(ReduceOp::Amax, a, dref, keepdim, None)?;
    Ok((lo, hi))
}

fn var_impl(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool, sqrt: bool) -> Result<Tensor> {
    let dt = a.dtype();
    if dt.category() <= Category::Integral {
        return Err(Error::not_impl("std and var only support floating point and complex dtypes"));
    }
    let mask = reduce_mask(dims, a.ndim())?;
    let shape = reduced_shape(&a.shape(), &mask, keepdim);
    let f = move |v: &[f64]| {
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let ss: f64 = v.iter().map(|x| (x - mean) * (x - mean)).sum();
        let r = ss / (n - correction).max(0.0);
        if sqrt { r.sqrt() } else { r }
    };
    if dt.is_complex() {
        // var of complex = var(re) + var(im), real result.
        let re = super::unary::unary(super::unary::UnaryOp::Real, a)?.cast(DType::F64);
        let im = super::unary::unary(super::unary::UnaryOp::Imag, a)?.cast(DType::F64);
        let vr = reduce_gather::<f64, f64>(&re, &mask, |v| f(v).powi(if sqrt { 2 } else { 1 }));
        let vi = reduce_gather::<f64, f64>(&im, &mask, |v| f(v).powi(if sqrt { 2 } else { 1 }));
        let out: Vec<f32> = vr.iter().zip(&vi).map(|(x, y)| { let s = x + y; (if sqrt { s.sqrt() } else { s }) as f32 }).collect();
        return Ok(Tensor::from_vec(out, &shape));
    }
    crate::dispatch!(float: dt, T => {
        let out = reduce_gather::<T, T>(a, &mask, |v| {
            let w: Vec<f64> = v.iter().map(|x| x.to_f64()).collect();
            T::from_f64(f(&w))
        });
        Ok(Tensor::from_vec(out, &shape))
    }, else => unreachable!())
}

/// `torch.var(a, dims, correction=, keepdim=)` (two-pass in f64).
pub fn var(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool) -> Result<Tensor> {
    var_impl(a, dims, correction, keepdim, false)
}

/// `torch.std`.
pub fn std(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool) -> Result<Tensor> {
    var_impl(a, dims, correction, keepdim, true)
}

/// Vector norms (`torch.norm`, `torch.linalg.vector_norm`); `Fro` is the 2-norm over `dims`.
pub fn norm(a: &Tensor, ord: NormOrd, dims: Option<&[i64]>, keepdim: bool) -> Result<Tensor> {
    let dt = a.dtype();
    if dt.category() <= Category::Integral {
        return Err(Error::not_impl(format!(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}",
            scalar_type_name(dt)
        )));
    }
    if ord == NormOrd::Nuc {
        return Err(Error::not_impl("nuclear norm"));
    }
    let a = if dt.is_complex() { super::unary::unary(super::unary::UnaryOp::Abs, a)? } else { a.clone() };
    let dt = a.dtype();
    let mask = reduce_mask(dims, a.ndim())?;
    let shape = reduced_shape(&a.shape(), &mask, keepdim);
    if matches!(ord, NormOrd::Inf | NormOrd::NegInf) && a.numel() == 0 {
        return Err(Error::runtime(
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity",
        ));
    }
    crate::dispatch!(float: dt, T => {
        let out = reduce_gather::<T, T>(&a, &mask, |v| {
            let abs = v.iter().map(|x| x.to_f64().abs());
            let r = match ord {
                NormOrd::Inf => abs.fold(f64::NEG_INFINITY, |m, x| if x.is_nan() || m.is_nan() { f64::NAN } else { m.max(x) }),
                NormOrd::NegInf => abs.fold(f64::INFINITY, |m, x| if x.is_nan() || m.is_nan() { f64::NAN } else { m.min(x) }),
                NormOrd::P(p) if p == 0.0 => abs.filter(|&x| x != 0.0).count() as f64,
                NormOrd::P(p) if p == 1.0 => abs.sum(),
                NormOrd::P(p) if p != 2.0 => abs.map(|x| x.powf(p)).sum::<f64>().powf(1.0 / p),
                _ => abs.map(|x| x * x).sum::<f64>().sqrt(),
            };
            T::from_f64(r)
        });
        Ok(Tensor::from_vec(out, &shape))
    }, else => unreachable!())
}

fn cum_impl(a: &Tensor, dim: i64, dtype: Option<DType>, prod: bool) -> Result<Tensor> {
    let a = match dtype {
        Some(d) => a.to_dtype(d),
        None if a.dtype().category() <= Category::Integral => a.cast(DType::I64),
        None => a.clone(),
    };
    let d = normalize_dim(dim, a.ndim())?;
    let shape = a.shape();
    let len = if a.ndim() == 0 { 1 } else { shape[d] };
    let dt = a.dtype();
    match dt.category() {
        Category::Floating => crate::dispatch!(float: dt, T => {
            let out = map_lines::<T, T>(&a, d, len, |line, out| {
                let mut acc = if prod { 1.0f64 } else { 0.0 };
                for (o, &x) in out.iter_mut().zip(line) {
                    acc = if prod { acc * x.to_f64() } else { acc + x.to_f64() };
                    *o = T::from_f64(acc);
                }
            });
            Ok(Tensor::from_vec(out, &shape))
        }, else => unreachable!()),
        Category::Complex => crate::dispatch_complex!(dt, R => {
            type Z = num_complex::Complex<R>;
            let out = map_lines::<Z, Z>(&a, d, len, |line, out| {
                let mut acc = Z::new(if prod { 1.0 } else { 0.0 }, 0.0);
                for (o, &x) in out.iter_mut().zip(line) {
                    acc = if prod { acc * x } else { acc + x };
                    *o = acc;
                }
            });
            Ok(Tensor::from_vec(out, &shape))
        }, else => unreachable!()),
        _ => crate::dispatch_int!(dt, T => {
            let out = map_lines::<T, T>(&a, d, len, |line, out| {
                let mut acc = if prod { T::one() } else { T::zero() };
                for (o, &x) in out.iter_mut().zip(line) {
                    acc = if prod { acc.mul(x) } else { acc.add(x) };
                    *o = acc;
                }
            });
            Ok(Tensor::from_vec(out, &shape))
        }, else => unreachable!()),
    }
}

/// `torch.cumsum(a, dim, dtype=)` (integers accumulate in int64).
pub fn cumsum(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    cum_impl(a, dim, dtype, false)
}

/// `torch.cumprod`.
pub fn cumprod(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    cum_impl(a, dim, dtype, true)
}

fn cum_extreme(a: &Tensor, dim: i64, max: bool) -> Result<(Tensor, Tensor)> {
    let d = normalize_dim(dim, a.ndim())?;
    let shape = a.shape();
    let len = if a.ndim() == 0 { 1 } else { shape[d] };
    let dt = a.dtype();
    crate::dispatch!(real: dt, T => {
        let out = map_lines::<T, (T, i64)>(a, d, len, |line, out| {
            let mut best = line.first().copied().unwrap_or_default();
            let mut bi = 0i64;
            for (i, (o, &x)) in out.iter_mut().zip(line).enumerate() {
                if !best.is_nan() && (x.is_nan() || if max { x >= best } else { x <= best }) {
                    best = x;
                    bi = i as i64;
                }
                *o = (best, bi);
            }
        });
        let (v, i): (Vec<T>, Vec<i64>) = out.into_iter().unzip();
        Ok((Tensor::from_vec(v, &shape), Tensor::from_vec(i, &shape)))
    }, else => Err(not_implemented_for(if max { "cummax_cpu" } else { "cummin_cpu" }, dt)))
}

/// `torch.cummax(a, dim)`: running maximum and its (last) index.
pub fn cummax(a: &Tensor, dim: i64) -> Result<(Tensor, Tensor)> {
    cum_extreme(a, dim, true)
}

/// `torch.cummin(a, dim)`.
pub fn cummin(a: &Tensor, dim: i64) -> Result<(Tensor, Tensor)> {
    cum_extreme(a, dim, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange3() -> Tensor {
        Tensor::from_vec((0..24).map(|x| x as f32).collect::<Vec<_>>(), &[2, 3, 4])
    }

    /// A permuted (non-contiguous) view: shape [4, 2, 3] of arange3 via strides.
    fn permuted() -> Tensor {
        arange3().with_layout(Layout {
            shape: smallvec::SmallVec::from_slice(&[4, 2, 3]),
            strides: smallvec::SmallVec::from_slice(&[1, 12, 4]),
            offset: 0,
        })
    }

    #[test]
    fn sum_dims_keepdim_negative_noncontig() {
        let p = permuted();
        let dense = p.to_vec::<f32>();
        // Naive reduction over dims (0, 2) of [4, 2, 3].
        let mut want = vec![0f32; 2];
        for i in 0..4 {
            for j in 0..2 {
                for k in 0..3 {
                    want[j] += dense[i * 6 + j * 3 + k];
                }
            }
        }
        let r = reduce(ReduceOp::Sum, &p, Some(&[0, -1]), false, None).unwrap();
        assert_eq!(r.shape().as_slice(), &[2]);
        assert_eq!(r.to_vec::<f32>(), want);
        let r = reduce(ReduceOp::Sum, &p, Some(&[0, 2]), true, None).unwrap();
        assert_eq!(r.shape().as_slice(), &[1, 2, 1]);
        let e = reduce(ReduceOp::Sum, &p, Some(&[0, -3]), false, None).unwrap_err();
        assert_eq!(e.msg, "dim 0 appears multiple times in the list of dims");
        let all = reduce(ReduceOp::Sum, &p, None, false, None).unwrap();
        assert_eq!(all.to_vec::<f32>(), vec![276.0]);
        let m = reduce(ReduceOp::Mean, &arange3(), Some(&[1, 2]), false, None).unwrap();
        assert_eq!(m.to_vec::<f32>(), vec![5.5, 17.5]);
    }

    #[test]
    fn dtypes_and_errors() {
        let i = Tensor::from_vec(vec![1i32, 2, 3], &[3]);
        let s = reduce(ReduceOp::Sum, &i, None, false, None).unwrap();
        assert_eq!(s.dtype(), DType::I64);
        assert_eq!(s.to_vec::<i64>(), vec![6]);
        let e = reduce(ReduceOp::Mean, &i.cast(DType::I64), None, false, None).unwrap_err();
        assert_eq!(e.kind, ExcKind::NotImplementedError);
        assert!(e.msg.ends_with("Got: Long"));
        let f = reduce(ReduceOp::Sum, &i, None, false, Some(DType::F64)).unwrap();
        assert_eq!(f.dtype(), DType::F64);
        let empty = Tensor::from_vec(Vec::<f32>::new(), &[0]);
        assert_eq!(reduce(ReduceOp::Sum, &empty, None, false, None).unwrap().to_vec::<f32>(), vec![0.0]);
        assert_eq!(reduce(ReduceOp::Prod, &empty, None, false, None).unwrap().to_vec::<f32>(), vec![1.0]);
        assert!(reduce(ReduceOp::Mean, &empty, None, false, None).unwrap().to_vec::<f32>()[0].is_nan());
        assert!(max_all(&empty).unwrap_err().msg.starts_with("max(): Expected reduction dim to be specified"));
        let b = Tensor::from_vec(vec![true, false, true], &[3]);
        assert_eq!(reduce(ReduceOp::Sum, &b, None, false, None).unwrap().to_vec::<i64>(), vec![2]);
        assert_eq!(reduce(ReduceOp::All, &b, None, false, None).unwrap().to_vec::<bool>(), vec![false]);
        assert_eq!(reduce(ReduceOp::CountNonzero, &b, None, false, None).unwrap().to_vec::<i64>(), vec![2]);
    }

    #[test]
    fn pairwise_is_accurate() {
        let v: Vec<f32> = (0..100_000).map(|i| 0.1 + (i % 7) as f32 * 1e-3).collect();
        let exact: f64 = v.iter().map(|&x| x as f64).sum();
        let got = pairwise_sum(&v) as f64;
        assert!((got - exact).abs() / exact < 1e-6);
    }

    #[test]
    fn max_argmax_var() {
        let x = Tensor::from_vec(vec![1.0f32, 5.0, 2.0, 4.0, 3.0, 6.0], &[2, 3]);
        let (v, i) = max_dim(&x, 1, false).unwrap();
        assert_eq!(v.to_vec::<f32>(), vec![5.0, 6.0]);
        assert_eq!(i.to_vec::<i64>(), vec![1, 2]);
        let (v, i) = min_dim(&x, 0, true).unwrap();
        assert_eq!(v.shape().as_slice(), &[1, 3]);
        assert_eq!(i.to_vec::<i64>(), vec![0, 1, 0]);
        assert_eq!(argmax(&x, None, false).unwrap().to_vec::<i64>(), vec![5]);
        let n = Tensor::from_vec(vec![1.0f32, f32::NAN, 3.0], &[3]);
        assert!(max_all(&n).unwrap().to_vec::<f32>()[0].is_nan());
        assert_eq!(argmax(&n, Some(0), false).unwrap().to_vec::<i64>(), vec![1]);
        let v = var(&x, Some(&[1]), 1.0, false).unwrap().to_vec::<f32>();
        // rows [1,5,2] mean 8/3 -> var = ((5/3)^2+(7/3)^2+(2/3)^2)/2 = 13/3
        assert!((v[0] - 13.0 / 3.0).abs() < 1e-6);
        let s = std(&x, None, 0.0, false).unwrap().to_vec::<f32>()[0];
        assert!((s as f64 - (17.5f64 / 6.0).sqrt()).abs() < 1e-6);
        let nrm = norm(&Tensor::from_vec(vec![3.0f32, 4.0], &[2]), NormOrd::P(2.0), None, false).unwrap();
        assert_eq!(nrm.to_vec::<f32>(), vec![5.0]);
    }

    #[test]
    fn cumulative() {
        let x = Tensor::from_vec(vec![1i32, 2, 3, 4, 5, 6], &[2, 3]);
        let c = cumsum(&x, 0, None).unwrap();
        assert_eq!(c.dtype(), DType::I64);
        assert_eq!(c.to_vec::<i64>(), vec![1, 2, 3, 5, 7, 9]);
        assert_eq!(cumprod(&x, 1, None).unwrap().to_vec::<i64>(), vec![1, 2, 6, 4, 20, 120]);
        let y = Tensor::from_vec(vec![1.0f32, 3.0, 2.0, 3.0], &[4]);
        let (v, i) = cummax(&y, 0).unwrap();
        assert_eq!(v.to_vec::<f32>(), vec![1.0, 3.0, 3.0, 3.0]);
        assert_eq!(i.to_vec::<i64>(), vec![0, 1, 1, 3]);
    }
}
