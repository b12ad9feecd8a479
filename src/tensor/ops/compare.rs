//! Comparisons (`==`, `<`, …) producing bool tensors, `where`, `isclose`/`allclose` and
//! `equal`. Operands broadcast and compare in their promoted dtype.

use super::binary::result_type;
use super::ew::{map2, map3, Fl, Float};
use crate::error::{Error, Result};
use num_complex::Complex;

use crate::tensor::dtype::{not_implemented_for, scalar_type_name};
use crate::tensor::layout::broadcast_shapes;
use crate::tensor::{default_dtype, DType, Element, Tensor};

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

fn cmp_kernel<T: Element + PartialOrd + crate::tensor::BufferElem>(op: CmpOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    match op {
        CmpOp::Eq => map2::<T, T, bool>(a, b, |x, y| x == y),
        CmpOp::Ne => map2::<T, T, bool>(a, b, |x, y| x != y),
        CmpOp::Lt => map2::<T, T, bool>(a, b, |x, y| x < y),
        CmpOp::Le => map2::<T, T, bool>(a, b, |x, y| x <= y),
        CmpOp::Gt => map2::<T, T, bool>(a, b, |x, y| x > y),
        CmpOp::Ge => map2::<T, T, bool>(a, b, |x, y| x >= y),
    }
}

/// `a OP b` element-wise, a bool tensor of the broadcast shape.
pub fn compare(op: CmpOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let common = result_type(&[a, b]);
    broadcast_shapes(&a.shape(), &b.shape())?;
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, b]) {
        crate::backend::device_of(&[a, b])?;
        return crate::backend::cuda::ops::compare(op, a, b, common);
    }
    let (ac, bc) = (a.to_dtype(common), b.to_dtype(common));
    crate::dispatch!(real: common, T => cmp_kernel::<T>(op, &ac, &bc), else => match op {
        CmpOp::Eq => crate::dispatch_complex!(common, R => map2::<Complex<R>, Complex<R>, bool>(&ac, &bc, |x, y| x == y), else => unreachable!()),
        CmpOp::Ne => crate::dispatch_complex!(common, R => map2::<Complex<R>, Complex<R>, bool>(&ac, &bc, |x, y| x != y), else => unreachable!()),
        _ => Err(not_implemented_for(match op {
            CmpOp::Lt => "lt_cpu",
            CmpOp::Le => "le_cpu",
            CmpOp::Gt => "gt_cpu",
            _ => "ge_cpu",
        }, common)),
    })
}

/// `torch.where(cond, a, b)`: elements of `a` where `cond`, else of `b`, broadcast.
pub fn where_(cond: &Tensor, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if cond.dtype() != DType::Bool {
        return Err(Error::runtime(format!(
            "where expected condition to be a boolean tensor, but got a tensor with dtype {}",
            scalar_type_name(cond.dtype())
        )));
    }
    let common = result_type(&[a, b]);
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[cond, a, b]) {
        crate::backend::device_of(&[cond, a, b])?;
        return crate::backend::cuda::ops::where_(cond, a, b, common);
    }
    let (ac, bc) = (a.to_dtype(common), b.to_dtype(common));
    crate::dispatch!(common, T => map3::<bool, T, T, T>(cond, &ac, &bc, |c, x, y| if c { x } else { y }))
}

