//! Runtime values: Python scalars and containers, tensors, dtypes, devices, functions,
//! namespaces. Cloning a `Value` is cheap (handles are `Rc`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::syntax::ast::FunctionDef;
use crate::tensor::dtype::C128;
use crate::tensor::{DType, Device, Tensor};

use super::args::Args;
use super::scope::Scope;
use super::Interp;

/// A native function: receives the interpreter and its (already bound) arguments.
pub type NativeFn = fn(&mut Interp, Args) -> Result<Value>;

#[derive(Clone)]
pub struct Builtin {
    pub name: &'static str,
    /// Qualified name for reprs (`torch.matmul`); None for Python builtins.
    pub qual: Option<&'static str>,
    pub f: NativeFn,
    /// The receiver of a bound method (`x.sum` binds x); prepended to the arguments.
    pub bound: Option<Value>,
}

/// A user function (`def` or `lambda`) with the scope it closes over.
pub struct Function {
    pub def: Rc<FunctionDef>,
    pub defaults: Vec<Option<Value>>,
    pub closure: Option<Rc<RefCell<Scope>>>,
    pub is_lambda: bool,
    /// The source the function was defined in (for error locations).
    pub src: Rc<super::SourceInfo>,
}

/// A namespace object (`torch`, `torch.nn`, `math`, …): attribute lookup goes through `get`.
pub struct Namespace {
    pub name: &'static str,
    pub get: fn(&str) -> Option<Value>,
}

/// `torch.return_types.max(values=…, indices=…)` and similar.
pub struct NamedTuple {
    pub type_name: &'static str,
    pub fields: Vec<&'static str>,
    pub values: Vec<Value>,
}

/// An instance of a type object tsr knows (for `type(x)`, `isinstance`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeObj {
    NoneType,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Tensor,
    DType,
    Device,
    Size,
    Function,
    BuiltinFunction,
    Module,
    NamedTuple,
    Exception(ExcKind),
    Type,
    Object,
    Generator,
}

impl TypeObj {
    pub fn name(self) -> &'static str {
        match self {
            TypeObj::NoneType => "NoneType",
            TypeObj::Bool => "bool",
            TypeObj::Int => "int",
            TypeObj::Float => "float",
            TypeObj::Complex => "complex",
            TypeObj::Str => "str",
            TypeObj::List => "list",
            TypeObj::Tuple => "tuple",
            TypeObj::Dict => "dict",
            TypeObj::Range => "range",
            TypeObj::Slice => "slice",
            TypeObj::Tensor => "Tensor",
            TypeObj::DType => "dtype",
            TypeObj::Device => "device",
            TypeObj::Size => "Size",
            TypeObj::Function => "function",
            TypeObj::BuiltinFunction => "builtin_function_or_method",
            TypeObj::Module => "module",
            TypeObj::NamedTuple => "tuple",
            TypeObj::Exception(k) => k.name(),
            TypeObj::Type => "type",
            TypeObj::Object => "object",
            TypeObj::Generator => "Generator",
        }
    }
    /// `<class 'torch.Tensor'>` as `print(type(x))` shows it.
    pub fn repr(self) -> String {
        let q = match self {
            TypeObj::Tensor => "torch.Tensor",
            TypeObj::DType => "torch.dtype",
            TypeObj::Device => "torch.device",
            TypeObj::Size => "torch.Size",
            TypeObj::Generator => "torch._C.Generator",
            other => other.name(),
        };
        format!("<class '{q}'>")
    }
}

