//! Operators on values: Python number semantics for scalars, sequence operators, and the
//! tensor operators (which go to `tensor::ops`). Also item and attribute assignment.

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::ops::binary::BinaryOp;
use crate::tensor::ops::compare::{self as tcmp, CmpOp as TCmp};
use crate::tensor::ops::unary::UnaryOp as TUnary;
use crate::tensor::Tensor;

use super::args::to_tensor;
use super::value::{range_len, Value};
use super::{repr, torch, Interp};

fn unsupported(op: &str, l: &Value, r: &Value) -> Error {
    Error::type_err(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        l.type_name(),
        r.type_name()
    ))
}

/// The element-wise tensor op behind a Python operator (`@` has none: it is matmul).
fn elementwise_op(op: BinOp) -> Option<BinaryOp> {
    Some(match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Sub,
        BinOp::Mul => BinaryOp::Mul,
        BinOp::Div => BinaryOp::Div,
        BinOp::FloorDiv => BinaryOp::FloorDiv,
        BinOp::Mod => BinaryOp::Remainder,
        BinOp::Pow => BinaryOp::Pow,
        BinOp::BitAnd => BinaryOp::BitAnd,
        BinOp::BitOr => BinaryOp::BitOr,
        BinOp::BitXor => BinaryOp::BitXor,
        BinOp::LShift => BinaryOp::LShift,
        BinOp::RShift => BinaryOp::RShift,
        BinOp::MatMul => return None,
    })
}

fn tensor_binop(op: BinOp, a: &Tensor, b: &Tensor) -> Result<Tensor> {
    crate::backend::guard(op.symbol(), || match elementwise_op(op) {
        Some(bop) => crate::autograd::ops::binary(bop, a, b),
        None => crate::autograd::ops::matmul(a, b),
    })
}

/// Numeric view of a Python scalar for arithmetic.
#[derive(Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Int(i) => Some(Num::I(*i)),
        Value::Float(f) => Some(Num::F(*f)),
        _ => None,
    }
}

fn overflow() -> Error {
    Error::new(ExcKind::OverflowError, "Python int too large to convert to C long")
}

fn int_binop(op: BinOp, a: i64, b: i64) -> Result<Value> {
    Ok(match op {
        BinOp::Add => Value::Int(a.checked_add(b).ok_or_else(overflow)?),
        BinOp::Sub => Value::Int(a.checked_sub(b).ok_or_else(overflow)?),
        BinOp::Mul => Value::Int(a.checked_mul(b).ok_or_else(overflow)?),
        BinOp::Div => {
            if b == 0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "division by zero"));
            }
            Value::Float(a as f64 / b as f64)
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "integer division or modulo by zero"));
            }
            let q = a.checked_div(b).ok_or_else(overflow)?;
            Value::Int(if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "integer modulo by zero"));
            }
            let r = a.checked_rem(b).unwrap_or(0);
            Value::Int(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
        }
        BinOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(Error::new(
                        ExcKind::ZeroDivisionError,
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                Value::Float((a as f64).powf(b as f64))
            } else {
                let e = u32::try_from(b).map_err(|_| overflow())?;
                Value::Int(a.checked_pow(e).ok_or_else(overflow)?)
            }
        }
        BinOp::BitAnd => Value::Int(a & b),
        BinOp::BitOr => Value::Int(a | b),
        BinOp::BitXor => Value::Int(a ^ b),
        BinOp::LShift => {
            if b < 0 {
                return Err(Error::value("negative shift count"));
            }
            let r = if b >= 64 { None } else { a.checked_mul(1i64 << b) };
            Value::Int(r.ok_or_else(overflow)?)
        }
        BinOp::RShift => {
            if b < 0 {
                return Err(Error::value("negative shift count"));
            }
            Value::Int(if b >= 64 { if a < 0 { -1 } else { 0 } } else { a >> b })
        }
        BinOp::MatMul => return Err(unsupported("@", &Value::Int(a), &Value::Int(b))),
    })
}