/// `torch.isclose`: |a - b| <= atol + rtol * |b| (or equal, or both NaN with `equal_nan`).
pub fn isclose(a: &Tensor, b: &Tensor, rtol: f64, atol: f64, equal_nan: bool) -> Result<Tensor> {
    if a.dtype() != b.dtype() {
        return Err(Error::runtime(format!(
            "{} did not match {}",
            scalar_type_name(a.dtype()),
            scalar_type_name(b.dtype())
        )));
    }
    if rtol < 0.0 {
        return Err(Error::runtime(format!("rtol must be greater than or equal to zero, but got {rtol}")));
    }
    if atol < 0.0 {
        return Err(Error::runtime(format!("atol must be greater than or equal to zero, but got {atol}")));
    }
    let dt = a.dtype();
    fn close_float<T: Float>(a: &Tensor, b: &Tensor, rtol: f64, atol: f64, equal_nan: bool) -> Result<Tensor> {
        let (rt, at) = (<T::Acc as Fl>::c(rtol), <T::Acc as Fl>::c(atol));
        map2::<T, T, bool>(a, b, move |x, y| {
            let (x, y) = (x.to_acc(), y.to_acc());
            if x == y {
                return true;
            }
            if x.is_nan() || y.is_nan() {
                return equal_nan && x.is_nan() && y.is_nan();
            }
            if !x.is_finite() || !y.is_finite() {
                return false;
            }
            (x - y).abs() <= at + (rt * y).abs()
        })
    }
    match dt {
        DType::F16 => close_float::<half::f16>(a, b, rtol, atol, equal_nan),
        DType::BF16 => close_float::<half::bf16>(a, b, rtol, atol, equal_nan),
        DType::F32 => close_float::<f32>(a, b, rtol, atol, equal_nan),
        DType::F64 => close_float::<f64>(a, b, rtol, atol, equal_nan),
        DType::C64 | DType::C128 => crate::dispatch_complex!(dt, R => map2::<Complex<R>, Complex<R>, bool>(a, b, move |x, y| {
            if x == y {
                return true;
            }
            let nan = |z: Complex<R>| z.re.is_nan() || z.im.is_nan();
            if nan(x) || nan(y) {
                return equal_nan && nan(x) && nan(y);
            }
            ((x - y).norm() as f64) <= atol + rtol * (y.norm() as f64)
        }), else => unreachable!()),
        DType::Bool => compare(CmpOp::Eq, a, b),
        _ => {
            // Integers: exact equality, or the tolerance test in the default float dtype.
            let d = default_dtype();
            let (af, bf) = (a.cast(d), b.cast(d));
            let eq = compare(CmpOp::Eq, a, b)?;
            let close = isclose(&af, &bf, rtol, atol, equal_nan)?;
            map2::<bool, bool, bool>(&eq, &close, |p, q| p || q)
        }
    }
}

/// `torch.allclose`: whether every element is close.
pub fn allclose(a: &Tensor, b: &Tensor, rtol: f64, atol: f64, equal_nan: bool) -> Result<bool> {
    let c = isclose(a, b, rtol, atol, equal_nan)?;
    Ok(c.to_vec::<bool>().iter().all(|&x| x))
}

/// `torch.equal`: same shape and the same values (NaN never equal).
pub fn equal(a: &Tensor, b: &Tensor) -> Result<bool> {
    if a.shape() != b.shape() {
        return Ok(false);
    }
    let c = compare(CmpOp::Eq, a, b)?;
    Ok(c.to_vec::<bool>().iter().all(|&x| x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Scalar;

    #[test]
    fn compare_broadcast_and_mixed() {
        let a = Tensor::from_vec(vec![1i64, 2, 3], &[3, 1]);
        let b = Tensor::from_vec(vec![1i64, 2, 3], &[1, 3]);
        let r = compare(CmpOp::Gt, &a, &b).unwrap();
        assert_eq!(r.shape().as_slice(), &[3, 3]);
        assert_eq!(r.to_vec::<bool>(), vec![false, false, false, true, false, false, true, true, false]);
        let i = Tensor::from_vec(vec![1i64, 2, 3], &[3]);
        let f = Tensor::from_vec(vec![1.0f32, 2.5, 3.0], &[3]);
        assert_eq!(compare(CmpOp::Eq, &i, &f).unwrap().to_vec::<bool>(), vec![true, false, true]);
        let r = compare(CmpOp::Gt, &i, &Tensor::wrapped(Scalar::Float(1.5))).unwrap();
        assert_eq!(r.to_vec::<bool>(), vec![false, true, true]);
    }

    #[test]
    fn where_and_errors() {
        let c = Tensor::from_vec(vec![true, false], &[2]);
        let a = Tensor::from_vec(vec![1i64, 2], &[2]);
        let r = where_(&c, &a, &Tensor::wrapped(Scalar::Float(0.5))).unwrap();
        assert_eq!(r.dtype(), DType::F32);
        assert_eq!(r.to_vec::<f32>(), vec![1.0, 0.5]);
        let e = where_(&a.cast(DType::F32), &a, &a).unwrap_err();
        assert_eq!(e.msg, "where expected condition to be a boolean tensor, but got a tensor with dtype Float");
    }

    #[test]
    fn closeness() {
        let a = Tensor::from_vec(vec![1.0f32, 2.0, f32::NAN], &[3]);
        let b = Tensor::from_vec(vec![1.0f32 + 1e-7, 2.1, f32::NAN], &[3]);
        assert_eq!(isclose(&a, &b, 1e-5, 1e-8, false).unwrap().to_vec::<bool>(), vec![true, false, false]);
        assert_eq!(isclose(&a, &b, 1e-5, 1e-8, true).unwrap().to_vec::<bool>(), vec![true, false, true]);
        assert!(!allclose(&a, &a, 1e-5, 1e-8, false).unwrap());
        assert!(equal(&b.cast(DType::I64), &b.cast(DType::I64)).unwrap());
    }
}
