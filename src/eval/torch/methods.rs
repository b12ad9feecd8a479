//! Tensor attributes (`x.shape`, `x.T`, `x.grad`) and the methods that exist only on
//! tensors (`x.view`, `x.item`, `x.to`, `x.float`, …). Methods shared with `torch.fn`
//! come from `functions::lookup`, bound to the tensor.

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::dtype::Scalar;
use crate::tensor::ops::{self as tops, movement as mv};
use crate::autograd::ops as ag;
use crate::tensor::{DType, Device, Tensor};

use super::super::args::{
    opt_i64, req, scalar_value, sizes_from, to_device, to_dtype, to_shape, to_tensor, Args,
};
use super::super::value::{Builtin, NativeFn, Value};
use super::super::Interp;
use super::creation::{place, tensor_from_value};
use super::functions;

/// `x.requires_grad = flag` / `requires_grad_()` with PyTorch's checks.
pub fn set_requires_grad(t: &Tensor, flag: bool) -> Result<()> {
    if flag && !(t.dtype().is_floating_point() || t.dtype().is_complex()) {
        return Err(Error::runtime("Only Tensors of floating point and complex dtype can require gradients"));
    }
    let mut m = t.autograd_mut();
    if !m.is_leaf() && !flag {
        return Err(Error::runtime(
            "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        ));
    }
    m.requires_grad = flag;
    Ok(())
}

fn size_value(t: &Tensor) -> Value {
    Value::Size(Rc::from(t.shape().as_slice()))
}

/// The tensor attributes `tensor_attr` resolves itself (its `match` arms); the methods are
/// `method_names()` and the shared functions (`functions::names()`).
pub const ATTR_NAMES: &[&str] = &[
    "shape", "dtype", "device", "ndim", "is_cuda", "is_leaf", "requires_grad", "grad", "grad_fn", "data",
    "itemsize", "nbytes", "T", "mT", "H", "mH", "real", "imag",
];

/// `x.name` for a tensor: a property value, or a bound method.
pub fn tensor_attr(_interp: &mut Interp, t: &Tensor, name: &str) -> Result<Option<Value>> {
    let v = Value::Tensor(t.clone());
    Ok(Some(match name {
        "shape" => size_value(t),
        "dtype" => Value::DType(t.dtype()),
        "device" => Value::Device(t.device()),
        "ndim" => Value::Int(t.ndim() as i64),
        "is_cuda" => Value::Bool(matches!(t.device(), Device::Cuda(_))),
        "is_leaf" => Value::Bool(t.autograd().is_leaf()),
        "requires_grad" => Value::Bool(t.requires_grad()),
        "grad" => t.autograd().grad.clone().map(Value::Tensor).unwrap_or(Value::None),
        "grad_fn" => match &t.autograd().grad_fn {
            Some(n) => Value::Object(std::rc::Rc::new(super::GradFnObj(n.clone()))),
            None => Value::None,
        },
        "data" => Value::Tensor(t.with_layout(t.layout())),
        "itemsize" => Value::Int(t.dtype().itemsize() as i64),
        "nbytes" => Value::Int((t.dtype().itemsize() * t.numel()) as i64),
        "T" => {
            let n = t.ndim() as i64;
            let dims: Vec<i64> = (0..n).rev().collect();
            Value::Tensor(ag::permute(t, &dims)?)
        }
        "mT" | "H" | "mH" => {
            let out = mv::mt(t)?;
            Value::Tensor(if ag::track(&[t]) { ag::transpose(t, -2, -1)? } else { out })
        }
        "real" => Value::Tensor(crate::tensor::ops::unary::unary(crate::tensor::ops::unary::UnaryOp::Real, t)?),
        "imag" => Value::Tensor(crate::tensor::ops::unary::unary(crate::tensor::ops::unary::UnaryOp::Imag, t)?),
        _ => {
            if let Some(f) = method_only(name) {
                return Ok(Some(Value::Builtin(Rc::new(Builtin { name: f.0, qual: None, f: f.1, bound: Some(v) }))));
            }
            match functions::lookup(name) {
                Some((n, f)) => Value::Builtin(Rc::new(Builtin { name: n, qual: None, f, bound: Some(v) })),
                None => return Ok(None),
            }
        }
    }))
}

/// `x.name = value`.
pub fn set_tensor_attr(_interp: &mut Interp, t: &Tensor, name: &str, v: Value) -> Result<()> {
    match name {
        "requires_grad" => set_requires_grad(t, v.truthy()?),
        "grad" => {
            let g = match v {
                Value::None => None,
                Value::Tensor(g) => {
                    if g.shape() != t.shape() {
                        return Err(Error::runtime("assigned grad has data of a different size"));
                    }
                    if g.dtype() != t.dtype() {
                        return Err(Error::runtime("assigned grad has data of a different type"));
                    }
                    Some(g)
                }
                other => {
                    return Err(Error::type_err(format!(
                        "assigned grad expected to be a Tensor or None but got grad of type {}",
                        other.type_name()
                    )));
                }
            };
            t.autograd_mut().grad = g;
            Ok(())
        }
        "data" => match v {
            Value::Tensor(src) => {
                let view = src.view().clone();
                t.set_view(view);
                Ok(())
            }
            other => Err(Error::type_err(format!("Variable data has to be a tensor, but got {}", other.type_name()))),
        },
        _ => Err(Error::new(
            ExcKind::AttributeError,
            format!("'Tensor' object has no attribute '{name}'"),
        )),
    }
}

fn this(a: &mut Args, fname: &str) -> Result<Tensor> {
    if a.pos.is_empty() {
        return Err(Error::type_err(format!("{fname}() missing self")));
    }
    to_tensor(&a.pos.remove(0), "self")
}

fn cast_method(a: Args, fname: &str, d: DType) -> Result<Value> {
    let mut a = a;
    a.take_kw("memory_format");
    let t = this(&mut a, fname)?;
    a.none(fname)?;
    Ok(Value::Tensor(ag::to_copy(&t, d)?))
}

macro_rules! cast_fns {
    ($( $name:literal $f:ident => $d:ident; )*) => {
        $( fn $f(_: &mut Interp, a: Args) -> Result<Value> { cast_method(a, $name, DType::$d) } )*
        const CASTS: &[(&str, NativeFn)] = &[ $( ($name, $f as NativeFn), )* ];
    };
}

cast_fns! {
    "float" m_float => F32;
    "double" m_double => F64;
    "half" m_half => F16;
    "bfloat16" m_bfloat16 => BF16;
    "int" m_int => I32;
    "long" m_long => I64;
    "short" m_short => I16;
    "char" m_char => I8;
    "byte" m_byte => U8;
    "bool" m_bool => Bool;
    "cfloat" m_cfloat => C64;
    "cdouble" m_cdouble => C128;
}

fn m_size(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "size")?;
    let [d] = a.bind("size", ["dim"])?;
    match opt_i64(d, "dim")? {
        None => Ok(size_value(&t)),
        Some(d) => {
            let i = crate::tensor::layout::normalize_dim(d, t.ndim())?;
            Ok(Value::Int(t.shape().get(i).copied().unwrap_or(1) as i64))
        }
    }
}

fn m_stride(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "stride")?;
    let [d] = a.bind("stride", ["dim"])?;
    let s = t.strides();
    match opt_i64(d, "dim")? {
        None => Ok(Value::tuple(s.iter().map(|&x| Value::Int(x as i64)).collect())),
        Some(d) => {
            let i = crate::tensor::layout::normalize_dim(d, t.ndim())?;
            Ok(Value::Int(s.get(i).copied().unwrap_or(1) as i64))
        }
    }
}

