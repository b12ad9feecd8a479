//! The `torch` namespace and its submodules, plus `math` and `time`. Functions shared by
//! `torch.fn(x, …)` and `x.fn(…)` live in `functions`; factories in `creation`; tensor
//! attributes and method-only calls in `methods`; subscripts in `indexing`.

pub mod creation;
pub mod functions;
pub mod reductions;
pub mod shapefns;
pub mod indexing;
pub mod linalg;
pub mod methods;
pub mod pymath;
pub mod gradcheck;

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{DType, Device, Tensor};

use super::args::{req, to_device, Args};
use super::builtins::native;
use super::object::Object;
use super::value::{Namespace, NativeFn, TypeObj, Value};
use super::Interp;

fn namespace(name: &'static str, get: fn(&str) -> Option<Value>) -> Value {
    Value::Namespace(Rc::new(Namespace { name, get }))
}

/// `import NAME` for the modules tsr provides.
pub fn module(name: &str) -> Option<Value> {
    Some(match name {
        "torch" => namespace("torch", torch_attr),
        "torch.nn" => namespace("torch.nn", nn_attr),
        "torch.nn.functional" => namespace("torch.nn.functional", functional_attr),
        "torch.linalg" => namespace("torch.linalg", linalg_attr),
        "torch.autograd" => namespace("torch.autograd", autograd_attr),
        "torch.cuda" => namespace("torch.cuda", cuda_attr),
        "torch.optim" => namespace("torch.optim", optim_attr),
        "torch.backends" => namespace("torch.backends", backends_attr),
        "torch.nn.init" => namespace("torch.nn.init", nn_init_attr),
        "math" => namespace("math", pymath::math_attr),
        "time" => namespace("time", pymath::time_attr),
        _ => return None,
    })
}

/// The names `torch_attr` resolves itself (its `match` arms). The torch namespace is these,
/// the dtype names, and the tables of `creation`, `linalg` and `functions`; the help
/// coverage test checks the list against the arms.
pub const NAMES: &[&str] = &[
    "nn", "linalg", "autograd", "cuda", "optim", "backends", "Tensor", "Size", "dtype",
    "default_generator", "pi", "e", "inf", "nan", "__version__", "no_grad", "enable_grad",
    "inference_mode", "set_grad_enabled", "is_grad_enabled", "device", "is_tensor",
    "is_floating_point", "numel", "get_default_dtype", "set_default_dtype", "set_printoptions",
    "promote_types", "result_type",
];

/// `torch.autograd.NAME`, `torch.cuda.NAME`, `torch.backends.B.NAME` (B: mps, cuda, cudnn).
pub const AUTOGRAD_NAMES: &[&str] = &["grad", "backward", "gradcheck"];
pub const CUDA_NAMES: &[&str] = &[
    "is_available", "device_count", "manual_seed", "manual_seed_all", "synchronize", "empty_cache",
    "current_device", "get_device_name", "get_device_properties",
];
pub const BACKENDS: &[&str] = &["mps", "cuda", "cudnn"];
pub const BACKEND_NAMES: &[&str] = &["is_available", "is_built"];

