//! Iteration over values (`for`, unpacking, `list(x)`): lazy for ranges and tensors, so
//! `for i in range(10**9)` allocates nothing.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::tensor::Tensor;

use super::value::Value;
use super::Interp;

pub enum ValueIter {
    Range { next: i64, stop: i64, step: i64 },
    Items { items: Rc<[Value]>, i: usize },
    Vec(std::vec::IntoIter<Value>),
    Tensor { t: Tensor, i: usize, n: usize },
    /// An object's own step-by-step iterator (`Object::lazy_iter`).
    Dyn(Box<dyn DynIter>),
}

/// A step-by-step iterator an object provides.
pub trait DynIter {
    fn next(&mut self, interp: &mut Interp) -> Result<Option<Value>>;
}

impl ValueIter {
    pub fn next(&mut self, interp: &mut Interp) -> Result<Option<Value>> {
        Ok(match self {
            ValueIter::Dyn(d) => d.next(interp)?,
            ValueIter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next = next.saturating_add(*step);
                    if *next == v {
                        *next = *stop;
                    }
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            ValueIter::Items { items, i } => {
                let v = items.get(*i).cloned();
                *i += 1;
                v
            }
            ValueIter::Vec(it) => it.next(),
            ValueIter::Tensor { t, i, n } => {
                if *i < *n {
                    let v = crate::tensor::ops::movement::select(t, 0, *i as i64)?;
                    *i += 1;
                    Some(Value::Tensor(v))
                } else {
                    None
                }
            }
        })
    }
}

impl Interp {
    /// An iterator over `v`, or Python's TypeError for non-iterables.
    pub fn iterate(&mut self, v: &Value) -> Result<ValueIter> {
        Ok(match v {
            Value::Range { start, stop, step } => ValueIter::Range { next: *start, stop: *stop, step: *step },
            Value::List(l) => ValueIter::Items { items: Rc::from(l.borrow().as_slice()), i: 0 },
            Value::Tuple(t) => ValueIter::Items { items: t.clone(), i: 0 },
            Value::Size(s) => ValueIter::Vec(s.iter().map(|&d| Value::Int(d as i64)).collect::<Vec<_>>().into_iter()),
            Value::NamedTuple(n) => ValueIter::Vec(n.values.clone().into_iter()),
            Value::Str(s) => ValueIter::Vec(s.chars().map(|c| Value::str(&c.to_string())).collect::<Vec<_>>().into_iter()),
            Value::Dict(d) => ValueIter::Vec(d.borrow().iter().map(|(k, _)| k.clone()).collect::<Vec<_>>().into_iter()),
            Value::Tensor(t) => {
                if t.ndim() == 0 {
                    return Err(Error::type_err("iteration over a 0-d tensor"));
                }
                let n = t.shape()[0];
                ValueIter::Tensor { t: t.clone(), i: 0, n }
            }
            Value::Object(o) => match o.clone().lazy_iter(self)? {
                Some(d) => ValueIter::Dyn(d),
                None => ValueIter::Vec(o.clone().iter(self)?.into_iter()),
            },
            other => {
                return Err(Error::type_err(format!("'{}' object is not iterable", other.type_name())));
            }
        })
    }

    /// Collects all items of an iterable.
    pub fn collect(&mut self, v: &Value) -> Result<Vec<Value>> {
        let mut it = self.iterate(v)?;
        let mut out = Vec::new();
        while let Some(x) = it.next(self)? {
            out.push(x);
        }
        Ok(out)
    }
}
