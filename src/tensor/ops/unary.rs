//! Unary element-wise ops (math functions, activations, predicates, complex parts),
//! `clamp`, `nan_to_num`, `round(decimals=)`, softmax / log_softmax and parametrised
//! activations. Floating functions on integer inputs compute in the default dtype;
//! float16/bfloat16 compute in f32 and round back.

use super::sleef;
use super::binary::{can_cast, cast_error, result_type};
use super::ew::{map1, map2, map3, map_lines, Fl, Float, Int, Real, PAR_MIN};
use crate::dispatch_int;
use crate::error::{Error, Result};
use num_complex::Complex;

use crate::tensor::dtype::{not_implemented_for, Category};
use crate::tensor::layout::normalize_dim;
use crate::tensor::{default_dtype, DType, Element, Tensor};


/// Unary element-wise operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg, Pos, Abs, Sign, Sqrt, Rsqrt, Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan,
    Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Sigmoid, LogSigmoid, Relu, Relu6,
    Gelu, GeluTanh, Silu, Mish, Softplus, Erf, Erfc, Floor, Ceil, Round, Trunc, Frac, Reciprocal,
    Square, BitNot, LogicalNot, IsNan, IsInf, IsPosInf, IsNegInf, IsFinite, SignBit, Real, Imag,
    Angle, Conj, Deg2Rad, Rad2Deg,
}

/// Ops that are plain floating functions (integer inputs compute in the default dtype).
fn is_float_fn(op: UnaryOp) -> bool {
    use UnaryOp::*;
    matches!(
        op,
        Sqrt | Rsqrt | Exp | Exp2 | Expm1 | Log | Log2 | Log10 | Log1p | Sin | Cos | Tan | Asin | Acos
            | Atan | Sinh | Cosh | Tanh | Asinh | Acosh | Atanh | Sigmoid | Erf | Erfc | Reciprocal
            | Deg2Rad | Rad2Deg | LogSigmoid | Gelu | GeluTanh | Silu | Mish | Softplus | Frac | Angle
    )
}

fn kernel_name(op: UnaryOp) -> &'static str {
    use UnaryOp::*;
    match op {
        Gelu | GeluTanh => "GeluKernelImpl",
        Silu => "silu_cpu",
        Mish => "mish_cpu",
        Softplus => "softplus_cpu",
        LogSigmoid => "log_sigmoid_cpu",
        Frac => "frac_cpu",
        Relu | Relu6 => "clamp_min_scalar_cpu",
        BitNot => "bitwise_not_cpu",
        Floor => "floor_cpu",
        Ceil => "ceil_cpu",
        Round => "round_cpu",
        Trunc => "trunc_cpu",
        _ => "unary_op_cpu",
    }
}

/// `op(a)` element-wise, following PyTorch's dtype rules.
pub fn unary(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
    use UnaryOp::*;
    let dt = a.dtype();
    let cat = dt.category();
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a]) {
        if let Some(r) = unary_cuda(op, a) {
            return r;
        }
    }
    match op {
        Neg if dt == DType::Bool => {
            return Err(Error::new(crate::error::ExcKind::NotImplementedError,
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
            ))
        }
        Pos if dt == DType::Bool => {
            return Err(Error::runtime("The `+` operator, on a bool tensor is not supported."))
        }
        Pos => return Ok(a.copy_contiguous()),
        Conj | Real if cat != Category::Complex => return Ok(a.copy_contiguous()),
        Imag if cat != Category::Complex => {
            return Err(Error::type_err("imag is not implemented for tensors with non-complex dtypes."))
        }
        LogicalNot => return Ok(crate::dispatch!(dt, T => map1::<T, bool>(a, |x| !x.to_bool()))),
        IsNan | IsInf | IsPosInf | IsNegInf | IsFinite | SignBit => return predicate(op, a),
        _ => {}
    }
    if cat == Category::Complex {
        return crate::dispatch_complex!(a.dtype(), R => complex_unary::<R>(op, a), else => unreachable!());
    }
    if cat == Category::Floating {
        return crate::dispatch!(float: dt, T => float_unary::<T>(op, a), else => Err(not_implemented_for(kernel_name(op), dt)));
    }
    // Bool and integers.
    if is_float_fn(op) {
        if matches!(op, Gelu | GeluTanh | Silu | Mish | Softplus | LogSigmoid | Frac) {
            return Err(not_implemented_for(kernel_name(op), dt));
        }
        let d = default_dtype();
        return unary(op, &a.cast(d));
    }
    dispatch_int!(dt, T => int_unary::<T>(op, a), else => Err(not_implemented_for(kernel_name(op), dt)))
}