fn float_binop(op: BinOp, a: f64, b: f64) -> Result<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "float floor division by zero"));
            }
            py_float_floordiv(a, b)
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(Error::new(ExcKind::ZeroDivisionError, "float modulo"));
            }
            py_float_mod(a, b)
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(Error::new(
                    ExcKind::ZeroDivisionError,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 {
                return Err(Error::not_impl("complex results of ** on negative floats"));
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(Error::new(ExcKind::OverflowError, "(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return Err(unsupported(op.symbol(), &Value::Float(a), &Value::Float(b))),
    }))
}

/// Python's float `%` (result has the sign of the divisor).
pub fn py_float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) { m + b } else if m == 0.0 { 0.0f64.copysign(b) } else { m }
}

pub fn py_float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(a / b)
    }
}

/// `l op r`.
pub fn binop(interp: &mut Interp, op: BinOp, l: &Value, r: &Value) -> Result<Value> {
    if let Some(v) = object_binop(interp, op, l, r)? {
        return Ok(v);
    }
    match (l, r) {
        (Value::Tensor(_), Value::BigInt(_)) | (Value::BigInt(_), Value::Tensor(_)) => {
            return Err(Error::new(ExcKind::OverflowError, "int too big to convert"));
        }
        (Value::Tensor(a), Value::Tensor(b)) => return tensor_binop(op, a, b).map(Value::Tensor),
        (Value::Tensor(a), other) => {
            if let Some(b) = scalar_tensor(other) {
                return tensor_binop(op, a, &b).map(Value::Tensor);
            }
        }
        (other, Value::Tensor(b)) => {
            if let Some(a) = scalar_tensor(other) {
                return tensor_binop(op, &a, b).map(Value::Tensor);
            }
        }
        _ => {}
    }
    if matches!(l, Value::BigInt(_)) || matches!(r, Value::BigInt(_)) {
        if let (Some(a), Some(b)) = (super::bigint::as_big(l), super::bigint::as_big(r)) {
            return super::bigint::binop(op, &a, &b);
        }
        let as_f = |v: &Value| match v {
            Value::Float(f) => Some(Ok(*f)),
            Value::BigInt(b) => Some(super::bigint::to_f64(b)),
            _ => None,
        };
        if let (Some(a), Some(b)) = (as_f(l), as_f(r)) {
            return float_binop(op, a?, b?);
        }
    }
    if let (Some(a), Some(b)) = (num(l), num(r)) {
        // bool op bool stays bool for the bitwise operators.
        if let (Value::Bool(x), Value::Bool(y)) = (l, r) {
            match op {
                BinOp::BitAnd => return Ok(Value::Bool(*x & *y)),
                BinOp::BitOr => return Ok(Value::Bool(*x | *y)),
                BinOp::BitXor => return Ok(Value::Bool(*x ^ *y)),
                _ => {}
            }
        }
        return match (a, b) {
            // Past i64, Python ints keep going (`bigint`).
            (Num::I(x), Num::I(y)) => match int_binop(op, x, y) {
                Err(e) if e.kind == ExcKind::OverflowError => {
                    super::bigint::binop(op, &num_bigint::BigInt::from(x), &num_bigint::BigInt::from(y))
                }
                r => r,
            },
            (Num::I(x), Num::F(y)) => float_binop(op, x as f64, y),
            (Num::F(x), Num::I(y)) => float_binop(op, x, y as f64),
            (Num::F(x), Num::F(y)) => float_binop(op, x, y),
        };
    }
    if let Some(v) = complex_binop(op, l, r) {
        return v;
    }
    match (op, l, r) {
        (BinOp::Add, Value::Str(a), Value::Str(b)) => Ok(Value::str(&format!("{a}{b}"))),
        (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s)) if matches!(n, Value::Int(_) | Value::Bool(_)) => {
            let k = match n { Value::Int(i) => *i, Value::Bool(b) => *b as i64, _ => 0 };
            let k = if s.is_empty() { 0 } else { k.max(0) as usize };
            repeat_check(s.len(), k, 1)?;
            Ok(Value::str(&s.repeat(k)))
        }
        (BinOp::Add, Value::List(a), Value::List(b)) => {
            let mut v = a.borrow().clone();
            v.extend(b.borrow().iter().cloned());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
            let mut v = a.to_vec();
            v.extend(b.iter().cloned());
            Ok(Value::tuple(v))
        }
        (BinOp::Mul, Value::List(a), n) | (BinOp::Mul, n, Value::List(a)) if matches!(n, Value::Int(_)) => {
            let k = if let Value::Int(i) = n { (*i).max(0) as usize } else { 0 };
            let src = a.borrow();
            let k = if src.is_empty() { 0 } else { k };
            repeat_check(src.len(), k, std::mem::size_of::<Value>())?;
            let mut v = Vec::with_capacity(src.len() * k);
            for _ in 0..k {
                v.extend(src.iter().cloned());
            }
            Ok(Value::list(v))
        }
        (BinOp::Mul, Value::Tuple(a), n) | (BinOp::Mul, n, Value::Tuple(a)) if matches!(n, Value::Int(_)) => {
            let k = if let Value::Int(i) = n { (*i).max(0) as usize } else { 0 };
            let k = if a.is_empty() { 0 } else { k };
            repeat_check(a.len(), k, std::mem::size_of::<Value>())?;
            let mut v = Vec::with_capacity(a.len() * k);
            for _ in 0..k {
                v.extend(a.iter().cloned());
            }
            Ok(Value::tuple(v))
        }
        (BinOp::Mod, Value::Str(f), args) => super::percent::format(interp, f, args).map(|s| Value::str(&s)),
        _ => Err(unsupported(op.symbol(), l, r)),
    }
}