fn torch_attr(name: &str) -> Option<Value> {
    if let Some(d) = DType::from_name(name) {
        return Some(Value::DType(d));
    }
    Some(match name {
        "nn" => module("torch.nn")?,
        "linalg" => module("torch.linalg")?,
        "autograd" => module("torch.autograd")?,
        "cuda" => module("torch.cuda")?,
        "optim" => module("torch.optim")?,
        "backends" => module("torch.backends")?,
        "Tensor" => Value::Type(TypeObj::Tensor),
        "Size" => Value::Type(TypeObj::Size),
        "dtype" => Value::Type(TypeObj::DType),
        "default_generator" => Value::Generator(crate::tensor::ops::random::default_generator()),
        "pi" => Value::Float(std::f64::consts::PI),
        "e" => Value::Float(std::f64::consts::E),
        "inf" => Value::Float(f64::INFINITY),
        "nan" => Value::Float(f64::NAN),
        "__version__" => Value::str("2.15.0"),
        "no_grad" => native("no_grad", |_, a| {
            a.none("no_grad")?;
            Ok(Value::Object(Rc::new(GradMode { enable: false, name: "no_grad", prev: RefCell::new(Vec::new()) })))
        }),
        "enable_grad" => native("enable_grad", |_, a| {
            a.none("enable_grad")?;
            Ok(Value::Object(Rc::new(GradMode { enable: true, name: "enable_grad", prev: RefCell::new(Vec::new()) })))
        }),
        "inference_mode" => native("inference_mode", |_, a| {
            let [m] = a.bind("inference_mode", ["mode"])?;
            let on = super::args::opt_bool(m, true)?;
            Ok(Value::Object(Rc::new(GradMode { enable: !on, name: "inference_mode", prev: RefCell::new(Vec::new()) })))
        }),
        "set_grad_enabled" => native("set_grad_enabled", |_, a| {
            let [m] = a.bind("set_grad_enabled", ["mode"])?;
            let on = req(m, "set_grad_enabled", "mode")?.truthy()?;
            // Takes effect immediately (function form) and also works as a context manager.
            let prev = crate::autograd::set_grad_enabled(on);
            Ok(Value::Object(Rc::new(GradMode { enable: on, name: "set_grad_enabled", prev: RefCell::new(vec![prev]) })))
        }),
        "is_grad_enabled" => native("is_grad_enabled", |_, a| {
            a.none("is_grad_enabled")?;
            Ok(Value::Bool(crate::autograd::is_grad_enabled()))
        }),
        "device" => native("device", |_, a| {
            let [t, i] = a.bind("device", ["type", "index"])?;
            let t = req(t, "device", "type")?;
            let mut d = to_device(&t)?;
            if matches!(i, Some(Value::Int(n)) if n < 0) {
                return Err(crate::error::Error::runtime("Device index must not be negative"));
            }
            if let (Device::Cuda(_), Some(Value::Int(i))) = (d, &i) {
                d = Device::Cuda(*i as usize);
            }
            Ok(Value::Device(d))
        }),
        "is_tensor" => native("is_tensor", |_, a| {
            let [v] = a.bind("is_tensor", ["obj"])?;
            Ok(Value::Bool(matches!(v, Some(Value::Tensor(_)))))
        }),
        "is_floating_point" => native("is_floating_point", |_, a| {
            let [v] = a.bind("is_floating_point", ["input"])?;
            Ok(Value::Bool(super::args::to_tensor(&req(v, "is_floating_point", "input")?, "input")?.dtype().is_floating_point()))
        }),
        "numel" => native("numel", |_, a| {
            let [v] = a.bind("numel", ["input"])?;
            Ok(Value::Int(super::args::to_tensor(&req(v, "numel", "input")?, "input")?.numel() as i64))
        }),
        "get_default_dtype" => native("get_default_dtype", |_, a| {
            a.none("get_default_dtype")?;
            Ok(Value::DType(crate::tensor::default_dtype()))
        }),
        "set_default_dtype" => native("set_default_dtype", |_, a| {
            let [d] = a.bind("set_default_dtype", ["d"])?;
            let d = super::args::to_dtype(&req(d, "set_default_dtype", "d")?)?;
            if !d.is_floating_point() {
                return Err(Error::type_err("only floating-point types are supported as the default type"));
            }
            crate::tensor::set_default_dtype(d);
            Ok(Value::None)
        }),
        "set_printoptions" => native("set_printoptions", set_printoptions),
        "promote_types" => native("promote_types", |_, a| {
            let [x, y] = a.bind("promote_types", ["type1", "type2"])?;
            let x = super::args::to_dtype(&req(x, "promote_types", "type1")?)?;
            let y = super::args::to_dtype(&req(y, "promote_types", "type2")?)?;
            Ok(Value::DType(crate::tensor::dtype::promote_types(x, y)))
        }),
        "result_type" => native("result_type", |_, a| {
            let [x, y] = a.bind("result_type", ["tensor1", "tensor2"])?;
            let x = super::args::to_tensor(&req(x, "result_type", "tensor1")?, "tensor1")?;
            let y = super::args::to_tensor(&req(y, "result_type", "tensor2")?, "tensor2")?;
            Ok(Value::DType(crate::tensor::ops::binary::result_type(&[&x, &y])))
        }),
        _ => {
            if let Some(v) = linalg::torch_lookup(name) {
                return Some(v);
            }
            if let Some(f) = super::fileio::torch_lookup(name) {
                return Some(Value::Builtin(Rc::new(super::value::Builtin { name: f.0, qual: Some("torch"), f: f.1, bound: None })));
            }
            if let Some(f) = creation::lookup(name) {
                return Some(Value::Builtin(Rc::new(super::value::Builtin { name: f.0, qual: Some("torch"), f: f.1, bound: None })));
            }
            let (n, f) = functions::lookup(name)?;
            Value::Builtin(Rc::new(super::value::Builtin { name: n, qual: Some("torch"), f, bound: None }))
        }
    })
}