fn simple(name: &'static str, f: fn(&Tensor) -> Result<Value>) -> impl Fn(Args) -> Result<Value> {
    move |mut a: Args| {
        let t = this(&mut a, name)?;
        a.none(name)?;
        f(&t)
    }
}

fn m_dim(_: &mut Interp, a: Args) -> Result<Value> {
    simple("dim", |t| Ok(Value::Int(t.ndim() as i64)))(a)
}
fn m_numel(_: &mut Interp, a: Args) -> Result<Value> {
    simple("numel", |t| Ok(Value::Int(t.numel() as i64)))(a)
}
fn m_element_size(_: &mut Interp, a: Args) -> Result<Value> {
    simple("element_size", |t| Ok(Value::Int(t.dtype().itemsize() as i64)))(a)
}
fn m_storage_offset(_: &mut Interp, a: Args) -> Result<Value> {
    simple("storage_offset", |t| Ok(Value::Int(t.offset() as i64)))(a)
}
fn m_data_ptr(_: &mut Interp, a: Args) -> Result<Value> {
    simple("data_ptr", |t| Ok(Value::Int(t.data_ptr() as i64)))(a)
}
fn m_is_contiguous(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("memory_format");
    simple("is_contiguous", |t| Ok(Value::Bool(t.is_contiguous())))(a)
}
fn m_is_floating_point(_: &mut Interp, a: Args) -> Result<Value> {
    simple("is_floating_point", |t| Ok(Value::Bool(t.dtype().is_floating_point())))(a)
}
fn m_is_complex(_: &mut Interp, a: Args) -> Result<Value> {
    simple("is_complex", |t| Ok(Value::Bool(t.dtype().is_complex())))(a)
}
fn m_item(_: &mut Interp, a: Args) -> Result<Value> {
    simple("item", |t| Ok(scalar_value(crate::backend::host(t)?.item()?)))(a)
}
fn m_contiguous(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("memory_format");
    simple("contiguous", |t| Ok(Value::Tensor(t.contiguous())))(a)
}
fn m_cpu(_: &mut Interp, a: Args) -> Result<Value> {
    simple("cpu", |t| Ok(Value::Tensor(ag::to_device(t, Device::Cpu)?)))(a)
}
fn m_cuda(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("non_blocking");
    let dev = a.take_kw("device");
    let t = this(&mut a, "cuda")?;
    let d = match dev.or_else(|| if a.pos.is_empty() { None } else { Some(a.pos.remove(0)) }) {
        None | Some(Value::None) => Device::Cuda(0),
        Some(Value::Int(i)) if i >= 0 => Device::Cuda(i as usize),
        Some(v) => to_device(&v)?,
    };
    place(&d)?;
    Ok(Value::Tensor(ag::to_device(&t, d)?))
}
fn m_detach(_: &mut Interp, a: Args) -> Result<Value> {
    simple("detach", |t| Ok(Value::Tensor(t.with_layout(t.layout()))))(a)
}
fn m_detach_(_: &mut Interp, a: Args) -> Result<Value> {
    simple("detach_", |t| {
        let mut m = t.autograd_mut();
        m.grad_fn = None;
        m.requires_grad = false;
        Ok(Value::Tensor(t.clone()))
    })(a)
}
fn m_numpy(_: &mut Interp, a: Args) -> Result<Value> {
    let [t, force] = a.bind("numpy", ["self", "force"])?;
    let t = super::super::args::to_tensor(&req(t, "numpy", "self")?, "self")?;
    crate::eval::numpy::tensor_to_numpy(&t, super::super::args::opt_bool(force, false)?)
}

