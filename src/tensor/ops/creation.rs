//! Factory functions (`full`, `arange`, `linspace`, `logspace`, `eye`) and triangular /
//! diagonal constructors (`tril`, `triu`, `diag`, `diagflat`), with PyTorch's size rules
//! and error texts.

use super::ew::{Fl, Float};
use crate::error::{Error, Result};
use crate::tensor::{default_dtype, BufferElem, DType, Element, Scalar, Tensor};

/// `torch.full(shape, value, dtype=)`.
pub fn full(shape: &[usize], value: Scalar, dtype: DType) -> Result<Tensor> {
    let n = crate::tensor::storage::check_alloc(shape, dtype)?;
    Ok(crate::dispatch!(dtype, T => Tensor::from_vec(vec![T::from_scalar(value); n], shape)))
}

/// `torch.arange(start, end, step, dtype=)`: length ceil((end - start) / step).
/// `full` on `device` (device memory is filled there, not copied from the host).
pub fn full_on(shape: &[usize], value: Scalar, dtype: DType, device: crate::tensor::Device) -> Result<Tensor> {
    match device {
        crate::tensor::Device::Cpu => full(shape, value, dtype),
        #[cfg(feature = "cuda")]
        crate::tensor::Device::Cuda(i) => crate::backend::cuda::ops::full(shape, value, dtype, i),
        #[cfg(not(feature = "cuda"))]
        crate::tensor::Device::Cuda(_) => Err(crate::backend::cuda::no_cuda_driver()),
    }
}

pub fn arange(start: Scalar, end: Scalar, step: Scalar, dtype: Option<DType>) -> Result<Tensor> {
    let all_int = [start, end, step].iter().all(|s| matches!(s, Scalar::Int(_) | Scalar::Bool(_)));
    let dtype = dtype.unwrap_or(if all_int { DType::I64 } else { default_dtype() });
    let (s, e, st) = (start.to_f64(), end.to_f64(), step.to_f64());
    if st == 0.0 {
        return Err(Error::runtime("step must be nonzero"));
    }
    if !s.is_finite() || !e.is_finite() {
        return Err(Error::runtime(format!("unsupported range: {s} -> {e}")));
    }
    if !((st > 0.0 && e >= s) || (st < 0.0 && e <= s)) {
        return Err(Error::runtime("upper bound and larger bound inconsistent with step sign"));
    }
    let int_dtype = dtype.category() <= crate::tensor::dtype::Category::Integral;
    let size_d = if int_dtype && all_int {
        let (si, ei, sti) = (start.to_i64(), end.to_i64(), step.to_i64());
        (ei.wrapping_sub(si) as f64 / sti as f64).ceil()
    } else {
        ((e - s) / st).ceil()
    };
    if !(size_d >= 0.0 && size_d <= (isize::MAX as f64)) {
        return Err(Error::runtime(format!(
            "invalid size, possible overflow?"
        )));
    }
    let n = size_d as usize;
    crate::tensor::storage::check_alloc(&[n], dtype)?;
    Ok(if int_dtype {
        let (si, sti) = (start.to_i64(), step.to_i64());
        if all_int {
            crate::dispatch!(dtype, T => Tensor::from_vec((0..n).map(|i| T::from_i64(si.wrapping_add(sti.wrapping_mul(i as i64)))).collect::<Vec<T>>(), &[n]))
        } else {
            crate::dispatch!(dtype, T => Tensor::from_vec((0..n).map(|i| T::from_f64(s + st * i as f64)).collect::<Vec<T>>(), &[n]))
        }
    } else {
        crate::dispatch!(dtype, T => Tensor::from_vec((0..n).map(|i| T::from_f64(s + st * i as f64)).collect::<Vec<T>>(), &[n]))
    })
}

fn linspace_float<T: Float + BufferElem>(start: f64, end: f64, steps: usize, exp: Option<f64>) -> Vec<T> {
    let c = <T::Acc as Fl>::c;
    let (s, e) = (T::from_f64(start).to_acc(), T::from_f64(end).to_acc());
    let step = T::from_acc((e - s) / c((steps.max(2) - 1) as f64)).to_acc();
    let half = steps / 2;
    (0..steps)
        .map(|i| {
            let v = if i < half { s + step * c(i as f64) } else { e - step * c((steps - i - 1) as f64) };
            match exp {
                Some(base) => T::from_f64(base.powf(v.f64())),
                None => T::from_acc(v),
            }
        })
        .collect()
}

