//! Functions reachable both as `torch.fn(x, …)` and as the method `x.fn(…)` (the method
//! passes `x` as the first positional argument), plus their in-place `fn_` forms.
//! Element-wise math and comparisons are here; reductions in `reductions`, shape and
//! indexing functions in `shapefns`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::{Error, Result};
use crate::tensor::ops::binary::{self, BinaryOp};
use crate::tensor::ops::compare::{self, CmpOp};
use crate::tensor::ops::unary::{self, UnaryOp};
use crate::tensor::ops::creation as tc;
use crate::autograd::ops as ag;
use crate::tensor::{Scalar, Tensor};

use super::super::args::{opt_bool, opt_dtype, opt_f64, opt_i64, req, to_tensor, Args};
use super::super::value::{NativeFn, Value};
use super::super::Interp;
use super::{reductions, shapefns};

/// The tensor argument named `input` (first positional).
pub fn input(v: Option<Value>, fname: &str) -> Result<Tensor> {
    to_tensor(&req(v, fname, "input")?, "input")
}

/// Returns the tensor itself after an in-place op (as PyTorch's `x.add_()` does).
fn inplace_result(t: &Tensor) -> Value {
    Value::Tensor(t.clone())
}

fn unary_call(name: &'static str, op: UnaryOp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [x] = a.bind(name, ["input"])?;
    Ok(Value::Tensor(ag::unary(op, &input(x, name)?)?))
}

fn unary_inplace_call(name: &'static str, op: UnaryOp, a: Args) -> Result<Value> {
    let [x] = a.bind(name, ["input"])?;
    let t = input(x, name)?;
    super::autograd_check_inplace(&t)?;
    unary::unary_inplace(op, &t)?;
    Ok(inplace_result(&t))
}

macro_rules! unary_fns {
    ($( $name:literal $f:ident, $iname:literal $fi:ident => $op:ident; )*) => {
        $(
            fn $f(_: &mut Interp, a: Args) -> Result<Value> { unary_call($name, UnaryOp::$op, a) }
            fn $fi(_: &mut Interp, a: Args) -> Result<Value> { unary_inplace_call($iname, UnaryOp::$op, a) }
        )*
        const UNARY: &[(&str, NativeFn)] = &[ $( ($name, $f as NativeFn), ($iname, $fi as NativeFn), )* ];
    };
}