fn m_tolist(_: &mut Interp, a: Args) -> Result<Value> {
    simple("tolist", |t| {
        let vals: Vec<Value> = t.to_scalars().into_iter().map(scalar_value).collect();
        let shape = t.shape();
        if shape.is_empty() {
            return Ok(vals.into_iter().next().unwrap_or(Value::None));
        }
        // Build nested lists from the innermost dimension outwards.
        let mut level: Vec<Value> = vals;
        for &d in shape.iter().rev() {
            if d == 0 {
                level = Vec::new();
                continue;
            }
            let chunks: Vec<Value> = level.chunks(d).map(|c| Value::list(c.to_vec())).collect();
            level = chunks;
        }
        if shape.contains(&0) {
            // An empty dimension somewhere: rebuild the nesting above it as empty lists.
            let mut out = Value::list(vec![]);
            for &d in shape.iter().rev().skip_while(|&&d| d != 0).skip(1) {
                out = Value::list(vec![out; d]);
            }
            return Ok(out);
        }
        Ok(level.into_iter().next().unwrap_or(Value::list(vec![])))
    })(a)
}

fn m_view(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "view")?;
    if let Some(Value::DType(d)) = a.pos.first() {
        if *d == t.dtype() {
            return Ok(Value::Tensor(t.with_layout(t.layout())));
        }
        return Err(Error::not_impl("Tensor.view(dtype) reinterpreting bytes"));
    }
    let sizes = match a.take_kw("size") {
        Some(v) => sizes_from(&[v], "size")?,
        None => sizes_from(&a.pos, "size")?,
    };
    Ok(Value::Tensor(ag::view(&t, &sizes)?))
}