fn spaced(start: f64, end: f64, steps: usize, dtype: DType, exp: Option<f64>) -> Result<Tensor> {
    crate::tensor::storage::check_alloc(&[steps], dtype)?;
    if steps == 1 {
        let v = match exp {
            Some(b) => b.powf(start),
            None => start,
        };
        return full(&[1], Scalar::Float(v), dtype);
    }
    match dtype {
        DType::F16 => Ok(Tensor::from_vec(linspace_float::<half::f16>(start, end, steps, exp), &[steps])),
        DType::BF16 => Ok(Tensor::from_vec(linspace_float::<half::bf16>(start, end, steps, exp), &[steps])),
        DType::F32 => Ok(Tensor::from_vec(linspace_float::<f32>(start, end, steps, exp), &[steps])),
        DType::F64 => Ok(Tensor::from_vec(linspace_float::<f64>(start, end, steps, exp), &[steps])),
        DType::C64 | DType::C128 => Err(Error::not_impl("linspace/logspace with complex dtype")),
        _ => {
            // Integral outputs: computed in double, truncated.
            let v: Vec<f64> = linspace_float::<f64>(start, end, steps, exp);
            Ok(crate::dispatch!(dtype, T => Tensor::from_vec(v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>(), &[steps])))
        }
    }
}

/// `torch.linspace(start, end, steps, dtype=)`, PyTorch's symmetric formula.
pub fn linspace(start: f64, end: f64, steps: usize, dtype: DType) -> Result<Tensor> {
    spaced(start, end, steps, dtype, None)
}

/// `torch.logspace(start, end, steps, base, dtype=)`.
pub fn logspace(start: f64, end: f64, steps: usize, base: f64, dtype: DType) -> Result<Tensor> {
    spaced(start, end, steps, dtype, Some(base))
}

/// `torch.eye(n, m, dtype=)`.
pub fn eye(n: usize, m: Option<usize>, dtype: DType) -> Result<Tensor> {
    let m = m.unwrap_or(n);
    let t = Tensor::zeros(&[n, m], dtype)?;
    crate::dispatch!(dtype, T => t.with_slice_mut::<T, _>(|s, _| {
        for i in 0..n.min(m) {
            s[i * m + i] = T::from_i64(1);
        }
    }));
    Ok(t)
}

fn tri(a: &Tensor, diagonal: i64, lower: bool) -> Result<Tensor> {
    let name = if lower { "tril" } else { "triu" };
    let nd = a.ndim();
    if nd < 2 {
        return Err(Error::runtime(format!("{name}: input tensor must have at least 2 dimensions")));
    }
    let out = a.copy_contiguous();
    let shape = a.shape();
    let (r, c) = (shape[nd - 2], shape[nd - 1]);
    crate::dispatch!(a.dtype(), T => out.with_slice_mut::<T, _>(|s, _| {
        let per = r * c;
        if per == 0 {
            return;
        }
        for mat in s.chunks_mut(per) {
            for i in 0..r {
                for j in 0..c {
                    let d = j as i64 - i as i64;
                    let keep = if lower { d <= diagonal } else { d >= diagonal };
                    if !keep {
                        mat[i * c + j] = T::default();
                    }
                }
            }
        }
    }));
    Ok(out)
}

/// `torch.tril(a, diagonal)` over the last two dims.
pub fn tril(a: &Tensor, diagonal: i64) -> Result<Tensor> {
    tri(a, diagonal, true)
}

/// `torch.triu(a, diagonal)`.
pub fn triu(a: &Tensor, diagonal: i64) -> Result<Tensor> {
    tri(a, diagonal, false)
}

