//! Tensor operations by family. Each family file holds its kernels; shared building
//! blocks (strided copy with cast and broadcast, fill) live here.
//!
//! Ownership while the skeleton is built in parallel:
//! - `creation`, `binary`, `unary`, `compare`, `reduce`, `matmul`: arithmetic family;
//! - `movement`, `join`, `index`: shape and indexing family;
//! - `random`: PyTorch-identical random streams.

pub mod binary;
pub mod compare;
pub mod creation;
pub mod ew;
pub mod index;
pub mod einsum;
pub mod join;
pub mod linalg;
pub mod matmul;
pub mod movement;
pub mod random;
pub mod reduce;
pub mod reduce_sum;
pub mod simd;
pub mod sleef;
pub mod softmax;
pub mod reduce_sort;
pub mod reorder;
pub mod scatter;
pub mod special;
pub mod vmath;
pub mod unary;

use super::{BufferElem, Element, Layout, Tensor};
use super::dtype::Scalar;
use crate::error::Result;

/// Copies `src` into `dst` in place, broadcasting `src` to `dst`'s shape and casting to
/// `dst`'s dtype (PyTorch's `copy_`). Handles `src` aliasing `dst`'s storage by copying
/// `src` out first.
pub fn copy_(dst: &Tensor, src: &Tensor) -> Result<()> {
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[dst, src]) {
        if dst.device() == crate::tensor::Device::Cpu {
            // Into host memory: the device value comes over first (`x.copy_(cuda_tensor)`).
            return copy_(dst, &crate::backend::host(src)?);
        }
        src.layout().broadcast_to(&dst.shape())?;
        return crate::backend::cuda::ops::copy_into(dst, src);
    }
    let dshape = dst.shape();
    let src_layout = src.layout().broadcast_to(&dshape)?;
    let src = src.with_layout(src_layout);
    let same_storage = dst.shares_storage(&src);
    if dst.numel() == 0 {
        return Ok(());
    }
    if !same_storage && src.dtype() == dst.dtype() {
        // One pass, no temporary: straight slice copy when both are contiguous.
        crate::dispatch!(dst.dtype(), D => {
            src.with_slice::<D, _>(|sv, sl| {
                dst.with_slice_mut::<D, _>(|dv, dl| {
                    let n = dl.numel();
                    if dl.is_contiguous() && sl.is_contiguous() {
                        dv[dl.offset..dl.offset + n].copy_from_slice(&sv[sl.offset..sl.offset + n]);
                    } else if dl.is_contiguous() {
                        let out = &mut dv[dl.offset..dl.offset + n];
                        let mut i = 0;
                        sl.for_each_offset(|o| {
                            out[i] = sv[o];
                            i += 1;
                        });
                    } else {
                        let vals = &sv;
                        let mut offs = Vec::with_capacity(n);
                        sl.for_each_offset(|o| offs.push(o));
                        let mut i = 0;
                        dl.for_each_offset(|o| {
                            dv[o] = vals[offs[i]];
                            i += 1;
                        });
                    }
                })
            })
        });
        return Ok(());
    }
    crate::dispatch!(dst.dtype(), D => {
        // Values of src in dst's element type, in row-major order.
        let vals: Vec<D> = if same_storage || src.dtype() != D::DTYPE {
            src.to_vec_as::<D>()
        } else {
            src.to_vec::<D>()
        };
        dst.with_slice_mut::<D, _>(|buf, layout| {
            let mut i = 0;
            layout.for_each_offset(|o| {
                buf[o] = vals[i];
                i += 1;
            });
        });
    });
    Ok(())
}

/// Sets every element of `dst` to `value` (cast to its dtype).
pub fn fill_(dst: &Tensor, value: Scalar) -> Result<()> {
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[dst]) {
        return crate::backend::cuda::ops::copy_into(dst, &Tensor::wrapped(value));
    }
    crate::dispatch!(dst.dtype(), D => {
        let v = <D as Element>::from_scalar(value);
        dst.with_slice_mut::<D, _>(|buf, layout| {
            if layout.is_contiguous() {
                let n = layout.numel();
                buf[layout.offset..layout.offset + n].fill(v);
            } else {
                layout.for_each_offset(|o| buf[o] = v);
            }
        });
    });
    Ok(())
}

/// Builds a tensor of `dtype` from dtype-erased values (row-major) and a shape.
pub fn from_scalars(vals: &[Scalar], shape: &[usize], dtype: super::DType) -> Tensor {
    crate::dispatch!(dtype, T => {
        let v: Vec<T> = vals.iter().map(|&s| <T as Element>::from_scalar(s)).collect();
        Tensor::from_vec(v, shape)
    })
}

/// Applies `f` to each element of a typed tensor, producing a new contiguous tensor of
/// element type `U`. Contiguous inputs take a straight slice loop.
pub fn map<T: BufferElem, U: BufferElem>(a: &Tensor, f: impl Fn(T) -> U) -> Tensor {
    let shape = a.shape();
    let out: Vec<U> = a.with_slice::<T, _>(|s, l: &Layout| {
        if l.is_contiguous() {
            s[l.offset..l.offset + l.numel()].iter().map(|&x| f(x)).collect()
        } else {
            let mut out = Vec::with_capacity(l.numel());
            l.for_each_offset(|o| out.push(f(s[o])));
            out
        }
    });
    Tensor::from_vec(out, &shape)
}