/// Python complex arithmetic (`1 + 2j`, `z * 2.5`, `z ** 2`): None unless one side is a
/// complex and the other a number.
fn complex_binop(op: BinOp, l: &Value, r: &Value) -> Option<Result<Value>> {
    use num_complex::Complex64 as Z;
    let z = |v: &Value| -> Option<Z> {
        match v {
            Value::Complex(c) => Some(*c),
            _ => num(v).map(|n| match n {
                Num::I(i) => Z::new(i as f64, 0.0),
                Num::F(f) => Z::new(f, 0.0),
            }),
        }
    };
    if !matches!(l, Value::Complex(_)) && !matches!(r, Value::Complex(_)) {
        return None;
    }
    let (a, b) = (z(l)?, z(r)?);
    let out = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b.re == 0.0 && b.im == 0.0 {
                return Some(Err(Error::new(ExcKind::ZeroDivisionError, "complex division by zero")));
            }
            a / b
        }
        BinOp::Pow => {
            if b.re == 0.0 && b.im == 0.0 {
                Z::new(1.0, 0.0)
            } else if a.re == 0.0 && a.im == 0.0 {
                if b.im != 0.0 || b.re < 0.0 {
                    return Some(Err(Error::new(
                        ExcKind::ZeroDivisionError,
                        "0.0 to a negative or complex power",
                    )));
                }
                Z::new(0.0, 0.0)
            } else {
                a.powc(b)
            }
        }
        BinOp::FloorDiv | BinOp::Mod => {
            return Some(Err(unsupported(op.symbol(), l, r)));
        }
        _ => return None,
    };
    Some(Ok(Value::Complex(out)))
}

/// A Python number as a wrapped-number tensor (None for other values).
fn scalar_tensor(v: &Value) -> Option<Tensor> {
    super::args::to_scalar(v).map(Tensor::wrapped)
}

/// Operators defined by native objects (NumPy arrays): the left operand's type first.
fn object_binop(interp: &mut Interp, op: BinOp, l: &Value, r: &Value) -> Result<Option<Value>> {
    use super::object::OpSide;
    if let Value::Object(o) = l {
        if let Some(v) = o.clone().binop(interp, op, r, OpSide::Left)? {
            return Ok(Some(v));
        }
    }
    if let Value::Object(o) = r {
        return o.clone().binop(interp, op, l, OpSide::Right);
    }
    Ok(None)
}