/// The device half of `unary`: the same dtype rules, then the device kernel. None where the
/// host path raises its error before touching any data (bool negation).
#[cfg(feature = "cuda")]
fn unary_cuda(op: UnaryOp, a: &Tensor) -> Option<Result<Tensor>> {
    use UnaryOp::*;
    let dt = a.dtype();
    let cat = dt.category();
    if dt == DType::Bool && matches!(op, Neg | Pos) || matches!(op, Imag) && cat != Category::Complex {
        return None;
    }
    if matches!(op, Pos | Conj | Real) && cat != Category::Complex {
        return Some(crate::backend::cuda::ops::cast(a, dt));
    }
    if is_float_fn(op) && cat <= Category::Integral {
        return Some(unary(op, &a.cast(default_dtype())));
    }
    Some(crate::backend::cuda::ops::unary(op, a))
}

fn predicate(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
    use UnaryOp::*;
    let dt = a.dtype();
    match dt.category() {
        Category::Floating => crate::dispatch!(float: dt, T => Ok(match op {
            IsNan => map1::<T, bool>(a, |x| x.to_acc().is_nan()),
            IsInf => map1::<T, bool>(a, |x| x.to_acc().is_infinite()),
            IsPosInf => map1::<T, bool>(a, |x| x.to_acc().is_infinite() && x.to_acc() > <<T as Float>::Acc as Fl>::c(0.0)),
            IsNegInf => map1::<T, bool>(a, |x| x.to_acc().is_infinite() && x.to_acc() < <<T as Float>::Acc as Fl>::c(0.0)),
            IsFinite => map1::<T, bool>(a, |x| x.to_acc().is_finite()),
            _ => map1::<T, bool>(a, |x| x.to_acc().sign_bit()),
        }), else => unreachable!()),
        Category::Complex => match op {
            IsNan => crate::dispatch_complex!(dt, R => Ok(map1::<Complex<R>, bool>(a, |z| z.re.is_nan() || z.im.is_nan())), else => unreachable!()),
            IsInf => crate::dispatch_complex!(dt, R => Ok(map1::<Complex<R>, bool>(a, |z| z.re.is_infinite() || z.im.is_infinite())), else => unreachable!()),
            IsFinite => crate::dispatch_complex!(dt, R => Ok(map1::<Complex<R>, bool>(a, |z| z.re.is_finite() && z.im.is_finite())), else => unreachable!()),
            IsPosInf | IsNegInf => Err(Error::runtime(format!(
                "{} does not support complex inputs.",
                if op == IsPosInf { "isposinf" } else { "isneginf" }
            ))),
            _ => Err(Error::not_impl("signbit is not implemented for complex tensors.")),
        },
        _ => crate::dispatch!(real: dt, T => Ok(match op {
            IsFinite => map1::<T, bool>(a, |_| true),
            SignBit => map1::<T, bool>(a, |x| x.to_f64() < 0.0),
            _ => map1::<T, bool>(a, |_| false),
        }), else => unreachable!()),
    }
}

fn int_unary<T: Int>(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
    use UnaryOp::*;
    let is_bool = T::DTYPE == DType::Bool;
    Ok(match op {
        Neg => map1::<T, T>(a, |x| x.neg()),
        Abs => map1::<T, T>(a, |x| x.abs()),
        Sign => map1::<T, T>(a, |x| x.sign()),
        Floor | Ceil | Round | Trunc | Real => a.copy_contiguous(),
        Square if is_bool => map1::<T, i64>(a, |x| x.to_i64()),
        Square => map1::<T, T>(a, |x| x.mul(x)),
        Relu if !is_bool => map1::<T, T>(a, |x| if x < T::zero() { T::zero() } else { x }),
        Relu6 if !is_bool => {
            let six = T::from_i64(6);
            map1::<T, T>(a, move |x| if x < T::zero() { T::zero() } else if x > six { six } else { x })
        }
        BitNot => map1::<T, T>(a, |x| x.not()),
        _ => return Err(not_implemented_for(kernel_name(op), T::DTYPE)),
    })
}

/// Elements per vectorised step of PyTorch's AVX2 float32 loop (two 8-lane vectors).
const VEC_BLOCK: usize = 16;