fn m_view_as(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "view_as")?;
    let [o] = a.bind("view_as", ["other"])?;
    let o = to_tensor(&req(o, "view_as", "other")?, "other")?;
    let s: Vec<i64> = o.shape().iter().map(|&d| d as i64).collect();
    Ok(Value::Tensor(ag::view(&t, &s)?))
}

fn m_reshape_as(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "reshape_as")?;
    let [o] = a.bind("reshape_as", ["other"])?;
    let o = to_tensor(&req(o, "reshape_as", "other")?, "other")?;
    let s: Vec<i64> = o.shape().iter().map(|&d| d as i64).collect();
    Ok(Value::Tensor(ag::reshape(&t, &s)?))
}

fn m_expand(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "expand")?;
    let sizes = match a.take_kw("size") {
        Some(v) => sizes_from(&[v], "size")?,
        None => sizes_from(&a.pos, "size")?,
    };
    Ok(Value::Tensor(ag::expand(&t, &sizes)?))
}

fn m_expand_as(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "expand_as")?;
    let [o] = a.bind("expand_as", ["other"])?;
    let o = to_tensor(&req(o, "expand_as", "other")?, "other")?;
    let s: Vec<i64> = o.shape().iter().map(|&d| d as i64).collect();
    Ok(Value::Tensor(ag::expand(&t, &s)?))
}

fn m_repeat(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "repeat")?;
    let sizes = match a.take_kw("repeats") {
        Some(v) => sizes_from(&[v], "repeats")?,
        None => sizes_from(&a.pos, "repeats")?,
    };
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[t], "RepeatBackward0", move |x| mv::repeat(&x[0], &sizes))?))
}

/// `x.to(dtype)`, `x.to(device)`, `x.to(device, dtype)`, `x.to(other)`, keywords too.
fn m_to(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "to")?;
    let mut dtype = super::super::args::opt_dtype(a.take_kw("dtype"))?;
    let mut device = match a.take_kw("device") {
        Some(d) if !d.is_none() => Some(to_device(&d)?),
        _ => None,
    };
    let copy = super::super::args::opt_bool(a.take_kw("copy"), false)?;
    a.take_kw("non_blocking");
    a.take_kw("memory_format");
    for p in a.pos.drain(..) {
        match &p {
            Value::DType(d) => dtype = Some(*d),
            Value::Str(_) | Value::Device(_) => device = Some(to_device(&p)?),
            Value::Tensor(o) => {
                dtype = Some(o.dtype());
                device = Some(o.device());
            }
            Value::Bool(_) => {}
            other => {
                return Err(Error::type_err(format!("to() received an invalid combination of arguments: {}", other.type_name())));
            }
        }
    }
    if let Some(d) = device {
        place(&d)?;
    }
    let moved = match device {
        Some(d) if d != t.device() => Some(ag::to_device(&t, d)?),
        _ => None,
    };
    let t = moved.clone().unwrap_or(t);
    let out = match dtype {
        Some(d) if d != t.dtype() => ag::to_copy(&t, d)?,
        _ if copy && moved.is_none() => ag::clone(&t)?,
        _ => t,
    };
    Ok(Value::Tensor(out))
}

