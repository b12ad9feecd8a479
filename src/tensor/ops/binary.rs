//! Binary arithmetic: `a OP b` with broadcasting and PyTorch's type promotion
//! (`result_type` over dim / zero-dim / wrapped-number operands), the in-place forms, and
//! `add(alpha=)` / `lerp`. Kernels are monomorphised per dtype and per op.

use super::ew::{map2, map3, Fl, Float, Int, Real, any_elem};
use crate::dispatch_int;
use crate::error::{Error, Result};
use num_complex::Complex;

use crate::tensor::dtype::{not_implemented_for, scalar_type_name, Category, Priority, ResultType};
use crate::tensor::layout::{broadcast_shapes, fmt_shape};
use crate::tensor::{default_dtype, DType, Element, Scalar, Tensor};

/// Binary element-wise operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Remainder,
    Fmod,
    Pow,
    Maximum,
    Minimum,
    Atan2,
    Hypot,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
}

/// PyTorch's `result_type` over operands: tensors with dims beat 0-dim tensors, which beat
/// wrapped Python numbers (`Tensor::is_wrapped_number`).
pub fn result_type(tensors: &[&Tensor]) -> DType {
    let mut r = ResultType::default();
    let def = default_dtype();
    for t in tensors {
        let prio = if t.is_wrapped_number() {
            Priority::Wrapped
        } else if t.ndim() == 0 {
            Priority::ZeroDim
        } else {
            Priority::Dim
        };
        r.add(t.dtype(), prio, def);
    }
    r.result()
}

/// Whether a value of dtype `from` may be written into a tensor of dtype `to` by an
/// in-place op (PyTorch's `canCast`: no category down-casts).
pub fn can_cast(from: DType, to: DType) -> bool {
    from.category() <= to.category()
}

/// PyTorch's error for an in-place result that cannot be stored.
pub fn cast_error(from: DType, to: DType) -> Error {
    Error::runtime(format!(
        "result type {} can't be cast to the desired output type {}",
        scalar_type_name(from),
        scalar_type_name(to)
    ))
}

fn kernel_name(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add => "add_cpu",
        Sub => "sub_cpu",
        Mul => "mul_cpu",
        Div => "div_true_cpu",
        FloorDiv => "div_floor_cpu",
        Remainder => "remainder_cpu",
        Fmod => "fmod_cpu",
        Pow => "pow_cpu",
        Maximum => "maximum_cpu",
        Minimum => "minimum_cpu",
        Atan2 => "atan2_cpu",
        Hypot => "hypot_cpu",
        BitAnd => "bitwise_and_cpu",
        BitOr => "bitwise_or_cpu",
        BitXor => "bitwise_xor_cpu",
        LShift => "lshift_cpu",
        RShift => "rshift_cpu",
        LogicalAnd => "logical_and_cpu",
        LogicalOr => "logical_or_cpu",
        LogicalXor => "logical_xor_cpu",
    }
}