/// PyTorch's vectorised loop on float32: whole `VEC_BLOCK` blocks of a contiguous input go
/// through `vec_f` (the SIMD kernel), the last `n % VEC_BLOCK` elements and every element of
/// a strided input through `scalar_f` (the C library path), which can differ in the last bit.
fn map_f32_vec_tail(
    a: &Tensor,
    vec_f: impl Fn(f32) -> f32 + Sync + Send,
    scalar_f: impl Fn(f32) -> f32 + Sync + Send,
) -> Tensor {
    use rayon::prelude::*;
    if !a.is_contiguous() {
        return map1::<f32, f32>(a, scalar_f);
    }
    let shape = a.shape();
    let out = a.with_slice::<f32, _>(|s, l| {
        let n = l.numel();
        let src = &s[l.offset..l.offset + n];
        let main = n - n % VEC_BLOCK;
        let mut out: Vec<f32> = Vec::with_capacity(n);
        let (ov, ot) = out.spare_capacity_mut()[..n].split_at_mut(main);
        let (sv, st) = src.split_at(main);
        let run = |o: &mut [std::mem::MaybeUninit<f32>], i: &[f32]| super::simd::map_slice(o, i, &vec_f);
        if n >= PAR_MIN {
            ov.par_chunks_mut(8 * 1024).zip(sv.par_chunks(8 * 1024)).for_each(|(o, i)| run(o, i));
        } else {
            run(ov, sv);
        }
        super::simd::map_slice(ot, st, &scalar_f);
        // SAFETY: `map_slice` wrote every element of both parts, which cover the first `n`.
        unsafe { out.set_len(n) };
        out
    });
    Tensor::from_vec(out, &shape)
}

/// float32 ops whose PyTorch CPU kernel is SLEEF's (bit-identical results); `None` for the
/// others. `exp`, `log`, `sin`, `tanh`, … go through MKL's vector math in PyTorch's x86
/// builds, which cannot be reproduced; they stay correctly rounded (f64 then round).
fn f32_sleef(op: UnaryOp, a: &Tensor) -> Option<Tensor> {
    use super::sleef::{exp2f, expf, expm1f, log1pf};
    use UnaryOp::*;
    // The scalar tail calls the C library's expf, which is correctly rounded in practice.
    let exp_c = |x: f32| (x as f64).exp() as f32;
    Some(match op {
        Expm1 => map1::<f32, f32>(a, expm1f),
        Log1p => map1::<f32, f32>(a, log1pf),
        Exp2 => map1::<f32, f32>(a, exp2f),
        Sigmoid => map_f32_vec_tail(a, |x| 1.0 / (1.0 + expf(-x)), move |x| 1.0 / (1.0 + exp_c(-x))),
        Silu => map_f32_vec_tail(a, |x| x / (1.0 + expf(-x)), move |x| x / (1.0 + exp_c(-x))),
        Softplus => map_f32_vec_tail(
            a,
            |x| if x > 20.0 { x } else { log1pf(expf(x)) },
            move |x| if x > 20.0 { x } else { (exp_c(x) as f64).ln_1p() as f32 },
        ),
        _ => return None,
    })
}

fn float_unary<T: Float>(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
    use UnaryOp::*;
    if T::DTYPE == DType::F32 {
        if let Some(t) = f32_sleef(op, a) {
            return Ok(t);
        }
    }
    let c = <T::Acc as Fl>::c;
    macro_rules! m {
        (|$x:ident| $e:expr) => {
            map1::<T, T>(a, |v: T| {
                let $x = v.to_acc();
                T::from_acc($e)
            })
        };
    }
    Ok(match op {
        Neg => m!(|x| -x),
        Abs => m!(|x| x.abs()),
        Sign => map1::<T, T>(a, |x| x.sign()),
        Sqrt => m!(|x| x.sqrt()),
        Rsqrt => m!(|x| c(1.0) / x.sqrt()),
        Exp => m!(|x| x.exp()),
        Exp2 => m!(|x| x.exp2()),
        Expm1 => m!(|x| x.exp_m1()),
        Log => m!(|x| x.ln()),
        Log2 => m!(|x| x.log2()),
        Log10 => m!(|x| x.log10()),
        Log1p => m!(|x| x.ln_1p()),
        Sin => m!(|x| x.sin()),
        Cos => m!(|x| x.cos()),
        Tan => m!(|x| x.tan()),
        Asin => m!(|x| x.asin()),
        Acos => m!(|x| x.acos()),
        Atan => m!(|x| x.atan()),
        Sinh => m!(|x| x.sinh()),
        Cosh => m!(|x| x.cosh()),
        Tanh => m!(|x| x.tanh()),
        Asinh => m!(|x| x.asinh()),
        Acosh => m!(|x| x.acosh()),
        Atanh => m!(|x| x.atanh()),
        Sigmoid => m!(|x| c(1.0) / (c(1.0) + (-x).exp())),
        LogSigmoid => m!(|x| {
            let mn = if x < c(0.0) { x } else { c(0.0) };
            mn - (-x.abs()).exp().ln_1p()
        }),
        Relu => m!(|x| if x < c(0.0) { c(0.0) } else { x }),
        Relu6 => m!(|x| if x.is_nan() { x } else if x < c(0.0) { c(0.0) } else if x > c(6.0) { c(6.0) } else { x }),
        Gelu => m!(|x| x * c(0.5) * (c(1.0) + (x * c(std::f64::consts::FRAC_1_SQRT_2)).erf())),
        GeluTanh => m!(|x| {
            let k = c(std::f64::consts::FRAC_2_SQRT_PI * std::f64::consts::FRAC_1_SQRT_2);
            c(0.5) * x * (c(1.0) + (k * (x + c(0.044715) * x * x * x)).tanh())
        }),
        Silu => m!(|x| x / (c(1.0) + (-x).exp())),
        Mish => m!(|x| x * x.exp().ln_1p().tanh()),
        Softplus => m!(|x| if x > c(20.0) { x } else { x.exp().ln_1p() }),
        Erf => m!(|x| x.erf()),
        Erfc => m!(|x| c(super::special::erfc(x.f64()))),
        Floor => m!(|x| x.floor()),
        Ceil => m!(|x| x.ceil()),
        Round => m!(|x| x.round_even()),
        Trunc => m!(|x| x.trunc()),
        Frac => m!(|x| x - x.trunc()),
        Reciprocal => m!(|x| c(1.0) / x),
        Square => m!(|x| x * x),
        Angle => m!(|x| if x.is_nan() { x } else if x < c(0.0) { c(std::f64::consts::PI) } else { c(0.0) }),
        Deg2Rad => m!(|x| x * c(std::f64::consts::PI / 180.0)),
        Rad2Deg => m!(|x| x * c(180.0 / std::f64::consts::PI)),
        Real | Conj | Pos => a.copy_contiguous(),
        _ => return Err(not_implemented_for(kernel_name(op), T::DTYPE)),
    })
}