/// `cur op= r`: in place for tensors and lists, else a rebinding.
pub fn inplace_binop(interp: &mut Interp, op: BinOp, cur: &Value, r: &Value) -> Result<Value> {
    if let Value::Object(o) = cur {
        // An object that updated itself in place answers None: `cur` stays bound.
        if let Some(v) = o.clone().binop(interp, op, r, super::object::OpSide::InPlace)? {
            return Ok(if v.is_none() { cur.clone() } else { v });
        }
    }
    match cur {
        Value::Tensor(t) if op != BinOp::MatMul => {
            let b = to_tensor(r, "other")?;
            let bop = elementwise_op(op).ok_or_else(|| unsupported("@=", cur, r))?;
            torch::autograd_check_inplace(t)?;
            crate::autograd::ops::binary_inplace(bop, t, &b)?;
            Ok(cur.clone())
        }
        Value::List(l) if op == BinOp::Add => {
            let items = interp.collect(r)?;
            l.borrow_mut().extend(items);
            Ok(cur.clone())
        }
        _ => binop(interp, op, cur, r),
    }
}

/// Unary operators.
pub fn unaryop(op: UnaryOp, v: &Value) -> Result<Value> {
    if op == UnaryOp::Not {
        return Ok(Value::Bool(!v.truthy()?));
    }
    if let Value::Object(o) = v {
        if let Some(r) = o.unary(op) {
            return r;
        }
    }
    match (op, v) {
        (_, Value::Tensor(t)) => {
            let u = match op {
                UnaryOp::Neg => TUnary::Neg,
                UnaryOp::Pos => TUnary::Pos,
                UnaryOp::Invert if t.dtype().is_floating_point() || t.dtype().is_complex() => {
                    return Err(Error::type_err(
                        "~ (operator.invert) is only implemented on integer and Boolean-type tensors",
                    ))
                }
                UnaryOp::Invert => TUnary::BitNot,
                UnaryOp::Not => unreachable!(),
            };
            crate::autograd::ops::unary(u, t).map(Value::Tensor)
        }
        (UnaryOp::Neg, Value::Int(i)) => Ok(match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => super::bigint::neg(&num_bigint::BigInt::from(*i)),
        }),
        (UnaryOp::Neg, Value::BigInt(b)) => Ok(super::bigint::neg(b)),
        (UnaryOp::Pos, Value::BigInt(_)) => Ok(v.clone()),
        (UnaryOp::Invert, Value::BigInt(b)) => Ok(super::bigint::invert(b)),
        (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Neg, Value::Complex(c)) => Ok(Value::Complex(-c)),
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(_)) => Ok(v.clone()),
        (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
        (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
        _ => {
            let sym = match op {
                UnaryOp::Neg => "unary -",
                UnaryOp::Pos => "unary +",
                _ => "unary ~",
            };
            Err(Error::type_err(format!("bad operand type for {sym}: '{}'", v.type_name())))
        }
    }
}