/// A Python exception object (`except E as e`, `raise ValueError("…")`).
pub struct ExcValue {
    pub kind: ExcKind,
    pub msg: String,
}

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// A Python int that does not fit an i64 (see `bigint`).
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    Complex(C128),
    Str(Rc<str>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    /// Insertion-ordered dict (linear lookup: dicts here are small).
    Dict(Rc<RefCell<Vec<(Value, Value)>>>),
    Range { start: i64, stop: i64, step: i64 },
    Slice(Rc<(Value, Value, Value)>),
    Ellipsis,
    Tensor(Tensor),
    DType(DType),
    Device(Device),
    Size(Rc<[usize]>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    Namespace(Rc<Namespace>),
    NamedTuple(Rc<NamedTuple>),
    Type(TypeObj),
    Exception(Rc<ExcValue>),
    Generator(Rc<RefCell<crate::tensor::ops::random::Generator>>),
    /// Objects defined outside this module (nn modules, optimizers, context managers…):
    /// the `object` module gives their behaviour.
    Object(Rc<dyn super::object::Object>),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(v)))
    }

    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(v))
    }

    pub fn type_of(&self) -> TypeObj {
        match self {
            Value::None => TypeObj::NoneType,
            Value::Bool(_) => TypeObj::Bool,
            Value::Int(_) | Value::BigInt(_) => TypeObj::Int,
            Value::Float(_) => TypeObj::Float,
            Value::Complex(_) => TypeObj::Complex,
            Value::Str(_) => TypeObj::Str,
            Value::List(_) => TypeObj::List,
            Value::Tuple(_) => TypeObj::Tuple,
            Value::Dict(_) => TypeObj::Dict,
            Value::Range { .. } => TypeObj::Range,
            Value::Slice(_) => TypeObj::Slice,
            Value::Ellipsis => TypeObj::Object,
            Value::Tensor(_) => TypeObj::Tensor,
            Value::DType(_) => TypeObj::DType,
            Value::Device(_) => TypeObj::Device,
            Value::Size(_) => TypeObj::Size,
            Value::Function(_) => TypeObj::Function,
            Value::Builtin(_) => TypeObj::BuiltinFunction,
            Value::Namespace(_) => TypeObj::Module,
            Value::NamedTuple(_) => TypeObj::NamedTuple,
            Value::Type(_) => TypeObj::Type,
            Value::Exception(e) => TypeObj::Exception(e.kind),
            Value::Generator(_) => TypeObj::Generator,
            Value::Object(_) => TypeObj::Object,
        }
    }

    /// The type name used in error messages (`'Tensor' object has no attribute …`).
    pub fn type_name(&self) -> String {
        match self {
            Value::Object(o) => o.type_name().to_string(),
            Value::NamedTuple(n) => n.type_name.rsplit('.').next().unwrap_or("tuple").to_string(),
            Value::Ellipsis => "ellipsis".into(),
            v => v.type_of().name().to_string(),
        }
    }

    /// Python truthiness; tensors follow PyTorch (one element, else the ambiguity error).
    pub fn truthy(&self) -> Result<bool> {
        Ok(match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
            Value::Size(s) => !s.is_empty(),
            Value::NamedTuple(n) => !n.values.is_empty(),
            Value::Tensor(t) => {
                let n = t.numel();
                if n == 0 {
                    return Err(Error::runtime("Boolean value of Tensor with no values is ambiguous"));
                }
                if n > 1 {
                    return Err(Error::runtime(
                        "Boolean value of Tensor with more than one value is ambiguous",
                    ));
                }
                t.item()?.to_bool()
            }
            Value::Object(o) => return o.truthy().unwrap_or(Ok(true)),
            _ => true,
        })
    }

    pub fn as_tensor(&self) -> Option<&Tensor> {
        if let Value::Tensor(t) = self { Some(t) } else { None }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
}

/// Number of elements of `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 {
        if stop > start { ((stop as i128 - start as i128 + step as i128 - 1) / step as i128) as i64 } else { 0 }
    } else if start > stop {
        ((start as i128 - stop as i128 - step as i128 - 1) / (-(step as i128))) as i64
    } else {
        0
    }
}

impl From<Tensor> for Value {
    fn from(t: Tensor) -> Value {
        Value::Tensor(t)
    }
}
