//! Python's unbounded ints beyond i64: `Value::BigInt` holds a value that does not fit an
//! i64 (every result that fits becomes `Value::Int` again, so the fast path stays i64).
//! Int arithmetic that overflows i64 continues here instead of failing.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::value::Value;
use crate::error::{Error, ExcKind, Result};
use crate::syntax::ast::BinOp;

/// Results of more bits than this raise MemoryError (Python would try and exhaust memory).
const MAX_BITS: u64 = 1 << 26;

/// `b` as a Value: an `Int` when it fits i64.
pub fn norm(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// The integer a value stands for (bool, int, big int).
pub fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// A big int as a float: Python's OverflowError when it is beyond float range.
pub fn to_f64(b: &BigInt) -> Result<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(Error::new(ExcKind::OverflowError, "int too large to convert to float")),
    }
}

fn too_big() -> Error {
    Error::new(ExcKind::MemoryError, "")
}

/// `a op b` for Python ints of any size.
pub fn binop(op: BinOp, a: &BigInt, b: &BigInt) -> Result<Value> {
    let zero_div = |m: &str| Error::new(ExcKind::ZeroDivisionError, m);
    Ok(match op {
        BinOp::Add => norm(a + b),
        BinOp::Sub => norm(a - b),
        BinOp::Mul => {
            if a.bits() + b.bits() > MAX_BITS {
                return Err(too_big());
            }
            norm(a * b)
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            norm(a.div_floor(b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            norm(a.mod_floor(b))
        }
        BinOp::Div => {
            if b.is_zero() {
                return Err(zero_div("division by zero"));
            }
            let q = true_div(a, b);
            if !q.is_finite() {
                return Err(Error::new(ExcKind::OverflowError, "integer division result too large for a float"));
            }
            Value::Float(q)
        }
        BinOp::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(to_f64(a)?.powf(to_f64(b)?)));
            }
            let one = BigInt::from(1);
            if a.is_zero() || *a == one {
                return Ok(norm(if b.is_zero() { one } else { a.clone() }));
            }
            if *a == -one.clone() {
                return Ok(Value::Int(if b.is_odd() { -1 } else { 1 }));
            }
            match b.to_u64().filter(|&e| a.bits().saturating_mul(e) <= MAX_BITS) {
                Some(e) => norm(pow_u64(a, e)),
                None => return Err(too_big()),
            }
        }
        BinOp::BitAnd => norm(a & b),
        BinOp::BitOr => norm(a | b),
        BinOp::BitXor => norm(a ^ b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(Error::value("negative shift count"));
            }
            match b.to_u64().filter(|&s| a.bits().saturating_add(s) <= MAX_BITS) {
                Some(s) => norm(a << s),
                None if a.is_zero() => Value::Int(0),
                None => return Err(too_big()),
            }
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(Error::value("negative shift count"));
            }
            match b.to_u64() {
                Some(s) => norm(a >> s),
                None => Value::Int(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::MatMul => {
            return Err(Error::type_err("unsupported operand type(s) for @: 'int' and 'int'"));
        }
    })
}

fn pow_u64(a: &BigInt, mut e: u64) -> BigInt {
    let (mut base, mut acc) = (a.clone(), BigInt::from(1));
    while e > 0 {
        if e & 1 == 1 {
            acc *= &base;
        }
        e >>= 1;
        if e > 0 {
            base = &base * &base;
        }
    }
    acc
}

/// `a / b` as Python computes it: the correctly rounded quotient, through an integer
/// quotient with enough bits when the operands are beyond float precision.
fn true_div(a: &BigInt, b: &BigInt) -> f64 {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return x as f64 / y as f64;
        }
    }
    // Scale so the integer quotient has 64+ significant bits, then divide once.
    let shift = (b.bits() as i64 - a.bits() as i64 + 66).max(0) as u64;
    let q = (a << shift) / b;
    q.to_f64().map_or(f64::INFINITY, |f| f * 2f64.powi(-(shift as i32)))
}

/// `-b`, `~b`, `abs(b)`.
pub fn neg(b: &BigInt) -> Value {
    norm(-b)
}
pub fn invert(b: &BigInt) -> Value {
    norm(-b - 1)
}
pub fn abs(b: &BigInt) -> Value {
    norm(b.abs())
}

/// Three-way comparison with a float (exact, as Python compares ints with floats).
pub fn cmp_f64(a: &BigInt, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    Some(match a.cmp(&float_to_big(f.trunc())) {
        Ordering::Equal if f.fract() > 0.0 => Ordering::Less,
        Ordering::Equal if f.fract() < 0.0 => Ordering::Greater,
        o => o,
    })
}

/// The integer value of a finite float (`int(2.0**70)`).
pub fn float_to_big(f: f64) -> BigInt {
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 { (bits & ((1 << 52) - 1)) << 1 } else { (bits & ((1 << 52) - 1)) | (1 << 52) };
    let e = exp - 1075;
    let m = BigInt::from(mant);
    let v = if e >= 0 { m << (e as u64) } else { m >> ((-e) as u64) };
    v * sign
}

/// `str(b)` in another base with Python's prefix (`hex`, `oct`, `bin`).
pub fn to_radix(b: &BigInt, radix: u32, prefix: &str) -> String {
    let digits = b.abs().to_str_radix(radix);
    format!("{}{prefix}{digits}", if b.is_negative() { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn arithmetic_matches_python() {
        let p70 = pow_u64(&BigInt::from(2), 70);
        assert_eq!(p70.to_string(), "1180591620717411303424");
        let r = |v: Value| match v {
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => b.to_string(),
            Value::Float(f) => crate::format::float_repr(f),
            _ => "?".into(),
        };
        assert_eq!(r(binop(BinOp::FloorDiv, &pow_u64(&BigInt::from(2), 100), &BigInt::from(3)).unwrap()), "422550200076076467165567735125");
        assert_eq!(r(binop(BinOp::Mod, &-p70.clone(), &BigInt::from(7)).unwrap()), "5");
        assert_eq!(r(binop(BinOp::RShift, &p70, &BigInt::from(3)).unwrap()), "147573952589676412928");
        assert_eq!(r(binop(BinOp::Div, &p70, &BigInt::from(3)).unwrap()), "3.935305402391371e+20");
        assert_eq!(r(binop(BinOp::Sub, &p70, &p70).unwrap()), "0");
        assert_eq!(r(binop(BinOp::Pow, &BigInt::from(-1), &big("100000000000000000001")).unwrap()), "-1");
        assert!(binop(BinOp::Pow, &BigInt::from(3), &big("100000000000000000001")).is_err());
        assert_eq!(float_to_big(2f64.powi(70)), p70);
        assert_eq!(float_to_big(-3.75), BigInt::from(-3));
        assert_eq!(to_radix(&p70, 16, "0x"), "0x400000000000000000");
        assert_eq!(cmp_f64(&p70, 2f64.powi(70)), Some(std::cmp::Ordering::Equal));
        assert_eq!(cmp_f64(&p70, 1e300), Some(std::cmp::Ordering::Less));
    }
}