/// Structural equality for Python values (tensors compare by identity here).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(p, q))
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(p, q))
        }
        (Value::Size(x), Value::Size(y)) => x == y,
        (Value::Size(x), Value::Tuple(y)) | (Value::Tuple(y), Value::Size(x)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(&Value::Int(*p as i64), q))
        }
        (Value::DType(x), Value::DType(y)) => x == y,
        (Value::Device(x), Value::Device(y)) => x == y,
        (Value::Device(x), Value::Str(s)) | (Value::Str(s), Value::Device(x)) => {
            super::args::parse_device(s).map(|d| d == *x).unwrap_or(false)
        }
        (Value::Tensor(x), Value::Tensor(y)) => x.same(y),
        (Value::Type(x), Value::Type(y)) => x == y,
        (Value::Range { start: a0, stop: a1, step: a2 }, Value::Range { start: b0, stop: b1, step: b2 }) => {
            (a0, a1, a2) == (b0, b1, b2)
        }
        (Value::Complex(x), Value::Complex(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        (Value::BigInt(x), Value::Float(f)) | (Value::Float(f), Value::BigInt(x)) => {
            super::bigint::cmp_f64(x, *f) == Some(std::cmp::Ordering::Equal)
        }
        // A BigInt never equals a value that fits i64.
        (Value::BigInt(_), _) | (_, Value::BigInt(_)) => false,
        _ => match (num(a), num(b)) {
            (Some(Num::I(x)), Some(Num::I(y))) => x == y,
            (Some(x), Some(y)) => {
                let f = |n: Num| match n {
                    Num::I(i) => i as f64,
                    Num::F(f) => f,
                };
                f(x) == f(y)
            }
            _ => match (a, b) {
                (Value::Builtin(x), Value::Builtin(y)) => Rc::ptr_eq(x, y),
                (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
                (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        (Value::Generator(x), Value::Generator(y)) => Rc::ptr_eq(x, y),
                _ => false,
            },
        },
    }
}

/// Identity (`is`).
fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Tensor(x), Value::Tensor(y)) => x.same(y),
        (Value::List(x), Value::List(y)) => Rc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y),
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        (Value::Generator(x), Value::Generator(y)) => Rc::ptr_eq(x, y),
        (Value::Int(x), Value::Int(y)) => x == y && (-5..=256).contains(x),
        (Value::DType(x), Value::DType(y)) => x == y,
        (Value::Type(x), Value::Type(y)) => x == y,
        _ => values_equal(a, b) && matches!(a, Value::Builtin(_) | Value::Function(_) | Value::Ellipsis),
    }
}

fn order(op: CmpOp, l: &Value, r: &Value) -> Result<bool> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (l, r) {
        (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
        (Value::List(_) | Value::Tuple(_), Value::List(_) | Value::Tuple(_))
            if std::mem::discriminant(l) == std::mem::discriminant(r) =>
        {
            let (a, b) = (seq(l), seq(r));
            let mut res = Some(a.len().cmp(&b.len()));
            for (x, y) in a.iter().zip(b.iter()) {
                if !values_equal(x, y) {
                    return order(op, x, y);
                }
            }
            res.take()
        }
        (Value::BigInt(_), _) | (_, Value::BigInt(_)) if !matches!(l, Value::Float(_)) && !matches!(r, Value::Float(_)) => {
            match (super::bigint::as_big(l), super::bigint::as_big(r)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => None,
            }
        }
        (Value::BigInt(a), Value::Float(f)) => super::bigint::cmp_f64(a, *f),
        (Value::Float(f), Value::BigInt(a)) => super::bigint::cmp_f64(a, *f).map(|o| o.reverse()),
        _ => match (num(l), num(r)) {
            (Some(Num::I(a)), Some(Num::I(b))) => Some(a.cmp(&b)),
            (Some(a), Some(b)) => {
                let f = |n: Num| match n {
                    Num::I(i) => i as f64,
                    Num::F(f) => f,
                };
                match f(a).partial_cmp(&f(b)) {
                    Some(o) => Some(o),
                    None => return Ok(false),
                }
            }
            _ => None,
        },
    };
    let Some(o) = ord else {
        return Err(Error::type_err(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            l.type_name(),
            r.type_name()
        )));
    };
    Ok(match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::LtE => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::GtE => o != Ordering::Less,
        _ => false,
    })
}

