//! Converts a subscript value (`t[1, :, None]`, `t[mask]`, `t[[0, 2]]`) into the
//! tensor layer's index list.

use crate::error::{Error, Result};
use crate::tensor::ops::index::TensorIndex;

use super::super::args::to_i64;
use super::super::value::Value;
use super::super::Interp;
use super::creation::tensor_from_value;

fn one(v: &Value) -> Result<TensorIndex> {
    Ok(match v {
        Value::Int(i) => TensorIndex::Int(*i),
        Value::Bool(b) => TensorIndex::Tensor(crate::tensor::Tensor::from_vec(vec![*b], &[])),
        Value::None => TensorIndex::None,
        Value::Ellipsis => TensorIndex::Ellipsis,
        Value::Slice(s) => {
            let part = |p: &Value| -> Result<Option<i64>> {
                match p {
                    Value::None => Ok(None),
                    other => to_i64(other, "slice indices").map(Some),
                }
            };
            TensorIndex::Slice { start: part(&s.0)?, stop: part(&s.1)?, step: part(&s.2)? }
        }
        Value::Tensor(t) => TensorIndex::Tensor(t.clone()),
        Value::BigInt(_) => return Err(crate::eval::args::long_overflow()),
        Value::List(_) | Value::Range { .. } => TensorIndex::Tensor(tensor_from_value(v, None)?),
        other => {
            return Err(Error::index(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got ".to_string()
                    + &other.type_name()
                    + ")",
            ));
        }
    })
}

/// The index list for `t[idx]`.
pub fn to_indices(_interp: &mut Interp, idx: &Value) -> Result<Vec<TensorIndex>> {
    match idx {
        Value::Tuple(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}
