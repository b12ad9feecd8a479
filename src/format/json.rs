//! JSON output (`--format json`): a tensor as
//! `{"type":"tensor","shape":[..],"dtype":"float32","device":"cpu","requires_grad":false,
//! "grad_fn":null,"data":[..]}` with nested lists, non-finite floats as strings and complex
//! as `[re, im]`. Documents are [`Json`] values, whose objects keep their keys in the order
//! written (serde_json's own map sorts them), serialised on one line by [`Json::to_line`].

use serde_json::{Value, json};

/// A JSON document whose objects keep insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// Any serde_json value (objects inside it serialise in serde_json's order).
    Leaf(Value),
    /// An array of documents.
    Array(Vec<Json>),
    /// An object with ordered keys.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The document on one line, without a newline.
    pub fn to_line(&self) -> String {
        let mut out = String::new();
        // Iterative walk: an explicit stack of pending pieces (no recursion on depth).
        enum Step<'a> {
            Doc(&'a Json),
            Text(&'static str),
            Key(&'a str),
        }
        let mut stack = vec![Step::Doc(self)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Text(t) => out.push_str(t),
                Step::Key(k) => {
                    out.push_str(&Value::from(k).to_string());
                    out.push(':');
                }
                Step::Doc(Json::Leaf(v)) => out.push_str(&v.to_string()),
                Step::Doc(Json::Array(items)) => {
                    out.push('[');
                    stack.push(Step::Text("]"));
                    for (i, x) in items.iter().enumerate().rev() {
                        stack.push(Step::Doc(x));
                        if i > 0 {
                            stack.push(Step::Text(","));
                        }
                    }
                }
                Step::Doc(Json::Object(fields)) => {
                    out.push('{');
                    stack.push(Step::Text("}"));
                    for (i, (k, x)) in fields.iter().enumerate().rev() {
                        stack.push(Step::Doc(x));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(","));
                        }
                    }
                }
            }
        }
        out
    }

    /// The same document as a serde_json value (key order lost).
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.to_line()).unwrap_or(Value::Null)
    }

    /// An object from `(key, document)` pairs.
    pub fn object<K: Into<String>>(fields: Vec<(K, Json)>) -> Json {
        Json::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl From<Value> for Json {
    fn from(v: Value) -> Json {
        Json::Leaf(v)
    }
}

/// Text written by `print` of a string: `{"type":"str","value":…}`.
pub fn str_json(s: &str) -> Json {
    Json::object(vec![("type", Json::from(json!("str"))), ("value", Json::from(json!(s)))])
}

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
/// 0-d). `grad_fn` is the node's name or null.
pub fn tensor_json(t: &Tensor) -> Json {
    let shape: Vec<usize> = t.shape().to_vec();
    let vals = super::elements::printable(t).to_scalars();
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
    let ag = t.autograd();
    let grad_fn = ag.grad_fn.as_ref().map_or(Value::Null, |n| json!(n.name));
    Json::object(vec![
        ("type", json!("tensor").into()),
        ("shape", json!(shape).into()),
        ("dtype", json!(t.dtype().name()).into()),
        ("device", json!(t.device().to_string()).into()),
        ("requires_grad", json!(ag.requires_grad).into()),
        ("grad_fn", grad_fn.into()),
        ("data", data.into()),
    ])
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
            j.to_line(),
            r#"{"type":"tensor","shape":[2,3],"dtype":"float32","device":"cpu","requires_grad":false,"grad_fn":null,"data":[[1.0,"nan","inf"],[-2.5,0.0,"-inf"]]}"#
        );
        let b = Tensor::from_vec(vec![true, false], &[2]);
        assert_eq!(tensor_json(&b).to_value()["data"], json!([true, false]));
        let s = Tensor::from_vec(vec![7i64], &[]);
        assert_eq!(tensor_json(&s).to_value()["data"], json!(7));
        let c = Tensor::from_vec(vec![crate::tensor::dtype::C64::new(1.0, -2.0)], &[1]);
        assert_eq!(tensor_json(&c).to_value()["data"], json!([[1.0, -2.0]]));
        let e = Tensor::from_vec(Vec::<f32>::new(), &[2, 0]);
        assert_eq!(tensor_json(&e).to_value()["data"], json!([[], []]));
        let e = Tensor::from_vec(Vec::<f32>::new(), &[0, 3]);
        assert_eq!(tensor_json(&e).to_value()["data"], json!([]));
        assert_eq!(float_json(0.1), json!(0.1));
    }

    #[test]
    fn ordered_objects_nest() {
        let j = Json::object(vec![
            ("b", Json::Array(vec![str_json("x\"y"), Json::from(json!(1))])),
            ("a", Json::Array(vec![])),
            ("c", Json::object(Vec::<(&str, Json)>::new())),
        ]);
        assert_eq!(j.to_line(), r#"{"b":[{"type":"str","value":"x\"y"},1],"a":[],"c":{}}"#);
        assert_eq!(j.to_value()["b"][1], json!(1));
    }
}