fn m_type(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "type")?;
    let [d] = a.bind("type", ["dtype"])?;
    match d {
        None | Some(Value::None) => {
            let n = match t.dtype() {
                DType::F32 => "torch.FloatTensor",
                DType::F64 => "torch.DoubleTensor",
                DType::F16 => "torch.HalfTensor",
                DType::BF16 => "torch.BFloat16Tensor",
                DType::I64 => "torch.LongTensor",
                DType::I32 => "torch.IntTensor",
                DType::I16 => "torch.ShortTensor",
                DType::I8 => "torch.CharTensor",
                DType::U8 => "torch.ByteTensor",
                DType::Bool => "torch.BoolTensor",
                DType::C64 => "torch.ComplexFloatTensor",
                DType::C128 => "torch.ComplexDoubleTensor",
            };
            Ok(Value::str(n))
        }
        Some(Value::Str(s)) => {
            let d = match &*s {
                "torch.FloatTensor" => DType::F32,
                "torch.DoubleTensor" => DType::F64,
                "torch.LongTensor" => DType::I64,
                "torch.IntTensor" => DType::I32,
                "torch.BoolTensor" => DType::Bool,
                "torch.HalfTensor" => DType::F16,
                other => to_dtype(&Value::str(other))?,
            };
            Ok(Value::Tensor(ag::to_copy(&t, d)?))
        }
        Some(v) => Ok(Value::Tensor(ag::to_copy(&t, to_dtype(&v)?)?)),
    }
}

fn m_type_as(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "type_as")?;
    let [o] = a.bind("type_as", ["other"])?;
    let o = to_tensor(&req(o, "type_as", "other")?, "other")?;
    Ok(Value::Tensor(ag::to_copy(&t, o.dtype())?))
}

fn m_requires_grad_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "requires_grad_")?;
    let [f] = a.bind("requires_grad_", ["requires_grad"])?;
    set_requires_grad(&t, super::super::args::opt_bool(f, true)?)?;
    Ok(Value::Tensor(t))
}

fn m_zero_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "zero_")?;
    a.none("zero_")?;
    super::autograd_check_inplace(&t)?;
    crate::autograd::index_ops::overwrite_(&t, None, "ZeroBackward0")?;
    tops::fill_(&t, Scalar::Int(0))?;
    Ok(Value::Tensor(t))
}

fn m_fill_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "fill_")?;
    let [v] = a.bind("fill_", ["value"])?;
    let v = super::creation::scalar_of(&req(v, "fill_", "value")?)?;
    super::autograd_check_inplace(&t)?;
    crate::autograd::index_ops::overwrite_(&t, None, "FillBackward2")?;
    tops::fill_(&t, v)?;
    Ok(Value::Tensor(t))
}

fn m_copy_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "copy_")?;
    let [s, _nb] = a.bind("copy_", ["src", "non_blocking"])?;
    let s = to_tensor(&req(s, "copy_", "src")?, "src")?;
    super::autograd_check_inplace(&t)?;
    crate::autograd::index_ops::overwrite_(&t, Some(&s), "CopyBackwards")?;
    tops::copy_(&t, &s)?;
    Ok(Value::Tensor(t))
}

fn new_factory(mut a: Args, name: &str) -> Result<Value> {
    let t = this(&mut a, name)?;
    let mut o = super::creation::take_opts(&mut a)?;
    o.dtype = Some(o.dtype.unwrap_or(t.dtype()));
    let dt = o.dtype.unwrap_or(t.dtype());
    let out = match name {
        "new_tensor" => {
            let [d] = a.bind(name, ["data"])?;
            tensor_from_value(&req(d, name, "data")?, Some(dt))?
        }
        "new_full" => {
            let [s, f] = a.bind(name, ["size", "fill_value"])?;
            let s = to_shape(&sizes_from(&[req(s, name, "size")?], "size")?)?;
            let f = super::creation::scalar_of(&req(f, name, "fill_value")?)?;
            crate::tensor::ops::creation::full(&s, f, dt)?
        }
        _ => {
            let s = to_shape(&match a.take_kw("size") {
                Some(v) => sizes_from(&[v], "size")?,
                None => sizes_from(&a.pos, "size")?,
            })?;
            if name == "new_ones" {
                crate::tensor::ops::creation::full(&s, Scalar::Int(1), dt)?
            } else {
                Tensor::zeros(&s, dt)?
            }
        }
    };
    super::creation::finish(out, &o)
}