/// The dtype `op` computes in for operands whose promoted type is `common`, or an error.
fn compute_dtype(op: BinaryOp, a: &Tensor, b: &Tensor, common: DType) -> Result<DType> {
    use BinaryOp::*;
    let cat = common.category();
    match op {
        Sub => {
            if a.dtype() == DType::Bool && b.dtype() == DType::Bool {
                return Err(Error::new(crate::error::ExcKind::NotImplementedError,
                    "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
                ));
            }
            if a.dtype() == DType::Bool || b.dtype() == DType::Bool {
                return Err(Error::new(crate::error::ExcKind::NotImplementedError,
                    "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                ));
            }
            Ok(common)
        }
        Div | Atan2 | Hypot => {
            if cat == Category::Complex && op != Div {
                return Err(not_implemented_for(kernel_name(op), common));
            }
            Ok(if cat <= Category::Integral { default_dtype() } else { common })
        }
        FloorDiv | Remainder | Fmod | Maximum | Minimum => {
            if common == DType::Bool && matches!(op, FloorDiv | Remainder | Fmod) {
                return Err(not_implemented_for(kernel_name(op), common));
            }
            if cat == Category::Complex {
                return Err(match op {
                    Maximum => Error::type_err("maximum not implemented for complex tensors."),
                    Minimum => Error::type_err("minimum not implemented for complex tensors."),
                    _ => not_implemented_for(kernel_name(op), common),
                });
            }
            Ok(common)
        }
        BitAnd | BitOr | BitXor | LShift | RShift => {
            if cat >= Category::Floating {
                return Err(not_implemented_for(kernel_name(op), common));
            }
            Ok(common)
        }
        _ => Ok(common),
    }
}

/// `a OP b` with broadcasting and type promotion (PyTorch semantics; see `BinaryOp`).
pub fn binary(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    use BinaryOp::*;
    let common = result_type(&[a, b]);
    let cd = compute_dtype(op, a, b, common)?;
    // Shape errors come before value errors.
    broadcast_shapes(&a.shape(), &b.shape())?;
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, b]) {
        crate::backend::device_of(&[a, b])?;
        return crate::backend::cuda::ops::binary(op, a, b, cd);
    }
    let (ac, bc) = (a.to_dtype(cd), b.to_dtype(cd));
    if matches!(op, LogicalAnd | LogicalOr | LogicalXor) {
        return crate::dispatch!(cd, T => map2::<T, T, bool>(&ac, &bc, match op {
            LogicalAnd => |x: T, y: T| x.to_bool() && y.to_bool(),
            LogicalOr => |x: T, y: T| x.to_bool() || y.to_bool(),
            _ => |x: T, y: T| x.to_bool() != y.to_bool(),
        }));
    }
    if matches!(op, BitAnd | BitOr | BitXor | LShift | RShift) {
        return dispatch_int!(cd, T => int_kernel::<T>(op, &ac, &bc), else => Err(not_implemented_for(kernel_name(op), cd)));
    }
    if cd.category() <= Category::Integral && matches!(op, FloorDiv | Remainder | Fmod) {
        let zero = dispatch_int!(cd, T => any_elem::<T>(&bc, |x| x.is_zero()), else => false);
        if zero {
            return Err(Error::runtime("ZeroDivisionError"));
        }
    }
    if op == Pow {
        if let Some(t) = pow_scalar(a, b, &ac, &bc, cd)? {
            return Ok(t);
        }
    }
    match cd {
        DType::C64 | DType::C128 => crate::dispatch_complex!(cd, R => complex_kernel::<R>(op, &ac, &bc), else => unreachable!()),
        DType::F16 => float_kernel::<half::f16>(op, &ac, &bc),
        DType::BF16 => float_kernel::<half::bf16>(op, &ac, &bc),
        DType::F32 => float_kernel::<f32>(op, &ac, &bc),
        DType::F64 => float_kernel::<f64>(op, &ac, &bc),
        _ => dispatch_int!(cd, T => real_kernel::<T>(op, &ac, &bc), else => Err(not_implemented_for(kernel_name(op), cd))),
    }
}

/// Pow with a Python-number exponent: PyTorch's special cases (x*x for 2, sqrt for 0.5…)
/// and the integer negative-exponent error.
fn pow_scalar(a: &Tensor, b: &Tensor, ac: &Tensor, bc: &Tensor, cd: DType) -> Result<Option<Tensor>> {
    let _ = a;
    if !b.is_wrapped_number() {
        return Ok(None);
    }
    let e = b.item()?;
    if cd.category() <= Category::Integral {
        if let Scalar::Int(i) = e {
            if i < 0 {
                return Err(Error::runtime("Integers to negative integer powers are not allowed."));
            }
        }
        return Ok(None);
    }
    let _ = bc;
    let ef = e.to_f64();
    fn special<T: Float>(a: &Tensor, e: f64) -> Option<Tensor> {
        let one = <<T as Float>::Acc as Fl>::c(1.0);
        let f: fn(T::Acc) -> T::Acc = if e == 2.0 {
            |x| x * x
        } else if e == 3.0 {
            |x| x * x * x
        } else if e == 0.5 {
            |x| x.sqrt()
        } else if e == -0.5 {
            |x| <<T as Float>::Acc as Fl>::c(1.0) / x.sqrt()
        } else if e == -1.0 {
            |x| <<T as Float>::Acc as Fl>::c(1.0) / x
        } else if e == -2.0 {
            |x| <<T as Float>::Acc as Fl>::c(1.0) / (x * x)
        } else {
            let _ = one;
            return None;
        };
        Some(super::ew::map1::<T, T>(a, move |x| T::from_acc(f(x.to_acc()))))
    }
    Ok(match cd {
        DType::F16 => special::<half::f16>(ac, ef),
        DType::BF16 => special::<half::bf16>(ac, ef),
        DType::F32 => special::<f32>(ac, ef),
        DType::F64 => special::<f64>(ac, ef),
        _ => None,
    })
}

