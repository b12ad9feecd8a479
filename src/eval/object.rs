//! Objects whose behaviour lives outside the core value set: nn modules, optimizers,
//! context managers (`torch.no_grad()`), iterators. The interpreter talks to them only
//! through this trait.

use std::any::Any;

use crate::error::{Error, Result};

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
    /// Iteration one item at a time, for objects that must see each step (a progress
    /// bar); `None` falls back to `iter`.
    fn lazy_iter(&self, _interp: &mut Interp) -> Result<Option<Box<dyn super::iter::DynIter>>> {
        Ok(None)
    }
    fn as_any(&self) -> &dyn Any;
}