fn set_printoptions(_: &mut Interp, a: Args) -> Result<Value> {
    use crate::format::torch_repr as tr;
    let [precision, threshold, edgeitems, linewidth, profile, sci_mode] =
        a.bind("set_printoptions", ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"])?;
    let mut o = tr::print_options();
    if let Some(Value::Str(p)) = &profile {
        o = tr::profile(p).ok_or_else(|| Error::value(format!("unknown print profile '{p}'")))?;
    }
    let as_usize = |v: Option<Value>, what: &str| -> Result<Option<usize>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Float(f)) if f.is_infinite() => Ok(Some(usize::MAX)),
            Some(v) => Ok(Some(super::args::to_i64(&v, what)?.max(0) as usize)),
        }
    };
    if let Some(p) = as_usize(precision, "precision")? {
        o.precision = p;
    }
    if let Some(t) = as_usize(threshold, "threshold")? {
        o.threshold = t;
    }
    if let Some(e) = as_usize(edgeitems, "edgeitems")? {
        o.edgeitems = e;
    }
    if let Some(l) = as_usize(linewidth, "linewidth")? {
        o.linewidth = l;
    }
    match sci_mode {
        None => {}
        Some(Value::None) => o.sci_mode = None,
        Some(v) => o.sci_mode = Some(v.truthy()?),
    }
    tr::set_print_options(o);
    Ok(Value::None)
}

fn nn_attr(name: &str) -> Option<Value> {
    Some(match name {
        "functional" => module("torch.nn.functional")?,
        "init" => module("torch.nn.init")?,
        _ => return crate::nn::lookup(name),
    })
}

fn nn_init_attr(name: &str) -> Option<Value> {
    crate::nn::init_lookup(name)
}

fn optim_attr(name: &str) -> Option<Value> {
    crate::nn::optim_lookup(name)
}

fn functional_attr(name: &str) -> Option<Value> {
    if let Some(v) = crate::nn::functional_lookup(name) {
        return Some(v);
    }
    // F.relu, F.softmax, … are the torch functions.
    let (n, f) = functions::lookup(name)?;
    Some(Value::Builtin(Rc::new(super::value::Builtin { name: n, qual: Some("torch.nn.functional"), f, bound: None })))
}

fn linalg_attr(name: &str) -> Option<Value> {
    let (n, f) = linalg::linalg_lookup(name).or_else(|| functions::linalg_lookup(name))?;
    Some(Value::Builtin(Rc::new(super::value::Builtin { name: n, qual: Some("torch.linalg"), f, bound: None })))
}

fn autograd_attr(name: &str) -> Option<Value> {
    Some(match name {
        "grad" => native("grad", autograd_grad_fn),
        "backward" => native("backward", autograd_backward_command),
        "gradcheck" => native("gradcheck", gradcheck::gradcheck),
        _ => return None,
    })
}

fn backends_attr(name: &str) -> Option<Value> {
    Some(match name {
        "mps" | "cudnn" => namespace(if name == "mps" { "torch.backends.mps" } else { "torch.backends.cudnn" }, |n| match n {
            "is_available" => Some(native("is_available", |_, _| Ok(Value::Bool(false)))),
            "is_built" => Some(native("is_built", |_, _| Ok(Value::Bool(false)))),
            _ => None,
        }),
        "cuda" => namespace("torch.backends.cuda", |n| match n {
            "is_built" => Some(native("is_built", |_, _| Ok(Value::Bool(cfg!(feature = "cuda"))))),
            "is_available" => Some(native("is_available", |_, _| Ok(Value::Bool(crate::backend::cuda::is_available())))),
            "matmul" => Some(Value::Object(std::rc::Rc::new(CudaMatmulFlags))),
            _ => None,
        }),
        _ => return None,
    })
}