fn real_kernel<T: Real>(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    use BinaryOp::*;
    match op {
        Add => map2::<T, T, T>(a, b, |x, y| x.add(y)),
        Sub => map2::<T, T, T>(a, b, |x, y| x.sub(y)),
        Mul => map2::<T, T, T>(a, b, |x, y| x.mul(y)),
        Div => map2::<T, T, T>(a, b, |x, y| x.div(y)),
        FloorDiv => map2::<T, T, T>(a, b, |x, y| x.floordiv(y)),
        Remainder => map2::<T, T, T>(a, b, |x, y| x.rem(y)),
        Fmod => map2::<T, T, T>(a, b, |x, y| x.fmod(y)),
        Pow => map2::<T, T, T>(a, b, |x, y| x.pow(y)),
        Maximum => map2::<T, T, T>(a, b, |x, y| x.maximum(y)),
        Minimum => map2::<T, T, T>(a, b, |x, y| x.minimum(y)),
        _ => Err(not_implemented_for(kernel_name(op), T::DTYPE)),
    }
}

fn float_kernel<T: Float>(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    use BinaryOp::*;
    match op {
        Atan2 => map2::<T, T, T>(a, b, |x, y| T::from_acc(x.to_acc().atan2(y.to_acc()))),
        Hypot => map2::<T, T, T>(a, b, |x, y| T::from_acc(x.to_acc().hypot(y.to_acc()))),
        _ => real_kernel::<T>(op, a, b),
    }
}

fn int_kernel<T: Int>(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    use BinaryOp::*;
    match op {
        BitAnd => map2::<T, T, T>(a, b, |x, y| x.and(y)),
        BitOr => map2::<T, T, T>(a, b, |x, y| x.or(y)),
        BitXor => map2::<T, T, T>(a, b, |x, y| x.xor(y)),
        LShift => map2::<T, T, T>(a, b, |x, y| x.shl(y)),
        RShift => map2::<T, T, T>(a, b, |x, y| x.shr(y)),
        _ => Err(not_implemented_for(kernel_name(op), T::DTYPE)),
    }
}