unary_fns! {
    "abs" u_abs, "abs_" ui_abs => Abs;
    "absolute" u_absolute, "absolute_" ui_absolute => Abs;
    "neg" u_neg, "neg_" ui_neg => Neg;
    "negative" u_negative, "negative_" ui_negative => Neg;
    "positive" u_positive, "positive_" ui_positive => Pos;
    "sign" u_sign, "sign_" ui_sign => Sign;
    "sgn" u_sgn, "sgn_" ui_sgn => Sign;
    "sqrt" u_sqrt, "sqrt_" ui_sqrt => Sqrt;
    "rsqrt" u_rsqrt, "rsqrt_" ui_rsqrt => Rsqrt;
    "exp" u_exp, "exp_" ui_exp => Exp;
    "exp2" u_exp2, "exp2_" ui_exp2 => Exp2;
    "expm1" u_expm1, "expm1_" ui_expm1 => Expm1;
    "log" u_log, "log_" ui_log => Log;
    "log2" u_log2, "log2_" ui_log2 => Log2;
    "log10" u_log10, "log10_" ui_log10 => Log10;
    "log1p" u_log1p, "log1p_" ui_log1p => Log1p;
    "sin" u_sin, "sin_" ui_sin => Sin;
    "cos" u_cos, "cos_" ui_cos => Cos;
    "tan" u_tan, "tan_" ui_tan => Tan;
    "asin" u_asin, "asin_" ui_asin => Asin;
    "arcsin" u_arcsin, "arcsin_" ui_arcsin => Asin;
    "acos" u_acos, "acos_" ui_acos => Acos;
    "arccos" u_arccos, "arccos_" ui_arccos => Acos;
    "atan" u_atan, "atan_" ui_atan => Atan;
    "arctan" u_arctan, "arctan_" ui_arctan => Atan;
    "sinh" u_sinh, "sinh_" ui_sinh => Sinh;
    "cosh" u_cosh, "cosh_" ui_cosh => Cosh;
    "tanh" u_tanh, "tanh_" ui_tanh => Tanh;
    "asinh" u_asinh, "asinh_" ui_asinh => Asinh;
    "acosh" u_acosh, "acosh_" ui_acosh => Acosh;
    "atanh" u_atanh, "atanh_" ui_atanh => Atanh;
    "sigmoid" u_sigmoid, "sigmoid_" ui_sigmoid => Sigmoid;
    "logsigmoid" u_logsigmoid, "logsigmoid_" ui_logsigmoid => LogSigmoid;
    "relu" u_relu, "relu_" ui_relu => Relu;
    "relu6" u_relu6, "relu6_" ui_relu6 => Relu6;
    "silu" u_silu, "silu_" ui_silu => Silu;
    "mish" u_mish, "mish_" ui_mish => Mish;
    "erf" u_erf, "erf_" ui_erf => Erf;
    "erfc" u_erfc, "erfc_" ui_erfc => Erfc;
    "floor" u_floor, "floor_" ui_floor => Floor;
    "ceil" u_ceil, "ceil_" ui_ceil => Ceil;
    "trunc" u_trunc, "trunc_" ui_trunc => Trunc;
    "fix" u_fix, "fix_" ui_fix => Trunc;
    "frac" u_frac, "frac_" ui_frac => Frac;
    "reciprocal" u_reciprocal, "reciprocal_" ui_reciprocal => Reciprocal;
    "square" u_square, "square_" ui_square => Square;
    "bitwise_not" u_bitwise_not, "bitwise_not_" ui_bitwise_not => BitNot;
    "logical_not" u_logical_not, "logical_not_" ui_logical_not => LogicalNot;
    "isnan" u_isnan, "isnan_" ui_isnan => IsNan;
    "isinf" u_isinf, "isinf_" ui_isinf => IsInf;
    "isposinf" u_isposinf, "isposinf_" ui_isposinf => IsPosInf;
    "isneginf" u_isneginf, "isneginf_" ui_isneginf => IsNegInf;
    "isfinite" u_isfinite, "isfinite_" ui_isfinite => IsFinite;
    "signbit" u_signbit, "signbit_" ui_signbit => SignBit;
    "angle" u_angle, "angle_" ui_angle => Angle;
    "conj" u_conj, "conj_" ui_conj => Conj;
    "deg2rad" u_deg2rad, "deg2rad_" ui_deg2rad => Deg2Rad;
    "rad2deg" u_rad2deg, "rad2deg_" ui_rad2deg => Rad2Deg;
}

fn binary_call(name: &'static str, op: BinaryOp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let alpha = a.take_kw("alpha");
    let rounding = a.take_kw("rounding_mode");
    let [x, y] = a.bind(name, ["input", "other|exponent"])?;
    let x = to_tensor(&req(x, name, "input")?, "input")?;
    let y = to_tensor(&req(y, name, "other")?, "other")?;
    if is_trunc(op, &rounding) {
        return Ok(Value::Tensor(binary::div_trunc(&x, &y)?));
    }
    let op = rounding_op(op, rounding)?;
    Ok(Value::Tensor(match alpha {
        Some(al) if matches!(op, BinaryOp::Add | BinaryOp::Sub) => {
            let s = super::creation::scalar_of(&al)?;
            let s = if op == BinaryOp::Sub { neg_scalar(s) } else { s };
            ag::add_scaled(&x, &y, s, if op == BinaryOp::Sub { "SubBackward0" } else { "AddBackward0" })?
        }
        _ => ag::binary(op, &x, &y)?,
    }))
}

fn neg_scalar(s: Scalar) -> Scalar {
    match s {
        Scalar::Int(i) => Scalar::Int(-i),
        Scalar::Float(f) => Scalar::Float(-f),
        Scalar::Bool(b) => Scalar::Int(-(b as i64)),
        Scalar::Complex(c) => Scalar::Complex(-c),
    }
}

/// True for `div(…, rounding_mode='trunc')`.
fn is_trunc(op: BinaryOp, rounding: &Option<Value>) -> bool {
    matches!((op, rounding), (BinaryOp::Div, Some(Value::Str(m))) if &**m == "trunc")
}

