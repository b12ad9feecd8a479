//! Python subscripts on tensors: `a[idx]` (`index`) and `a[idx] = v` (`index_put_`),
//! with PyTorch's rules. Ints, slices, `None` and `...` build a view; any tensor index
//! (bool/uint8 mask or integer index tensor) triggers advanced indexing, a copy: masks
//! expand into their `nonzero()` index tensors, index tensors broadcast together, and
//! the result dims of the advanced indices go where the first advanced index was if all
//! advanced indices are adjacent, otherwise at the front.
//!
//! The call-style index ops (`gather`, `scatter`, `index_select`, ...) live in
//! `scatter` and are re-exported here.

use crate::error::{Error, Result};
use crate::tensor::dtype::{DType, scalar_type_name};
use crate::tensor::layout::{Shape, broadcast_shapes, fmt_shape};
use crate::tensor::{Layout, Tensor};

use super::movement::{expand, select, slice, unsqueeze, view};
use super::reorder::{for_each_table_offset, gather_offsets};

pub use super::scatter::{
    gather, index_add, index_add_, index_select, masked_fill, masked_fill_, masked_select, nonzero,
    nonzero_tuple, scatter, scatter_, scatter_add, scatter_add_, take,
};

/// One component of a subscript.
#[derive(Clone, Debug)]
pub enum TensorIndex {
    Int(i64),
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    None,
    Ellipsis,
    /// A bool/uint8 mask or an integer index tensor (the interpreter converts Python
    /// lists such as `[0, 2]` or `[True, False]` into tensors).
    Tensor(Tensor),
}

fn is_mask_dtype(d: DType) -> bool {
    matches!(d, DType::Bool | DType::U8)
}

/// An advanced index recorded during the basic pass: the dim of the sliced view it
/// applies to and its tensor (a mask covers `mask.ndim()` dims from there).
struct Recorded {
    dim: usize,
    tensor: Tensor,
}

/// The result of the basic pass: a view plus the advanced indices left to apply.
struct Sliced {
    view: Tensor,
    adv: Vec<Recorded>,
}

fn specified_dims(idx: &[TensorIndex]) -> usize {
    idx.iter()
        .map(|i| match i {
            TensorIndex::Int(_) | TensorIndex::Slice { .. } => 1,
            TensorIndex::None | TensorIndex::Ellipsis => 0,
            TensorIndex::Tensor(t) => {
                if is_mask_dtype(t.dtype()) {
                    t.ndim()
                } else {
                    1
                }
            }
        })
        .sum()
}

/// Applies ints, slices, `None` and `...`, recording tensor indices.
fn apply_slicing(a: &Tensor, idx: &[TensorIndex]) -> Result<Sliced> {
    let ndim = a.ndim();
    if idx.len() == 1 && ndim == 0 {
        if let TensorIndex::Int(_) = idx[0] {
            return Err(Error::index(
                "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
            ));
        }
    }
    if idx.iter().filter(|i| matches!(i, TensorIndex::Ellipsis)).count() > 1 {
        return Err(Error::index("an index can only have a single ellipsis ('...')"));
    }
    let specified = specified_dims(idx);
    if specified > ndim {
        return Err(Error::index(format!("too many indices for tensor of dimension {ndim}")));
    }
    let mut view = a.with_layout(a.layout());
    let mut adv = Vec::new();
    let mut dim = 0usize;
    let mut real_dim = 0usize;
    for i in idx {
        match i {
            TensorIndex::Int(k) => {
                let size = view.shape()[dim] as i64;
                if *k < -size || *k >= size {
                    return Err(Error::index(format!(
                        "index {k} is out of bounds for dimension {real_dim} with size {size}"
                    )));
                }
                view = select(&view, dim as i64, *k)?;
                real_dim += 1;
            }
            TensorIndex::Slice { start, stop, step } => {
                let step = step.unwrap_or(1);
                if step == 0 {
                    return Err(Error::value("slice step cannot be zero"));
                }
                view = slice(&view, dim as i64, *start, *stop, step)?;
                dim += 1;
                real_dim += 1;
            }
            TensorIndex::None => {
                view = unsqueeze(&view, dim as i64)?;
                dim += 1;
            }
            TensorIndex::Ellipsis => {
                dim += ndim - specified;
                real_dim += ndim - specified;
            }
            TensorIndex::Tensor(t) => {
                let dt = t.dtype();
                if t.ndim() == 0 && dt != DType::Bool && dt != DType::U8 && dt.is_integral() {
                    let k = t.item()?.to_i64();
                    let size = view.shape()[dim] as i64;
                    if k < -size || k >= size {
                        return Err(Error::index(format!(
                            "index {k} is out of bounds for dimension {real_dim} with size {size}"
                        )));
                    }
                    view = select(&view, dim as i64, k)?;
                    real_dim += 1;
                } else if t.ndim() == 0 && is_mask_dtype(dt) {
                    view = unsqueeze(&view, dim as i64)?;
                    let on = t.item()?.to_bool();
                    let it = if on {
                        Tensor::from_vec(vec![0i64], &[1])
                    } else {
                        Tensor::from_vec(Vec::<i64>::new(), &[0])
                    };
                    adv.push(Recorded { dim, tensor: it });
                    dim += 1;
                } else if is_mask_dtype(dt) {
                    adv.push(Recorded { dim, tensor: t.clone() });
                    dim += t.ndim();
                    real_dim += t.ndim();
                } else {
                    adv.push(Recorded { dim, tensor: t.clone() });
                    dim += 1;
                    real_dim += 1;
                }
            }
        }
    }
    Ok(Sliced { view, adv })
}