fn seq(v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// `x in container`.
pub fn contains(interp: &mut Interp, container: &Value, x: &Value) -> Result<bool> {
    Ok(match container {
        Value::Str(s) => match x {
            Value::Str(sub) => s.contains(&**sub),
            other => {
                return Err(Error::type_err(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                )));
            }
        },
        Value::Dict(d) => d.borrow().iter().any(|(k, _)| values_equal(k, x)),
        Value::Range { start, stop, step } => match num(x) {
            Some(Num::I(i)) => {
                let n = range_len(*start, *stop, *step);
                let off = i - start;
                off % step == 0 && off / step >= 0 && off / step < n
            }
            _ => false,
        },
        Value::Tensor(t) => {
            let other = to_tensor(x, "element")?;
            let eq = tcmp::compare(TCmp::Eq, t, &other)?;
            crate::tensor::ops::reduce::reduce(crate::tensor::ops::reduce::ReduceOp::Any, &eq, None, false, None)?
                .item()?
                .to_bool()
        }
        other => {
            let items = interp.collect(other)?;
            items.iter().any(|v| values_equal(v, x) || same_object(v, x))
        }
    })
}

/// `l op r` for comparison operators.
pub fn compare(interp: &mut Interp, op: CmpOp, l: &Value, r: &Value) -> Result<Value> {
    match op {
        CmpOp::Is => return Ok(Value::Bool(same_object(l, r))),
        CmpOp::IsNot => return Ok(Value::Bool(!same_object(l, r))),
        CmpOp::In => return Ok(Value::Bool(contains(interp, r, l)?)),
        CmpOp::NotIn => return Ok(Value::Bool(!contains(interp, r, l)?)),
        _ => {}
    }
    if let Value::Object(o) = l {
        if let Some(v) = o.clone().compare(interp, op, r)? {
            return Ok(v);
        }
    }
    if let Value::Object(o) = r {
        let mirrored = match op {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::LtE => CmpOp::GtE,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::GtE => CmpOp::LtE,
            other => other,
        };
        if let Some(v) = o.clone().compare(interp, mirrored, l)? {
            return Ok(v);
        }
    }
    let tensor_side = matches!(l, Value::Tensor(_)) || matches!(r, Value::Tensor(_));
    if tensor_side {
        let a = to_tensor(l, "input");
        let b = to_tensor(r, "other");
        if let (Ok(a), Ok(b)) = (a, b) {
            let top = match op {
                CmpOp::Eq => TCmp::Eq,
                CmpOp::NotEq => TCmp::Ne,
                CmpOp::Lt => TCmp::Lt,
                CmpOp::LtE => TCmp::Le,
                CmpOp::Gt => TCmp::Gt,
                CmpOp::GtE => TCmp::Ge,
                _ => unreachable!(),
            };
            return tcmp::compare(top, &a, &b).map(Value::Tensor);
        }
        // Tensor == None and the like: Python falls back to identity.
        return match op {
            CmpOp::Eq => Ok(Value::Bool(false)),
            CmpOp::NotEq => Ok(Value::Bool(true)),
            _ => Err(Error::type_err(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                l.type_name(),
                r.type_name()
            ))),
        };
    }
    Ok(Value::Bool(match op {
        CmpOp::Eq => values_equal(l, r),
        CmpOp::NotEq => !values_equal(l, r),
        _ => order(op, l, r)?,
    }))
}

/// Inserts or replaces a dict entry, keeping insertion order.
pub fn dict_insert(d: &mut Vec<(Value, Value)>, k: Value, v: Value) {
    match d.iter_mut().find(|(kk, _)| values_equal(kk, &k)) {
        Some(slot) => slot.1 = v,
        None => d.push((k, v)),
    }
}

