//! A small NumPy: `import numpy as np` gives arrays over tsr tensors (sharing memory with
//! `torch.from_numpy` / `Tensor.numpy()`), NumPy's default dtypes (`np.array([1.5])` is
//! float64, `np.arange(3)` int64), its printing, and `.npy`/`.npz` files through
//! `np.save`, `np.load`, `np.savez`, `np.savez_compressed`. Anything else of NumPy raises
//! `NotImplementedError` naming it.

pub mod array;
pub mod repr;

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::eval::args::{req, to_f64, to_i64, to_scalar, Args};
use crate::eval::builtins::{method, native};
use crate::eval::object::Object;
use crate::eval::value::{NativeFn, TypeObj, Value};
use crate::eval::Interp;
use crate::help::HelpEntry;
use crate::tensor::{DType, Scalar, Tensor};

pub use array::{as_ndarray, NdArray};

/// `import numpy`.
pub fn module(name: &str) -> Option<Value> {
    (name == "numpy").then(|| Value::Object(Rc::new(NpModule)))
}

/// The `numpy` module object.
struct NpModule;

impl Object for NpModule {
    fn type_name(&self) -> &str {
        "module"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        "<module 'numpy'>".into()
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        match np_attr(name) {
            Some(v) => Ok(Some(v)),
            None if name.starts_with("__") => Ok(None),
            None => Err(Error::not_impl(format!("numpy.{name} is not supported by tsr"))),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The numpy functions tsr provides (constants and dtypes aside).
pub const NAMES: &[&str] = &[
    "array", "asarray", "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "arange", "linspace", "eye",
    "dtype", "save", "load", "savez", "savez_compressed",
];

/// A member of the numpy module (for the help system's name checks).
pub fn attr(name: &str) -> Option<Value> {
    np_attr(name)
}

fn np_attr(name: &str) -> Option<Value> {
    if let Some(d) = dtype_named(name) {
        return Some(dtype_value(d, true));
    }
    let f: NativeFn = match name {
        "pi" => return Some(Value::Float(std::f64::consts::PI)),
        "e" => return Some(Value::Float(std::f64::consts::E)),
        "inf" => return Some(Value::Float(f64::INFINITY)),
        "nan" => return Some(Value::Float(f64::NAN)),
        "newaxis" => return Some(Value::None),
        "__version__" => return Some(Value::str("2.4.6")),
        "array" => np_array,
        "asarray" => np_asarray,
        "zeros" => |_, a| filled(a, "zeros", Some(Scalar::Int(0))),
        "ones" => |_, a| filled(a, "ones", Some(Scalar::Int(1))),
        "empty" => |_, a| filled(a, "empty", Some(Scalar::Int(0))),
        "full" => |_, a| filled(a, "full", None),
        "zeros_like" => |i, a| like(i, a, "zeros_like", 0),
        "ones_like" => |i, a| like(i, a, "ones_like", 1),
        "arange" => np_arange,
        "linspace" => np_linspace,
        "eye" => np_eye,
        "dtype" => |_, a| {
            let [d] = a.bind("dtype", ["dtype"])?;
            Ok(dtype_value(to_np_dtype(&req(d, "dtype", "dtype")?)?, false))
        },
        "save" => np_save,
        "load" => np_load,
        "savez" => |i, a| np_savez(i, a, false),
        "savez_compressed" => |i, a| np_savez(i, a, true),
        _ => return None,
    };
    let name: &'static str = HELP.iter().find(|h| h.name.strip_prefix("np.") == Some(name)).map_or("numpy", |h| &h.name[3..]);
    Some(native(name, f))
}

// ------------------------------------------------------------------ dtypes

/// NumPy's dtype names tsr has storage for (`float32`, `f4`, `<f4`, `int`, `bool_`…).
fn dtype_named(name: &str) -> Option<DType> {
    let n = name.trim_start_matches(['<', '=', '|']);
    Some(match n {
        "bool" | "bool_" | "?" | "b1" => DType::Bool,
        "uint8" | "u1" | "B" | "ubyte" => DType::U8,
        "int8" | "i1" | "b" | "byte" => DType::I8,
        "int16" | "i2" | "h" | "short" => DType::I16,
        "int32" | "i4" | "i" | "intc" => DType::I32,
        "int64" | "i8" | "l" | "q" | "int_" | "long" | "longlong" | "intp" => DType::I64,
        "float16" | "f2" | "e" | "half" => DType::F16,
        "float32" | "f4" | "f" | "single" => DType::F32,
        "float64" | "f8" | "d" | "double" | "float" => DType::F64,
        "complex64" | "c8" | "F" | "csingle" => DType::C64,
        _ => return None,
    })
}

/// A `dtype` argument: np.float32, np.dtype('float32'), 'float32', float, int, bool.
pub fn to_np_dtype(v: &Value) -> Result<DType> {
    if let Value::Object(o) = v {
        if let Some(d) = o.as_any().downcast_ref::<NpDType>() {
            return Ok(d.dtype);
        }
    }
    match v {
        Value::Type(TypeObj::Float) => Ok(DType::F64),
        Value::Type(TypeObj::Int) => Ok(DType::I64),
        Value::Type(TypeObj::Bool) => Ok(DType::Bool),
        Value::Type(TypeObj::Complex) => Err(Error::not_impl("numpy complex128 arrays are not supported by tsr (use dtype=np.complex64)")),
        Value::Str(s) => dtype_named(s).ok_or_else(|| match &**s {
            "uint16" | "uint32" | "uint64" | "u2" | "u4" | "u8" | "complex128" | "complex" | "c16" | "longdouble" | "float128" | "object" | "str" => {
                Error::not_impl(format!("numpy dtype '{s}' is not supported by tsr"))
            }
            _ => Error::type_err(format!("data type '{s}' not understood")),
        }),
        Value::DType(d) => Err(Error::type_err(format!("Cannot interpret '{d}' as a data type"))),
        other => Err(Error::type_err(format!("Cannot interpret '{}' as a data type", other.type_name()))),
    }
}

fn opt_dtype(v: Option<Value>) -> Result<Option<DType>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_np_dtype(&v).map(Some),
    }
}

/// `np.float32` (a scalar type, `is_type`) or `np.dtype('float32')` (a dtype instance).
pub struct NpDType {
    pub dtype: DType,
    pub is_type: bool,
}

/// The value for a dtype object or scalar type.
pub fn dtype_value(d: DType, is_type: bool) -> Value {
    Value::Object(Rc::new(NpDType { dtype: d, is_type }))
}

impl Object for NpDType {
    fn type_name(&self) -> &str {
        if self.is_type { "type" } else { "numpy.dtype" }
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        let n = repr::dtype_name(self.dtype);
        if self.is_type { format!("<class 'numpy.{n}'>") } else { format!("dtype('{n}')") }
    }
    fn str(&self, interp: &mut Interp) -> String {
        if self.is_type { self.repr(interp) } else { repr::dtype_name(self.dtype).to_string() }
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let d = self.dtype;
        Ok(Some(match name {
            "name" => Value::str(repr::dtype_name(d)),
            "itemsize" => Value::Int(d.itemsize() as i64),
            "str" => Value::str(crate::io::npy::descr(d).unwrap_or("")),
            "kind" => Value::str(match d.category() {
                crate::tensor::dtype::Category::Bool => "b",
                crate::tensor::dtype::Category::Integral if d == DType::U8 => "u",
                crate::tensor::dtype::Category::Integral => "i",
                crate::tensor::dtype::Category::Floating => "f",
                crate::tensor::dtype::Category::Complex => "c",
            }),
            "type" => dtype_value(d, true),
            _ => return Ok(None),
        }))
    }
    fn call(&self, interp: &mut Interp, args: Args) -> Result<Value> {
        if !self.is_type {
            return Err(Error::type_err("'numpy.dtype' object is not callable"));
        }
        let [x] = args.bind(repr::dtype_name(self.dtype), ["x"])?;
        let x = x.unwrap_or(Value::Int(0));
        let t = to_array(interp, &x, Some(self.dtype), true)?;
        Ok(if t.ndim() == 0 { array::scalar(t) } else { array::array(t) })
    }
    fn compare(&self, _interp: &mut Interp, op: crate::syntax::ast::CmpOp, other: &Value) -> Result<Option<Value>> {
        use crate::syntax::ast::CmpOp;
        let eq = match other {
            Value::Object(o) => match o.as_any().downcast_ref::<NpDType>() {
                Some(d) => d.dtype == self.dtype,
                None => false,
            },
            Value::Str(s) => dtype_named(s) == Some(self.dtype),
            Value::Type(_) => to_np_dtype(other).ok() == Some(self.dtype),
            _ => false,
        };
        Ok(match op {
            CmpOp::Eq => Some(Value::Bool(eq)),
            CmpOp::NotEq => Some(Value::Bool(!eq)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

// ------------------------------------------------------------------ conversions

/// `numpy()` of a tensor: an array sharing its memory, with PyTorch's checks.
pub fn tensor_to_numpy(t: &Tensor, force: bool) -> Result<Value> {
    if let crate::tensor::Device::Cuda(i) = t.device() {
        if !force {
            return Err(Error::type_err(format!(
                "can't convert cuda:{i} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first."
            )));
        }
    }
    if t.requires_grad() && !force {
        return Err(Error::runtime("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."));
    }
    if crate::io::npy::descr(t.dtype()).is_none() {
        return Err(Error::type_err(format!("Got unsupported ScalarType {}", crate::io::npy::scalar_type_name(t.dtype()))));
    }
    Ok(array::array(t.with_layout(t.layout())))
}

/// `torch.from_numpy(a)`: a tensor sharing the array's memory.
pub fn from_numpy(v: &Value) -> Result<Tensor> {
    match as_ndarray(v) {
        Some(a) if !a.scalar => Ok(a.t.with_layout(a.t.layout())),
        _ => Err(Error::type_err(format!("expected np.ndarray (got {})", v.type_name()))),
    }
}

/// The tensor behind an ndarray value (for `torch.tensor(a)`, `torch.as_tensor(a)`).
pub fn array_tensor(v: &Value) -> Option<Tensor> {
    as_ndarray(v).map(|a| a.t.clone())
}

/// NumPy's dtype for a nested list of Python numbers and arrays.
fn infer_dtype(v: &Value) -> Result<DType> {
    let mut kind = None::<DType>;
    let mut arrays = None::<DType>;
    let mut stack = vec![v.clone()];
    while let Some(x) = stack.pop() {
        match &x {
            Value::List(l) => stack.extend(l.borrow().iter().cloned()),
            Value::Tuple(t) => stack.extend(t.iter().cloned()),
            Value::Tensor(t) => arrays = Some(arrays.map_or(Some(t.dtype()), |d| array::promote(d, t.dtype())).ok_or_else(c128)?),
            other => {
                if let Some(a) = as_ndarray(other) {
                    arrays = Some(arrays.map_or(Some(a.t.dtype()), |d| array::promote(d, a.t.dtype())).ok_or_else(c128)?);
                } else if let Some(s) = to_scalar(other) {
                    kind = Some(kind.map_or(s.dtype(), |k| k.max(s.dtype())));
                } else {
                    return Err(Error::not_impl(format!("numpy arrays of {} objects are not supported by tsr", other.type_name())));
                }
            }
        }
    }
    match (arrays, kind) {
        (Some(a), Some(k)) => array::result_dtype(a, false, k, true),
        (Some(a), None) => Ok(a),
        (None, Some(DType::C64)) => Err(c128()),
        (None, Some(k)) => Ok(k),
        (None, None) => Ok(DType::F64),
    }
}

fn c128() -> Error {
    Error::not_impl("numpy complex128 arrays are not supported by tsr (use dtype=np.complex64)")
}

/// Replaces arrays inside nested lists with their tensors (for the tensor builder).
fn lists_with_tensors(v: &Value) -> Value {
    match v {
        Value::List(l) => Value::list(l.borrow().iter().map(lists_with_tensors).collect()),
        Value::Tuple(t) => Value::tuple(t.iter().map(lists_with_tensors).collect()),
        other => match as_ndarray(other) {
            Some(a) => Value::Tensor(a.t.clone()),
            None => other.clone(),
        },
    }
}

/// `np.array(v, dtype)` (`copy`) / `np.asarray(v, dtype)`: the array's tensor.
pub fn to_array(_interp: &mut Interp, v: &Value, dtype: Option<DType>, copy: bool) -> Result<Tensor> {
    let src = match (as_ndarray(v), v) {
        (Some(a), _) => Some(a.t.clone()),
        (None, Value::Tensor(t)) => {
            if t.requires_grad() {
                return Err(Error::runtime("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."));
            }
            if crate::io::npy::descr(t.dtype()).is_none() {
                return Err(Error::type_err(format!("Got unsupported ScalarType {}", crate::io::npy::scalar_type_name(t.dtype()))));
            }
            Some(t.clone())
        }
        _ => None,
    };
    if let Some(t) = src {
        return Ok(match dtype {
            Some(d) if d != t.dtype() => t.cast(d),
            _ if copy => t.copy_contiguous(),
            _ => t,
        });
    }
    let d = match dtype {
        Some(d) => d,
        None => infer_dtype(v)?,
    };
    crate::eval::torch::creation::tensor_from_value(&lists_with_tensors(v), Some(d))
}

/// A shape argument: an int or a sequence of ints, non-negative.
fn shape_arg(v: &Value) -> Result<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::List(_) | Value::Tuple(_) => crate::eval::args::seq_items(v)
            .unwrap_or_default()
            .iter()
            .map(|x| to_i64(x, "shape"))
            .collect::<Result<_>>()?,
        other => vec![to_i64(other, "shape").map_err(|_| {
            Error::type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))
        })?],
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

// ------------------------------------------------------------------ creation

fn np_array(i: &mut Interp, a: Args) -> Result<Value> {
    let [obj, dtype, copy] = a.bind("array", ["object", "dtype", "copy"])?;
    let obj = req(obj, "array", "object")?;
    let copy = !matches!(copy, Some(Value::Bool(false)));
    Ok(array::array(to_array(i, &obj, opt_dtype(dtype)?, copy)?))
}

fn np_asarray(i: &mut Interp, a: Args) -> Result<Value> {
    let [obj, dtype] = a.bind("asarray", ["a", "dtype"])?;
    let obj = req(obj, "asarray", "a")?;
    Ok(array::array(to_array(i, &obj, opt_dtype(dtype)?, false)?))
}

fn filled(a: Args, name: &str, value: Option<Scalar>) -> Result<Value> {
    let (shape, fill, dtype) = if value.is_none() {
        let [s, f, d] = a.bind(name, ["shape", "fill_value", "dtype"])?;
        let f = req(f, name, "fill_value")?;
        let fs = to_scalar(&f).ok_or_else(|| Error::not_impl(format!("np.full with a {} fill value", f.type_name())))?;
        let d = match opt_dtype(d)? {
            Some(d) => d,
            None if matches!(fs, Scalar::Complex(_)) => return Err(c128()),
            None => fs.dtype(),
        };
        (req(s, name, "shape")?, fs, d)
    } else {
        let [s, d] = a.bind(name, ["shape", "dtype"])?;
        (req(s, name, "shape")?, value.unwrap_or(Scalar::Int(0)), opt_dtype(d)?.unwrap_or(DType::F64))
    };
    let shape = shape_arg(&shape)?;
    Ok(array::array(crate::tensor::ops::creation::full(&shape, fill, dtype)?))
}

fn like(i: &mut Interp, a: Args, name: &str, v: i64) -> Result<Value> {
    let [x, d] = a.bind(name, ["a", "dtype"])?;
    let t = to_array(i, &req(x, name, "a")?, None, false)?;
    let d = opt_dtype(d)?.unwrap_or(t.dtype());
    Ok(array::array(crate::tensor::ops::creation::full(&t.shape(), Scalar::Int(v), d)?))
}

fn np_arange(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y, z, d] = a.bind("arange", ["start", "stop", "step", "dtype"])?;
    let num = |v: &Option<Value>| -> Result<Option<Scalar>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => to_scalar(v)
                .filter(|s| !matches!(s, Scalar::Complex(_)))
                .map(Some)
                .ok_or_else(|| Error::type_err(format!("unsupported operand type for arange: '{}'", v.type_name()))),
        }
    };
    let (x, y, z) = (num(&x)?, num(&y)?, num(&z)?);
    let (start, stop) = match (x, y) {
        (Some(s), Some(e)) => (s, e),
        (Some(e), None) => (Scalar::Int(0), e),
        _ => return Err(Error::type_err("arange() requires stop to be specified.")),
    };
    let step = z.unwrap_or(Scalar::Int(1));
    let all_int = [start, stop, step].iter().all(|s| matches!(s, Scalar::Int(_) | Scalar::Bool(_)));
    let dtype = opt_dtype(d)?.unwrap_or(if all_int { DType::I64 } else { DType::F64 });
    let (s, e, st) = (start.to_f64(), stop.to_f64(), step.to_f64());
    if st == 0.0 {
        return Err(Error::new(ExcKind::ZeroDivisionError, "division by zero"));
    }
    if !s.is_finite() || !e.is_finite() || !st.is_finite() {
        return Err(Error::value("arange: cannot compute length"));
    }
    let n = if all_int {
        let (si, ei, sti) = (start.to_i64() as i128, stop.to_i64() as i128, step.to_i64() as i128);
        let d = ei - si;
        let q = if (d > 0) == (sti > 0) && d != 0 { (d.abs() + sti.abs() - 1) / sti.abs() } else { 0 };
        q.max(0) as f64
    } else {
        ((e - s) / st).ceil().max(0.0)
    };
    let n = n as usize;
    crate::tensor::storage::check_alloc(&[n], dtype)?;
    let vals: Vec<Scalar> = if all_int {
        let (si, sti) = (start.to_i64(), step.to_i64());
        (0..n as i64).map(|i| Scalar::Int(si.wrapping_add(i.wrapping_mul(sti)))).collect()
    } else {
        (0..n).map(|i| Scalar::Float(s + i as f64 * st)).collect()
    };
    Ok(array::array(crate::tensor::ops::from_scalars(&vals, &[n], dtype)))
}

fn np_linspace(_: &mut Interp, a: Args) -> Result<Value> {
    let [s, e, num, endpoint, d] = a.bind("linspace", ["start", "stop", "num", "endpoint", "dtype"])?;
    let s = to_f64(&req(s, "linspace", "start")?, "start")?;
    let e = to_f64(&req(e, "linspace", "stop")?, "stop")?;
    let n = match num {
        None | Some(Value::None) => 50,
        Some(v) => to_i64(&v, "num")?,
    };
    if n < 0 {
        return Err(Error::value(format!("Number of samples, {n}, must be non-negative.")));
    }
    let endpoint = crate::eval::args::opt_bool(endpoint, true)?;
    let n = n as usize;
    crate::tensor::storage::check_alloc(&[n], DType::F64)?;
    let div = if endpoint { n.saturating_sub(1) } else { n };
    let step = if div > 0 { (e - s) / div as f64 } else { f64::NAN };
    let mut vals: Vec<Scalar> = (0..n).map(|i| Scalar::Float(if div > 0 { s + i as f64 * step } else { s })).collect();
    if endpoint && n > 1 {
        vals[n - 1] = Scalar::Float(e);
    }
    let dtype = opt_dtype(d)?.unwrap_or(DType::F64);
    Ok(array::array(crate::tensor::ops::from_scalars(&vals, &[n], dtype)))
}

fn np_eye(_: &mut Interp, a: Args) -> Result<Value> {
    let [n, m, d] = a.bind("eye", ["N", "M", "dtype"])?;
    let n = to_i64(&req(n, "eye", "N")?, "N")?;
    let m = match m {
        None | Some(Value::None) => n,
        Some(v) => to_i64(&v, "M")?,
    };
    if n < 0 || m < 0 {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let dtype = opt_dtype(d)?.unwrap_or(DType::F64);
    Ok(array::array(crate::tensor::ops::creation::eye(n as usize, Some(m as usize), dtype)?))
}

// ------------------------------------------------------------------ files

/// A file argument: a path string.
fn path_arg(v: Option<Value>, fname: &str) -> Result<String> {
    match req(v, fname, "file")? {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(Error::not_impl(format!(
            "{fname} with a {} file argument (tsr takes a path string)",
            other.type_name()
        ))),
    }
}

fn np_save(i: &mut Interp, a: Args) -> Result<Value> {
    let [file, arr, _allow_pickle, _fix] = a.bind("save", ["file", "arr", "allow_pickle", "fix_imports"])?;
    let mut path = path_arg(file, "save")?;
    if !path.ends_with(".npy") {
        path.push_str(".npy");
    }
    let t = to_array(i, &req(arr, "save", "arr")?, None, false)?;
    crate::io::write_atomic(&path, &crate::io::npy::write(&t)?)?;
    Ok(Value::None)
}

fn np_load(_: &mut Interp, a: Args) -> Result<Value> {
    let [file, mmap, allow_pickle, _fix, _enc, _max] =
        a.bind("load", ["file", "mmap_mode", "allow_pickle", "fix_imports", "encoding", "max_header_size"])?;
    let path = path_arg(file, "load")?;
    if !matches!(mmap, None | Some(Value::None)) {
        return Err(Error::not_impl("np.load(mmap_mode=…)"));
    }
    let bytes = crate::io::read_file(&path)?;
    if bytes.is_empty() {
        return Err(Error::new(ExcKind::EOFError, "No data left in file"));
    }
    if crate::io::npz::is_zip(&bytes) {
        let arrays = crate::io::npz::read(&bytes)?;
        return Ok(Value::Object(Rc::new(NpzFile { path, arrays })));
    }
    if crate::io::npy::is_npy(&bytes) {
        return Ok(array::array(crate::io::npy::read(&bytes)?));
    }
    if crate::eval::args::opt_bool(allow_pickle, false)? {
        return Err(Error::not_impl("np.load of pickled objects (tsr reads .npy and .npz files)"));
    }
    Err(Error::value(
        "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
    ))
}

fn np_savez(i: &mut Interp, mut a: Args, compress: bool) -> Result<Value> {
    let fname = if compress { "savez_compressed" } else { "savez" };
    if a.pos.is_empty() {
        let file = a.take_kw("file");
        a.pos.push(req(file, fname, "file")?);
    }
    let mut path = path_arg(Some(a.pos.remove(0)), fname)?;
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    // NumPy's order: the keyword arrays, then arr_0, arr_1, … for the positional ones.
    let mut arrays: Vec<(String, Tensor)> = Vec::new();
    for (k, v) in std::mem::take(&mut a.kw) {
        arrays.push((k.to_string(), to_array(i, &v, None, false)?));
    }
    for (k, v) in std::mem::take(&mut a.pos).into_iter().enumerate() {
        let name = format!("arr_{k}");
        if arrays.iter().any(|(n, _)| *n == name) {
            return Err(Error::value(format!("Cannot use un-named variables and keyword {name}")));
        }
        arrays.push((name, to_array(i, &v, None, false)?));
    }
    crate::io::write_atomic(&path, &crate::io::npz::write(&arrays, compress)?)?;
    Ok(Value::None)
}

/// What `np.load` returns for an `.npz` file (read eagerly; `with` closes nothing).
struct NpzFile {
    path: String,
    arrays: Vec<(String, Tensor)>,
}

impl NpzFile {
    fn get(&self, key: &Value) -> Result<Value> {
        let k = match key {
            Value::Str(s) => s.to_string(),
            other => return Err(Error::new(ExcKind::KeyError, format!("'{} is not a file in the archive'", other.type_name()))),
        };
        self.arrays
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, t)| array::array(t.clone()))
            .ok_or_else(|| Error::new(ExcKind::KeyError, format!("'{k} is not a file in the archive'")))
    }
    fn names(&self) -> Value {
        Value::list(self.arrays.iter().map(|(n, _)| Value::str(n)).collect())
    }
}