/// Advanced indexing plan: result shape and the storage offset (into the sliced view's
/// storage) of every result element, row-major.
struct Plan {
    shape: Shape,
    offsets: Vec<usize>,
}

fn plan_advanced(view: &Tensor, adv: &[Recorded]) -> Result<Plan> {
    for r in adv {
        if !matches!(r.tensor.dtype(), DType::I64 | DType::I32 | DType::U8 | DType::Bool) {
            return Err(Error::index("tensors used as indices must be long, int, byte or bool tensors"));
        }
    }
    let vl = view.layout();
    // Expand masks into index tensors: (dim in view, values, shape).
    let mut dims: Vec<usize> = Vec::new();
    let mut tensors: Vec<(Vec<i64>, Shape)> = Vec::new();
    for r in adv {
        let t = &r.tensor;
        if is_mask_dtype(t.dtype()) {
            let ms = t.shape();
            for (j, &m) in ms.iter().enumerate() {
                let src = r.dim + j;
                if vl.shape.get(src).copied() != Some(m) {
                    return Err(Error::index(format!(
                        "The shape of the mask {} at index {} does not match the shape of the indexed tensor {} at index {}",
                        fmt_shape(&ms),
                        j,
                        fmt_shape(&vl.shape),
                        src
                    )));
                }
            }
            let mask = if t.dtype() == DType::U8 { t.cast(DType::Bool) } else { t.clone() };
            let nz = nonzero(&mask)?;
            let n = nz.shape()[0];
            let k = ms.len();
            let vals = nz.to_vec::<i64>();
            for j in 0..k {
                dims.push(r.dim + j);
                tensors.push(((0..n).map(|row| vals[row * k + j]).collect(), Shape::from_slice(&[n])));
            }
        } else {
            dims.push(r.dim);
            tensors.push((t.to_vec_as::<i64>(), t.shape()));
        }
    }
    // Broadcast the index tensors together.
    let mut bshape: Shape = Shape::new();
    for (_, s) in &tensors {
        bshape = broadcast_shapes(&bshape, s).map_err(|_| {
            let all: Vec<String> = tensors.iter().map(|(_, s)| fmt_shape(s)).collect();
            Error::index(format!(
                "shape mismatch: indexing tensors could not be broadcast together with shapes {}",
                all.join(", ")
            ))
        })?;
    }
    let bn: usize = bshape.iter().product();
    let mut base = vec![0usize; bn];
    let bcast: Vec<Vec<i64>> = tensors
        .iter()
        .map(|(v, s)| {
            let t = Tensor::from_vec(v.clone(), s);
            let l = t.layout().broadcast_to(&bshape)?;
            Ok(t.with_layout(l).to_vec::<i64>())
        })
        .collect::<Result<_>>()?;
    for b in 0..bn {
        for (j, vals) in bcast.iter().enumerate() {
            let size = vl.shape[dims[j]] as i64;
            let v = vals[b];
            if v < -size || v >= size {
                return Err(Error::index(format!(
                    "index {v} is out of bounds for dimension {j} with size {size}"
                )));
            }
            let v = if v < 0 { v + size } else { v } as usize;
            base[b] += v * vl.strides[dims[j]];
        }
    }
    // Placement of the broadcast dims.
    let adjacent = dims.windows(2).all(|w| w[1] == w[0] + 1);
    let indexed: Vec<bool> = (0..vl.ndim()).map(|d| dims.contains(&d)).collect();
    let table = |d: usize| -> Vec<usize> { (0..vl.shape[d]).map(|i| i * vl.strides[d]).collect() };
    let (pre, post): (Vec<usize>, Vec<usize>) = if adjacent {
        let first = dims[0];
        (
            (0..first).collect(),
            (first..vl.ndim()).filter(|&d| !indexed[d]).collect(),
        )
    } else {
        (Vec::new(), (0..vl.ndim()).filter(|&d| !indexed[d]).collect())
    };
    let mut shape: Shape = pre.iter().map(|&d| vl.shape[d]).collect();
    shape.extend_from_slice(&bshape);
    shape.extend(post.iter().map(|&d| vl.shape[d]));
    crate::tensor::layout::numel(&shape)?;
    let pre_t: Vec<Vec<usize>> = pre.iter().map(|&d| table(d)).collect();
    let post_t: Vec<Vec<usize>> = post.iter().map(|&d| table(d)).collect();
    let mut post_offs = Vec::new();
    for_each_table_offset(0, &post_t, |o| post_offs.push(o));
    let mut offsets = Vec::with_capacity(shape.iter().product());
    for_each_table_offset(vl.offset, &pre_t, |p| {
        for &b in &base {
            for &q in &post_offs {
                offsets.push(p + b + q);
            }
        }
    });
    Ok(Plan { shape, offsets })
}

