//! Objects whose behaviour lives outside the core value set: nn modules, optimizers,
//! context managers (`torch.no_grad()`), iterators. The interpreter talks to them only
//! through this trait.

use std::any::Any;

use crate::error::{Error, Result};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::Scalar;

use super::args::Args;
use super::value::Value;
use super::Interp;

pub trait Object: Any {
    /// Python type name (`Linear`, `SGD`, `no_grad`).
    fn type_name(&self) -> &str;
    /// `repr(obj)`.
    fn repr(&self, _interp: &mut Interp) -> String {
        format!("<{} object>", self.type_name())
    }
    /// `obj.name`; `Ok(None)` means no such attribute.
    fn getattr(&self, _interp: &mut Interp, _name: &str) -> Result<Option<Value>> {
        Ok(None)
    }
    /// `obj.name = value`.
    fn setattr(&self, _interp: &mut Interp, name: &str, _value: Value) -> Result<()> {
        Err(Error::new(
            crate::error::ExcKind::AttributeError,
            format!("'{}' object has no attribute '{}'", self.type_name(), name),
        ))
    }
    /// `obj(args)`.
    fn call(&self, _interp: &mut Interp, _args: Args) -> Result<Value> {
        Err(Error::type_err(format!("'{}' object is not callable", self.type_name())))
    }
    /// `with obj:` entry; returns the value bound by `as`.
    fn enter(&self, _interp: &mut Interp) -> Result<Value> {
        Err(Error::type_err(format!(
            "'{}' object does not support the context manager protocol",
            self.type_name()
        )))
    }
    fn exit(&self, _interp: &mut Interp) -> Result<()> {
        Ok(())
    }
    /// Iteration (`for x in obj`): the items, eagerly.
    fn iter(&self, _interp: &mut Interp) -> Result<Vec<Value>> {
        Err(Error::type_err(format!("'{}' object is not iterable", self.type_name())))
    }
    /// `str(obj)` (and `print(obj)`); the repr unless the type says otherwise.
    fn str(&self, interp: &mut Interp) -> String {
        self.repr(interp)
    }
    /// `obj op other`, `other op obj` or `obj op= other` (per `side`); `Ok(None)` means the
    /// type does not support it (Python then raises its TypeError). For `InPlace`,
    /// `Ok(Some(Value::None))` means the object updated itself and stays bound.
    fn binop(&self, _interp: &mut Interp, _op: BinOp, _other: &Value, _side: OpSide) -> Result<Option<Value>> {
        Ok(None)
    }
    /// `obj op other` for `==`, `<`, … (`op` already mirrored when `obj` was on the right);
    /// `Ok(None)` means Python's default (identity for `==`, TypeError for ordering).
    fn compare(&self, _interp: &mut Interp, _op: CmpOp, _other: &Value) -> Result<Option<Value>> {
        Ok(None)
    }
    /// `-obj`, `+obj`, `~obj`; None when unsupported.
    fn unary(&self, _op: UnaryOp) -> Option<Result<Value>> {
        None
    }
    /// `obj[idx] = value`.
    fn setitem(&self, _interp: &mut Interp, _idx: &Value, _value: Value) -> Result<()> {
        Err(Error::type_err(format!("'{}' object does not support item assignment", self.type_name())))
    }
    /// The number the object stands for (NumPy scalars), accepted wherever a Python number is.
    fn as_scalar(&self) -> Option<Scalar> {
        None
    }
    /// `bool(obj)`; None means Python's default (true).
    fn truthy(&self) -> Option<Result<bool>> {
        None
    }
    /// Iteration one item at a time, for objects that must see each step (a progress
    /// bar); `None` falls back to `iter`.
    fn lazy_iter(&self, _interp: &mut Interp) -> Result<Option<Box<dyn super::iter::DynIter>>> {
        Ok(None)
    }
    fn as_any(&self) -> &dyn Any;
}

/// Which side of a binary operator an object is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpSide {
    Left,
    Right,
    InPlace,
}
