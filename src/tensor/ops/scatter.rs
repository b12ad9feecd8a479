//! Index-tensor ops that are calls rather than subscripts: `gather`, `scatter`(`_add`),
//! `index_select`, `index_add`, `masked_fill`, `masked_select`, `take`, `nonzero`.
//! Re-exported from `index`, which is where callers find them.

use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::tensor::dtype::{C64, DType, Element, scalar_type_name};
use crate::tensor::layout::{Layout, broadcast_shapes, fmt_shape, normalize_dim};
use crate::tensor::{BufferElem, Tensor};

use super::movement::{expand, select, unbind, unsqueeze};
use super::reorder::{for_each_table_offset, gather_maps};

/// `x + alpha * y` in the element type, the way PyTorch's CPU kernels round.
#[inline]
pub(crate) fn add_scaled<T: Element>(x: T, y: T, alpha: f64) -> T {
    match T::DTYPE {
        DType::F64 => T::from_f64(x.to_f64() + alpha * y.to_f64()),
        DType::F32 | DType::F16 | DType::BF16 => {
            let (a, b) = (x.to_f64() as f32, y.to_f64() as f32);
            T::from_f64(if alpha == 1.0 { a + b } else { a + alpha as f32 * b } as f64)
        }
        DType::C64 => {
            let (a, b) = (x.to_c128(), y.to_c128());
            let (a, b) = (C64::new(a.re as f32, a.im as f32), C64::new(b.re as f32, b.im as f32));
            let r = a + C64::new(alpha as f32, 0.0) * b;
            T::from_c128(crate::tensor::dtype::C128::new(r.re as f64, r.im as f64))
        }
        DType::C128 => T::from_c128(x.to_c128() + crate::tensor::dtype::C128::new(alpha, 0.0) * y.to_c128()),
        DType::Bool => T::from_bool(x.to_bool() || (alpha != 0.0 && y.to_bool())),
        _ => T::from_i64(x.to_i64().wrapping_add((alpha as i64).wrapping_mul(y.to_i64()))),
    }
}

/// The layout with a 0-d tensor seen as shape `[1]` (PyTorch's `ensure_nonempty_*`).
fn nonempty(l: Layout) -> Layout {
    if l.shape.is_empty() {
        Layout { shape: SmallVec::from_slice(&[1]), strides: SmallVec::from_slice(&[1]), offset: l.offset }
    } else {
        l
    }
}

/// Storage offsets of `l` at every position of `shape` (row-major), with dim `skip`
/// contributing nothing (its index comes from an index tensor).
fn offsets_except(l: &Layout, shape: &[usize], skip: usize) -> Vec<usize> {
    let tables: Vec<Vec<usize>> = shape
        .iter()
        .enumerate()
        .map(|(k, &n)| if k == skip { vec![0; n] } else { (0..n).map(|i| i * l.strides[k]).collect() })
        .collect();
    let mut out = Vec::with_capacity(shape.iter().product());
    for_each_table_offset(l.offset, &tables, |o| out.push(o));
    out
}

/// `torch.gather(a, dim, index)`.
pub fn gather(a: &Tensor, dim: i64, index: &Tensor) -> Result<Tensor> {
    let d = normalize_dim(dim, a.ndim())?;
    if index.dtype() != DType::I64 {
        return Err(Error::runtime("gather(): Expected dtype int64 for index"));
    }
    let out_shape = index.shape();
    let al = nonempty(a.layout());
    let il = nonempty(index.layout());
    if index.numel() != 0 {
        if al.ndim() != il.ndim() {
            return Err(Error::runtime("Index tensor must have the same number of dimensions as input tensor"));
        }
        for k in 0..al.ndim() {
            if k != d && il.shape[k] > al.shape[k] {
                return Err(Error::runtime(format!(
                    "Size does not match at dimension {} expected index {} to be smaller than self {} apart from dimension {}",
                    k,
                    fmt_shape(&index.shape()),
                    fmt_shape(&a.shape()),
                    d
                )));
            }
        }
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, index]) {
        crate::backend::device_of(&[a, index])?;
        if a.ndim() == 0 {
            return Err(Error::not_impl("gather on a 0-d CUDA tensor"));
        }
        return crate::backend::cuda::ops::gather(a, d, index);
    }
    let idx = index.to_vec::<i64>();
    let size = al.shape[d] as i64;
    if let Some(&bad) = idx.iter().find(|&&v| v < 0 || v >= size) {
        return Err(Error::runtime(format!(
            "index {bad} is out of bounds for dimension {d} with size {size}"
        )));
    }
    let mut offs = offsets_except(&al, &il.shape, d);
    let sd = al.strides[d];
    for (o, &v) in offs.iter_mut().zip(&idx) {
        *o += v as usize * sd;
    }
    Ok(super::reorder::gather_offsets(a, &offs, &out_shape))
}

