//! Call arguments and the one argument binder used by every native function, plus the
//! conversions from `Value` to the Rust types the tensor layer takes.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::tensor::layout::Shape;
use crate::tensor::{DType, Device, Scalar, Tensor};

use super::value::Value;

/// Positional and keyword arguments of one call.
#[derive(Default, Clone)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(pos: Vec<Value>) -> Args {
        Args { pos, kw: Vec::new() }
    }

    /// Removes and returns keyword `name` if present.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Binds to parameter `names` (positional order; `a|b` gives an alias). Missing ones
    /// are `None`. Extra positionals or unknown keywords raise Python's TypeError.
    pub fn bind<const N: usize>(self, fname: &str, names: [&str; N]) -> Result<[Option<Value>; N]> {
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        if self.pos.len() > N {
            return Err(Error::type_err(format!(
                "{fname}() takes at most {N} argument{} ({} given)",
                if N == 1 { "" } else { "s" },
                self.pos.len()
            )));
        }
        for (i, v) in self.pos.into_iter().enumerate() {
            out[i] = Some(v);
        }
        for (k, v) in self.kw {
            let idx = names.iter().position(|n| n.split('|').any(|a| a == &*k));
            match idx {
                Some(i) => {
                    if out[i].is_some() {
                        return Err(Error::type_err(format!(
                            "{fname}() got multiple values for argument '{k}'"
                        )));
                    }
                    out[i] = Some(v);
                }
                None => {
                    return Err(Error::type_err(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        Ok(out)
    }

    /// Ensures no arguments are left (for functions without parameters).
    pub fn none(self, fname: &str) -> Result<()> {
        self.bind::<0>(fname, []).map(|_| ())
    }
}

/// Requires a bound argument.
pub fn req(v: Option<Value>, fname: &str, pname: &str) -> Result<Value> {
    v.ok_or_else(|| {
        Error::type_err(format!("{fname}() missing 1 required positional argument: '{pname}'"))
    })
}

pub fn to_i64(v: &Value, what: &str) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Tensor(t) if t.numel() == 1 && !t.dtype().is_floating_point() && !t.dtype().is_complex() => {
            Ok(t.item()?.to_i64())
        }
        Value::Object(o) if matches!(o.as_scalar(), Some(Scalar::Int(_) | Scalar::Bool(_))) => {
            Ok(o.as_scalar().map_or(0, |s| s.to_i64()))
        }
        Value::BigInt(_) => Err(long_overflow()),
        other => Err(Error::type_err(format!(
            "{what} must be int, not {}",
            other.type_name()
        ))),
    }
}

pub fn opt_i64(v: Option<Value>, what: &str) -> Result<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_i64(&v, what).map(Some),
    }
}

pub fn to_f64(v: &Value, what: &str) -> Result<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::BigInt(b) => super::bigint::to_f64(b),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::Tensor(t) if t.numel() == 1 => Ok(t.item()?.to_f64()),
        Value::Object(o) if matches!(o.as_scalar(), Some(s) if !matches!(s, Scalar::Complex(_))) => {
            Ok(o.as_scalar().map_or(0.0, |s| s.to_f64()))
        }
        other => Err(Error::type_err(format!(
            "{what} must be a real number, not {}",
            other.type_name()
        ))),
    }
}

pub fn opt_f64(v: Option<Value>, what: &str) -> Result<Option<f64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_f64(&v, what).map(Some),
    }
}

pub fn to_bool(v: &Value) -> Result<bool> {
    v.truthy()
}

pub fn opt_bool(v: Option<Value>, default: bool) -> Result<bool> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => v.truthy(),
    }
}

/// A Python number as a `Scalar`.
pub fn to_scalar(v: &Value) -> Option<Scalar> {
    Some(match v {
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => Scalar::Int(*i),
        Value::Float(f) => Scalar::Float(*f),
        Value::Complex(c) => Scalar::Complex(*c),
        Value::Object(o) => return o.as_scalar(),
        _ => return None,
    })
}

pub fn scalar_value(s: Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Int(i),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Complex(c) => Value::Complex(c),
    }
}

/// PyTorch's error for a Python int beyond int64 where its argument parser wants one.
pub fn long_overflow() -> Error {
    Error::value("Overflow when unpacking long long")
}

