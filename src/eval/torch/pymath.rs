//! Python's `math` and `time` modules (the parts tensor tutorials use).

use crate::error::{Error, Result};

use super::super::args::{req, to_f64, Args};
use super::super::builtins::native;
use super::super::value::{NativeFn, Value};
use super::super::Interp;

fn unary_math(a: Args, name: &str, f: fn(f64) -> f64) -> Result<Value> {
    let [x] = a.bind(name, ["x"])?;
    let x = to_f64(&req(x, name, "x")?, "must be real number")?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(Error::value("math domain error"));
    }
    Ok(Value::Float(r))
}

/// The names `math_attr` and `time_attr` resolve.
pub const MATH_NAMES: &[&str] = &[
    "pi", "e", "tau", "inf", "nan", "sqrt", "exp", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
    "asin", "acos", "atan", "tanh", "fabs", "erf", "floor", "ceil", "pow", "isnan", "isinf", "isclose",
    "prod", "factorial",
];
pub const TIME_NAMES: &[&str] = &["perf_counter", "monotonic", "perf_counter_ns", "time", "sleep"];

pub fn math_attr(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "pi" => return Some(Value::Float(std::f64::consts::PI)),
        "e" => return Some(Value::Float(std::f64::consts::E)),
        "tau" => return Some(Value::Float(std::f64::consts::TAU)),
        "inf" => return Some(Value::Float(f64::INFINITY)),
        "nan" => return Some(Value::Float(f64::NAN)),
        "sqrt" => |_, a| unary_math(a, "sqrt", f64::sqrt),
        "exp" => |_, a| unary_math(a, "exp", f64::exp),
        "log" => |_, a| {
            if a.pos.len() == 2 {
                let x = to_f64(&a.pos[0], "must be real number")?;
                let b = to_f64(&a.pos[1], "must be real number")?;
                if x <= 0.0 || b <= 0.0 {
                    return Err(Error::value("math domain error"));
                }
                return Ok(Value::Float(x.ln() / b.ln()));
            }
            let [x] = a.bind("log", ["x"])?;
            let x = to_f64(&req(x, "log", "x")?, "must be real number")?;
            if x <= 0.0 {
                return Err(Error::value("math domain error"));
            }
            Ok(Value::Float(x.ln()))
        },
        "log2" => |_, a| unary_math(a, "log2", f64::log2),
        "log10" => |_, a| unary_math(a, "log10", f64::log10),
        "log1p" => |_, a| unary_math(a, "log1p", f64::ln_1p),
        "sin" => |_, a| unary_math(a, "sin", f64::sin),
        "cos" => |_, a| unary_math(a, "cos", f64::cos),
        "tan" => |_, a| unary_math(a, "tan", f64::tan),
        "asin" => |_, a| unary_math(a, "asin", f64::asin),
        "acos" => |_, a| unary_math(a, "acos", f64::acos),
        "atan" => |_, a| unary_math(a, "atan", f64::atan),
        "tanh" => |_, a| unary_math(a, "tanh", f64::tanh),
        "fabs" => |_, a| unary_math(a, "fabs", f64::abs),
        "erf" => |_, a| unary_math(a, "erf", libm_erf),
        "floor" => |_, a| {
            let [x] = a.bind("floor", ["x"])?;
            match req(x, "floor", "x")? {
                Value::Int(i) => Ok(Value::Int(i)),
                v => Ok(Value::Int(to_f64(&v, "must be real number")?.floor() as i64)),
            }
        },
        "ceil" => |_, a| {
            let [x] = a.bind("ceil", ["x"])?;
            match req(x, "ceil", "x")? {
                Value::Int(i) => Ok(Value::Int(i)),
                v => Ok(Value::Int(to_f64(&v, "must be real number")?.ceil() as i64)),
            }
        },
        "pow" => |_, a| {
            let [x, y] = a.bind("pow", ["x", "y"])?;
            Ok(Value::Float(to_f64(&req(x, "pow", "x")?, "x")?.powf(to_f64(&req(y, "pow", "y")?, "y")?)))
        },
        "isnan" => |_, a| {
            let [x] = a.bind("isnan", ["x"])?;
            Ok(Value::Bool(to_f64(&req(x, "isnan", "x")?, "x")?.is_nan()))
        },
        "isinf" => |_, a| {
            let [x] = a.bind("isinf", ["x"])?;
            Ok(Value::Bool(to_f64(&req(x, "isinf", "x")?, "x")?.is_infinite()))
        },
        "isclose" => |_, mut a| {
            let rel = a.take_kw("rel_tol").map(|v| to_f64(&v, "rel_tol")).transpose()?.unwrap_or(1e-9);
            let abs = a.take_kw("abs_tol").map(|v| to_f64(&v, "abs_tol")).transpose()?.unwrap_or(0.0);
            let [x, y] = a.bind("isclose", ["a", "b"])?;
            let (x, y) = (to_f64(&req(x, "isclose", "a")?, "a")?, to_f64(&req(y, "isclose", "b")?, "b")?);
            Ok(Value::Bool(x == y || (x - y).abs() <= (rel * x.abs().max(y.abs())).max(abs)))
        },
        "prod" => |i: &mut Interp, a: Args| {
            let [it] = a.bind("prod", ["iterable"])?;
            let mut acc = Value::Int(1);
            for x in i.collect(&req(it, "prod", "iterable")?)? {
                acc = super::super::ops::binop(i, crate::syntax::ast::BinOp::Mul, &acc, &x)?;
            }
            Ok(acc)
        },
        "factorial" => |_, a| {
            let [x] = a.bind("factorial", ["x"])?;
            let n = super::super::args::to_i64(&req(x, "factorial", "x")?, "factorial()")?;
            if n < 0 {
                return Err(Error::value("factorial() not defined for negative values"));
            }
            if n > 100_000 {
                return Err(Error::new(crate::error::ExcKind::OverflowError, "factorial() argument too large for tsr"));
            }
            let mut acc = num_bigint::BigInt::from(1);
            for k in 2..=n {
                acc *= k;
            }
            Ok(super::super::bigint::norm(acc))
        },
        _ => return None,
    };
    Some(native(MATH_NAMES.iter().copied().find(|n| *n == name).unwrap_or("math"), f))
}

