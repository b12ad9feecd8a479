//! Joining ops: `cat` (with type promotion across inputs and the legacy rule that 1-D
//! empty tensors are skipped), `stack`, and the `hstack`/`vstack`/`dstack`/
//! `column_stack` family. All return new contiguous tensors.

use crate::error::{Error, Result};
use crate::tensor::dtype::promote_types;
use crate::tensor::layout::{Shape, fmt_shape, normalize_dim};
use crate::tensor::Tensor;

use super::copy_;
use super::movement::{narrow, reshape_to, unsqueeze};

fn skipped(t: &Tensor) -> bool {
    let s = t.shape();
    s.len() == 1 && s[0] == 0
}

/// `torch.cat(ts, dim)` (also `concat`, `concatenate`).
pub fn cat(ts: &[Tensor], dim: i64) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::value("torch.cat(): expected a non-empty list of Tensors"));
    }
    for (i, t) in ts.iter().enumerate() {
        if t.ndim() == 0 {
            return Err(Error::runtime(format!(
                "zero-dimensional tensor (at position {i}) cannot be concatenated"
            )));
        }
    }
    let dtype = ts.iter().skip(1).fold(ts[0].dtype(), |acc, t| promote_types(acc, t.dtype()));
    let valid = ts.iter().position(|t| !skipped(t));
    let Some(valid) = valid else {
        // Every input is a skipped [0] tensor.
        return Tensor::zeros(&[0], dtype);
    };
    let first = ts[valid].shape();
    let d = normalize_dim(dim, first.len())?;
    let mut total = 0usize;
    for (i, t) in ts.iter().enumerate() {
        if skipped(t) {
            continue;
        }
        let s = t.shape();
        if s.len() != first.len() {
            return Err(Error::runtime(format!(
                "Tensors must have same number of dimensions: got {} and {}",
                first.len(),
                s.len()
            )));
        }
        for k in 0..s.len() {
            if k != d && s[k] != first[k] {
                return Err(Error::runtime(format!(
                    "Sizes of tensors must match except in dimension {}. Expected size {} but got size {} for tensor number {} in the list.",
                    d, first[k], s[k], i
                )));
            }
        }
        total += s[d];
    }
    let mut shape: Shape = first.clone();
    shape[d] = total;
    let out = Tensor::zeros(&shape, dtype)?;
    let mut pos = 0usize;
    for t in ts.iter().filter(|t| !skipped(t)) {
        let len = t.shape()[d];
        if len == 0 {
            continue;
        }
        let dst = narrow(&out, d as i64, pos as i64, len as i64)?;
        copy_(&dst, t)?;
        pos += len;
    }
    Ok(out)
}

/// `torch.stack(ts, dim)`: joins equal-shaped tensors along a new dim.
pub fn stack(ts: &[Tensor], dim: i64) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::runtime("stack expects a non-empty TensorList"));
    }
    let entry = ts[0].shape();
    let d = normalize_dim(dim, entry.len() + 1)?;
    for (i, t) in ts.iter().enumerate().skip(1) {
        let s = t.shape();
        if s != entry {
            return Err(Error::runtime(format!(
                "stack expects each tensor to be equal size, but got {} at entry 0 and {} at entry {}",
                fmt_shape(&entry),
                fmt_shape(&s),
                i
            )));
        }
    }
    let parts: Vec<Tensor> = ts.iter().map(|t| unsqueeze(t, d as i64)).collect::<Result<_>>()?;
    cat(&parts, d as i64)
}

fn atleast(t: &Tensor, n: usize) -> Tensor {
    let s = t.shape();
    let new: Vec<usize> = match (n, s.len()) {
        (_, k) if k >= n => return t.clone(),
        (1, 0) | (2, 0) | (3, 0) => vec![1; n],
        (2, 1) | (3, 1) => {
            if n == 2 {
                vec![1, s[0]]
            } else {
                vec![1, s[0], 1]
            }
        }
        _ => vec![s[0], s[1], 1],
    };
    reshape_to(t, &new)
}

/// `torch.hstack(ts)`.
pub fn hstack(ts: &[Tensor]) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::runtime("hstack expects a non-empty TensorList"));
    }
    let rep: Vec<Tensor> = ts.iter().map(|t| atleast(t, 1)).collect();
    if rep[0].ndim() == 1 { cat(&rep, 0) } else { cat(&rep, 1) }
}

/// `torch.vstack(ts)` (also `row_stack`).
pub fn vstack(ts: &[Tensor]) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::runtime("vstack expects a non-empty TensorList"));
    }
    let rep: Vec<Tensor> = ts.iter().map(|t| atleast(t, 2)).collect();
    cat(&rep, 0)
}

/// `torch.dstack(ts)`.
pub fn dstack(ts: &[Tensor]) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::runtime("dstack expects a non-empty TensorList"));
    }
    let rep: Vec<Tensor> = ts.iter().map(|t| atleast(t, 3)).collect();
    cat(&rep, 2)
}