fn complex_unary<R>(op: UnaryOp, a: &Tensor) -> Result<Tensor>
where
    R: num_traits::Float + crate::tensor::BufferElem,
    Complex<R>: crate::tensor::BufferElem,
{
    use UnaryOp::*;
    let one = Complex::new(R::one(), R::zero());
    type Z<R> = Complex<R>;
    Ok(match op {
        Neg => map1::<Z<R>, Z<R>>(a, |z| -z),
        Abs => map1::<Z<R>, R>(a, |z| z.norm()),
        Real => map1::<Z<R>, R>(a, |z| z.re),
        Imag => map1::<Z<R>, R>(a, |z| z.im),
        Angle => map1::<Z<R>, R>(a, |z| z.arg()),
        Conj => map1::<Z<R>, Z<R>>(a, |z| z.conj()),
        Exp => map1::<Z<R>, Z<R>>(a, |z| z.exp()),
        Sqrt => map1::<Z<R>, Z<R>>(a, |z| z.sqrt()),
        Log => map1::<Z<R>, Z<R>>(a, |z| z.ln()),
        Sin => map1::<Z<R>, Z<R>>(a, |z| z.sin()),
        Cos => map1::<Z<R>, Z<R>>(a, |z| z.cos()),
        Tan => map1::<Z<R>, Z<R>>(a, |z| z.tan()),
        Sinh => map1::<Z<R>, Z<R>>(a, |z| z.sinh()),
        Cosh => map1::<Z<R>, Z<R>>(a, |z| z.cosh()),
        Tanh => map1::<Z<R>, Z<R>>(a, |z| z.tanh()),
        Sigmoid => map1::<Z<R>, Z<R>>(a, move |z| one / (one + (-z).exp())),
        Reciprocal => map1::<Z<R>, Z<R>>(a, move |z| one / z),
        Rsqrt => map1::<Z<R>, Z<R>>(a, move |z| one / z.sqrt()),
        Square => map1::<Z<R>, Z<R>>(a, |z| z * z),
        Sign => {
            return Err(Error::runtime(
                "Unlike NumPy, torch.sign is not intended to support complex numbers. Please use torch.sgn instead.",
            ))
        }
        _ => return Err(not_implemented_for(kernel_name(op), a.dtype())),
    })
}

/// `torch.complex(real, imag)` (or `torch.polar(abs, angle)` when `polar`): a complex tensor
/// of the broadcast shape, complex64 from float32 parts and complex128 from float64 ones.
pub fn complex_from_parts(a: &Tensor, b: &Tensor, polar: bool) -> Result<Tensor> {
    let (da, db) = (a.dtype(), b.dtype());
    let float = |d: DType| matches!(d, DType::F16 | DType::F32 | DType::F64);
    if !float(da) || !float(db) {
        return Err(Error::not_impl(format!(
            "Expected both inputs to be Half, Float or Double tensors but got {} and {}",
            crate::tensor::dtype::scalar_type_name(da),
            crate::tensor::dtype::scalar_type_name(db)
        )));
    }
    if da != db {
        return Err(Error::runtime(format!(
            "Expected object of scalar type {} but got scalar type {} for second argument",
            crate::tensor::dtype::scalar_type_name(da),
            crate::tensor::dtype::scalar_type_name(db)
        )));
    }
    match da {
        DType::F32 => map2::<f32, f32, Complex<f32>>(a, b, move |x, y| if polar { Complex::from_polar(x, y) } else { Complex::new(x, y) }),
        DType::F64 => map2::<f64, f64, Complex<f64>>(a, b, move |x, y| if polar { Complex::from_polar(x, y) } else { Complex::new(x, y) }),
        _ => Err(Error::not_impl("complex32 (ComplexHalf) tensors are not supported by tsr")),
    }
}