fn cuda_attr(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "is_available" => |_, a| {
            a.none("is_available")?;
            Ok(Value::Bool(crate::backend::cuda::is_available()))
        },
        "device_count" => |_, a| {
            a.none("device_count")?;
            Ok(Value::Int(crate::backend::cuda::device_count() as i64))
        },
        "manual_seed" | "manual_seed_all" => |_, mut a| {
            if let Some(Value::Int(s)) = a.pos.pop() {
                crate::backend::cuda::manual_seed(s as u64);
            }
            Ok(Value::None)
        },
        "empty_cache" => |_, _| Ok(Value::None),
        "synchronize" => |_, mut a| {
            let i = cuda_index(a.pos.pop())?;
            crate::backend::cuda::synchronize(i)?;
            Ok(Value::None)
        },
        "current_device" => |_, _| {
            crate::backend::cuda::check_index(0)?;
            Ok(Value::Int(0))
        },
        "get_device_name" => |_, mut a| {
            let i = cuda_index(a.pos.pop())?;
            Ok(Value::Str(crate::backend::cuda::properties(i)?.name.into()))
        },
        "get_device_properties" => |_, mut a| {
            let i = cuda_index(a.pos.pop())?;
            let p = crate::backend::cuda::properties(i)?;
            Ok(Value::Object(std::rc::Rc::new(DeviceProperties(p))))
        },
        _ => return None,
    };
    let name = CUDA_NAMES.iter().copied().find(|n| *n == name).unwrap_or("cuda");
    Some(native(name, f))
}

/// PyTorch's error for CUDA use on a machine without an NVIDIA driver.
pub fn no_cuda_driver() -> Error {
    crate::backend::cuda::no_cuda_driver()
}

/// The device index of `torch.cuda.f(device)` (None, an int, 'cuda:1' or a torch.device).
fn cuda_index(v: Option<Value>) -> Result<usize> {
    let i = match v {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) if i >= 0 => i as usize,
        Some(v) => match super::args::to_device(&v)? {
            crate::tensor::Device::Cuda(i) => i,
            crate::tensor::Device::Cpu => return Err(Error::value("Expected a cuda device, but got: cpu")),
        },
    };
    crate::backend::cuda::check_index(i)?;
    Ok(i)
}

/// `torch.backends.cuda.matmul`: the `allow_tf32` switch (False by default, as in PyTorch).
struct CudaMatmulFlags;

impl super::object::Object for CudaMatmulFlags {
    fn type_name(&self) -> &str {
        "torch.backends.cuda.cuBLASModule"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _: &mut Interp, name: &str) -> Result<Option<Value>> {
        Ok(match name {
            "allow_tf32" => Some(Value::Bool(crate::backend::cuda::allow_tf32())),
            _ => None,
        })
    }
    fn setattr(&self, _: &mut Interp, name: &str, value: Value) -> Result<()> {
        match (name, value) {
            ("allow_tf32", Value::Bool(b)) => {
                crate::backend::cuda::set_allow_tf32(b);
                Ok(())
            }
            (n, _) => Err(Error::new(crate::error::ExcKind::AttributeError, format!("Unknown attribute {n}"))),
        }
    }
}

/// `torch.cuda.get_device_properties(i)`: name, total_memory, major, minor,
/// multi_processor_count.
struct DeviceProperties(crate::backend::cuda::DeviceProps);

impl super::object::Object for DeviceProperties {
    fn type_name(&self) -> &str {
        "torch._C._CudaDeviceProperties"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _: &mut Interp, name: &str) -> Result<Option<Value>> {
        let p = &self.0;
        Ok(Some(match name {
            "name" => Value::Str(p.name.clone().into()),
            "total_memory" => Value::Int(p.total_memory as i64),
            "major" => Value::Int(p.major as i64),
            "minor" => Value::Int(p.minor as i64),
            "multi_processor_count" => Value::Int(p.multi_processor_count as i64),
            _ => return Ok(None),
        }))
    }
    fn repr(&self, _: &mut Interp) -> String {
        let p = &self.0;
        format!(
            "_CudaDeviceProperties(name='{}', major={}, minor={}, total_memory={}MB, multi_processor_count={})",
            p.name, p.major, p.minor, p.total_memory >> 20, p.multi_processor_count
        )
    }
}

/// `with torch.no_grad():` and friends.
struct GradMode {
    enable: bool,
    name: &'static str,
    prev: RefCell<Vec<bool>>,
}