impl Object for NpzFile {
    fn type_name(&self) -> &str {
        "NpzFile"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        let keys: Vec<&str> = self.arrays.iter().map(|(n, _)| n.as_str()).collect();
        format!("NpzFile {} with keys: {}", crate::format::pyfmt::str_repr(&self.path), keys.join(", "))
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let me = Value::Object(Rc::new(NpzFile { path: self.path.clone(), arrays: self.arrays.clone() }));
        let (n, f): (&'static str, NativeFn) = match name {
            "files" => return Ok(Some(self.names())),
            "__getitem__" => ("__getitem__", |_, a| {
                let [me, k] = a.bind("__getitem__", ["self", "key"])?;
                let k = req(k, "__getitem__", "key")?;
                with_npz(Args::new(me.into_iter().collect()), |z| z.get(&k))
            }),
            "keys" => ("keys", |_, a| with_npz(a, |z| Ok(z.names()))),
            "values" => ("values", |_, a| with_npz(a, |z| Ok(Value::list(z.arrays.iter().map(|(_, t)| array::array(t.clone())).collect())))),
            "items" => ("items", |_, a| {
                with_npz(a, |z| {
                    Ok(Value::list(z.arrays.iter().map(|(n, t)| Value::tuple(vec![Value::str(n), array::array(t.clone())])).collect()))
                })
            }),
            "close" => ("close", |_, _| Ok(Value::None)),
            _ => return Ok(None),
        };
        Ok(Some(method(n, f, &me)))
    }
    fn iter(&self, _interp: &mut Interp) -> Result<Vec<Value>> {
        Ok(self.arrays.iter().map(|(n, _)| Value::str(n)).collect())
    }
    fn enter(&self, _interp: &mut Interp) -> Result<Value> {
        Ok(Value::Object(Rc::new(NpzFile { path: self.path.clone(), arrays: self.arrays.clone() })))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn with_npz(a: Args, f: impl FnOnce(&NpzFile) -> Result<Value>) -> Result<Value> {
    match a.pos.first() {
        Some(Value::Object(o)) => match o.as_any().downcast_ref::<NpzFile>() {
            Some(z) => f(z),
            None => Err(Error::type_err("NpzFile expected")),
        },
        _ => Err(Error::type_err("NpzFile expected")),
    }
}

/// Help entries for the `np` namespace.
pub static HELP: &[HelpEntry] = &[
    HelpEntry {
        name: "np.array",
        signature: "np.array(object, dtype=None, copy=True) -> ndarray",
        summary: "A NumPy array from nested lists, numbers, arrays or tensors (NumPy's dtypes: ints are int64, floats float64).",
        example: "import numpy as np\na = np.array([[1., 2.], [3., 4.]], dtype=np.float32)\nprint(repr(a))",
    },
    HelpEntry {
        name: "np.asarray",
        signature: "np.asarray(a, dtype=None) -> ndarray",
        summary: "Like np.array, but shares memory with `a` when it already is an array (or a tensor) of that dtype.",
        example: "import numpy as np\nimport torch\nt = torch.zeros(3)\na = np.asarray(t)\na[0] = 5\nprint(t)",
    },
    HelpEntry {
        name: "np.zeros",
        signature: "np.zeros(shape, dtype=float64) -> ndarray",
        summary: "An array of zeros.",
        example: "import numpy as np\nprint(repr(np.zeros((2, 3))))",
    },
    HelpEntry {
        name: "np.ones",
        signature: "np.ones(shape, dtype=float64) -> ndarray",
        summary: "An array of ones.",
        example: "import numpy as np\nprint(repr(np.ones(3, dtype=np.int32)))",
    },
    HelpEntry {
        name: "np.empty",
        signature: "np.empty(shape, dtype=float64) -> ndarray",
        summary: "A new array (tsr fills it with zeros).",
        example: "import numpy as np\nprint(np.empty(2).shape)",
    },
    HelpEntry {
        name: "np.full",
        signature: "np.full(shape, fill_value, dtype=None) -> ndarray",
        summary: "An array filled with one value (its dtype from the value unless given).",
        example: "import numpy as np\nprint(repr(np.full((2, 2), 7)))",
    },
    HelpEntry {
        name: "np.zeros_like",
        signature: "np.zeros_like(a, dtype=None) -> ndarray",
        summary: "Zeros with the shape and dtype of `a`.",
        example: "import numpy as np\nprint(repr(np.zeros_like(np.arange(3))))",
    },
    HelpEntry {
        name: "np.ones_like",
        signature: "np.ones_like(a, dtype=None) -> ndarray",
        summary: "Ones with the shape and dtype of `a`.",
        example: "import numpy as np\nprint(repr(np.ones_like(np.arange(3.))))",
    },
    HelpEntry {
        name: "np.arange",
        signature: "np.arange([start,] stop[, step], dtype=None) -> ndarray",
        summary: "Evenly spaced values in [start, stop): int64 for integer arguments, else float64.",
        example: "import numpy as np\nprint(repr(np.arange(5)))\nprint(repr(np.arange(0, 1, 0.25)))",
    },
    HelpEntry {
        name: "np.linspace",
        signature: "np.linspace(start, stop, num=50, endpoint=True, dtype=None) -> ndarray",
        summary: "`num` evenly spaced float64 values from start to stop.",
        example: "import numpy as np\nprint(repr(np.linspace(0, 1, 5)))",
    },
    HelpEntry {
        name: "np.eye",
        signature: "np.eye(N, M=None, dtype=float64) -> ndarray",
        summary: "The identity matrix.",
        example: "import numpy as np\nprint(repr(np.eye(2)))",
    },
    HelpEntry {
        name: "np.dtype",
        signature: "np.dtype(dtype) -> dtype",
        summary: "A NumPy dtype object (`dtype('float32')`); np.float32, np.int64, … are the scalar types.",
        example: "import numpy as np\nprint(repr(np.dtype('float32')))\nprint(np.arange(3).dtype)",
    },
    HelpEntry {
        name: "np.save",
        signature: "np.save(file, arr)",
        summary: "Writes one array to a .npy file (NumPy's format; `.npy` is appended when missing). The file is written atomically.",
        example: "import numpy as np\nnp.save('help_a.npy', np.arange(3))\nprint(repr(np.load('help_a.npy')))",
    },
    HelpEntry {
        name: "np.load",
        signature: "np.load(file, allow_pickle=False) -> ndarray | NpzFile",
        summary: "Reads a .npy file (an array) or a .npz archive (a dict-like NpzFile: `data['x']`, `data.files`). Pickled object files are refused.",
        example: "import numpy as np\nnp.savez('help_b.npz', x=np.ones(2), y=np.arange(2))\nd = np.load('help_b.npz')\nprint(d.files, repr(d['y']))",
    },
    HelpEntry {
        name: "np.savez",
        signature: "np.savez(file, *arrays, **named_arrays)",
        summary: "Writes several arrays to an uncompressed .npz archive (positional ones are named arr_0, arr_1, …).",
        example: "import numpy as np\nnp.savez('help_c.npz', np.zeros(2), w=np.eye(2))\nprint(np.load('help_c.npz').files)",
    },
    HelpEntry {
        name: "np.savez_compressed",
        signature: "np.savez_compressed(file, *arrays, **named_arrays)",
        summary: "Like np.savez, with the members deflate-compressed.",
        example: "import numpy as np\nnp.savez_compressed('help_d.npz', a=np.zeros(1000))\nprint(np.load('help_d.npz')['a'].shape)",
    },
    HelpEntry {
        name: "ndarray",
        signature: "ndarray: .shape .dtype .ndim .size .T .tolist() .item() .astype(d) .reshape(…) .copy() .sum() .mean() .max() .min()",
        summary: "A NumPy array over tsr storage: indexing, assignment and arithmetic follow NumPy (its dtypes and printing); torch.from_numpy and Tensor.numpy() share its memory.",
        example: "import numpy as np\na = np.arange(6).reshape(2, 3)\nprint(a.shape, a.dtype, a.sum())\nprint(repr(a * 1.5))",
    },
];