/// `op_(a)` in place; errors when the result dtype cannot be stored in `a`.
pub fn unary_inplace(op: UnaryOp, a: &Tensor) -> Result<()> {
    let r = unary(op, a)?;
    if !can_cast(r.dtype(), a.dtype()) {
        return Err(cast_error(r.dtype(), a.dtype()));
    }
    super::copy_(a, &r)
}

/// `torch.round(a, decimals=d)`: half-to-even at 10^-d.
pub fn round_decimals(a: &Tensor, decimals: i64) -> Result<Tensor> {
    if decimals == 0 {
        return unary(UnaryOp::Round, a);
    }
    let dt = a.dtype();
    crate::dispatch!(float: dt, T => {
        let neg = decimals < 0;
        let p = <<T as Float>::Acc as Fl>::c(10f64.powi(decimals.unsigned_abs().min(400) as i32));
        Ok(map1::<T, T>(a, move |v| {
            let x = v.to_acc();
            T::from_acc(if neg { (x / p).round_even() * p } else { (x * p).round_even() / p })
        }))
    }, else => Err(not_implemented_for("round_cpu", dt)))
}

/// `torch.clamp(a, min, max)` with PyTorch's type promotion.
pub fn clamp(a: &Tensor, min: Option<&Tensor>, max: Option<&Tensor>) -> Result<Tensor> {
    let mut ops = vec![a];
    ops.extend(min);
    ops.extend(max);
    if ops.len() == 1 {
        return Err(Error::runtime("torch.clamp: At least one of 'min' or 'max' must not be None"));
    }
    let dt = result_type(&ops);
    if dt.is_complex() {
        return Err(Error::runtime("clamp is not supported for complex types"));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&ops) {
        crate::backend::device_of(&ops)?;
        let scalar = |t: Option<&Tensor>| -> Result<Option<f64>> {
            t.map(|t| crate::backend::host(t).and_then(|h| h.item()).map(|s| s.to_f64())).transpose()
        };
        if min.is_none_or(|t| t.ndim() == 0) && max.is_none_or(|t| t.ndim() == 0) {
            return crate::backend::cuda::ops::clamp(&a.to_dtype(dt), scalar(min)?, scalar(max)?);
        }
        let mut r = a.to_dtype(dt);
        if let Some(lo) = min {
            r = crate::tensor::ops::binary::binary(crate::tensor::ops::binary::BinaryOp::Maximum, &r, lo)?;
        }
        if let Some(hi) = max {
            r = crate::tensor::ops::binary::binary(crate::tensor::ops::binary::BinaryOp::Minimum, &r, hi)?;
        }
        return Ok(r);
    }
    let ac = a.to_dtype(dt);
    crate::dispatch!(real: dt, T => {
        let lo_f = |x: T, lo: T| if x.is_nan() || !(x < lo) { x } else { lo };
        let hi_f = |x: T, hi: T| if x.is_nan() || !(x > hi) { x } else { hi };
        match (min, max) {
            (Some(lo), Some(hi)) => map3::<T, T, T, T>(&ac, &lo.to_dtype(dt), &hi.to_dtype(dt), move |x, l, h| hi_f(lo_f(x, l), h)),
            (Some(lo), None) => map2::<T, T, T>(&ac, &lo.to_dtype(dt), lo_f),
            (None, Some(hi)) => map2::<T, T, T>(&ac, &hi.to_dtype(dt), hi_f),
            (None, None) => unreachable!(),
        }
    }, else => Err(Error::runtime("clamp is not supported for complex types")))
}

/// `torch.nan_to_num`: NaN → `nan`, ±inf → `posinf`/`neginf` (defaults: the dtype's extremes).
pub fn nan_to_num(a: &Tensor, nan: f64, posinf: Option<f64>, neginf: Option<f64>) -> Result<Tensor> {
    let dt = a.dtype();
    let (maxv, minv) = match dt {
        DType::F16 => (65504.0, -65504.0),
        DType::BF16 => (3.3895313892515355e38, -3.3895313892515355e38),
        DType::F32 => (f32::MAX as f64, f32::MIN as f64),
        _ => (f64::MAX, f64::MIN),
    };
    let (p, n) = (posinf.unwrap_or(maxv), neginf.unwrap_or(minv));
    match dt.category() {
        Category::Floating => crate::dispatch!(float: dt, T => {
            let (vn, vp, vneg) = (T::from_f64(nan), T::from_f64(p), T::from_f64(n));
            Ok(map1::<T, T>(a, move |x| {
                let f = x.to_acc();
                if f.is_nan() { vn } else if f.is_infinite() { if f > <<T as Float>::Acc as Fl>::c(0.0) { vp } else { vneg } } else { x }
            }))
        }, else => unreachable!()),
        Category::Complex => Err(Error::not_impl("nan_to_num for complex tensors")),
        _ => Ok(a.copy_contiguous()),
    }
}

