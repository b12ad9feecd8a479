//! JSON output (`--format json`): a tensor as
//! `{"type":"tensor","shape":[..],"dtype":"float32","device":"cpu","requires_grad":false,
//! "data":[..]}` with nested lists, non-finite floats as strings and complex as `[re, im]`.
//! (serde_json is built without `preserve_order`, so keys serialise alphabetically.)

use serde_json::{Map, Value, json};

use crate::tensor::{Scalar, Tensor};

/// A float as JSON: a number, or `"nan"`, `"inf"`, `"-inf"`. Integral floats stay floats
/// (`1.0`).
pub fn float_json(x: f64) -> Value {
    if x.is_nan() {
        Value::from("nan")
    } else if x.is_infinite() {
        Value::from(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

fn scalar_json(s: &Scalar) -> Value {
    match *s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::from(i),
        Scalar::Float(f) => float_json(f),
        Scalar::Complex(c) => Value::Array(vec![float_json(c.re as f64), float_json(c.im as f64)]),
    }
}

/// The tensor as a JSON object (all elements; nested row-major lists, a bare value for
/// 0-d). `grad_fn` is present only when the tensor has one.
pub fn tensor_json(t: &Tensor) -> Value {
    let shape: Vec<usize> = t.shape().to_vec();
    let vals = t.to_scalars();
    let mut level: Vec<Value> = vals.iter().map(scalar_json).collect();
    // Build nested lists from the innermost dimension outwards (iterative).
    let data = if shape.is_empty() {
        level.pop().unwrap_or(Value::Null)
    } else {
        for &d in shape[1..].iter().rev() {
            let mut next = Vec::with_capacity(level.len() / d.max(1));
            if d > 0 {
                let mut it = level.into_iter().peekable();
                while it.peek().is_some() {
                    next.push(Value::Array(it.by_ref().take(d).collect()));
                }
            }
            level = next;
        }
        if shape.contains(&0) {
            empty_nested(&shape)
        } else {
            Value::Array(level)
        }
    };
    let mut m = Map::new();
    m.insert("type".into(), json!("tensor"));
    m.insert("shape".into(), json!(shape));
    m.insert("dtype".into(), json!(t.dtype().name()));
    m.insert("device".into(), json!(t.device().to_string()));
    let ag = t.autograd();
    m.insert("requires_grad".into(), json!(ag.requires_grad));
    if let Some(node) = &ag.grad_fn {
        m.insert("grad_fn".into(), json!(node.name));
    }
    m.insert("data".into(), data);
    Value::Object(m)
}

/// Nested empty lists for a shape containing a zero (as `tolist()` gives: `[[], []]`
/// for `(2, 0)`, `[]` for `(0, 3)`).
fn empty_nested(shape: &[usize]) -> Value {
    // Dimensions up to and including the first zero produce structure.
    let z = shape.iter().position(|&d| d == 0).unwrap_or(0);
    let mut v = Value::Array(Vec::new());
    for &d in shape[..z].iter().rev() {
        v = Value::Array(vec![v; d]);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_special() {
        let t = Tensor::from_vec(vec![1.0f32, f32::NAN, f32::INFINITY, -2.5, 0.0, -f32::INFINITY], &[2, 3]);
        let j = tensor_json(&t);
        assert_eq!(
            j,
            json!({"type":"tensor","shape":[2,3],"dtype":"float32","device":"cpu","requires_grad":false,
                   "data":[[1.0,"nan","inf"],[-2.5,0.0,"-inf"]]})
        );
        let b = Tensor::from_vec(vec![true, false], &[2]);
        assert_eq!(tensor_json(&b)["data"], json!([true, false]));
        let s = Tensor::from_vec(vec![7i64], &[]);
        assert_eq!(tensor_json(&s)["data"], json!(7));
        let c = Tensor::from_vec(vec![crate::tensor::dtype::C64::new(1.0, -2.0)], &[1]);
        assert_eq!(tensor_json(&c)["data"], json!([[1.0, -2.0]]));
        let e = Tensor::from_vec(Vec::<f32>::new(), &[2, 0]);
        assert_eq!(tensor_json(&e)["data"], json!([[], []]));
        let e = Tensor::from_vec(Vec::<f32>::new(), &[0, 3]);
        assert_eq!(tensor_json(&e)["data"], json!([]));
        assert_eq!(float_json(0.1), json!(0.1));
    }
}
