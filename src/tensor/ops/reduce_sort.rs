//! Order-based ops along a dim: `sort`, `argsort`, `topk`, `kthvalue`, `median`, `mode`,
//! and `unique`. Sorting is stable; NaN orders after every number (PyTorch's rule), so it
//! comes last ascending and first descending.

use std::cmp::Ordering;

use super::ew::{map_lines, Real};
use super::reduce::reduced_shape;
use crate::error::{Error, Result};
use crate::tensor::dtype::not_implemented_for;
use crate::tensor::layout::normalize_dim;
use crate::tensor::{DType, Element, Shape, Tensor};

/// Total order with NaN greatest (NaNs equal to each other).
#[inline]
fn ord<T: Real>(a: T, b: T) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

fn dim_len(a: &Tensor, d: usize) -> usize {
    if a.ndim() == 0 { 1 } else { a.shape()[d] }
}

fn complex_err(a: &Tensor, name: &str) -> Result<()> {
    if a.dtype().is_complex() {
        return Err(not_implemented_for(name, a.dtype()));
    }
    Ok(())
}

/// Sorted order of a line: indices by value (stable).
fn order<T: Real>(line: &[T], descending: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..line.len()).collect();
    if descending {
        idx.sort_by(|&i, &j| ord(line[j], line[i]));
    } else {
        idx.sort_by(|&i, &j| ord(line[i], line[j]));
    }
    idx
}

/// `torch.sort(a, dim, descending, stable)`: (values, int64 indices).
pub fn sort(a: &Tensor, dim: i64, descending: bool, stable: bool) -> Result<(Tensor, Tensor)> {
    let _ = stable; // always stable
    complex_err(a, "sort")?;
    let d = normalize_dim(dim, a.ndim())?;
    let len = dim_len(a, d);
    let shape = a.shape();
    crate::dispatch!(real: a.dtype(), T => {
        let out = map_lines::<T, (T, i64)>(a, d, len, |line, out| {
            for (o, i) in out.iter_mut().zip(order(line, descending)) {
                *o = (line[i], i as i64);
            }
        });
        let (v, i): (Vec<T>, Vec<i64>) = out.into_iter().unzip();
        Ok((Tensor::from_vec(v, &shape), Tensor::from_vec(i, &shape)))
    }, else => unreachable!())
}

/// `torch.argsort`.
pub fn argsort(a: &Tensor, dim: i64, descending: bool, stable: bool) -> Result<Tensor> {
    Ok(sort(a, dim, descending, stable)?.1)
}

/// `torch.topk(a, k, dim, largest, sorted)`.
pub fn topk(a: &Tensor, k: usize, dim: i64, largest: bool, sorted: bool) -> Result<(Tensor, Tensor)> {
    let _ = sorted; // results are always returned sorted
    complex_err(a, "topk_cpu")?;
    let d = normalize_dim(dim, a.ndim())?;
    let len = dim_len(a, d);
    if k > len {
        return Err(Error::runtime("selected index k out of range"));
    }
    let mut shape = a.shape();
    if !shape.is_empty() {
        shape[d] = k;
    }
    crate::dispatch!(real: a.dtype(), T => {
        let out = map_lines::<T, (T, i64)>(a, d, k, |line, out| {
            for (o, i) in out.iter_mut().zip(order(line, largest)) {
                *o = (line[i], i as i64);
            }
        });
        let (v, i): (Vec<T>, Vec<i64>) = out.into_iter().unzip();
        Ok((Tensor::from_vec(v, &shape), Tensor::from_vec(i, &shape)))
    }, else => unreachable!())
}