fn softmax_impl(a: &Tensor, dim: i64, dtype: Option<DType>, log: bool) -> Result<Tensor> {
    let a = match dtype {
        Some(d) => a.to_dtype(d),
        None => a.clone(),
    };
    let dt = a.dtype();
    let d = normalize_dim(dim, a.ndim())?;
    if !dt.is_floating_point() {
        let last = a.ndim() == 0 || d == a.ndim() - 1;
        let name = match (log, last) {
            (false, true) => "softmax_lastdim_kernel_impl",
            (true, true) => "log_softmax_lastdim_kernel_impl",
            (false, false) => "softmax_kernel_impl",
            (true, false) => "log_softmax_kernel_impl",
        };
        return Err(not_implemented_for(name, dt));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[&a]) {
        if a.ndim() == 0 || d == a.ndim() - 1 {
            return crate::backend::cuda::ops::softmax_last(&a, log);
        }
        let moved = crate::tensor::ops::movement::transpose(&a, d as i64, -1)?;
        let r = crate::backend::cuda::ops::softmax_last(&moved, log)?;
        return crate::tensor::ops::movement::transpose(&r, d as i64, -1);
    }
    let shape = a.shape();
    let len = if a.ndim() == 0 { 1 } else { shape[d] };
    if matches!(dt, DType::F32 | DType::F64) {
        return Ok(if dt == DType::F32 { softmax_exact::<f32>(&a, d, log) } else { softmax_exact::<f64>(&a, d, log) });
    }
    crate::dispatch!(float: dt, T => {
        let out = map_lines::<T, T>(&a, d, len, |line, out| {
            let c = <<T as Float>::Acc as Fl>::c;
            let mut mx = c(f64::NEG_INFINITY);
            for &v in line {
                let x = v.to_acc();
                if x.is_nan() || x > mx { mx = x; }
            }
            let mut sum = c(0.0);
            for &v in line {
                sum = sum + (v.to_acc() - mx).exp();
            }
            if log {
                let ls = sum.ln();
                for (o, &v) in out.iter_mut().zip(line) {
                    *o = T::from_acc(v.to_acc() - mx - ls);
                }
            } else {
                for (o, &v) in out.iter_mut().zip(line) {
                    *o = T::from_acc((v.to_acc() - mx).exp() / sum);
                }
            }
        });
        Ok(Tensor::from_vec(out, &shape))
    }, else => unreachable!())
}

/// float32 / float64 softmax through the PyTorch-exact kernels of `super::softmax`
/// (`d` is the normalised dim; a 0-d tensor is one row of length 1).
fn softmax_exact<T>(a: &Tensor, d: usize, log: bool) -> Tensor
where
    T: super::softmax::SmFloat + crate::tensor::storage::BufferElem + Element,
{
    let shape = a.shape();
    let x = a.contiguous().to_vec::<T>();
    let mut out = x.clone();
    if !x.is_empty() {
        let (outer, dim, inner) = if a.ndim() == 0 {
            (1, 1, 1)
        } else {
            (shape[..d].iter().product(), shape[d], shape[d + 1..].iter().product())
        };
        if a.ndim() == 0 || d == a.ndim() - 1 {
            super::softmax::lastdim(&x, &mut out, dim, log);
        } else {
            super::softmax::inner(&x, &mut out, outer, dim, inner, log);
        }
    }
    Tensor::from_vec(out, &shape)
}

/// `torch.softmax(a, dim, dtype=)`, numerically stable.
pub fn softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    softmax_impl(a, dim, dtype, false)
}

/// `torch.log_softmax(a, dim, dtype=)`.
pub fn log_softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> {
    softmax_impl(a, dim, dtype, true)
}

fn float_only(a: &Tensor, name: &str) -> Result<()> {
    if a.dtype().is_floating_point() { Ok(()) } else { Err(not_implemented_for(name, a.dtype())) }
}