/// `div(rounding_mode='floor'|'trunc')`.
fn rounding_op(op: BinaryOp, rounding: Option<Value>) -> Result<BinaryOp> {
    match (op, rounding) {
        (BinaryOp::Div, Some(Value::Str(m))) => match &*m {
            "floor" => Ok(BinaryOp::FloorDiv),
            "trunc" => Err(Error::not_impl("div(rounding_mode='trunc')")),
            other => Err(Error::value(format!(
                "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{other}'"
            ))),
        },
        (op, _) => Ok(op),
    }
}

fn binary_inplace_call(name: &'static str, op: BinaryOp, mut a: Args) -> Result<Value> {
    let alpha = a.take_kw("alpha");
    let rounding = a.take_kw("rounding_mode");
    let [x, y] = a.bind(name, ["input", "other|exponent"])?;
    let x = to_tensor(&req(x, name, "input")?, "input")?;
    let mut y = to_tensor(&req(y, name, "other")?, "other")?;
    if is_trunc(op, &rounding) {
        super::autograd_check_inplace(&x)?;
        let q = binary::div_trunc(&x, &y)?;
        if !binary::can_cast(q.dtype(), x.dtype()) {
            return Err(binary::cast_error(q.dtype(), x.dtype()));
        }
        crate::tensor::ops::copy_(&x, &q)?;
        return Ok(inplace_result(&x));
    }
    let op = rounding_op(op, rounding)?;
    super::autograd_check_inplace(&x)?;
    if let Some(al) = alpha {
        let s = super::creation::scalar_of(&al)?;
        y = binary::binary(BinaryOp::Mul, &y, &Tensor::wrapped(s))?;
    }
    ag::binary_inplace(op, &x, &y)?;
    Ok(inplace_result(&x))
}

macro_rules! binary_fns {
    ($( $name:literal $f:ident, $iname:literal $fi:ident => $op:ident; )*) => {
        $(
            fn $f(_: &mut Interp, a: Args) -> Result<Value> { binary_call($name, BinaryOp::$op, a) }
            fn $fi(_: &mut Interp, a: Args) -> Result<Value> { binary_inplace_call($iname, BinaryOp::$op, a) }
        )*
        const BINARY: &[(&str, NativeFn)] = &[ $( ($name, $f as NativeFn), ($iname, $fi as NativeFn), )* ];
    };
}

binary_fns! {
    "add" b_add, "add_" bi_add => Add;
    "sub" b_sub, "sub_" bi_sub => Sub;
    "subtract" b_subtract, "subtract_" bi_subtract => Sub;
    "mul" b_mul, "mul_" bi_mul => Mul;
    "multiply" b_multiply, "multiply_" bi_multiply => Mul;
    "div" b_div, "div_" bi_div => Div;
    "divide" b_divide, "divide_" bi_divide => Div;
    "true_divide" b_true_divide, "true_divide_" bi_true_divide => Div;
    "floor_divide" b_floor_divide, "floor_divide_" bi_floor_divide => FloorDiv;
    "remainder" b_remainder, "remainder_" bi_remainder => Remainder;
    "fmod" b_fmod, "fmod_" bi_fmod => Fmod;
    "pow" b_pow, "pow_" bi_pow => Pow;
    "float_power" b_float_power, "float_power_" bi_float_power => Pow;
    "maximum" b_maximum, "maximum_" bi_maximum => Maximum;
    "minimum" b_minimum, "minimum_" bi_minimum => Minimum;
    "fmax" b_fmax, "fmax_" bi_fmax => Maximum;
    "fmin" b_fmin, "fmin_" bi_fmin => Minimum;
    "atan2" b_atan2, "atan2_" bi_atan2 => Atan2;
    "arctan2" b_arctan2, "arctan2_" bi_arctan2 => Atan2;
    "hypot" b_hypot, "hypot_" bi_hypot => Hypot;
    "bitwise_and" b_bitwise_and, "bitwise_and_" bi_bitwise_and => BitAnd;
    "bitwise_or" b_bitwise_or, "bitwise_or_" bi_bitwise_or => BitOr;
    "bitwise_xor" b_bitwise_xor, "bitwise_xor_" bi_bitwise_xor => BitXor;
    "bitwise_left_shift" b_bitwise_left_shift, "bitwise_left_shift_" bi_bitwise_left_shift => LShift;
    "bitwise_right_shift" b_bitwise_right_shift, "bitwise_right_shift_" bi_bitwise_right_shift => RShift;
    "logical_and" b_logical_and, "logical_and_" bi_logical_and => LogicalAnd;
    "logical_or" b_logical_or, "logical_or_" bi_logical_or => LogicalOr;
    "logical_xor" b_logical_xor, "logical_xor_" bi_logical_xor => LogicalXor;
}