/// `torch.diag(a, diagonal)`: 1-D → square matrix, 2-D → its diagonal.
pub fn diag(a: &Tensor, diagonal: i64) -> Result<Tensor> {
    let nd = a.ndim();
    let dt = a.dtype();
    match nd {
        1 => {
            let n = a.numel();
            let k = diagonal.unsigned_abs() as usize;
            let size = n + k;
            let t = Tensor::zeros(&[size, size], dt)?;
            crate::dispatch!(dt, T => {
                let v = a.to_vec::<T>();
                t.with_slice_mut::<T, _>(|s, _| {
                    for (i, &x) in v.iter().enumerate() {
                        let (r, c) = if diagonal >= 0 { (i, i + k) } else { (i + k, i) };
                        s[r * size + c] = x;
                    }
                });
            });
            Ok(t)
        }
        2 => {
            let l = a.layout();
            let (r, c) = (l.shape[0] as i64, l.shape[1] as i64);
            let (r0, c0) = if diagonal >= 0 { (0, diagonal) } else { (-diagonal, 0) };
            let len = (r - r0).min(c - c0).max(0) as usize;
            crate::dispatch!(dt, T => {
                let v: Vec<T> = a.with_slice::<T, _>(|s, l| {
                    (0..len)
                        .map(|i| s[l.offset + (r0 as usize + i) * l.strides[0] + (c0 as usize + i) * l.strides[1]])
                        .collect()
                });
                Ok(Tensor::from_vec(v, &[len]))
            })
        }
        _ => Err(Error::runtime(format!("diag(): Supports 1D or 2D tensors. Got {nd}D"))),
    }
}

/// `torch.diagflat(a, offset)`: the flattened input on a diagonal.
pub fn diagflat(a: &Tensor, offset: i64) -> Result<Tensor> {
    let flat = a.contiguous();
    let flat = flat.with_layout(crate::tensor::Layout {
        shape: smallvec::smallvec![a.numel()],
        strides: smallvec::smallvec![1],
        offset: flat.offset(),
    });
    diag(&flat, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arange_rules() {
        let t = arange(Scalar::Int(0), Scalar::Int(5), Scalar::Int(2), None).unwrap();
        assert_eq!(t.dtype(), DType::I64);
        assert_eq!(t.to_vec::<i64>(), vec![0, 2, 4]);
        let f = arange(Scalar::Float(0.0), Scalar::Int(1), Scalar::Float(0.25), None).unwrap();
        assert_eq!(f.dtype(), DType::F32);
        assert_eq!(f.to_vec::<f32>(), vec![0.0, 0.25, 0.5, 0.75]);
        let r = arange(Scalar::Int(5), Scalar::Int(0), Scalar::Int(-2), None).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![5, 3, 1]);
        assert_eq!(arange(Scalar::Int(0), Scalar::Int(5), Scalar::Int(0), None).unwrap_err().msg, "step must be nonzero");
        assert_eq!(
            arange(Scalar::Int(0), Scalar::Int(5), Scalar::Int(-1), None).unwrap_err().msg,
            "upper bound and larger bound inconsistent with step sign"
        );
    }

    #[test]
    fn linspace_symmetric() {
        let t = linspace(0.0, 1.0, 5, DType::F32).unwrap();
        assert_eq!(t.to_vec::<f32>(), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let t = linspace(2.0, 3.0, 11, DType::F32).unwrap().to_vec::<f32>();
        assert_eq!(t[10], 3.0);
        assert_eq!(t[0], 2.0);
        assert_eq!(linspace(0.0, 1.0, 1, DType::F32).unwrap().to_vec::<f32>(), vec![0.0]);
        assert_eq!(logspace(0.0, 2.0, 3, 10.0, DType::F32).unwrap().to_vec::<f32>(), vec![1.0, 10.0, 100.0]);
    }

    #[test]
    fn eye_tri_diag() {
        let e = eye(2, Some(3), DType::I32).unwrap();
        assert_eq!(e.to_vec::<i32>(), vec![1, 0, 0, 0, 1, 0]);
        let a = Tensor::from_vec((1..=9).map(|x| x as i64).collect::<Vec<_>>(), &[3, 3]);
        assert_eq!(tril(&a, 0).unwrap().to_vec::<i64>(), vec![1, 0, 0, 4, 5, 0, 7, 8, 9]);
        assert_eq!(triu(&a, 1).unwrap().to_vec::<i64>(), vec![0, 2, 3, 0, 0, 6, 0, 0, 0]);
        assert_eq!(diag(&a, 0).unwrap().to_vec::<i64>(), vec![1, 5, 9]);
        assert_eq!(diag(&a, -1).unwrap().to_vec::<i64>(), vec![4, 8]);
        let v = Tensor::from_vec(vec![1i64, 2], &[2]);
        assert_eq!(diag(&v, 1).unwrap().to_vec::<i64>(), vec![0, 1, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(diagflat(&a, 0).unwrap().shape().as_slice(), &[9, 9]);
    }
}
