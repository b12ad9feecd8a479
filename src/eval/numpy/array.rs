//! `numpy.ndarray` and NumPy scalars as native objects over a tsr `Tensor`: the array *is*
//! the tensor's storage, so `torch.from_numpy(a)` and `t.numpy()` share memory both ways.
//! Arithmetic follows NumPy's dtype rules (NEP 50: Python numbers are "weak"; `int / int`
//! is float64; int with float32 widens to float64) and runs on the tensor kernels.

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::eval::args::{scalar_value, to_scalar, Args};
use crate::eval::builtins::method;
use crate::eval::object::{Object, OpSide};
use crate::eval::value::{NativeFn, Value};
use crate::eval::Interp;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::ops::binary::BinaryOp;
use crate::tensor::ops::compare::CmpOp as TCmp;
use crate::tensor::dtype::Category;
use crate::tensor::{DType, Scalar, Tensor};

use super::repr;

/// An array (`scalar` false) or a NumPy scalar such as `np.float32(1.5)` (a 0-d tensor).
pub struct NdArray {
    pub t: Tensor,
    pub scalar: bool,
}

/// An ndarray value over `t` (shared, not copied).
pub fn array(t: Tensor) -> Value {
    Value::Object(Rc::new(NdArray { t, scalar: false }))
}

/// A NumPy scalar holding the one element of `t`.
pub fn scalar(t: Tensor) -> Value {
    Value::Object(Rc::new(NdArray { t, scalar: true }))
}

/// The ndarray behind a value, if it is one.
pub fn as_ndarray(v: &Value) -> Option<&NdArray> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<NdArray>(),
        _ => None,
    }
}

/// NumPy's result type of two operands (`weak` marks a Python number, which adapts to the
/// other side). `complex128` has no tsr storage: NotImplementedError.
pub fn result_dtype(a: DType, a_weak: bool, b: DType, b_weak: bool) -> Result<DType> {
    let c128 = || Error::not_impl("numpy complex128 arrays are not supported by tsr (use dtype=np.complex64)");
    if a_weak && !b_weak {
        return weak(b, a).ok_or_else(c128);
    }
    if b_weak && !a_weak {
        return weak(a, b).ok_or_else(c128);
    }
    promote(a, b).ok_or_else(c128)
}

/// An array of dtype `d` with a Python number of kind `k` (bool, int64, float64, complex).
fn weak(d: DType, k: DType) -> Option<DType> {
    Some(match k.category() {
        Category::Bool => d,
        Category::Integral => if d == DType::Bool { DType::I64 } else { d },
        Category::Floating => if d.is_floating_point() || d.is_complex() { d } else { DType::F64 },
        Category::Complex => match d {
            DType::C64 | DType::F32 | DType::F16 => DType::C64,
            _ => return None,
        },
    })
}

/// NumPy's `promote_types` for the dtypes tsr stores (None: complex128).
pub fn promote(a: DType, b: DType) -> Option<DType> {
    use DType::*;
    if a == b {
        return Some(a);
    }
    let rank_int = |d: DType| match d {
        U8 | I8 => 8,
        I16 => 16,
        I32 => 32,
        _ => 64,
    };
    Some(match (a.category(), b.category()) {
        (Category::Bool, _) => b,
        (_, Category::Bool) => a,
        (Category::Integral, Category::Integral) => match (a, b) {
            (U8, I8) | (I8, U8) => I16,
            _ => if rank_int(a) >= rank_int(b) { a } else { b },
        },
        (Category::Integral, Category::Floating) | (Category::Floating, Category::Integral) => {
            let (i, f) = if a.is_floating_point() { (b, a) } else { (a, b) };
            let need = match rank_int(i) {
                8 => F16,
                16 => F32,
                _ => F64,
            };
            float_max(f, need)
        }
        (Category::Floating, Category::Floating) => float_max(a, b),
        (Category::Complex, _) | (_, Category::Complex) => {
            let other = if a.is_complex() { b } else { a };
            match other {
                C64 | Bool | U8 | I8 | I16 | F16 | F32 => C64,
                _ => return None,
            }
        }
    })
}

fn float_max(a: DType, b: DType) -> DType {
    let r = |d: DType| match d {
        DType::F16 => 0,
        DType::F32 => 1,
        _ => 2,
    };
    if r(a) >= r(b) { a } else { b }
}