/// `F.softplus(a, beta, threshold)`: log(1 + exp(beta x)) / beta, linear above threshold.
pub fn softplus(a: &Tensor, beta: f64, threshold: f64) -> Result<Tensor> {
    float_only(a, "softplus_cpu")?;
    if a.dtype() == DType::F32 {
        // PyTorch's vectorised kernel: SLEEF exp and log1p on whole blocks, libm on the tail.
        let (b, th) = (beta as f32, threshold as f32);
        return Ok(map_f32_vec_tail(
            a,
            move |x| if x * b > th { x } else { sleef::log1pf(sleef::expf(x * b)) / b },
            move |x| if x * b > th { x } else { (((x * b) as f64).exp() as f32 as f64).ln_1p() as f32 / b },
        ));
    }
    crate::dispatch!(float: a.dtype(), T => {
        let c = <<T as Float>::Acc as Fl>::c;
        let (b, th) = (c(beta), c(threshold));
        Ok(map1::<T, T>(a, move |v| {
            let x = v.to_acc();
            T::from_acc(if x * b > th { x } else { (x * b).exp().ln_1p() / b })
        }))
    }, else => unreachable!())
}

/// `F.leaky_relu(a, slope)`.
pub fn leaky_relu(a: &Tensor, slope: f64) -> Result<Tensor> {
    float_only(a, "leaky_relu_cpu")?;
    crate::dispatch!(float: a.dtype(), T => {
        let s = <<T as Float>::Acc as Fl>::c(slope);
        Ok(map1::<T, T>(a, move |v| {
            let x = v.to_acc();
            T::from_acc(if x > <<T as Float>::Acc as Fl>::c(0.0) { x } else { x * s })
        }))
    }, else => unreachable!())
}

/// `F.elu(a, alpha)`.
pub fn elu(a: &Tensor, alpha: f64) -> Result<Tensor> {
    float_only(a, "elu_cpu")?;
    crate::dispatch!(float: a.dtype(), T => {
        let al = <<T as Float>::Acc as Fl>::c(alpha);
        Ok(map1::<T, T>(a, move |v| {
            let x = v.to_acc();
            T::from_acc(if x > <<T as Float>::Acc as Fl>::c(0.0) { x } else { al * x.exp_m1() })
        }))
    }, else => unreachable!())
}