/// Error function (Abramowitz–Stegun 7.1.26 is too coarse; use a series/continued fraction).
pub fn libm_erf(x: f64) -> f64 {
    // erf via the complementary error function with high-precision rational approximation (W. J. Cody).
    let ax = x.abs();
    let r = if ax < 0.5 {
        let t = x * x;
        let p = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
        let q = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
        let num = (((p[4] * t + p[0]) * t + p[1]) * t + p[2]) * t + p[3];
        let den = (((t + q[0]) * t + q[1]) * t + q[2]) * t + q[3];
        return x * num / den;
    } else if ax < 4.0 {
        let p = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
        let q = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
        let mut num = p[8] * ax;
        let mut den = ax;
        for i in 0..7 {
            num = (num + p[i]) * ax;
            den = (den + q[i]) * ax;
        }
        let erfc = (num + p[7]) / (den + q[7]) * (-ax * ax).exp();
        1.0 - erfc
    } else {
        let t = 1.0 / (ax * ax);
        let p = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
        let q = [2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
        let mut num = p[5] * t;
        let mut den = t;
        for i in 0..4 {
            num = (num + p[i]) * t;
            den = (den + q[i]) * t;
        }
        let mut r = t * (num + p[4]) / (den + q[4]);
        r = (1.0 / std::f64::consts::PI.sqrt() - r) / ax;
        1.0 - r * (-ax * ax).exp()
    };
    if x < 0.0 { -r } else { r }
}

pub fn time_attr(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "perf_counter" | "monotonic" => |_, a| {
            a.none("perf_counter")?;
            Ok(Value::Float(start_instant().elapsed().as_secs_f64()))
        },
        "perf_counter_ns" => |_, a| {
            a.none("perf_counter_ns")?;
            Ok(Value::Int(start_instant().elapsed().as_nanos() as i64))
        },
        "time" => |_, a| {
            a.none("time")?;
            let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            Ok(Value::Float(d.as_secs_f64()))
        },
        "sleep" => |_, a| {
            let [s] = a.bind("sleep", ["secs"])?;
            let s = to_f64(&req(s, "sleep", "secs")?, "secs")?;
            let end = std::time::Instant::now() + std::time::Duration::from_secs_f64(s.max(0.0));
            while std::time::Instant::now() < end {
                crate::interrupt::check()?;
                std::thread::sleep(std::time::Duration::from_millis(10).min(end.saturating_duration_since(std::time::Instant::now())));
            }
            Ok(Value::None)
        },
        _ => return None,
    };
    Some(native(TIME_NAMES.iter().copied().find(|n| *n == name).unwrap_or("time"), f))
}

fn start_instant() -> std::time::Instant {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    *START.get_or_init(std::time::Instant::now)
}