fn m_new_zeros(_: &mut Interp, a: Args) -> Result<Value> {
    new_factory(a, "new_zeros")
}
fn m_new_ones(_: &mut Interp, a: Args) -> Result<Value> {
    new_factory(a, "new_ones")
}
fn m_new_empty(_: &mut Interp, a: Args) -> Result<Value> {
    new_factory(a, "new_empty")
}
fn m_new_full(_: &mut Interp, a: Args) -> Result<Value> {
    new_factory(a, "new_full")
}
fn m_new_tensor(_: &mut Interp, a: Args) -> Result<Value> {
    new_factory(a, "new_tensor")
}

fn m_backward(i: &mut Interp, a: Args) -> Result<Value> {
    super::autograd_backward_command(i, a)
}

fn m_retain_grad(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "retain_grad")?;
    t.autograd_mut().retains_grad = true;
    if let Some(n) = t.autograd().grad_fn.clone() {
        n.retained.borrow_mut().push(std::rc::Rc::downgrade(&t.0));
    }
    Ok(Value::None)
}

fn m_index_put_(i: &mut Interp, mut a: Args) -> Result<Value> {
    let t = this(&mut a, "index_put_")?;
    let [idx, v, acc] = a.bind("index_put_", ["indices", "values", "accumulate"])?;
    if super::super::args::opt_bool(acc, false)? {
        return Err(Error::not_impl("index_put_(accumulate=True)"));
    }
    let idx = req(idx, "index_put_", "indices")?;
    let ix = super::indexing::to_indices(i, &idx)?;
    let v = to_tensor(&req(v, "index_put_", "values")?, "values")?;
    super::autograd_check_inplace(&t)?;
    crate::autograd::index_ops::index_put_(&t, &ix, &v, "IndexPutBackward0")?;
    Ok(Value::Tensor(t))
}

fn m_apply_(_: &mut Interp, _a: Args) -> Result<Value> {
    Err(Error::not_impl("Tensor.apply_"))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("size", m_size),
    ("stride", m_stride),
    ("dim", m_dim),
    ("ndimension", m_dim),
    ("numel", m_numel),
    ("nelement", m_numel),
    ("element_size", m_element_size),
    ("storage_offset", m_storage_offset),
    ("data_ptr", m_data_ptr),
    ("is_contiguous", m_is_contiguous),
    ("is_floating_point", m_is_floating_point),
    ("is_complex", m_is_complex),
    ("item", m_item),
    ("tolist", m_tolist),
    ("contiguous", m_contiguous),
    ("cpu", m_cpu),
    ("cuda", m_cuda),
    ("detach", m_detach),
    ("detach_", m_detach_),
    ("numpy", m_numpy),
    ("view", m_view),
    ("view_as", m_view_as),
    ("reshape_as", m_reshape_as),
    ("expand", m_expand),
    ("expand_as", m_expand_as),
    ("repeat", m_repeat),
    ("to", m_to),
    ("type", m_type),
    ("type_as", m_type_as),
    ("requires_grad_", m_requires_grad_),
    ("zero_", m_zero_),
    ("fill_", m_fill_),
    ("copy_", m_copy_),
    ("new_zeros", m_new_zeros),
    ("new_ones", m_new_ones),
    ("new_empty", m_new_empty),
    ("new_full", m_new_full),
    ("new_tensor", m_new_tensor),
    ("uniform_", super::creation::m_uniform_),
    ("normal_", super::creation::m_normal_),
    ("exponential_", super::creation::m_exponential_),
    ("random_", super::creation::m_random_),
    ("bernoulli_", super::creation::m_bernoulli_),
    ("bernoulli", super::creation::m_bernoulli),
    ("multinomial", super::creation::m_multinomial),
    ("backward", m_backward),
    ("retain_grad", m_retain_grad),
    ("index_put_", m_index_put_),
    ("apply_", m_apply_),
];

fn method_only(name: &str) -> Option<(&'static str, NativeFn)> {
    METHODS.iter().chain(CASTS.iter()).find(|(n, _)| *n == name).copied()
}

/// Names of all tensor methods (for completion and help coverage).
pub fn method_names() -> Vec<&'static str> {
    METHODS.iter().chain(CASTS.iter()).map(|(n, _)| *n).collect()
}

