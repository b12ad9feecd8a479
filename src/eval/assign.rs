//! Assignment targets: names, tuple/list unpacking, attributes, subscripts; augmented
//! assignment (in place for tensors and lists, as Python's `__iadd__`); `del`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::syntax::ast::{BinOp, Expr, ExprKind};

use super::scope::Scope;
use super::value::Value;
use super::{ops, Interp};

impl Interp {
    /// Binds `v` to the target expression.
    pub fn assign(&mut self, target: &Expr, v: Value, scope: &Rc<RefCell<Scope>>) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_name(n, v, scope);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => self.unpack(items, v, scope),
            ExprKind::Attribute { value, attr } => {
                let obj = self.eval(value, scope)?;
                ops::setattr(self, &obj, attr, v).map_err(|e| self.locate(e, target.span))
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value, scope)?;
                let idx = self.eval(index, scope)?;
                ops::setitem(self, &obj, &idx, v).map_err(|e| self.locate(e, target.span))
            }
            ExprKind::Starred(_) => Err(Error::new(
                ExcKind::SyntaxError,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(Error::new(ExcKind::SyntaxError, "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, items: &[Expr], v: Value, scope: &Rc<RefCell<Scope>>) -> Result<()> {
        let mut it = self.iterate(&v)?;
        let mut vals = Vec::new();
        while let Some(x) = it.next(self)? {
            vals.push(x);
        }
        let star = items.iter().position(|e| matches!(e.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if vals.len() != items.len() {
                    return Err(if vals.len() > items.len() {
                        Error::value(format!("too many values to unpack (expected {})", items.len()))
                    } else {
                        Error::value(format!(
                            "not enough values to unpack (expected {}, got {})",
                            items.len(),
                            vals.len()
                        ))
                    });
                }
                for (t, x) in items.iter().zip(vals) {
                    self.assign(t, x, scope)?;
                }
            }
            Some(si) => {
                let after = items.len() - si - 1;
                if vals.len() < items.len() - 1 {
                    return Err(Error::value(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        items.len() - 1,
                        vals.len()
                    )));
                }
                let tail = vals.split_off(vals.len() - after);
                let mid = vals.split_off(si);
                for (t, x) in items[..si].iter().zip(vals) {
                    self.assign(t, x, scope)?;
                }
                if let ExprKind::Starred(inner) = &items[si].kind {
                    self.assign(inner, Value::list(mid), scope)?;
                }
                for (t, x) in items[si + 1..].iter().zip(tail) {
                    self.assign(t, x, scope)?;
                }
            }
        }
        Ok(())
    }

    /// `target op= value`.
    pub fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, scope: &Rc<RefCell<Scope>>) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.get_name(n, scope)?;
                let r = self.eval(value, scope)?;
                let new = ops::inplace_binop(self, op, &cur, &r).map_err(|e| self.locate(e, target.span))?;
                self.set_name(n, new, scope);
                Ok(())
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(obj, scope)?;
                let cur = self.get_attr(&o, attr)?;
                let r = self.eval(value, scope)?;
                let new = ops::inplace_binop(self, op, &cur, &r).map_err(|e| self.locate(e, target.span))?;
                ops::setattr(self, &o, attr, new)
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(obj, scope)?;
                let i = self.eval(index, scope)?;
                let cur = ops::getitem(self, &o, &i)?;
                let r = self.eval(value, scope)?;
                let new = ops::inplace_binop(self, op, &cur, &r).map_err(|e| self.locate(e, target.span))?;
                ops::setitem(self, &o, &i, new)
            }
            _ => Err(Error::new(
                ExcKind::SyntaxError,
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    pub fn delete(&mut self, target: &Expr, scope: &Rc<RefCell<Scope>>) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let removed = scope.borrow_mut().vars.remove(n.as_str());
                if removed.is_none() {
                    return Err(Error::new(ExcKind::NameError, format!("name '{n}' is not defined")));
                }
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for t in items {
                    self.delete(t, scope)?;
                }
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value, scope)?;
                let i = self.eval(index, scope)?;
                ops::delitem(&o, &i)
            }
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(value, scope)?;
                ops::setattr(self, &o, attr, Value::None)
            }
            _ => Err(Error::new(ExcKind::SyntaxError, "cannot delete expression")),
        }
    }
}