/// NumPy's ufunc name for an operator (in casting errors).
fn ufunc_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply",
        BinOp::Div => "divide",
        BinOp::FloorDiv => "floor_divide",
        BinOp::Mod => "remainder",
        BinOp::Pow => "power",
        BinOp::BitAnd => "bitwise_and",
        BinOp::BitOr => "bitwise_or",
        BinOp::BitXor => "bitwise_xor",
        BinOp::LShift => "left_shift",
        BinOp::RShift => "right_shift",
        BinOp::MatMul => "matmul",
    }
}

/// An operand: its tensor and whether it is a weak Python number.
fn operand(v: &Value) -> Option<(Tensor, bool)> {
    if let Some(a) = as_ndarray(v) {
        return Some((a.t.clone(), false));
    }
    let s = to_scalar(v)?;
    Some((Tensor::scalar(s, s.dtype()), true))
}

/// `a op b` with NumPy's dtypes: (result tensor, operand dtype before the op).
fn np_binop(op: BinOp, a: &Value, b: &Value) -> Result<Option<Tensor>> {
    let (Some((x, xw)), Some((y, yw))) = (operand(a), operand(b)) else { return Ok(None) };
    let mut d = result_dtype(x.dtype(), xw, y.dtype(), yw)?;
    let bitwise = matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift);
    if bitwise && (d.is_floating_point() || d.is_complex()) {
        return Err(Error::type_err(format!(
            "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ufunc_name(op)
        )));
    }
    if op == BinOp::Div && !(d.is_floating_point() || d.is_complex()) {
        d = DType::F64;
    }
    let (x, y) = (x.to_dtype(d), y.to_dtype(d));
    let r = match op {
        BinOp::MatMul => crate::tensor::ops::matmul::matmul(&x, &y)?,
        _ => {
            let bop = match op {
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
                BinOp::MatMul => unreachable!("handled above"),
            };
            crate::tensor::ops::binary::binary(bop, &x, &y)?
        }
    };
    Ok(Some(r))
}

/// NumPy's `dtype('float64')` spelling, for messages.
fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", repr::dtype_name(d))
}

/// The nested Python lists of `t` (`tolist()`).
pub fn tolist(t: &Tensor) -> Value {
    let vals: Vec<Value> = t.to_scalars().into_iter().map(scalar_value).collect();
    let shape = t.shape();
    if shape.is_empty() {
        return vals.into_iter().next().unwrap_or(Value::None);
    }
    let mut level = vals;
    for &d in shape.iter().rev() {
        if d == 0 {
            level = Vec::new();
            continue;
        }
        level = level.chunks(d).map(|c| Value::list(c.to_vec())).collect();
    }
    if shape.contains(&0) {
        return Value::list(Vec::new());
    }
    level.into_iter().next().unwrap_or_else(|| Value::list(Vec::new()))
}

fn this(a: &Args) -> Result<(Tensor, bool)> {
    match a.pos.first().and_then(as_ndarray) {
        Some(x) => Ok((x.t.clone(), x.scalar)),
        None => Err(Error::type_err("descriptor requires a 'numpy.ndarray' object")),
    }
}

/// An index with ndarrays replaced by their tensors (boolean masks, integer arrays).
fn tensor_index(idx: &Value) -> Value {
    match idx {
        Value::Tuple(items) => Value::tuple(items.iter().map(tensor_index).collect()),
        v => match as_ndarray(v) {
            Some(a) => Value::Tensor(a.t.clone()),
            None => v.clone(),
        },
    }
}

fn wrap_result(t: Tensor, idx: &Value) -> Value {
    let has_ellipsis = match idx {
        Value::Ellipsis => true,
        Value::Tuple(items) => items.iter().any(|x| matches!(x, Value::Ellipsis)),
        _ => false,
    };
    if t.ndim() == 0 && !has_ellipsis { scalar(t) } else { array(t) }
}