/// `torch.column_stack(ts)`: 0-d and 1-d inputs become columns.
pub fn column_stack(ts: &[Tensor]) -> Result<Tensor> {
    if ts.is_empty() {
        return Err(Error::runtime("column_stack expects a non-empty TensorList"));
    }
    let rep: Vec<Tensor> = ts
        .iter()
        .map(|t| if t.ndim() <= 1 { reshape_to(t, &[t.numel(), 1]) } else { t.clone() })
        .collect();
    hstack(&rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(v: Vec<i64>, s: &[usize]) -> Tensor {
        Tensor::from_vec(v, s)
    }

    #[test]
    fn cat_dims_and_promotion() {
        let a = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[1, 3]);
        let b = Tensor::from_vec(vec![4.0f32, 5.0, 6.0], &[1, 3]);
        let c0 = cat(&[a.clone(), b.clone()], 0).unwrap();
        assert_eq!(c0.shape().as_slice(), &[2, 3]);
        assert_eq!(c0.to_vec::<f32>(), vec![1., 2., 3., 4., 5., 6.]);
        let c1 = cat(&[a.clone(), b.clone()], -1).unwrap();
        assert_eq!(c1.shape().as_slice(), &[1, 6]);
        let i = iv(vec![7, 8, 9], &[1, 3]);
        let p = cat(&[i, a.clone()], 0).unwrap();
        assert_eq!(p.dtype(), crate::DType::F32);
        assert_eq!(p.to_vec::<f32>(), vec![7., 8., 9., 1., 2., 3.]);
    }

    #[test]
    fn cat_non_contiguous_inputs() {
        // [[0,1,2],[3,4,5]].T is [[0,3],[1,4],[2,5]]
        let m = iv((0..6).collect(), &[2, 3]);
        let mt = super::super::movement::t(&m).unwrap();
        let c = cat(&[mt.clone(), mt], 1).unwrap();
        assert_eq!(c.to_vec::<i64>(), vec![0, 3, 0, 3, 1, 4, 1, 4, 2, 5, 2, 5]);
    }

    #[test]
    fn cat_skips_legacy_empty() {
        let e = Tensor::from_vec(Vec::<f32>::new(), &[0]);
        let o = Tensor::from_vec(vec![1.0f32, 1.0], &[2]);
        let r = cat(&[e.clone(), o], 0).unwrap();
        assert_eq!(r.to_vec::<f32>(), vec![1., 1.]);
        // [0] skipped even against 2-D tensors.
        let m = iv(vec![1, 2, 3, 4], &[2, 2]);
        let r = cat(&[m, e], 1).unwrap();
        assert_eq!(r.shape().as_slice(), &[2, 2]);
        assert_eq!(r.dtype(), crate::DType::F32);
    }

    #[test]
    fn cat_errors() {
        assert_eq!(cat(&[], 0).unwrap_err().msg, "torch.cat(): expected a non-empty list of Tensors");
        let a = Tensor::zeros(&[2, 3], crate::DType::F32).unwrap();
        let b = Tensor::zeros(&[2, 2], crate::DType::F32).unwrap();
        assert_eq!(
            cat(&[a.clone(), b.clone()], 0).unwrap_err().msg,
            "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list."
        );
        assert_eq!(cat(&[a.clone(), b], 1).unwrap().shape().as_slice(), &[2, 5]);
        let v = Tensor::zeros(&[3], crate::DType::F32).unwrap();
        assert_eq!(
            cat(&[a.clone(), v], 0).unwrap_err().msg,
            "Tensors must have same number of dimensions: got 2 and 1"
        );
        let s = Tensor::zeros(&[], crate::DType::F32).unwrap();
        assert_eq!(
            cat(&[a, s], 0).unwrap_err().msg,
            "zero-dimensional tensor (at position 1) cannot be concatenated"
        );
    }

    #[test]
    fn stack_dims_and_errors() {
        let a = iv(vec![1, 2, 3], &[3]);
        let b = iv(vec![4, 5, 6], &[3]);
        let s0 = stack(&[a.clone(), b.clone()], 0).unwrap();
        assert_eq!(s0.to_vec::<i64>(), vec![1, 2, 3, 4, 5, 6]);
        let s1 = stack(&[a.clone(), b.clone()], 1).unwrap();
        assert_eq!(s1.shape().as_slice(), &[3, 2]);
        assert_eq!(s1.to_vec::<i64>(), vec![1, 4, 2, 5, 3, 6]);
        assert_eq!(stack(&[a.clone(), b.clone(), a.clone()], -1).unwrap().shape().as_slice(), &[3, 3]);
        let z = stack(&[Tensor::from_vec(vec![1.0f32], &[]), Tensor::from_vec(vec![2.0f32], &[])], 0).unwrap();
        assert_eq!(z.shape().as_slice(), &[2]);
        let c = iv(vec![1, 2], &[2]);
        assert_eq!(
            stack(&[a, c], 0).unwrap_err().msg,
            "stack expects each tensor to be equal size, but got [3] at entry 0 and [2] at entry 1"
        );
        assert_eq!(stack(&[], 0).unwrap_err().msg, "stack expects a non-empty TensorList");
    }

    #[test]
    fn h_v_d_column_stack() {
        let a = iv(vec![1, 2, 3], &[3]);
        let b = iv(vec![4, 5, 6], &[3]);
        assert_eq!(hstack(&[a.clone(), b.clone()]).unwrap().to_vec::<i64>(), vec![1, 2, 3, 4, 5, 6]);
        let v = vstack(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(v.shape().as_slice(), &[2, 3]);
        let d = dstack(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(d.shape().as_slice(), &[1, 3, 2]);
        assert_eq!(d.to_vec::<i64>(), vec![1, 4, 2, 5, 3, 6]);
        let c = column_stack(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(c.shape().as_slice(), &[3, 2]);
        assert_eq!(c.to_vec::<i64>(), vec![1, 4, 2, 5, 3, 6]);
        let m = iv(vec![1, 2, 3, 4], &[2, 2]);
        let h = hstack(&[m.clone(), m]).unwrap();
        assert_eq!(h.to_vec::<i64>(), vec![1, 2, 1, 2, 3, 4, 3, 4]);
        assert_eq!(hstack(&[]).unwrap_err().msg, "hstack expects a non-empty TensorList");
    }
}