fn complex_kernel<R>(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor>
where
    R: num_traits::Float + crate::tensor::BufferElem,
    Complex<R>: crate::tensor::BufferElem,
{
    use BinaryOp::*;
    type Z<R> = Complex<R>;
    let (zero, one) = (Z::new(R::zero(), R::zero()), Z::new(R::one(), R::zero()));
    let two = R::one() + R::one();
    match op {
        Add => map2::<Z<R>, Z<R>, Z<R>>(a, b, |x, y| x + y),
        Sub => map2::<Z<R>, Z<R>, Z<R>>(a, b, |x, y| x - y),
        Mul => map2::<Z<R>, Z<R>, Z<R>>(a, b, |x, y| x * y),
        Div => map2::<Z<R>, Z<R>, Z<R>>(a, b, |x, y| x / y),
        Pow => map2::<Z<R>, Z<R>, Z<R>>(a, b, move |x, y| {
            if y.im == R::zero() && y.re == two { x * x } else if y == zero { one } else { x.powc(y) }
        }),
        _ => Err(not_implemented_for(kernel_name(op), a.dtype())),
    }
}

/// `a OP= b` in place: computed in the promoted type, then cast into `a`'s dtype.
pub fn binary_inplace(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<()> {
    let ashape = a.shape();
    let bshape = broadcast_shapes(&ashape, &b.shape())?;
    if bshape != ashape {
        return Err(Error::runtime(format!(
            "output with shape {} doesn't match the broadcast shape {}",
            fmt_shape(&ashape),
            fmt_shape(&bshape)
        )));
    }
    let r = binary(op, a, b)?;
    if !can_cast(r.dtype(), a.dtype()) {
        return Err(cast_error(r.dtype(), a.dtype()));
    }
    super::copy_(a, &r)
}

/// `torch.add(a, b, alpha=alpha)`: a + alpha * b.
pub fn add_scaled(a: &Tensor, b: &Tensor, alpha: Scalar) -> Result<Tensor> {
    let common = result_type(&[a, b]);
    if common.category() <= Category::Integral && matches!(alpha, Scalar::Float(_) | Scalar::Complex(_)) {
        return Err(Error::runtime(
            "For integral input tensors, argument alpha must not be a floating point number.",
        ));
    }
    if common == DType::Bool && !matches!(alpha, Scalar::Bool(_)) && alpha.to_i64() != 1 {
        return Err(Error::runtime("Boolean alpha only supported for Boolean results."));
    }
    if alpha == Scalar::Int(1) || alpha == Scalar::Bool(true) {
        return binary(BinaryOp::Add, a, b);
    }
    broadcast_shapes(&a.shape(), &b.shape())?;
    let (ac, bc) = (a.to_dtype(common), b.to_dtype(common));
    match common {
        DType::C64 | DType::C128 => crate::dispatch_complex!(common, R => {
            let w = <Complex<R> as Element>::from_scalar(alpha);
            map2::<Complex<R>, Complex<R>, Complex<R>>(&ac, &bc, move |x, y| x + w * y)
        }, else => unreachable!()),
        DType::F16 | DType::BF16 | DType::F32 | DType::F64 => crate::dispatch!(float: common, T => {
            let w = <<T as Float>::Acc as Fl>::c(alpha.to_f64());
            map2::<T, T, T>(&ac, &bc, move |x, y| T::from_acc(x.to_acc() + w * y.to_acc()))
        }, else => Err(not_implemented_for("add_cpu", common))),
        _ => dispatch_int!(common, T => {
            let w = T::from_scalar(alpha);
            map2::<T, T, T>(&ac, &bc, move |x, y| x.add(w.mul(y)))
        }, else => Err(not_implemented_for("add_cpu", common))),
    }
}

pub use crate::tensor::dtype::type_meta_name;

/// `torch.lerp(a, b, w)`: a + w * (b - a), PyTorch's two-sided formula for accuracy.
pub fn lerp(a: &Tensor, b: &Tensor, w: &Tensor) -> Result<Tensor> {
    let dt = a.dtype();
    if b.dtype() != dt {
        return Err(Error::runtime(format!(
            "expected dtype {} for `end` but got dtype {}",
            type_meta_name(dt),
            type_meta_name(b.dtype())
        )));
    }
    if !w.is_wrapped_number() && w.dtype() != dt {
        return Err(Error::runtime(format!(
            "expected dtype {} for `weight` but got dtype {}",
            type_meta_name(dt),
            type_meta_name(w.dtype())
        )));
    }
    let wc = w.to_dtype(dt);
    crate::dispatch!(float: dt, T => map3::<T, T, T, T>(a, b, &wc, |x, y, t| {
        let (x, y, t) = (x.to_acc(), y.to_acc(), t.to_acc());
        let half = <<T as Float>::Acc as Fl>::c(0.5);
        let one = <<T as Float>::Acc as Fl>::c(1.0);
        let d = y - x;
        T::from_acc(if t.abs() < half { x + t * d } else { y - d * (one - t) })
    }), else => Err(not_implemented_for("lerp_kernel_scalar", dt)))
}

/// `torch.div(a, b, rounding_mode="trunc")`: truncated division (integers stay integers).
pub fn div_trunc(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let common = result_type(&[a, b]);
    broadcast_shapes(&a.shape(), &b.shape())?;
    let (ac, bc) = (a.to_dtype(common), b.to_dtype(common));
    match common {
        DType::C64 | DType::C128 => Err(not_implemented_for("div_trunc_cpu", common)),
        DType::F16 | DType::BF16 | DType::F32 | DType::F64 => crate::dispatch!(float: common, T => {
            map2::<T, T, T>(&ac, &bc, |x, y| T::from_acc((x.to_acc() / y.to_acc()).trunc()))
        }, else => Err(not_implemented_for("div_trunc_cpu", common))),
        _ => dispatch_int!(common, T => {
            if any_elem::<T>(&bc, |x| x.is_zero()) {
                return Err(Error::runtime("ZeroDivisionError"));
            }
            map2::<T, T, T>(&ac, &bc, |x, y| x.div(y))
        }, else => Err(not_implemented_for("div_trunc_cpu", common))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Layout;
    use BinaryOp::*;

    fn t<T: crate::tensor::BufferElem>(v: Vec<T>, s: &[usize]) -> Tensor {
        Tensor::from_vec(v, s)
    }

    #[test]
    fn broadcast_add_and_transposed() {
        let a = t(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
        let b = t(vec![10.0f32, 20.0, 30.0], &[3]);
        let r = binary(Add, &a, &b).unwrap();
        assert_eq!(r.shape().as_slice(), &[2, 3]);
        assert_eq!(r.to_vec::<f32>(), vec![11.0, 22.0, 33.0, 14.0, 25.0, 36.0]);
        // a.T (3x2) + column (3x1)
        let at = a.with_layout(Layout { shape: smallvec::SmallVec::from_slice(&[3, 2]), strides: smallvec::SmallVec::from_slice(&[1, 3]), offset: 0 });
        let c = t(vec![100.0f32, 200.0, 300.0], &[3, 1]);
        let r = binary(Add, &at, &c).unwrap();
        assert_eq!(r.to_vec::<f32>(), vec![101.0, 104.0, 202.0, 205.0, 303.0, 306.0]);
        let e = binary(Add, &t(vec![1i64, 2, 3], &[3]), &t(vec![1i64, 2], &[2])).unwrap_err();
        assert_eq!(e.msg, "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0");
    }

    #[test]
    fn promotion_rules() {
        let i = t(vec![1i64, 2], &[2]);
        let f = t(vec![0.5f32, 1.5], &[2]);
        assert_eq!(binary(Add, &i, &f).unwrap().dtype(), DType::F32);
        assert_eq!(binary(Mul, &i, &Tensor::wrapped(Scalar::Float(2.5))).unwrap().to_vec::<f32>(), vec![2.5, 5.0]);
        let i8t = t(vec![127i8, -128], &[2]);
        let r = binary(Add, &i8t, &Tensor::wrapped(Scalar::Int(1))).unwrap();
        assert_eq!(r.dtype(), DType::I8);
        assert_eq!(r.to_vec::<i8>(), vec![-128, -127]);
        let bt = t(vec![true, false], &[2]);
        assert_eq!(binary(Add, &bt, &i).unwrap().to_vec::<i64>(), vec![2, 2]);
        let d = binary(Div, &t(vec![1i64, 3], &[2]), &Tensor::wrapped(Scalar::Int(2))).unwrap();
        assert_eq!(d.dtype(), DType::F32);
        assert_eq!(d.to_vec::<f32>(), vec![0.5, 1.5]);
        let u = t(vec![250u8, 5], &[2]);
        assert_eq!(binary(Add, &u, &Tensor::wrapped(Scalar::Int(10))).unwrap().to_vec::<u8>(), vec![4, 15]);
    }

    #[test]
    fn python_division_signs() {
        let a = t(vec![7i64, -7, 8, -8], &[4]);
        let r = binary(FloorDiv, &a, &Tensor::wrapped(Scalar::Int(-3))).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![-3, 2, -3, 2]);
        let r = binary(Remainder, &t(vec![5i64, -5, 7, -7], &[4]), &Tensor::wrapped(Scalar::Int(3))).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![2, 1, 1, 2]);
        let r = binary(Fmod, &t(vec![5i64, -5, 7, -7], &[4]), &Tensor::wrapped(Scalar::Int(3))).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![2, -2, 1, -1]);
        let r = binary(Remainder, &t(vec![5.5f32, -5.5, 2.0], &[3]), &Tensor::wrapped(Scalar::Int(2))).unwrap();
        assert_eq!(r.to_vec::<f32>(), vec![1.5, 0.5, 0.0]);
        let e = binary(FloorDiv, &a, &Tensor::wrapped(Scalar::Int(0))).unwrap_err();
        assert_eq!(e.msg, "ZeroDivisionError");
    }

    #[test]
    fn pow_cases() {
        let i = t(vec![2i64, 3], &[2]);
        let e = binary(Pow, &i, &Tensor::wrapped(Scalar::Int(-1))).unwrap_err();
        assert_eq!(e.msg, "Integers to negative integer powers are not allowed.");
        assert_eq!(binary(Pow, &i, &Tensor::wrapped(Scalar::Int(3))).unwrap().to_vec::<i64>(), vec![8, 27]);
        let r = binary(Pow, &i, &Tensor::wrapped(Scalar::Float(0.5))).unwrap();
        assert_eq!(r.dtype(), DType::F32);
        assert_eq!(r.to_vec::<f32>()[0], 2f32.sqrt());
        let f = t(vec![1.1f32, -3.0], &[2]);
        assert_eq!(binary(Pow, &f, &Tensor::wrapped(Scalar::Int(2))).unwrap().to_vec::<f32>(), vec![1.1f32 * 1.1, 9.0]);
    }

    #[test]
    fn errors_bool_and_bitwise() {
        let b = t(vec![true, false], &[2]);
        assert!(binary(Sub, &b, &b).unwrap_err().msg.starts_with("Subtraction, the `-` operator, with two bool"));
        let f = t(vec![1.0f32], &[1]);
        assert_eq!(binary(BitAnd, &f, &f).unwrap_err().msg, "\"bitwise_and_cpu\" not implemented for 'Float'");
        let i = t(vec![12i64, 10], &[2]);
        assert_eq!(binary(BitXor, &i, &Tensor::wrapped(Scalar::Int(6))).unwrap().to_vec::<i64>(), vec![10, 12]);
        assert_eq!(binary(LogicalAnd, &i, &f).unwrap().to_vec::<bool>(), vec![true, true]);
    }

    #[test]
    fn inplace_rules() {
        let x = t(vec![1.0f32, 2.0, 3.0], &[3]);
        binary_inplace(Add, &x, &Tensor::wrapped(Scalar::Int(1))).unwrap();
        assert_eq!(x.to_vec::<f32>(), vec![2.0, 3.0, 4.0]);
        let big = t(vec![0.0f32; 6], &[2, 3]);
        assert_eq!(binary_inplace(Add, &x, &big).unwrap_err().msg, "output with shape [3] doesn't match the broadcast shape [2, 3]");
        let n = t(vec![5i64, 6], &[2]);
        assert_eq!(
            binary_inplace(Div, &n, &Tensor::wrapped(Scalar::Int(2))).unwrap_err().msg,
            "result type Float can't be cast to the desired output type Long"
        );
        binary_inplace(FloorDiv, &n, &Tensor::wrapped(Scalar::Int(2))).unwrap();
        assert_eq!(n.to_vec::<i64>(), vec![2, 3]);
    }

    #[test]
    fn alpha_and_lerp() {
        let a = t(vec![1.0f32, 2.0], &[2]);
        let b = t(vec![10.0f32, 20.0], &[2]);
        assert_eq!(add_scaled(&a, &b, Scalar::Float(0.5)).unwrap().to_vec::<f32>(), vec![6.0, 12.0]);
        let r = lerp(&a, &b, &Tensor::wrapped(Scalar::Float(0.25))).unwrap();
        assert_eq!(r.to_vec::<f32>(), vec![1.0 + 0.25 * 9.0, 2.0 + 0.25 * 18.0]);
    }
}