fn compare_call(name: &'static str, op: CmpOp, a: Args) -> Result<Value> {
    let [x, y] = a.bind(name, ["input", "other"])?;
    let x = to_tensor(&req(x, name, "input")?, "input")?;
    let y = to_tensor(&req(y, name, "other")?, "other")?;
    Ok(Value::Tensor(compare::compare(op, &x, &y)?))
}

fn compare_inplace_call(name: &'static str, op: CmpOp, a: Args) -> Result<Value> {
    let [x, y] = a.bind(name, ["input", "other"])?;
    let x = to_tensor(&req(x, name, "input")?, "input")?;
    let y = to_tensor(&req(y, name, "other")?, "other")?;
    let r = compare::compare(op, &x, &y)?;
    super::autograd_check_inplace(&x)?;
    crate::tensor::ops::copy_(&x, &r)?;
    Ok(inplace_result(&x))
}

macro_rules! compare_fns {
    ($( $name:literal $f:ident, $iname:literal $fi:ident => $op:ident; )*) => {
        $(
            fn $f(_: &mut Interp, a: Args) -> Result<Value> { compare_call($name, CmpOp::$op, a) }
            fn $fi(_: &mut Interp, a: Args) -> Result<Value> { compare_inplace_call($iname, CmpOp::$op, a) }
        )*
        const COMPARE: &[(&str, NativeFn)] = &[ $( ($name, $f as NativeFn), ($iname, $fi as NativeFn), )* ];
    };
}

compare_fns! {
    "eq" c_eq, "eq_" ci_eq => Eq;
    "ne" c_ne, "ne_" ci_ne => Ne;
    "not_equal" c_not_equal, "not_equal_" ci_not_equal => Ne;
    "lt" c_lt, "lt_" ci_lt => Lt;
    "less" c_less, "less_" ci_less => Lt;
    "le" c_le, "le_" ci_le => Le;
    "less_equal" c_less_equal, "less_equal_" ci_less_equal => Le;
    "gt" c_gt, "gt_" ci_gt => Gt;
    "greater" c_greater, "greater_" ci_greater => Gt;
    "ge" c_ge, "ge_" ci_ge => Ge;
    "greater_equal" c_greater_equal, "greater_equal_" ci_greater_equal => Ge;
}

fn clamp_args(a: Args, name: &str) -> Result<(Tensor, Option<Tensor>, Option<Tensor>)> {
    let [x, lo, hi] = a.bind(name, ["input", "min", "max"])?;
    let x = input(x, name)?;
    let conv = |v: Option<Value>, what: &str| -> Result<Option<Tensor>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => to_tensor(&v, what).map(Some),
        }
    };
    Ok((x, conv(lo, "min")?, conv(hi, "max")?))
}

fn f_clamp(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, lo, hi) = clamp_args(a, "clamp")?;
    Ok(Value::Tensor(ag::clamp(&x, lo.as_ref(), hi.as_ref())?))
}

fn f_clamp_(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, lo, hi) = clamp_args(a, "clamp_")?;
    super::autograd_check_inplace(&x)?;
    let others: Vec<&Tensor> = lo.iter().chain(hi.iter()).collect();
    if ag::inplace_with(&x, &others, |o| ag::clamp(o, lo.as_ref(), hi.as_ref()))? {
        return Ok(inplace_result(&x));
    }
    let r = unary::clamp(&x, lo.as_ref(), hi.as_ref())?;
    crate::tensor::ops::copy_(&x, &r)?;
    Ok(inplace_result(&x))
}

fn f_clamp_min(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, lo] = a.bind("clamp_min", ["input", "min"])?;
    let x = input(x, "clamp_min")?;
    let lo = to_tensor(&req(lo, "clamp_min", "min")?, "min")?;
    Ok(Value::Tensor(ag::clamp(&x, Some(&lo), None)?))
}