/// A tensor, or a Python number as a wrapped-number tensor.
pub fn to_tensor(v: &Value, what: &str) -> Result<Tensor> {
    match v {
        Value::Tensor(t) => Ok(t.clone()),
        Value::BigInt(_) => Err(Error::new(crate::error::ExcKind::OverflowError, "int too big to convert")),
        other => match to_scalar(other) {
            Some(s) => Ok(Tensor::wrapped(s)),
            None => Err(Error::type_err(format!(
                "{what} must be Tensor, not {}",
                other.type_name()
            ))),
        },
    }
}

pub fn to_dtype(v: &Value) -> Result<DType> {
    match v {
        Value::DType(d) => Ok(*d),
        Value::Type(super::value::TypeObj::Float) => Ok(DType::F64),
        Value::Type(super::value::TypeObj::Int) => Ok(DType::I64),
        Value::Type(super::value::TypeObj::Bool) => Ok(DType::Bool),
        Value::Str(s) => {
            let name = s.trim_start_matches("torch.");
            DType::from_name(name).ok_or_else(|| Error::type_err(format!("invalid dtype '{s}'")))
        }
        other => Err(Error::type_err(format!(
            "dtype must be torch.dtype, not {}",
            other.type_name()
        ))),
    }
}

pub fn opt_dtype(v: Option<Value>) -> Result<Option<DType>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_dtype(&v).map(Some),
    }
}

/// Parses a device string or value (`'cpu'`, `'cuda'`, `'cuda:1'`, `torch.device(…)`).
pub fn to_device(v: &Value) -> Result<Device> {
    match v {
        Value::Device(d) => Ok(*d),
        Value::Str(s) => parse_device(s),
        Value::Int(i) if *i >= 0 => Ok(Device::Cuda(*i as usize)),
        other => Err(Error::type_err(format!(
            "device must be a str or torch.device, not {}",
            other.type_name()
        ))),
    }
}

pub fn parse_device(s: &str) -> Result<Device> {
    let (kind, idx) = match s.split_once(':') {
        Some((k, i)) => (k, Some(i)),
        None => (s, None),
    };
    let index = match idx {
        None => None,
        Some(i) => Some(i.parse::<usize>().map_err(|_| {
            Error::runtime(format!("Invalid device string: '{s}'"))
        })?),
    };
    match kind {
        "cpu" => Ok(Device::Cpu),
        "cuda" => Ok(Device::Cuda(index.unwrap_or(0))),
        "mps" | "xla" | "meta" | "xpu" | "hip" => {
            Err(Error::not_impl(format!("device type '{kind}' is not supported by tsr")))
        }
        _ => Err(Error::runtime(format!(
            "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: {s}"
        ))),
    }
}

/// Items of a list/tuple/Size (not tensors) as a Vec.
pub fn seq_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Size(s) => Some(s.iter().map(|&d| Value::Int(d as i64)).collect()),
        _ => None,
    }
}

/// A list of ints (`dim=(0, 1)`, `view(2, -1)` parts).
pub fn to_i64_list(v: &Value, what: &str) -> Result<Vec<i64>> {
    match seq_items(v) {
        Some(items) => items.iter().map(|x| to_i64(x, what)).collect(),
        None => Ok(vec![to_i64(v, what)?]),
    }
}

/// Sizes given either as varargs `(2, 3)` or one sequence `((2, 3))` / `torch.Size`.
pub fn sizes_from(pos: &[Value], what: &str) -> Result<Vec<i64>> {
    let one = |(k, x): (usize, &Value)| match x {
        Value::BigInt(_) => Err(Error::type_err(format!(
            "argument '{what}' failed to unpack the object at pos {} with error \"Overflow when unpacking long long\"",
            k + 1
        ))),
        x => to_i64(x, what),
    };
    if pos.len() == 1 {
        if let Some(items) = seq_items(&pos[0]) {
            return items.iter().enumerate().map(one).collect();
        }
    }
    pos.iter().enumerate().map(one).collect()
}

/// A shape of non-negative sizes with PyTorch's error for negatives.
pub fn to_shape(sizes: &[i64]) -> Result<Shape> {
    sizes
        .iter()
        .map(|&d| {
            if d < 0 {
                Err(Error::runtime(format!(
                    "Trying to create tensor with negative dimension {d}: [{}]",
                    sizes.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
                )))
            } else {
                Ok(d as usize)
            }
        })
        .collect()
}

/// `dim` argument: None, an int, or a tuple/list of ints.
pub fn opt_dims(v: Option<Value>) -> Result<Option<Vec<i64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_i64_list(&v, "dim").map(Some),
    }
}
