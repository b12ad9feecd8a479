//! `repr()`, `str()` and `format()` of values, as Python and PyTorch print them.

use crate::error::Result;
use crate::format::pyfmt::{self, FmtArg};
use crate::format::torch_repr;
use crate::tensor::Device;

use super::value::Value;
use super::Interp;

/// `repr(v)`.
pub fn repr(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => pyfmt::float_repr(*f),
        Value::Complex(c) => complex_repr(c.re, c.im),
        Value::BigInt(b) => b.to_string(),
        Value::Str(s) => pyfmt::str_repr(s),
        Value::List(l) => {
            let Some(_guard) = ReprGuard::enter(std::rc::Rc::as_ptr(l) as *const u8 as usize) else {
                return "[...]".into();
            };
            let items = l.borrow().clone();
            format!("[{}]", join_reprs(interp, &items))
        }
        Value::Tuple(t) => {
            if t.len() == 1 {
                format!("({},)", repr(interp, &t[0]))
            } else {
                format!("({})", join_reprs(interp, t))
            }
        }
        Value::Dict(d) => {
            let Some(_guard) = ReprGuard::enter(std::rc::Rc::as_ptr(d) as *const u8 as usize) else {
                return "{...}".into();
            };
            let items = d.borrow().clone();
            let parts: Vec<String> =
                items.iter().map(|(k, v)| format!("{}: {}", repr(interp, k), repr(interp, v))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Range { start, stop, step } => {
            if *step == 1 {
                format!("range({start}, {stop})")
            } else {
                format!("range({start}, {stop}, {step})")
            }
        }
        Value::Slice(s) => {
            format!("slice({}, {}, {})", repr(interp, &s.0), repr(interp, &s.1), repr(interp, &s.2))
        }
        Value::Ellipsis => "Ellipsis".into(),
        Value::Tensor(t) if t.autograd().is_parameter => format!("Parameter containing:\n{}", torch_repr::tensor_repr(t)),
        Value::Tensor(t) => torch_repr::tensor_repr(t),
        Value::DType(d) => d.to_string(),
        Value::Device(d) => match d {
            Device::Cpu => "device(type='cpu')".into(),
            Device::Cuda(i) => format!("device(type='cuda', index={i})"),
        },
        Value::Size(s) => {
            let parts: Vec<String> = s.iter().map(|d| d.to_string()).collect();
            format!("torch.Size([{}])", parts.join(", "))
        }
        Value::Function(f) => {
            let name = if f.is_lambda { "<lambda>" } else { f.def.name.as_str() };
            format!("<function {} at {:#x}>", name, std::rc::Rc::as_ptr(f) as usize)
        }
        Value::Builtin(b) => match (&b.bound, b.qual) {
            (Some(recv), _) => format!(
                "<built-in method {} of {} object at {:#x}>",
                b.name,
                recv.type_name(),
                std::rc::Rc::as_ptr(b) as usize
            ),
            (None, Some(q)) => format!("<built-in method {} of type object at {:#x}>", q.rsplit('.').next().unwrap_or(q), std::rc::Rc::as_ptr(b) as usize),
            (None, None) => format!("<built-in function {}>", b.name),
        },
        Value::Namespace(ns) => format!("<module '{}'>", ns.name),
        Value::NamedTuple(n) => {
            let fields: Vec<(&str, String)> = n
                .fields
                .iter()
                .zip(n.values.iter())
                .map(|(f, v)| (*f, repr(interp, v)))
                .collect();
            torch_repr::named_tuple_repr(n.type_name, &fields)
        }
        Value::Type(t) => t.repr(),
        Value::Exception(e) => format!("{}({})", e.kind.name(), pyfmt::str_repr(&e.msg)),
        Value::Generator(g) => format!("<torch._C.Generator object at {:#x}>", std::rc::Rc::as_ptr(g) as usize),
        Value::Object(o) => o.clone().repr(interp),
    }
}

thread_local! {
    /// Containers whose repr is in progress (Python's `Py_ReprEnter`): a list that contains
    /// itself prints as `[...]` instead of recursing forever.
    static REPR_ACTIVE: std::cell::RefCell<rustc_hash::FxHashSet<usize>> = std::cell::RefCell::new(Default::default());
}

/// Marks a container as being printed; `None` if it already is (a cycle).
struct ReprGuard(usize);

impl ReprGuard {
    fn enter(id: usize) -> Option<ReprGuard> {
        REPR_ACTIVE.with(|a| {
            let fresh = a.borrow_mut().insert(id);
            if fresh { Some(ReprGuard(id)) } else { None }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        REPR_ACTIVE.with(|a| {
            a.borrow_mut().remove(&self.0);
        })
    }
}

fn join_reprs(interp: &mut Interp, items: &[Value]) -> String {
    let parts: Vec<String> = items.iter().map(|v| repr(interp, v)).collect();
    parts.join(", ")
}

/// Python's complex repr: `(1+2j)`, `2j`, `(-0-1j)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let s = pyfmt::float_repr(x);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", fmt(im))
    } else {
        let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) { "-" } else { "+" };
        format!("({}{}{}j)", fmt(re), sign, fmt(im.abs()))
    }
}

/// `str(v)`.
pub fn str(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Exception(e) => e.msg.clone(),
        Value::Device(d) => d.to_string(),
        Value::Object(o) => o.clone().str(interp),
        _ => repr(interp, v),
    }
}

/// `format(v, spec)` / f-string fields.
pub fn format_value(interp: &mut Interp, v: &Value, spec: &str) -> Result<String> {
    // PyTorch's Tensor.__format__ formats 0-d tensors through `.item()`, spec or not.
    if let Value::Tensor(t) = v {
        if t.ndim() == 0 {
            let item = crate::eval::args::scalar_value(t.item()?);
            return format_value(interp, &item, spec);
        }
    }
    if spec.is_empty() {
        return Ok(str(interp, v));
    }
    match v {
        Value::Int(i) => pyfmt::format_spec(FmtArg::Int(*i), spec),
        Value::BigInt(b) => pyfmt::format_spec(FmtArg::BigInt(b), spec),
        Value::Bool(b) => pyfmt::format_spec(FmtArg::Bool(*b), spec),
        Value::Float(f) => pyfmt::format_spec(FmtArg::Float(*f), spec),
        Value::Str(s) => pyfmt::format_spec(FmtArg::Str(s), spec),
        Value::Tensor(t) if t.numel() == 1 && t.ndim() == 0 => {
            // PyTorch formats 0-d tensors through `.item()`.
            let s = t.item()?;
            let arg = match s {
                crate::tensor::Scalar::Bool(b) => FmtArg::Bool(b),
                crate::tensor::Scalar::Int(i) => FmtArg::Int(i),
                crate::tensor::Scalar::Float(f) => FmtArg::Float(f),
                crate::tensor::Scalar::Complex(c) => FmtArg::Float(c.re as f64),
            };
            pyfmt::format_spec(arg, spec)
        }
        other => {
            let s = str(interp, other);
            pyfmt::format_spec(FmtArg::Str(&s), spec).map_err(|_| {
                crate::error::Error::type_err(format!(
                    "unsupported format string passed to {}.__format__",
                    other.type_name()
                ))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReprGuard;

    #[test]
    fn repr_guard_detects_cycles() {
        let outer = ReprGuard::enter(1).expect("first entry");
        assert!(ReprGuard::enter(1).is_none(), "re-entering the same container is a cycle");
        assert!(ReprGuard::enter(2).is_some());
        drop(outer);
        assert!(ReprGuard::enter(1).is_some(), "leaving releases the container");
    }
}