fn scatter_impl(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor, add: bool) -> Result<()> {
    let name = if add { "scatter_add" } else { "scatter" };
    let d = normalize_dim(dim, a.ndim())?;
    if index.dtype() != DType::I64 {
        return Err(Error::runtime(format!("{name}(): Expected dtype int64 for index")));
    }
    // A 0-d src of `scatter` is the value overload (cast to a's dtype).
    let is_value = !add && src.ndim() == 0;
    if !is_value && src.dtype() != a.dtype() {
        return Err(Error::runtime(format!("{name}(): Expected self.dtype to be equal to src.dtype")));
    }
    let al = nonempty(a.layout());
    let il = nonempty(index.layout());
    let sl = nonempty(src.layout());
    if index.numel() != 0 {
        if al.ndim() != il.ndim() {
            return Err(Error::runtime("Index tensor must have the same number of dimensions as self tensor"));
        }
        let mut wrong = false;
        for k in 0..al.ndim() {
            if k != d && il.shape[k] > al.shape[k] {
                wrong = true;
            }
            if !is_value && il.shape[k] > sl.shape.get(k).copied().unwrap_or(1) {
                wrong = true;
            }
        }
        if wrong {
            return Err(Error::runtime(if is_value {
                format!(
                    "Expected index {} to be smaller than self {} apart from dimension {}",
                    fmt_shape(&index.shape()),
                    fmt_shape(&a.shape()),
                    d
                )
            } else {
                format!(
                    "Expected index {} to be smaller than self {} apart from dimension {} and to be smaller size than src {}",
                    fmt_shape(&index.shape()),
                    fmt_shape(&a.shape()),
                    d,
                    fmt_shape(&src.shape())
                )
            }));
        }
        if !is_value && sl.ndim() != il.ndim() {
            return Err(Error::runtime("Index tensor must have the same number of dimensions as src tensor"));
        }
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, index, src]) {
        crate::backend::device_of(&[a, index, src])?;
        if a.ndim() == 0 {
            return Err(Error::not_impl(format!("{name} on a 0-d CUDA tensor")));
        }
        return crate::backend::cuda::ops::scatter_(a, d, index, src, add);
    }
    let idx = index.to_vec::<i64>();
    let size = al.shape[d] as i64;
    if let Some(&bad) = idx.iter().find(|&&v| v < 0 || v >= size) {
        return Err(Error::runtime(format!(
            "index {bad} is out of bounds for dimension {d} with size {size}"
        )));
    }
    let mut targets = offsets_except(&al, &il.shape, d);
    let sd = al.strides[d];
    for (o, &v) in targets.iter_mut().zip(&idx) {
        *o += v as usize * sd;
    }
    crate::dispatch!(a.dtype(), T => {
        let vals: Vec<T> = if is_value {
            let v: T = src.to_vec_as::<T>()[0];
            vec![v; targets.len()]
        } else {
            // src read at the index positions (src may be larger than index).
            let s = src.with_layout(Layout { shape: il.shape.clone(), strides: sl.strides.clone(), offset: sl.offset });
            s.to_vec::<T>()
        };
        a.with_slice_mut::<T, _>(|buf, _| {
            for (&o, &v) in targets.iter().zip(&vals) {
                buf[o] = if add { add_scaled(buf[o], v, 1.0) } else { v };
            }
        });
    });
    Ok(())
}