/// `a.sum()`-style reductions over all elements or `axis`, in NumPy's dtypes.
fn reduction(name: &'static str) -> NativeFn {
    fn run(a: Args, name: &str) -> Result<Value> {
        let (t, _) = this(&a)?;
        let [_, axis] = a.bind(name, ["self", "axis"])?;
        let dims: Option<Vec<i64>> = match axis {
            None | Some(Value::None) => None,
            Some(v) => Some(vec![crate::eval::args::to_i64(&v, "axis")?]),
        };
        use crate::tensor::ops::reduce::{reduce, ReduceOp};
        let r = match name {
            "sum" | "prod" => {
                // Small integers and bools accumulate in int64, as NumPy's default does.
                let d = match t.dtype() {
                    DType::Bool | DType::U8 | DType::I8 | DType::I16 | DType::I32 => Some(DType::I64),
                    _ => None,
                };
                let op = if name == "sum" { ReduceOp::Sum } else { ReduceOp::Prod };
                reduce(op, &t, dims.as_deref(), false, d)?
            }
            "mean" => {
                let src = if t.dtype().is_floating_point() || t.dtype().is_complex() { t.clone() } else { t.cast(DType::F64) };
                reduce(ReduceOp::Mean, &src, dims.as_deref(), false, None)?
            }
            "max" | "min" => {
                if t.numel() == 0 {
                    return Err(Error::value(format!(
                        "zero-size array to reduction operation {} which has no identity",
                        if name == "max" { "maximum" } else { "minimum" }
                    )));
                }
                match &dims {
                    None => if name == "max" { crate::tensor::ops::reduce::max_all(&t)? } else { crate::tensor::ops::reduce::min_all(&t)? },
                    Some(d) => {
                        let (v, _) = if name == "max" { crate::tensor::ops::reduce::max_dim(&t, d[0], false)? } else { crate::tensor::ops::reduce::min_dim(&t, d[0], false)? };
                        v
                    }
                }
            }
            _ => return Err(Error::not_impl(format!("numpy.ndarray.{name}"))),
        };
        Ok(if r.ndim() == 0 { scalar(r) } else { array(r) })
    }
    match name {
        "sum" => |_, a| run(a, "sum"),
        "prod" => |_, a| run(a, "prod"),
        "mean" => |_, a| run(a, "mean"),
        "max" => |_, a| run(a, "max"),
        _ => |_, a| run(a, "min"),
    }
}

fn array_method(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "tolist" => ("tolist", |_, a| {
            let (t, _) = this(&a)?;
            a.bind::<1>("tolist", ["self"])?;
            Ok(tolist(&t))
        }),
        "item" => ("item", |_, a| {
            let (t, _) = this(&a)?;
            a.bind::<1>("item", ["self"])?;
            if t.numel() != 1 {
                return Err(Error::value("can only convert an array of size 1 to a Python scalar"));
            }
            Ok(scalar_value(t.contiguous().to_scalars()[0]))
        }),
        "copy" => ("copy", |_, a| {
            let (t, s) = this(&a)?;
            a.bind::<1>("copy", ["self"])?;
            let c = t.copy_contiguous();
            Ok(if s { scalar(c) } else { array(c) })
        }),
        "astype" => ("astype", |_, a| {
            let (t, s) = this(&a)?;
            let [_, d] = a.bind("astype", ["self", "dtype"])?;
            let d = super::to_np_dtype(&crate::eval::args::req(d, "astype", "dtype")?)?;
            let c = t.cast(d);
            Ok(if s { scalar(c) } else { array(c) })
        }),
        "reshape" => ("reshape", |_, mut a| {
            let (t, _) = this(&a)?;
            a.pos.remove(0);
            let sizes = crate::eval::args::sizes_from(&std::mem::take(&mut a.pos), "shape")?;
            Ok(array(crate::tensor::ops::movement::reshape(&t, &sizes)?))
        }),
        "flatten" => ("flatten", |_, a| {
            let (t, _) = this(&a)?;
            a.bind::<1>("flatten", ["self"])?;
            Ok(array(crate::tensor::ops::movement::reshape(&t.copy_contiguous(), &[-1])?))
        }),
        "ravel" => ("ravel", |_, a| {
            let (t, _) = this(&a)?;
            a.bind::<1>("ravel", ["self"])?;
            Ok(array(crate::tensor::ops::movement::reshape(&t, &[-1])?))
        }),
        "transpose" => ("transpose", |_, a| {
            let (t, _) = this(&a)?;
            a.bind::<1>("transpose", ["self"])?;
            let dims: Vec<i64> = (0..t.ndim() as i64).rev().collect();
            Ok(array(crate::tensor::ops::movement::permute(&t, &dims)?))
        }),
        "__getitem__" => ("__getitem__", |i, a| {
            let (t, _) = this(&a)?;
            let [_, idx] = a.bind("__getitem__", ["self", "key"])?;
            let idx = crate::eval::args::req(idx, "__getitem__", "key")?;
            let r = crate::eval::ops::getitem(i, &Value::Tensor(t), &tensor_index(&idx))?;
            match r {
                Value::Tensor(r) => Ok(wrap_result(r, &idx)),
                other => Ok(other),
            }
        }),
        "sum" | "prod" | "mean" | "max" | "min" => {
            let n: &'static str = match name {
                "sum" => "sum",
                "prod" => "prod",
                "mean" => "mean",
                "max" => "max",
                _ => "min",
            };
            (n, reduction(n))
        }
        _ => return None,
    })
}