/// Shared driver of per-line selections returning one (value, index) per line.
fn select_line(
    a: &Tensor,
    dim: i64,
    keepdim: bool,
    name: &str,
    pick: &dyn Fn(usize) -> Result<()>,
    f: SelectFn,
) -> Result<(Tensor, Tensor)> {
    complex_err(a, name)?;
    let d = normalize_dim(dim, a.ndim())?;
    let len = dim_len(a, d);
    pick(len)?;
    let mut mask = vec![false; a.ndim()];
    if a.ndim() > 0 {
        mask[d] = true;
    }
    let shape: Shape = reduced_shape(&a.shape(), &mask, keepdim);
    crate::dispatch!(real: a.dtype(), T => {
        let out = map_lines::<T, (T, i64)>(a, d, 1, |line, out| {
            let i = match f {
                SelectFn::Kth(k) => order(line, false)[k],
                SelectFn::Median => match line.iter().position(|x| x.is_nan()) {
                    Some(p) => p,
                    None => order(line, false)[(line.len() - 1) / 2],
                },
                SelectFn::Mode => mode_index(line),
            };
            out[0] = (line[i], i as i64);
        });
        let (v, i): (Vec<T>, Vec<i64>) = out.into_iter().unzip();
        Ok((Tensor::from_vec(v, &shape), Tensor::from_vec(i, &shape)))
    }, else => unreachable!())
}

#[derive(Clone, Copy)]
enum SelectFn {
    Kth(usize),
    Median,
    Mode,
}

/// Index of the most frequent value (smallest on ties), its last occurrence.
fn mode_index<T: Real>(line: &[T]) -> usize {
    let idx = order(line, false);
    let (mut best, mut best_n) = (0usize, 0usize);
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && ord(line[idx[j + 1]], line[idx[i]]) == Ordering::Equal {
            j += 1;
        }
        if j - i + 1 > best_n {
            best_n = j - i + 1;
            best = idx[j];
        }
        i = j + 1;
    }
    best
}