/// `a[idx]`: a view for basic indexing, a copy when any index is a tensor.
pub fn index(a: &Tensor, idx: &[TensorIndex]) -> Result<Tensor> {
    let s = apply_slicing(a, idx)?;
    if s.adv.is_empty() {
        return Ok(s.view);
    }
    let plan = plan_advanced(&s.view, &s.adv)?;
    Ok(gather_offsets(&s.view, &plan.offsets, &plan.shape))
}

/// `value` with its leading size-1 dims removed (PyTorch's `slicePrefix1sDims`).
fn strip_leading_ones(value: &Tensor) -> Result<Tensor> {
    let s = value.shape();
    let k = s.iter().take_while(|&&d| d == 1).count();
    if k == 0 {
        return Ok(value.clone());
    }
    let rest: Vec<i64> = s[k..].iter().map(|&d| d as i64).collect();
    view(value, &rest)
}

/// `a[idx] = value` in place. `value` broadcasts to the indexed shape; basic indexing
/// copies into the view (casting), advanced indexing scatters (later duplicates win).
/// For advanced indexing a non-wrapped `value` of another dtype is PyTorch's error,
/// except for a single mask with a one-element value (PyTorch's `masked_fill_` path).
pub fn index_put_(a: &Tensor, idx: &[TensorIndex], value: &Tensor) -> Result<()> {
    let s = apply_slicing(a, idx)?;
    if s.adv.is_empty() {
        let dst = s.view;
        let dshape = dst.shape();
        if value.shape() == dshape || value.ndim() == 0 {
            return super::copy_(&dst, value);
        }
        let v = strip_leading_ones(value)?;
        let v = expand(&v, &dshape.iter().map(|&d| d as i64).collect::<Vec<_>>())?;
        return super::copy_(&dst, &v);
    }
    let plan = plan_advanced(&s.view, &s.adv)?;
    let v = strip_leading_ones(value)?;
    let vshape = v.shape();
    let expandable = vshape.len() <= plan.shape.len()
        && vshape
            .iter()
            .rev()
            .zip(plan.shape.iter().rev())
            .all(|(&x, &y)| x == y || x == 1);
    if !expandable {
        return Err(Error::runtime(format!(
            "shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of shape {}",
            fmt_shape(&vshape),
            fmt_shape(&plan.shape)
        )));
    }
    let masked_fill_path = s.adv.len() == 1
        && is_mask_dtype(s.adv[0].tensor.dtype())
        && s.adv[0].tensor.ndim() > 0
        && value.numel() == 1;
    if value.dtype() != a.dtype() && !value.is_wrapped_number() && !masked_fill_path {
        return Err(Error::runtime(format!(
            "Index put requires the source and destination dtypes match, got {} for the destination and {} for the source.",
            scalar_type_name(a.dtype()),
            scalar_type_name(value.dtype())
        )));
    }
    let vb = v.with_layout(v.layout().broadcast_to(&plan.shape)?);
    crate::dispatch!(a.dtype(), T => {
        let vals: Vec<T> = vb.to_vec_as::<T>();
        a.with_slice_mut::<T, _>(|buf, _| {
            for (&o, &x) in plan.offsets.iter().zip(&vals) {
                buf[o] = x;
            }
        });
    });
    Ok(())
}

/// The layout a subscript would give without copying, if it is basic (no tensors);
/// `None` for advanced subscripts. Lets callers test view-ness cheaply.
pub fn basic_layout(a: &Tensor, idx: &[TensorIndex]) -> Result<Option<Layout>> {
    let s = apply_slicing(a, idx)?;
    Ok(if s.adv.is_empty() { Some(s.view.layout()) } else { None })
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