impl NdArray {
    fn self_value(&self) -> Value {
        Value::Object(Rc::new(NdArray { t: self.t.clone(), scalar: self.scalar }))
    }
}

impl Object for NdArray {
    fn type_name(&self) -> &str {
        if self.scalar { repr::dtype_name(self.t.dtype()) } else { "numpy.ndarray" }
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        if self.scalar { repr::scalar_repr(&self.t) } else { repr::array_repr(&self.t) }
    }
    fn str(&self, _interp: &mut Interp) -> String {
        if self.scalar { repr::scalar_str(&self.t) } else { repr::array_str(&self.t) }
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let t = &self.t;
        Ok(Some(match name {
            "shape" => Value::tuple(t.shape().iter().map(|&d| Value::Int(d as i64)).collect()),
            "ndim" => Value::Int(t.ndim() as i64),
            "size" => Value::Int(t.numel() as i64),
            "dtype" => super::dtype_value(t.dtype(), false),
            "itemsize" => Value::Int(t.dtype().itemsize() as i64),
            "nbytes" => Value::Int((t.numel() * t.dtype().itemsize()) as i64),
            "T" => {
                let dims: Vec<i64> = (0..t.ndim() as i64).rev().collect();
                array(crate::tensor::ops::movement::permute(t, &dims)?)
            }
            "strides" => Value::tuple(t.strides().iter().map(|&s| Value::Int((s * t.dtype().itemsize()) as i64)).collect()),
            _ => match array_method(name) {
                Some((n, f)) => method(n, f, &self.self_value()),
                None => {
                    return Err(Error::not_impl(format!("numpy.ndarray.{name} is not supported by tsr")));
                }
            },
        }))
    }
    fn setitem(&self, interp: &mut Interp, idx: &Value, value: Value) -> Result<()> {
        if self.scalar {
            return Err(Error::type_err(format!("'{}' object does not support item assignment", self.type_name())));
        }
        let val = match as_ndarray(&value) {
            Some(a) => a.t.to_dtype(self.t.dtype()),
            None => match to_scalar(&value) {
                Some(s) => Tensor::scalar(s, self.t.dtype()),
                None => super::to_array(interp, &value, Some(self.t.dtype()), false)?,
            },
        };
        let ix = crate::eval::torch::indexing::to_indices(interp, &tensor_index(idx))?;
        crate::tensor::ops::index::index_put_(&self.t, &ix, &val.to_dtype(self.t.dtype()))
    }
    fn binop(&self, interp: &mut Interp, op: BinOp, other: &Value, side: OpSide) -> Result<Option<Value>> {
        let me = self.self_value();
        if let Value::Tensor(_) = other {
            // A tensor wins over an ndarray (PyTorch's __array_priority__): torch semantics.
            let mine = Value::Tensor(self.t.clone());
            let r = match side {
                OpSide::Right => crate::eval::ops::binop(interp, op, other, &mine)?,
                _ => crate::eval::ops::binop(interp, op, &mine, other)?,
            };
            return Ok(Some(r));
        }
        let (l, r) = if side == OpSide::Right { (other, &me) } else { (&me, other) };
        let Some(res) = np_binop(op, l, r)? else { return Ok(None) };
        if side == OpSide::InPlace {
            if self.scalar {
                return Ok(Some(scalar(res)));
            }
            let (from, to) = (res.dtype(), self.t.dtype());
            if from.category() > to.category() {
                return Err(Error::new(
                    ExcKind::TypeError,
                    format!(
                        "Cannot cast ufunc '{}' output from {} to {} with casting rule 'same_kind'",
                        ufunc_name(op),
                        dtype_repr(from),
                        dtype_repr(to)
                    ),
                ));
            }
            crate::tensor::ops::copy_(&self.t, &res)?;
            // `None` tells the interpreter the object itself is the result.
            return Ok(Some(Value::None));
        }
        // NumPy returns a scalar for every 0-d result (`a @ a`, `np.array(2.) + 1`).
        Ok(Some(if res.ndim() == 0 { scalar(res) } else { array(res) }))
    }
    fn compare(&self, _interp: &mut Interp, op: CmpOp, other: &Value) -> Result<Option<Value>> {
        let top = match op {
            CmpOp::Eq => TCmp::Eq,
            CmpOp::NotEq => TCmp::Ne,
            CmpOp::Lt => TCmp::Lt,
            CmpOp::LtE => TCmp::Le,
            CmpOp::Gt => TCmp::Gt,
            CmpOp::GtE => TCmp::Ge,
            _ => return Ok(None),
        };
        let Some((y, yw)) = operand(other) else { return Ok(None) };
        let d = result_dtype(self.t.dtype(), false, y.dtype(), yw)?;
        let r = crate::tensor::ops::compare::compare(top, &self.t.to_dtype(d), &y.to_dtype(d))?;
        Ok(Some(if r.ndim() == 0 { scalar(r) } else { array(r) }))
    }
    fn unary(&self, op: UnaryOp) -> Option<Result<Value>> {
        use crate::tensor::ops::unary::{unary, UnaryOp as U};
        let u = match op {
            UnaryOp::Neg if self.t.dtype() == DType::Bool => {
                return Some(Err(Error::type_err(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
                )))
            }
            UnaryOp::Neg => U::Neg,
            UnaryOp::Pos => return Some(Ok(array(self.t.copy_contiguous()))),
            UnaryOp::Invert if self.t.dtype().is_floating_point() || self.t.dtype().is_complex() => {
                return Some(Err(Error::type_err(
                    "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
                )))
            }
            UnaryOp::Invert => U::BitNot,
            UnaryOp::Not => return None,
        };
        Some(unary(u, &self.t).map(|r| if r.ndim() == 0 { scalar(r) } else { array(r) }))
    }
    fn iter(&self, _interp: &mut Interp) -> Result<Vec<Value>> {
        if self.t.ndim() == 0 {
            return Err(Error::type_err("iteration over a 0-d array"));
        }
        let rows = crate::tensor::ops::movement::unbind(&self.t, 0)?;
        Ok(rows.into_iter().map(|r| if r.ndim() == 0 { scalar(r) } else { array(r) }).collect())
    }
    fn as_scalar(&self) -> Option<Scalar> {
        if self.scalar || self.t.ndim() == 0 { self.t.item().ok() } else { None }
    }
    fn truthy(&self) -> Option<Result<bool>> {
        let n = self.t.numel();
        Some(if n == 1 {
            self.t.item().map(|s| s.to_bool())
        } else if n == 0 {
            Ok(false)
        } else {
            Err(Error::value(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            ))
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn promotion_matches_numpy() {
        // numpy.promote_types / NEP 50 results, recorded from NumPy 2.4.
        assert_eq!(promote(I32, F32), Some(F64));
        assert_eq!(promote(I16, F16), Some(F32));
        assert_eq!(promote(U8, I8), Some(I16));
        assert_eq!(promote(I64, F16), Some(F64));
        assert_eq!(promote(Bool, I8), Some(I8));
        assert_eq!(promote(C64, F64), None);
        assert_eq!(result_dtype(I64, false, F64, true).unwrap(), F64);
        assert_eq!(result_dtype(F32, false, F64, true).unwrap(), F32);
        assert_eq!(result_dtype(I32, false, I64, true).unwrap(), I32);
        assert_eq!(result_dtype(Bool, false, I64, true).unwrap(), I64);
    }
}