fn f_clamp_max(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, hi] = a.bind("clamp_max", ["input", "max"])?;
    let x = input(x, "clamp_max")?;
    let hi = to_tensor(&req(hi, "clamp_max", "max")?, "max")?;
    Ok(Value::Tensor(ag::clamp(&x, None, Some(&hi))?))
}

fn f_round(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("round", ["input", "decimals"])?;
    let x = input(x, "round")?;
    Ok(Value::Tensor(match opt_i64(d, "decimals")? {
        Some(d) if d != 0 => unary::round_decimals(&x, d)?,
        _ => ag::unary(UnaryOp::Round, &x)?,
    }))
}

fn f_round_(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("round_", ["input", "decimals"])?;
    let x = input(x, "round_")?;
    let r = match opt_i64(d, "decimals")? {
        Some(d) if d != 0 => unary::round_decimals(&x, d)?,
        _ => unary::unary(UnaryOp::Round, &x)?,
    };
    super::autograd_check_inplace(&x)?;
    crate::tensor::ops::copy_(&x, &r)?;
    Ok(inplace_result(&x))
}

fn f_gelu(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, approx] = a.bind("gelu", ["input", "approximate"])?;
    let x = input(x, "gelu")?;
    let op = match approx {
        Some(Value::Str(s)) if &*s == "tanh" => UnaryOp::GeluTanh,
        Some(Value::Str(s)) if &*s != "none" => {
            return Err(Error::runtime("approximate argument must be either none or tanh."));
        }
        _ => UnaryOp::Gelu,
    };
    Ok(Value::Tensor(ag::unary(op, &x)?))
}

fn f_softmax(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("_stacklevel");
    let [x, d, dt] = a.bind("softmax", ["input", "dim", "dtype"])?;
    let x = input(x, "softmax")?;
    let dim = softmax_dim(d, &x)?;
    Ok(Value::Tensor(ag::softmax(&x, dim, opt_dtype(dt)?)?))
}

fn f_log_softmax(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("_stacklevel");
    let [x, d, dt] = a.bind("log_softmax", ["input", "dim", "dtype"])?;
    let x = input(x, "log_softmax")?;
    let dim = softmax_dim(d, &x)?;
    Ok(Value::Tensor(ag::log_softmax(&x, dim, opt_dtype(dt)?)?))
}

/// F.softmax without `dim` picks PyTorch's legacy implicit dim.
fn softmax_dim(d: Option<Value>, x: &Tensor) -> Result<i64> {
    match opt_i64(d, "dim")? {
        Some(d) => Ok(d),
        None => Ok(if matches!(x.ndim(), 0 | 1 | 3) { 0 } else { 1 }),
    }
}

fn f_softplus(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, b, t] = a.bind("softplus", ["input", "beta", "threshold"])?;
    let x = input(x, "softplus")?;
    Ok(Value::Tensor(crate::autograd::act_ops::softplus(&x, opt_f64(b, "beta")?.unwrap_or(1.0), opt_f64(t, "threshold")?.unwrap_or(20.0))?))
}

fn f_leaky_relu(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, _inplace] = a.bind("leaky_relu", ["input", "negative_slope", "inplace"])?;
    let x = input(x, "leaky_relu")?;
    Ok(Value::Tensor(crate::autograd::act_ops::leaky_relu(&x, opt_f64(s, "negative_slope")?.unwrap_or(0.01))?))
}

fn f_elu(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, al, _inplace] = a.bind("elu", ["input", "alpha", "inplace"])?;
    let x = input(x, "elu")?;
    Ok(Value::Tensor(crate::autograd::act_ops::elu(&x, opt_f64(al, "alpha")?.unwrap_or(1.0))?))
}

fn f_hardtanh(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, lo, hi, _inplace] = a.bind("hardtanh", ["input", "min_val", "max_val", "inplace"])?;
    let x = input(x, "hardtanh")?;
    Ok(Value::Tensor(crate::autograd::act_ops::hardtanh(&x, opt_f64(lo, "min_val")?.unwrap_or(-1.0), opt_f64(hi, "max_val")?.unwrap_or(1.0))?))
}