/// `F.hardtanh(a, lo, hi)`.
pub fn hardtanh(a: &Tensor, lo: f64, hi: f64) -> Result<Tensor> {
    if a.dtype() == DType::Bool {
        return Err(not_implemented_for("hardtanh_cpu", DType::Bool));
    }
    let l = Tensor::wrapped(crate::tensor::Scalar::Float(lo)).to_dtype(a.dtype());
    let h = Tensor::wrapped(crate::tensor::Scalar::Float(hi)).to_dtype(a.dtype());
    clamp(a, Some(&l), Some(&h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::dtype::C64;
    use UnaryOp::*;

    #[test]
    fn dtype_rules() {
        let i = Tensor::from_vec(vec![1i64, 4, 9], &[3]);
        let r = unary(Sqrt, &i).unwrap();
        assert_eq!(r.dtype(), DType::F32);
        assert_eq!(r.to_vec::<f32>(), vec![1.0, 2.0, 3.0]);
        assert_eq!(unary(Neg, &i).unwrap().to_vec::<i64>(), vec![-1, -4, -9]);
        assert_eq!(unary(Floor, &i).unwrap().dtype(), DType::I64);
        let b = Tensor::from_vec(vec![true, false], &[2]);
        assert_eq!(unary(BitNot, &b).unwrap().to_vec::<bool>(), vec![false, true]);
        assert!(unary(Neg, &b).unwrap_err().msg.starts_with("Negation, the `-` operator, on a bool tensor"));
        assert_eq!(unary_inplace(Sqrt, &i).unwrap_err().msg, "result type Float can't be cast to the desired output type Long");
        let f = Tensor::from_vec(vec![1.0f32], &[1]);
        assert_eq!(unary(BitNot, &f).unwrap_err().msg, "\"bitwise_not_cpu\" not implemented for 'Float'");
    }

    #[test]
    fn float_values() {
        let f = Tensor::from_vec(vec![0.5f32, 1.5, 2.5, -0.5, -2.7], &[5]);
        assert_eq!(unary(Round, &f).unwrap().to_vec::<f32>(), vec![0.0, 2.0, 2.0, -0.0, -3.0]);
        assert_eq!(unary(Trunc, &f).unwrap().to_vec::<f32>(), vec![0.0, 1.0, 2.0, -0.0, -2.0]);
        let s = unary(Sigmoid, &Tensor::from_vec(vec![0.0f32], &[1])).unwrap();
        assert_eq!(s.to_vec::<f32>(), vec![0.5]);
        let g = unary(Gelu, &Tensor::from_vec(vec![1.0f64], &[1])).unwrap().to_vec::<f64>()[0];
        assert!((g - 0.8413447460685429).abs() < 1e-14);
        let h = Tensor::from_vec(vec![half::f16::from_f32(4.0)], &[1]);
        assert_eq!(unary(Sqrt, &h).unwrap().to_vec::<half::f16>()[0].to_f32(), 2.0);
        let n = unary(IsNan, &Tensor::from_vec(vec![f32::NAN, 1.0], &[2])).unwrap();
        assert_eq!(n.to_vec::<bool>(), vec![true, false]);
        assert_eq!(round_decimals(&Tensor::from_vec(vec![1.2345f64], &[1]), 2).unwrap().to_vec::<f64>(), vec![1.23]);
    }

    #[test]
    fn f32_vector_blocks_and_tail() {
        // 17 equal elements: the first 16 take the SLEEF exp, the 17th the C library's.
        // Real PyTorch (AVX2) gives sigmoid(-8.827564) = 0x3919bc42 in a vector block and
        // 0x3919bc41 on the scalar path.
        let x = -8.827564f32;
        let (v, s) = (f32::from_bits(0x3919bc42), f32::from_bits(0x3919bc41));
        let t = Tensor::from_vec(vec![x; 17], &[17]);
        let r = unary(Sigmoid, &t).unwrap().to_vec::<f32>();
        assert!(r[..16].iter().all(|&y| y.to_bits() == v.to_bits()));
        assert_eq!(r[16].to_bits(), s.to_bits());
        // Strided input: every element is on the scalar path.
        let st = t.with_layout(crate::tensor::Layout {
            shape: smallvec::SmallVec::from_slice(&[8]),
            strides: smallvec::SmallVec::from_slice(&[2]),
            offset: 0,
        });
        assert!(unary(Sigmoid, &st).unwrap().to_vec::<f32>().iter().all(|&y| y.to_bits() == s.to_bits()));
        // expm1 is SLEEF on every element.
        let e = unary(Expm1, &Tensor::from_vec(vec![1e-3f32, 0.5], &[2])).unwrap().to_vec::<f32>();
        assert_eq!(e, vec![sleef::expm1f(1e-3), sleef::expm1f(0.5)]);
    }

    #[test]
    fn complex_parts() {
        let z = Tensor::from_vec(vec![C64::new(3.0, 4.0)], &[1]);
        assert_eq!(unary(Abs, &z).unwrap().to_vec::<f32>(), vec![5.0]);
        assert_eq!(unary(Imag, &z).unwrap().to_vec::<f32>(), vec![4.0]);
        assert_eq!(unary(Conj, &z).unwrap().to_vec::<C64>(), vec![C64::new(3.0, 4.0)].iter().map(|z| z.conj()).collect::<Vec<_>>());
    }

    #[test]
    fn clamp_and_softmax() {
        let x = Tensor::from_vec(vec![-3.0f32, 0.5, 5.0], &[3]);
        let lo = Tensor::wrapped(crate::tensor::Scalar::Int(0));
        let hi = Tensor::wrapped(crate::tensor::Scalar::Int(2));
        assert_eq!(clamp(&x, Some(&lo), Some(&hi)).unwrap().to_vec::<f32>(), vec![0.0, 0.5, 2.0]);
        let i = Tensor::from_vec(vec![1i64, 5, 10], &[3]);
        let half_t = Tensor::wrapped(crate::tensor::Scalar::Float(0.5));
        assert_eq!(clamp(&i, Some(&half_t), None).unwrap().dtype(), DType::F32);
        assert_eq!(clamp(&x, None, None).unwrap_err().msg, "torch.clamp: At least one of 'min' or 'max' must not be None");
        let m = Tensor::from_vec(vec![1.0f64, 2.0, 3.0, 1.0, 1.0, 1.0], &[2, 3]);
        let s = softmax(&m, 1, None).unwrap().to_vec::<f64>();
        let e: f64 = 1f64.exp() + 2f64.exp() + 3f64.exp();
        assert!((s[2] - 3f64.exp() / e).abs() < 1e-15);
        assert!((s[4] - 1.0 / 3.0).abs() < 1e-15);
        // dim 0 on a transposed view: columns of the transpose are rows of m.
        let mt = m.with_layout(crate::tensor::Layout {
            shape: smallvec::SmallVec::from_slice(&[3, 2]),
            strides: smallvec::SmallVec::from_slice(&[1, 3]),
            offset: 0,
        });
        let st = softmax(&mt, 0, None).unwrap().to_vec::<f64>();
        assert!((st[4] - 3f64.exp() / e).abs() < 1e-15);
        let ls = log_softmax(&m, -1, None).unwrap().to_vec::<f64>();
        assert!((ls[0] - (1.0 - e.ln())).abs() < 1e-14);
        assert_eq!(softmax(&i, 0, None).unwrap_err().msg, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'");
    }
}