impl Object for GradMode {
    fn type_name(&self) -> &str {
        self.name
    }
    fn enter(&self, _interp: &mut Interp) -> Result<Value> {
        let p = crate::autograd::set_grad_enabled(self.enable);
        let mut prev = self.prev.borrow_mut();
        if self.name == "set_grad_enabled" && prev.len() == 1 {
            // Already applied when called; remember the mode before the call.
            return Ok(Value::None);
        }
        prev.push(p);
        Ok(Value::None)
    }
    fn exit(&self, _interp: &mut Interp) -> Result<()> {
        if let Some(p) = self.prev.borrow_mut().pop() {
            crate::autograd::set_grad_enabled(p);
        }
        Ok(())
    }
    fn call(&self, _interp: &mut Interp, args: Args) -> Result<Value> {
        // Used as a decorator: `@torch.no_grad()` returns the function unchanged in tsr.
        args.pos.into_iter().next().ok_or_else(|| Error::type_err("decorator expects a function"))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Rejects in-place changes that autograd forbids (a leaf that requires grad).
pub fn autograd_check_inplace(t: &Tensor) -> Result<()> {
    let meta = t.autograd();
    if meta.requires_grad && meta.is_leaf() && crate::autograd::is_grad_enabled() {
        return Err(Error::runtime(
            "a leaf Variable that requires grad is being used in an in-place operation.",
        ));
    }
    Ok(())
}

/// A `grad_fn` object (`<MulBackward0 object at 0x…>`).
pub struct GradFnObj(pub Rc<crate::autograd::Node>);

impl Object for GradFnObj {
    fn type_name(&self) -> &str {
        self.0.name
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        format!("<{} object at {:#x}>", self.0.name, Rc::as_ptr(&self.0) as usize)
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::Builtin(Rc::new(super::value::Builtin {
                name: "name",
                qual: None,
                f: grad_fn_name,
                bound: Some(Value::Str(Rc::from(self.0.name))),
            }))),
            "next_functions" => Some(next_functions_value(&self.0)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `grad_fn.name()`: the receiver bound to it is the name itself.
fn grad_fn_name(_: &mut Interp, a: Args) -> Result<Value> {
    a.pos.into_iter().next().ok_or_else(|| Error::type_err("name() missing self"))
}

/// `grad_fn.next_functions`: `((fn or None, 0), …)`.
fn next_functions_value(n: &crate::autograd::Node) -> Value {
    use crate::autograd::node::NextFunction;
    Value::tuple(
        n.next_functions()
            .into_iter()
            .map(|(f, i)| {
                let f = match f {
                    None => Value::None,
                    Some(NextFunction::Node(n)) => Value::Object(Rc::new(GradFnObj(n))),
                    Some(NextFunction::AccumulateGrad(t)) => Value::Object(Rc::new(AccumulateGradObj(t))),
                };
                Value::tuple(vec![f, Value::Int(i as i64)])
            })
            .collect(),
    )
}

/// The `AccumulateGrad` node of a leaf (`<AccumulateGrad object at 0x…>`, `.variable`).
pub struct AccumulateGradObj(pub Tensor);

impl Object for AccumulateGradObj {
    fn type_name(&self) -> &str {
        "AccumulateGrad"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        let f = crate::autograd::node::NextFunction::AccumulateGrad(self.0.clone());
        format!("<AccumulateGrad object at {:#x}>", f.addr())
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        Ok(match name {
            "variable" => Some(Value::Tensor(self.0.clone())),
            "next_functions" => Some(Value::tuple(vec![])),
            "name" => Some(Value::Builtin(Rc::new(super::value::Builtin {
                name: "name",
                qual: None,
                f: grad_fn_name,
                bound: Some(Value::Str(Rc::from("torch::autograd::AccumulateGrad"))),
            }))),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn tensors_of(v: &Value, what: &str) -> Result<Vec<Tensor>> {
    match v {
        Value::Tensor(t) => Ok(vec![t.clone()]),
        Value::List(l) => l.borrow().iter().map(|x| super::args::to_tensor(x, what)).collect(),
        Value::Tuple(l) => l.iter().map(|x| super::args::to_tensor(x, what)).collect(),
        _ => Err(Error::type_err(format!("{what} must be a Tensor or a sequence of Tensors"))),
    }
}

/// Initial gradients for `roots` (ones for scalars), with PyTorch's checks.
fn root_grads(roots: &[Tensor], given: Option<Value>) -> Result<Vec<Tensor>> {
    let given: Vec<Option<Tensor>> = match given {
        None | Some(Value::None) => vec![None; roots.len()],
        Some(v) => {
            let ts = tensors_of(&v, "grad_tensors")?;
            ts.into_iter().map(Some).collect()
        }
    };
    let mut out = Vec::with_capacity(roots.len());
    for (i, (r, g)) in roots.iter().zip(given.into_iter().chain(std::iter::repeat(None))).enumerate() {
        if !r.requires_grad() {
            return Err(Error::runtime(format!(
                "element {i} of tensors does not require grad and does not have a grad_fn"
            )));
        }
        out.push(match g {
            Some(g) => g,
            None => {
                if r.numel() != 1 {
                    return Err(Error::runtime("grad can be implicitly created only for scalar outputs"));
                }
                crate::tensor::ops::creation::full_on(&r.shape(), crate::tensor::Scalar::Float(1.0), r.dtype(), r.device())?
            }
        });
    }
    Ok(out)
}

/// The calculator command `backward(y)` and the method `y.backward(gradient, retain_graph=…)`.
pub fn autograd_backward_command(_: &mut Interp, mut a: Args) -> Result<Value> {
    let rg = a.take_kw("retain_graph");
    let cg = a.take_kw("create_graph");
    a.take_kw("inputs");
    let [t, g] = a.bind("backward", ["tensors", "gradient|grad_tensors"])?;
    let roots = tensors_of(&req(t, "backward", "tensors")?, "tensors")?;
    let grads = root_grads(&roots, g)?;
    let create = super::args::opt_bool(cg, false)?;
    let retain = match rg {
        None | Some(Value::None) => create,
        Some(v) => v.truthy()?,
    };
    crate::autograd::engine::run(&roots, grads, retain, create, None)?;
    Ok(Value::None)
}

/// The calculator command `grad(x)` (= x.grad) and `grad(y, x)` (= autograd.grad(y, x)[0]).
pub fn autograd_grad_command(i: &mut Interp, a: Args) -> Result<Value> {
    if a.pos.len() == 1 {
        if let Value::Tensor(t) = &a.pos[0] {
            return Ok(t.autograd().grad.clone().map(Value::Tensor).unwrap_or(Value::None));
        }
    }
    match autograd_grad_fn(i, a)? {
        Value::Tuple(t) if !t.is_empty() => Ok(t[0].clone()),
        v => Ok(v),
    }
}

fn autograd_grad_fn(_: &mut Interp, mut a: Args) -> Result<Value> {
    let rg = a.take_kw("retain_graph");
    let cg = a.take_kw("create_graph");
    let au = a.take_kw("allow_unused");
    a.take_kw("materialize_grads");
    let [o, i, g] = a.bind("grad", ["outputs", "inputs", "grad_outputs"])?;
    let outs = tensors_of(&req(o, "grad", "outputs")?, "outputs")?;
    let ins = tensors_of(&req(i, "grad", "inputs")?, "inputs")?;
    let grads = root_grads(&outs, g)?;
    let create = super::args::opt_bool(cg, false)?;
    let retain = match rg {
        None | Some(Value::None) => create,
        Some(v) => v.truthy()?,
    };
    let allow_unused = super::args::opt_bool(au, false)?;
    for (k, t) in ins.iter().enumerate() {
        if !t.requires_grad() {
            return Err(Error::runtime(format!("One of the differentiated Tensors does not require grad{}", if k > 0 { "" } else { "" })));
        }
    }
    let res = crate::autograd::engine::run(&outs, grads, retain, create, Some(&ins))?;
    let mut vals = Vec::with_capacity(res.len());
    for r in res {
        match r {
            Some(t) => vals.push(Value::Tensor(t)),
            None if allow_unused => vals.push(Value::None),
            None => {
                return Err(Error::runtime(
                    "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
                ))
            }
        }
    }
    Ok(Value::tuple(vals))
}

/// `isinstance(x, torch.Tensor)`-like checks against namespace members.
pub fn isinstance_torch(_v: &Value, _t: &Value) -> bool {
    false
}

/// Attributes of `torch.Generator` objects.
pub fn generator_attr(v: &Value, name: &str) -> Result<Option<Value>> {
    creation::generator_attr(v, name)
}

/// Error for an unknown attribute of a module object.
pub fn no_attr(module: &str, name: &str) -> Error {
    Error::new(ExcKind::AttributeError, format!("module '{module}' has no attribute '{name}'"))
}