fn f_nan_to_num(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, nan, pinf, ninf] = a.bind("nan_to_num", ["input", "nan", "posinf", "neginf"])?;
    let x = input(x, "nan_to_num")?;
    Ok(Value::Tensor(unary::nan_to_num(&x, opt_f64(nan, "nan")?.unwrap_or(0.0), opt_f64(pinf, "posinf")?, opt_f64(ninf, "neginf")?)?))
}

fn f_lerp(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, e, w] = a.bind("lerp", ["input", "end", "weight"])?;
    let x = input(x, "lerp")?;
    let e = to_tensor(&req(e, "lerp", "end")?, "end")?;
    let w = to_tensor(&req(w, "lerp", "weight")?, "weight")?;
    Ok(Value::Tensor(crate::autograd::more_ops::lerp(&x, &e, &w)?))
}

fn f_where(_: &mut Interp, a: Args) -> Result<Value> {
    let [c, x, y] = a.bind("where", ["condition", "input", "other"])?;
    let c = to_tensor(&req(c, "where", "condition")?, "condition")?;
    match (x, y) {
        (None, None) => {
            let parts = crate::tensor::ops::index::nonzero_tuple(&c)?;
            Ok(Value::tuple(parts.into_iter().map(Value::Tensor).collect()))
        }
        (Some(x), Some(y)) => {
            let x = to_tensor(&x, "input")?;
            let y = to_tensor(&y, "other")?;
            Ok(Value::Tensor(ag::where_(&c, &x, &y)?))
        }
        _ => Err(Error::type_err("where() received an invalid combination of arguments")),
    }
}

fn tol_args(a: Args, name: &str) -> Result<(Tensor, Tensor, f64, f64, bool)> {
    let [x, y, rtol, atol, eqnan] = a.bind(name, ["input", "other", "rtol", "atol", "equal_nan"])?;
    Ok((
        input(x, name)?,
        to_tensor(&req(y, name, "other")?, "other")?,
        opt_f64(rtol, "rtol")?.unwrap_or(1e-5),
        opt_f64(atol, "atol")?.unwrap_or(1e-8),
        opt_bool(eqnan, false)?,
    ))
}

fn f_isclose(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y, r, at, e) = tol_args(a, "isclose")?;
    Ok(Value::Tensor(compare::isclose(&x, &y, r, at, e)?))
}

fn f_allclose(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y, r, at, e) = tol_args(a, "allclose")?;
    Ok(Value::Bool(compare::allclose(&x, &y, r, at, e)?))
}

fn f_equal(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y] = a.bind("equal", ["input", "other"])?;
    let x = input(x, "equal")?;
    let y = to_tensor(&req(y, "equal", "other")?, "other")?;
    Ok(Value::Bool(compare::equal(&x, &y)?))
}

fn two_tensors(a: Args, name: &str, second: &str) -> Result<(Tensor, Tensor)> {
    let [x, y] = a.bind(name, ["input", second])?;
    Ok((input(x, name)?, to_tensor(&req(y, name, second)?, second)?))
}

fn f_matmul(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "matmul", "other")?;
    Ok(Value::Tensor(ag::matmul(&x, &y)?))
}
fn f_mm(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "mm", "mat2")?;
    Ok(Value::Tensor(ag::mm(&x, &y)?))
}
fn f_bmm(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "bmm", "mat2")?;
    Ok(Value::Tensor(crate::autograd::more_ops::bmm(&x, &y)?))
}
fn f_addmm(_: &mut Interp, mut a: Args) -> Result<Value> {
    let beta = a.take_kw("beta").map(|v| super::super::args::to_f64(&v, "beta")).transpose()?.unwrap_or(1.0);
    let alpha = a.take_kw("alpha").map(|v| super::super::args::to_f64(&v, "alpha")).transpose()?.unwrap_or(1.0);
    let [x, m1, m2] = a.bind("addmm", ["input", "mat1", "mat2"])?;
    let x = input(x, "addmm")?;
    let m1 = to_tensor(&req(m1, "addmm", "mat1")?, "mat1")?;
    let m2 = to_tensor(&req(m2, "addmm", "mat2")?, "mat2")?;
    Ok(Value::Tensor(crate::autograd::more_ops::addmm(&x, &m1, &m2, beta, alpha)?))
}
fn f_mv(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "mv", "vec")?;
    Ok(Value::Tensor(ag::mv(&x, &y)?))
}
fn f_dot(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "dot", "tensor")?;
    Ok(Value::Tensor(ag::dot(&x, &y)?))
}
fn f_outer(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, y) = two_tensors(a, "outer", "vec2")?;
    Ok(Value::Tensor(crate::autograd::more_ops::outer(&x, &y)?))
}