/// `torch.kthvalue(a, k, dim, keepdim)`: the k-th smallest (1-based).
pub fn kthvalue(a: &Tensor, k: usize, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> {
    let dd = normalize_dim(dim, a.ndim())?;
    let check = move |len: usize| {
        if len == 0 {
            return Err(Error::index(format!("kthvalue(): Expected reduction dim {dd} to have non-zero size.")));
        }
        if k < 1 || k > len {
            return Err(Error::runtime(format!(
                "kthvalue(): selected number k out of range for dimension {dd}"
            )));
        }
        Ok(())
    };
    select_line(a, dim, keepdim, "kthvalue_cpu", &check, SelectFn::Kth(k.saturating_sub(1)))
}

/// `torch.median(a, dim, keepdim)`: lower median and its index (NaN propagates).
pub fn median_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> {
    let dd = normalize_dim(dim, a.ndim())?;
    let check = move |len: usize| {
        if len == 0 {
            return Err(Error::index(format!(
                "median(): Expected reduction dim {dd} to have non-zero size."
            )));
        }
        Ok(())
    };
    select_line(a, dim, keepdim, "median_out", &check, SelectFn::Median)
}

/// `a.median()`: lower median of all elements, 0-d (NaN for an empty float tensor).
pub fn median_all(a: &Tensor) -> Result<Tensor> {
    complex_err(a, "median_cpu")?;
    if a.numel() == 0 {
        if a.dtype().is_floating_point() {
            return Ok(Tensor::scalar(crate::tensor::Scalar::Float(f64::NAN), a.dtype()));
        }
        return Err(Error::runtime("median() input tensor cannot be empty"));
    }
    let flat = a.contiguous();
    let flat = flat.with_layout(crate::tensor::Layout {
        shape: smallvec::smallvec![a.numel()],
        strides: smallvec::smallvec![1],
        offset: flat.offset(),
    });
    Ok(median_dim(&flat, 0, false)?.0)
}

/// `torch.mode(a, dim, keepdim)`: most frequent value (smallest on ties) and an index of it.
pub fn mode_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> {
    let d = normalize_dim(dim, a.ndim())?;
    let check = |len: usize| {
        if len == 0 {
            return Err(Error::index(format!("mode(): Expected reduction dim {d} to have non-zero size.")));
        }
        Ok(())
    };
    select_line(a, dim, keepdim, "mode", &check, SelectFn::Mode)
}

/// `torch.unique(a, sorted, return_inverse, return_counts, dim)`: sorted unique values
/// (or unique slices along `dim`), optional inverse indices and counts.
pub fn unique(
    a: &Tensor,
    sorted: bool,
    return_inverse: bool,
    return_counts: bool,
    dim: Option<i64>,
) -> Result<(Tensor, Option<Tensor>, Option<Tensor>)> {
    let _ = sorted; // output is always sorted, as PyTorch's CPU kernel produces
    complex_err(a, "unique")?;
    let shape = a.shape();
    let c = a.contiguous();
    crate::dispatch!(real: a.dtype(), T => {
        let vals = c.to_vec::<T>();
        let (d, outer, len, inner) = match dim {
            None => (0usize, 1usize, vals.len(), 1usize),
            Some(dm) => {
                let d = normalize_dim(dm, a.ndim())?;
                if a.ndim() == 0 {
                    (0, 1, 1, 1)
                } else {
                    (d, shape[..d].iter().product(), shape[d], shape[d + 1..].iter().product())
                }
            }
        };
        let slice = |j: usize| -> Vec<T> {
            let mut v = Vec::with_capacity(outer * inner);
            for o in 0..outer {
                for i in 0..inner {
                    v.push(vals[(o * len + j) * inner + i]);
                }
            }
            v
        };
        let slices: Vec<Vec<T>> = if inner == 1 && outer == 1 {
            vals.iter().map(|&x| vec![x]).collect()
        } else {
            (0..len).map(slice).collect()
        };
        let cmp = |x: &Vec<T>, y: &Vec<T>| {
            for (&p, &q) in x.iter().zip(y) {
                let o = ord(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        };
        let mut idx: Vec<usize> = (0..slices.len()).collect();
        idx.sort_by(|&i, &j| cmp(&slices[i], &slices[j]));
        let mut groups: Vec<usize> = Vec::new(); // representative slice per group
        let mut counts: Vec<i64> = Vec::new();
        let mut inverse = vec![0i64; slices.len()];
        for &i in &idx {
            // Values equal (NaN never equals NaN, as PyTorch's unique keeps each NaN).
            let same = groups.last().is_some_and(|&g| slices[g].iter().zip(&slices[i]).all(|(p, q)| p == q));
            if !same {
                groups.push(i);
                counts.push(0);
            }
            let g = groups.len() - 1;
            if let Some(cn) = counts.last_mut() {
                *cn += 1;
            }
            inverse[i] = g as i64;
        }
        let nu = groups.len();
        let (values, inv_shape): (Tensor, Shape) = match dim {
            None => {
                let v: Vec<T> = groups.iter().map(|&g| slices[g][0]).collect();
                (Tensor::from_vec(v, &[nu]), shape.clone())
            }
            Some(_) if a.ndim() == 0 => (a.copy_contiguous(), Shape::from_slice(&[1])),
            Some(_) => {
                let mut oshape = shape.clone();
                oshape[d] = nu;
                let mut v = vec![T::default(); outer * nu * inner];
                for (gj, &g) in groups.iter().enumerate() {
                    let s = &slices[g];
                    for o in 0..outer {
                        for i in 0..inner {
                            v[(o * nu + gj) * inner + i] = s[o * inner + i];
                        }
                    }
                }
                (Tensor::from_vec(v, &oshape), Shape::from_slice(&[len]))
            }
        };
        let inv = return_inverse.then(|| Tensor::from_vec(inverse, &inv_shape));
        let cnt = return_counts.then(|| Tensor::from_vec(counts, &[nu]));
        Ok((values, inv, cnt))
    }, else => unreachable!())
}

#[allow(dead_code)]
fn _dtype_marker(_: DType) {}

#[allow(dead_code)]
fn _elem_marker<T: Element>() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Layout;

    #[test]
    fn sort_and_topk() {
        let x = Tensor::from_vec(vec![3.0f32, 1.0, 4.0, 1.5, 5.0], &[5]);
        let (v, i) = sort(&x, 0, false, false).unwrap();
        assert_eq!(v.to_vec::<f32>(), vec![1.0, 1.5, 3.0, 4.0, 5.0]);
        assert_eq!(i.to_vec::<i64>(), vec![1, 3, 0, 2, 4]);
        let (v, i) = topk(&x, 2, -1, true, true).unwrap();
        assert_eq!(v.to_vec::<f32>(), vec![5.0, 4.0]);
        assert_eq!(i.to_vec::<i64>(), vec![4, 2]);
        assert_eq!(topk(&x, 6, 0, true, true).unwrap_err().msg, "selected index k out of range");
        let n = Tensor::from_vec(vec![2.0f32, f32::NAN, 1.0], &[3]);
        let (v, _) = sort(&n, 0, false, true).unwrap();
        let v = v.to_vec::<f32>();
        assert_eq!(&v[..2], &[1.0, 2.0]);
        assert!(v[2].is_nan());
    }

    #[test]
    fn sort_dim0_transposed() {
        // m = [[3, 1], [2, 5], [1, 4]] stored transposed.
        let base = Tensor::from_vec(vec![3i64, 2, 1, 1, 5, 4], &[2, 3]);
        let m = base.with_layout(Layout {
            shape: smallvec::SmallVec::from_slice(&[3, 2]),
            strides: smallvec::SmallVec::from_slice(&[1, 3]),
            offset: 0,
        });
        let (v, i) = sort(&m, 0, true, true).unwrap();
        assert_eq!(v.to_vec::<i64>(), vec![3, 5, 2, 4, 1, 1]);
        assert_eq!(i.to_vec::<i64>(), vec![0, 1, 1, 2, 2, 0]);
    }

    #[test]
    fn selections() {
        let x = Tensor::from_vec(vec![1i64, 2, 2, 3, 4, 4], &[2, 3]);
        let (v, i) = median_dim(&x, 1, false).unwrap();
        assert_eq!(v.to_vec::<i64>(), vec![2, 4]);
        assert_eq!(i.to_vec::<i64>(), vec![1, 1]);
        assert_eq!(median_all(&Tensor::from_vec(vec![4.0f32, 1.0, 3.0, 2.0], &[4])).unwrap().to_vec::<f32>(), vec![2.0]);
        let (v, i) = kthvalue(&x, 3, 1, true).unwrap();
        assert_eq!(v.shape().as_slice(), &[2, 1]);
        // rows [1, 2, 2] and [3, 4, 4]: the 3rd smallest is the last element of each.
        assert_eq!(v.to_vec::<i64>(), vec![2, 4]);
        assert_eq!(i.to_vec::<i64>(), vec![2, 2]);
        let (v, i) = mode_dim(&Tensor::from_vec(vec![1i64, 2, 2, 3], &[4]), 0, false).unwrap();
        assert_eq!((v.to_vec::<i64>(), i.to_vec::<i64>()), (vec![2], vec![2]));
    }

    #[test]
    fn unique_flat_and_dim() {
        let x = Tensor::from_vec(vec![3i64, 1, 3, 2, 1], &[5]);
        let (u, inv, cnt) = unique(&x, true, true, true, None).unwrap();
        assert_eq!(u.to_vec::<i64>(), vec![1, 2, 3]);
        assert_eq!(inv.unwrap().to_vec::<i64>(), vec![2, 0, 2, 1, 0]);
        assert_eq!(cnt.unwrap().to_vec::<i64>(), vec![2, 1, 2]);
        let m = Tensor::from_vec(vec![1i64, 2, 0, 0, 1, 2], &[3, 2]);
        let (u, inv, _) = unique(&m, true, true, false, Some(0)).unwrap();
        assert_eq!(u.shape().as_slice(), &[2, 2]);
        assert_eq!(u.to_vec::<i64>(), vec![0, 0, 1, 2]);
        assert_eq!(inv.unwrap().to_vec::<i64>(), vec![1, 0, 1]);
    }
}