/// `a.scatter_(dim, index, src)` in place; a 0-d `src` is the scalar-value overload.
pub fn scatter_(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<()> {
    scatter_impl(a, dim, index, src, false)
}

/// `torch.scatter(a, dim, index, src)`: a copy of `a` with the scatter applied.
pub fn scatter(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<Tensor> {
    let out = a.copy_contiguous();
    scatter_(&out, dim, index, src)?;
    Ok(out)
}

/// `a.scatter_add_(dim, index, src)` in place.
pub fn scatter_add_(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<()> {
    scatter_impl(a, dim, index, src, true)
}

/// `torch.scatter_add(a, dim, index, src)`.
pub fn scatter_add(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor) -> Result<Tensor> {
    let out = a.copy_contiguous();
    scatter_add_(&out, dim, index, src)?;
    Ok(out)
}

fn index_vector(index: &Tensor, func: &str, sel: bool) -> Result<Vec<i64>> {
    if index.ndim() > 1 {
        return Err(Error::index(format!("{func}(): Index is supposed to be a vector")));
    }
    if !matches!(index.dtype(), DType::I64 | DType::I32) {
        return Err(Error::runtime(if sel {
            format!("{func}(): Expected dtype int32 or int64 for index")
        } else {
            format!("{func}(): Expected dtype int32/int64 for index")
        }));
    }
    Ok(index.to_vec_as::<i64>())
}

/// `torch.index_select(a, dim, index)`.
pub fn index_select(a: &Tensor, dim: i64, index: &Tensor) -> Result<Tensor> {
    let d = normalize_dim(dim, a.ndim())?;
    if index.ndim() > 1 {
        return Err(Error::index("index_select(): Index is supposed to be a vector"));
    }
    if a.ndim() == 0 && index.numel() != 1 {
        return Err(Error::runtime(format!(
            "index_select(): Index to scalar can have only 1 value, got {} value(s)",
            index.numel()
        )));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, index]) {
        crate::backend::device_of(&[a, index])?;
        if !matches!(index.dtype(), DType::I64 | DType::I32) {
            return Err(Error::runtime("index_select(): Expected dtype int32 or int64 for index"));
        }
        if a.ndim() == 0 {
            return Err(Error::not_impl("index_select on a 0-d CUDA tensor"));
        }
        let index = crate::tensor::ops::movement::reshape(index, &[-1])?;
        return crate::backend::cuda::ops::index_select(a, d, &index);
    }
    let idx = index_vector(index, "index_select", true)?;
    let l = nonempty(a.layout());
    let size = l.shape[d] as i64;
    if idx.iter().any(|&v| v < 0 || v >= size) {
        return Err(Error::index("index out of range in self"));
    }
    let base = a.with_layout(l.clone());
    let maps: Vec<Vec<usize>> = l
        .shape
        .iter()
        .enumerate()
        .map(|(k, &n)| if k == d { idx.iter().map(|&v| v as usize).collect() } else { (0..n).collect() })
        .collect();
    let out = gather_maps(&base, &maps);
    if a.ndim() == 0 {
        return Ok(out.with_layout(Layout::contiguous(&[])));
    }
    Ok(out)
}

/// `a.index_add_(dim, index, src, alpha=alpha)` in place.
pub fn index_add_(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor, alpha: f64) -> Result<()> {
    let d = normalize_dim(dim, a.ndim())?;
    let idx = index_vector(index, "index_add_", false)?;
    if a.dtype() != src.dtype() {
        return Err(Error::runtime(format!(
            "index_add_(): self ({}) and source ({}) must have the same scalar type",
            scalar_type_name(a.dtype()),
            scalar_type_name(src.dtype())
        )));
    }
    if !(d == 0 || d < src.ndim()) {
        return Err(Error::index(format!(
            "index_add_(): Indexing dim {} is out of bounds of the source tensor with dim {}",
            d,
            src.ndim()
        )));
    }
    let src_n = if src.ndim() == 0 { 1 } else { src.shape()[d] };
    if idx.len() != src_n {
        return Err(Error::runtime(format!(
            "index_add_(): Number of indices ({}) should be equal to source.size(dim) ({})",
            idx.len(),
            src_n
        )));
    }
    let a1 = if a.ndim() == 0 { unsqueeze(a, 0)? } else { a.clone() };
    let s1 = if src.ndim() == 0 { unsqueeze(src, 0)? } else { src.clone() };
    let size = a1.shape()[d] as i64;
    if idx.iter().any(|&v| v < 0 || v >= size) {
        return Err(Error::index("index out of range in self"));
    }
    // Fast path: both contiguous with the same shape outside `d` (the gradient of
    // indexing takes it): plain index arithmetic, in index order as PyTorch adds.
    let (sa, ss) = (a1.shape(), s1.shape());
    let same_outside = sa.len() == ss.len() && sa.iter().zip(ss.iter()).enumerate().all(|(k, (x, y))| k == d || x == y);
    if same_outside && a1.is_contiguous() && s1.is_contiguous() && !a1.shares_storage(&s1) {
        let outer: usize = sa[..d].iter().product();
        let inner: usize = sa[d + 1..].iter().product();
        let (na, ns) = (sa[d], ss[d]);
        let (oa, os) = (a1.offset(), s1.offset());
        crate::dispatch!(a.dtype(), T => {
            let sv = s1.with_slice::<T, _>(|b, _| b[os..os + outer * ns * inner].to_vec());
            a1.with_slice_mut::<T, _>(|buf, _| {
                let buf = &mut buf[oa..oa + outer * na * inner];
                for o in 0..outer {
                    for (i, &v) in idx.iter().enumerate() {
                        let db = (o * na + v as usize) * inner;
                        let sb = (o * ns + i) * inner;
                        for k in 0..inner {
                            buf[db + k] = add_scaled(buf[db + k], sv[sb + k], alpha);
                        }
                    }
                }
            });
        });
        return Ok(());
    }
    crate::dispatch!(a.dtype(), T => {
        for (i, &v) in idx.iter().enumerate() {
            let dst = select(&a1, d as i64, v)?;
            let s = select(&s1, d as i64, i as i64)?;
            let sv: Vec<T> = expand(&s, &dst.shape().iter().map(|&x| x as i64).collect::<Vec<_>>())?.to_vec::<T>();
            dst.with_slice_mut::<T, _>(|buf, l| {
                let mut k = 0;
                l.for_each_offset(|o| {
                    buf[o] = add_scaled(buf[o], sv[k], alpha);
                    k += 1;
                });
            });
        }
    });
    Ok(())
}

/// `torch.index_add(a, dim, index, src, alpha=alpha)`.
pub fn index_add(a: &Tensor, dim: i64, index: &Tensor, src: &Tensor, alpha: f64) -> Result<Tensor> {
    let out = a.copy_contiguous();
    index_add_(&out, dim, index, src, alpha)?;
    Ok(out)
}


/// `a.masked_fill_(mask, value)` in place; `value` must be 0-d (a Python number is a
/// wrapped 0-d tensor) and is cast to `a`'s dtype.
pub fn masked_fill_(a: &Tensor, mask: &Tensor, value: &Tensor) -> Result<()> {
    if value.ndim() != 0 {
        return Err(Error::runtime(format!(
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {} dimension(s).",
            value.ndim()
        )));
    }
    if mask.dtype() != DType::Bool {
        return Err(Error::runtime(format!(
            "masked_fill_ only supports boolean masks, but got mask with dtype {}",
            crate::tensor::dtype::type_meta_name(mask.dtype())
        )));
    }
    let shape = a.shape();
    let b = broadcast_shapes(&shape, &mask.shape())?;
    if b != shape {
        return Err(Error::runtime(format!(
            "output with shape {} doesn't match the broadcast shape {}",
            fmt_shape(&shape),
            fmt_shape(&b)
        )));
    }
    let m: Vec<bool> = mask.with_layout(mask.layout().broadcast_to(&shape)?).to_vec::<bool>();
    crate::dispatch!(a.dtype(), T => {
        let v: T = value.to_vec_as::<T>()[0];
        a.with_slice_mut::<T, _>(|buf, l| {
            let mut k = 0;
            l.for_each_offset(|o| {
                if m[k] {
                    buf[o] = v;
                }
                k += 1;
            });
        });
    });
    Ok(())
}

/// `a.masked_fill(mask, value)`: `a` and `mask` broadcast together; a new tensor.
pub fn masked_fill(a: &Tensor, mask: &Tensor, value: &Tensor) -> Result<Tensor> {
    let b = broadcast_shapes(&mask.shape(), &a.shape())?;
    let out = a.with_layout(a.layout().broadcast_to(&b)?).copy_contiguous();
    masked_fill_(&out, mask, value)?;
    Ok(out)
}

/// `torch.masked_select(a, mask)`: the elements where `mask` (broadcast) is true, 1-D.
pub fn masked_select(a: &Tensor, mask: &Tensor) -> Result<Tensor> {
    if mask.dtype() != DType::Bool {
        return Err(Error::runtime("masked_select: expected BoolTensor for mask"));
    }
    let b = broadcast_shapes(&mask.shape(), &a.shape())?;
    let m: Vec<bool> = mask.with_layout(mask.layout().broadcast_to(&b)?).to_vec::<bool>();
    let al = a.layout().broadcast_to(&b)?;
    let mut offs = Vec::new();
    let mut k = 0;
    al.for_each_offset(|o| {
        if m[k] {
            offs.push(o);
        }
        k += 1;
    });
    let n = offs.len();
    Ok(super::reorder::gather_offsets(a, &offs, &[n]))
}

/// `torch.take(a, index)`: `a` read as if flattened, at `index` (negative wraps).
pub fn take(a: &Tensor, index: &Tensor) -> Result<Tensor> {
    if index.dtype() != DType::I64 {
        return Err(Error::runtime(format!(
            "take(): Expected a long tensor for index, but got {}",
            scalar_type_name(index.dtype())
        )));
    }
    let n = a.numel() as i64;
    if n == 0 && index.numel() != 0 {
        return Err(Error::index("take(): tried to take from an empty tensor"));
    }
    let idx = index.to_vec::<i64>();
    if let Some(&bad) = idx.iter().find(|&&v| v < -n || v >= n) {
        return Err(Error::index(format!(
            "out of range: tried to access index {bad} on a tensor of {n} elements."
        )));
    }
    let mut all = Vec::with_capacity(n as usize);
    a.layout().for_each_offset(|o| all.push(o));
    let offs: Vec<usize> = idx.iter().map(|&v| all[if v < 0 { v + n } else { v } as usize]).collect();
    Ok(super::reorder::gather_offsets(a, &offs, &index.shape()))
}

fn nonzero_mask<T: BufferElem>(a: &Tensor) -> Vec<bool> {
    a.with_slice::<T, _>(|s, l| {
        let mut out = Vec::with_capacity(l.numel());
        l.for_each_offset(|o| out.push(s[o].to_bool()));
        out
    })
}

/// `torch.nonzero(a)`: `[n, ndim]` int64 indices of the nonzero elements, row-major.
pub fn nonzero(a: &Tensor) -> Result<Tensor> {
    let shape = a.shape();
    let nd = shape.len();
    let m: Vec<bool> = crate::dispatch!(a.dtype(), T => nonzero_mask::<T>(a));
    let mut out: Vec<i64> = Vec::new();
    let mut idx = vec![0usize; nd];
    let mut count = 0usize;
    for &nz in &m {
        if nz {
            out.extend(idx.iter().map(|&i| i as i64));
            count += 1;
        }
        // Advance the multi-index.
        let mut d = nd;
        while d > 0 {
            d -= 1;
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(Tensor::from_vec(out, &[count, nd]))
}

/// `torch.nonzero(a, as_tuple=True)` / `torch.where(cond)`: one index tensor per dim.
pub fn nonzero_tuple(a: &Tensor) -> Result<Vec<Tensor>> {
    if a.ndim() == 0 {
        return unbind(&nonzero(&unsqueeze(a, 0)?)?, 1);
    }
    unbind(&nonzero(a)?, 1)
}

#[cfg(test)]
#[path = "scatter_tests.rs"]
mod tests;