fn f_tril(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("tril", ["input", "diagonal"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::tri(&input(x, "tril")?, opt_i64(d, "diagonal")?.unwrap_or(0), false)?))
}
fn f_triu(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("triu", ["input", "diagonal"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::tri(&input(x, "triu")?, opt_i64(d, "diagonal")?.unwrap_or(0), true)?))
}
fn f_diag(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("diag", ["input", "diagonal"])?;
    Ok(Value::Tensor(tc::diag(&input(x, "diag")?, opt_i64(d, "diagonal")?.unwrap_or(0))?))
}
fn f_diagflat(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("diagflat", ["input", "offset"])?;
    Ok(Value::Tensor(tc::diagflat(&input(x, "diagflat")?, opt_i64(d, "offset")?.unwrap_or(0))?))
}

fn f_clone(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("memory_format");
    let [x] = a.bind("clone", ["input"])?;
    Ok(Value::Tensor(ag::clone(&input(x, "clone")?)?))
}

fn f_trace(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("trace", ["input"])?;
    let x = input(x, "trace")?;
    if x.ndim() != 2 {
        return Err(Error::runtime(format!("trace: expected a matrix, but got tensor with dim {}", x.ndim())));
    }
    Ok(Value::Tensor(crate::autograd::more_ops::trace(&x)?))
}

const OTHER: &[(&str, NativeFn)] = &[
    ("clamp", f_clamp),
    ("clip", f_clamp),
    ("clamp_", f_clamp_),
    ("clip_", f_clamp_),
    ("clamp_min", f_clamp_min),
    ("clamp_max", f_clamp_max),
    ("round", f_round),
    ("round_", f_round_),
    ("gelu", f_gelu),
    ("softmax", f_softmax),
    ("log_softmax", f_log_softmax),
    ("softplus", f_softplus),
    ("leaky_relu", f_leaky_relu),
    ("elu", f_elu),
    ("hardtanh", f_hardtanh),
    ("nan_to_num", f_nan_to_num),
    ("lerp", f_lerp),
    ("where", f_where),
    ("isclose", f_isclose),
    ("allclose", f_allclose),
    ("equal", f_equal),
    ("matmul", f_matmul),
    ("mm", f_mm),
    ("bmm", f_bmm),
    ("addmm", f_addmm),
    ("mv", f_mv),
    ("dot", f_dot),
    ("outer", f_outer),
    ("ger", f_outer),
    ("tril", f_tril),
    ("triu", f_triu),
    ("diag", f_diag),
    ("diagflat", f_diagflat),
    ("clone", f_clone),
    ("trace", f_trace),
];

static TABLE: LazyLock<HashMap<&'static str, (&'static str, NativeFn)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for list in [UNARY, BINARY, COMPARE, OTHER, reductions::TABLE, shapefns::TABLE, super::linalg::TABLE] {
        for &(n, f) in list {
            m.insert(n, (n, f));
        }
    }
    m
});

/// Every name in the shared table (for completion and help coverage), sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = TABLE.keys().copied().collect();
    v.sort_unstable();
    v
}

/// The names `linalg_lookup` resolves.
pub const LINALG_NAMES: &[&str] = &["matmul", "norm", "vector_norm"];

/// A function shared by `torch.NAME` and `Tensor.NAME`.
pub fn lookup(name: &str) -> Option<(&'static str, NativeFn)> {
    TABLE.get(name).copied()
}

/// `torch.linalg.NAME`.
pub fn linalg_lookup(name: &str) -> Option<(&'static str, NativeFn)> {
    match name {
        "matmul" => Some(("matmul", f_matmul)),
        "norm" | "vector_norm" => reductions::TABLE.iter().find(|(n, _)| *n == "norm").copied(),
        _ => None,
    }
}

/// Whether a Python number argument may stand for a tensor here.
pub fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
}