/// Python's normalisation of a sequence index.
fn seq_index(i: &Value, len: usize, what: &str) -> Result<usize> {
    let i = match i {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::Tensor(t) if t.numel() == 1 && !t.dtype().is_floating_point() => t.item()?.to_i64(),
        Value::BigInt(_) => return Err(Error::index("cannot fit 'int' into an index-sized integer")),
        other => {
            return Err(Error::type_err(format!(
                "{what} indices must be integers or slices, not {}",
                other.type_name()
            )));
        }
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(Error::index(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// Python slice semantics: the selected indices.
pub fn slice_indices(s: &(Value, Value, Value), len: usize) -> Result<Vec<usize>> {
    let get = |v: &Value| -> Result<Option<i64>> {
        match v {
            Value::None => Ok(None),
            other => super::args::to_i64(other, "slice indices").map(Some),
        }
    };
    let step = get(&s.2)?.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let n = len as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(x) => {
                let x = if x < 0 { x + n } else { x };
                x.clamp(lo, hi)
            }
        }
    };
    let mut out = Vec::new();
    if step > 0 {
        let start = clamp(get(&s.0)?, 0, 0, n);
        let stop = clamp(get(&s.1)?, n, 0, n);
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        let start = clamp(get(&s.0)?, n - 1, -1, n - 1);
        let stop = clamp(get(&s.1)?, -1, -1, n - 1);
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    Ok(out)
}

/// `v[idx]`.
pub fn getitem(interp: &mut Interp, v: &Value, idx: &Value) -> Result<Value> {
    match v {
        Value::Tensor(t) => {
            let ix = torch::indexing::to_indices(interp, idx)?;
            crate::autograd::ops::index(t, &ix).map(Value::Tensor)
        }
        Value::List(l) => {
            let l = l.borrow();
            match idx {
                Value::Slice(s) => Ok(Value::list(slice_indices(s, l.len())?.into_iter().map(|i| l[i].clone()).collect())),
                _ => Ok(l[seq_index(idx, l.len(), "list")?].clone()),
            }
        }
        Value::Tuple(t) => match idx {
            Value::Slice(s) => Ok(Value::tuple(slice_indices(s, t.len())?.into_iter().map(|i| t[i].clone()).collect())),
            _ => Ok(t[seq_index(idx, t.len(), "tuple")?].clone()),
        },
        Value::NamedTuple(n) => match idx {
            Value::Slice(s) => Ok(Value::tuple(slice_indices(s, n.values.len())?.into_iter().map(|i| n.values[i].clone()).collect())),
            _ => Ok(n.values[seq_index(idx, n.values.len(), "tuple")?].clone()),
        },
        Value::Size(sz) => match idx {
            Value::Slice(s) => Ok(Value::Size(slice_indices(s, sz.len())?.into_iter().map(|i| sz[i]).collect::<Vec<_>>().into())),
            _ => Ok(Value::Int(sz[seq_index(idx, sz.len(), "tuple")?] as i64)),
        },
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            match idx {
                Value::Slice(sl) => Ok(Value::str(&slice_indices(sl, chars.len())?.into_iter().map(|i| chars[i]).collect::<String>())),
                _ => Ok(Value::str(&chars[seq_index(idx, chars.len(), "string")?].to_string())),
            }
        }
        Value::Range { start, stop, step } => {
            let n = range_len(*start, *stop, *step) as usize;
            match idx {
                Value::Slice(sl) => {
                    let items: Vec<Value> = slice_indices(sl, n)?.into_iter().map(|i| Value::Int(start + i as i64 * step)).collect();
                    Ok(Value::list(items))
                }
                _ => Ok(Value::Int(start + seq_index(idx, n, "range object")? as i64 * step)),
            }
        }
        Value::Dict(d) => d
            .borrow()
            .iter()
            .find(|(k, _)| values_equal(k, idx))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| Error::new(ExcKind::KeyError, repr::repr(interp, idx))),
        Value::Object(o) => match o.clone().getattr(interp, "__getitem__")? {
            Some(f) => interp.call(&f, super::Args::new(vec![idx.clone()])),
            None => Err(Error::type_err(format!("'{}' object is not subscriptable", v.type_name()))),
        },
        other => Err(Error::type_err(format!("'{}' object is not subscriptable", other.type_name()))),
    }
}

/// `v[idx] = x`.
pub fn setitem(interp: &mut Interp, v: &Value, idx: &Value, x: Value) -> Result<()> {
    match v {
        Value::Tensor(t) => {
            let ix = torch::indexing::to_indices(interp, idx)?;
            let val = match &x {
                Value::Tensor(vt) => vt.clone(),
                other => match super::args::to_scalar(other) {
                    Some(s) => Tensor::wrapped(s),
                    None => torch::creation::tensor_from_value(other, None)?,
                },
            };
            torch::autograd_check_inplace(t)?;
            crate::autograd::index_ops::index_put_(t, &ix, &val, "CopySlices")
        }
        Value::List(l) => {
            let len = l.borrow().len();
            match idx {
                Value::Slice(s) => {
                    let items = interp.collect(&x)?;
                    let ids = slice_indices(s, len)?;
                    let mut l = l.borrow_mut();
                    let step1 = matches!(s.2, Value::None) || matches!(s.2, Value::Int(1));
                    if step1 {
                        let (a, b) = match (ids.first(), ids.last()) {
                            (Some(&a), Some(&b)) => (a, b + 1),
                            _ => {
                                let start = slice_indices(&(s.0.clone(), Value::None, Value::None), len)?
                                    .first()
                                    .copied()
                                    .unwrap_or(len);
                                (start, start)
                            }
                        };
                        l.splice(a..b, items);
                    } else {
                        if ids.len() != items.len() {
                            return Err(Error::value(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                items.len(),
                                ids.len()
                            )));
                        }
                        for (i, it) in ids.into_iter().zip(items) {
                            l[i] = it;
                        }
                    }
                    Ok(())
                }
                _ => {
                    let i = seq_index(idx, len, "list").map_err(|e| {
                        if e.kind == ExcKind::IndexError { Error::index("list assignment index out of range") } else { e }
                    })?;
                    l.borrow_mut()[i] = x;
                    Ok(())
                }
            }
        }
        Value::Dict(d) => {
            dict_insert(&mut d.borrow_mut(), idx.clone(), x);
            Ok(())
        }
        Value::Object(o) => o.clone().setitem(interp, idx, x),
        other => Err(Error::type_err(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}

pub fn delitem(v: &Value, idx: &Value) -> Result<()> {
    match v {
        Value::List(l) => {
            let len = l.borrow().len();
            match idx {
                Value::Slice(s) => {
                    let mut ids = slice_indices(s, len)?;
                    ids.sort_unstable();
                    let mut l = l.borrow_mut();
                    for i in ids.into_iter().rev() {
                        l.remove(i);
                    }
                }
                _ => {
                    let i = seq_index(idx, len, "list")?;
                    l.borrow_mut().remove(i);
                }
            }
            Ok(())
        }
        Value::Dict(d) => {
            let mut d = d.borrow_mut();
            match d.iter().position(|(k, _)| values_equal(k, idx)) {
                Some(i) => {
                    d.remove(i);
                    Ok(())
                }
                None => Err(Error::new(ExcKind::KeyError, "key not found")),
            }
        }
        other => Err(Error::type_err(format!(
            "'{}' object does not support item deletion",
            other.type_name()
        ))),
    }
}

/// `obj.name = v`.
pub fn setattr(interp: &mut Interp, obj: &Value, name: &str, v: Value) -> Result<()> {
    match obj {
        Value::Tensor(t) => torch::methods::set_tensor_attr(interp, t, name, v),
        Value::Object(o) => o.clone().setattr(interp, name, v),
        other => Err(Error::new(
            ExcKind::AttributeError,
            format!("'{}' object has no attribute '{}'", other.type_name(), name),
        )),
    }
}

/// Python's `MemoryError` for a sequence repeat (`[0] * 10**12`) that cannot be allocated,
/// instead of aborting on the failed allocation.
fn repeat_check(len: usize, k: usize, elem: usize) -> Result<()> {
    let bytes = len.checked_mul(k).and_then(|n| n.checked_mul(elem)).filter(|&b| b <= isize::MAX as usize);
    match bytes {
        Some(b) if crate::tensor::storage::check_bytes(b).is_ok() => Ok(()),
        _ => Err(Error::new(crate::error::ExcKind::MemoryError, "")),
    }
}
