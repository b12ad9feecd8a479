//! `torch.nn` module objects: the layers, activations, containers and losses, with their
//! parameters (leaf tensors shown as `Parameter containing:`), PyTorch's reprs, and the
//! Module methods lessons use (`parameters()`, `state_dict()`, `train()`, `zero_grad()`…).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::autograd::ops as ag;
use crate::error::{Error, ExcKind, Result};
use crate::eval::args::{opt_bool, opt_f64, opt_i64, req, to_i64, to_tensor, Args};
use crate::eval::builtins::method;
use crate::eval::object::Object;
use crate::eval::value::{NativeFn, Value};
use crate::eval::Interp;
use crate::format::pyfmt::float_repr;
use crate::tensor::ops::unary::UnaryOp;
use crate::tensor::{DType, Tensor};

use super::functional::{self as nf, Reduction};

/// What a module computes.
#[derive(Clone, Debug)]
pub enum Kind {
    Linear { in_features: usize, out_features: usize },
    Act(UnaryOp, &'static str),
    Gelu { approximate: String },
    LeakyRelu { slope: f64 },
    Softmax { dim: Option<i64>, log: bool },
    Flatten { start: i64, end: i64 },
    Dropout { p: f64 },
    Identity,
    Sequential,
    Mse(Reduction),
    L1(Reduction),
    CrossEntropy { red: Reduction, ignore_index: i64, label_smoothing: f64 },
    Nll { red: Reduction, ignore_index: i64 },
    Bce(Reduction),
    BceLogits(Reduction),
}

/// One module object.
pub struct Module {
    me: Weak<Module>,
    pub kind: Kind,
    /// Parameters in registration order (`weight`, `bias`); None is a registered `None`.
    params: RefCell<Vec<(String, Option<Tensor>)>>,
    /// Buffers (a loss's `weight` / `pos_weight`).
    buffers: RefCell<Vec<(String, Option<Tensor>)>>,
    children: RefCell<Vec<(String, Rc<Module>)>>,
    training: Cell<bool>,
}

impl Module {
    pub fn new(kind: Kind) -> Rc<Module> {
        Rc::new_cyclic(|me| Module {
            me: me.clone(),
            kind,
            params: RefCell::new(Vec::new()),
            buffers: RefCell::new(Vec::new()),
            children: RefCell::new(Vec::new()),
            training: Cell::new(true),
        })
    }

    fn value(&self) -> Value {
        match self.me.upgrade() {
            Some(rc) => Value::Object(rc),
            None => Value::None,
        }
    }

    pub fn type_name_of(kind: &Kind) -> &'static str {
        match kind {
            Kind::Linear { .. } => "Linear",
            Kind::Act(_, n) => n,
            Kind::Gelu { .. } => "GELU",
            Kind::LeakyRelu { .. } => "LeakyReLU",
            Kind::Softmax { log: false, .. } => "Softmax",
            Kind::Softmax { log: true, .. } => "LogSoftmax",
            Kind::Flatten { .. } => "Flatten",
            Kind::Dropout { .. } => "Dropout",
            Kind::Identity => "Identity",
            Kind::Sequential => "Sequential",
            Kind::Mse(_) => "MSELoss",
            Kind::L1(_) => "L1Loss",
            Kind::CrossEntropy { .. } => "CrossEntropyLoss",
            Kind::Nll { .. } => "NLLLoss",
            Kind::Bce(_) => "BCELoss",
            Kind::BceLogits(_) => "BCEWithLogitsLoss",
        }
    }

    /// Registers a parameter (a leaf that requires grad, shown as a Parameter).
    pub fn add_param(&self, name: &str, t: Option<Tensor>) {
        if let Some(t) = &t {
            super::mark_parameter(t, true);
        }
        self.params.borrow_mut().push((name.to_string(), t));
    }

    pub fn add_buffer(&self, name: &str, t: Option<Tensor>) {
        self.buffers.borrow_mut().push((name.to_string(), t));
    }

    pub fn add_child(&self, name: &str, m: Rc<Module>) {
        let mut c = self.children.borrow_mut();
        match c.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = m,
            None => c.push((name.to_string(), m)),
        }
    }

    fn param(&self, name: &str) -> Option<Option<Tensor>> {
        self.params.borrow().iter().find(|(n, _)| n == name).map(|(_, t)| t.clone())
    }

    fn buffer(&self, name: &str) -> Option<Tensor> {
        self.buffers.borrow().iter().find(|(n, _)| n == name).and_then(|(_, t)| t.clone())
    }

    /// `named_parameters()` in PyTorch's order (own first, then children by prefix),
    /// each tensor once.
    pub fn named_parameters(&self) -> Vec<(String, Tensor)> {
        let mut out: Vec<(String, Tensor)> = Vec::new();
        let mut stack: Vec<(String, Rc<Module>)> = Vec::new();
        if let Some(me) = self.me.upgrade() {
            stack.push((String::new(), me));
        }
        // Depth-first, pre-order, children in registration order (explicit stack).
        while let Some((prefix, m)) = stack.pop() {
            for (n, t) in m.params.borrow().iter() {
                if let Some(t) = t {
                    if !out.iter().any(|(_, o)| Rc::ptr_eq(&o.0, &t.0)) {
                        out.push((format!("{prefix}{n}"), t.clone()));
                    }
                }
            }
            for (n, c) in m.children.borrow().iter().rev() {
                stack.push((format!("{prefix}{n}."), c.clone()));
            }
        }
        out
    }

    fn all_modules(&self) -> Vec<(String, Rc<Module>)> {
        let mut out = Vec::new();
        let mut stack: Vec<(String, Rc<Module>)> = Vec::new();
        if let Some(me) = self.me.upgrade() {
            stack.push((String::new(), me));
        }
        while let Some((prefix, m)) = stack.pop() {
            for (n, c) in m.children.borrow().iter().rev() {
                let p = if prefix.is_empty() { n.clone() } else { format!("{prefix}.{n}") };
                stack.push((p, c.clone()));
            }
            out.push((prefix, m));
        }
        out
    }

    /// `state_dict()`: the parameters and buffers by dotted name, detached.
    fn state_dict(&self) -> Vec<(String, Tensor)> {
        self.state_dict_targets().into_iter().map(|(n, t)| (n, ag::detached(&t))).collect()
    }

    fn extra_repr(&self) -> String {
        match &self.kind {
            Kind::Linear { in_features, out_features } => format!(
                "in_features={in_features}, out_features={out_features}, bias={}",
                if matches!(self.param("bias"), Some(Some(_))) { "True" } else { "False" }
            ),
            Kind::Gelu { approximate } => format!("approximate='{approximate}'"),
            Kind::LeakyRelu { slope } => format!("negative_slope={}", float_repr(*slope)),
            Kind::Softmax { dim, .. } => format!("dim={}", dim.map(|d| d.to_string()).unwrap_or("None".into())),
            Kind::Flatten { start, end } => format!("start_dim={start}, end_dim={end}"),
            Kind::Dropout { p } => format!("p={}, inplace=False", float_repr(*p)),
            _ => String::new(),
        }
    }

    /// PyTorch's `Module.__repr__`: `Name(extra)` or a multi-line listing of children.
    pub fn repr_string(&self) -> String {
        let name = Self::type_name_of(&self.kind);
        let children = self.children.borrow();
        let extra = self.extra_repr();
        if children.is_empty() {
            return format!("{name}({extra})");
        }
        let mut s = format!("{name}(");
        if !extra.is_empty() {
            s.push_str("\n  ");
            s.push_str(&extra);
        }
        for (n, c) in children.iter() {
            let r = c.repr_string().replace('\n', "\n  ");
            s.push_str(&format!("\n  ({n}): {r}"));
        }
        s.push_str("\n)");
        s
    }

    fn set_training(&self, on: bool) {
        for (_, m) in self.all_modules() {
            m.training.set(on);
        }
    }

    /// `module(*args)`.
    pub fn forward(&self, interp: &mut Interp, a: Args) -> Result<Value> {
        let name = Self::type_name_of(&self.kind);
        if let Kind::Sequential = self.kind {
            let [x] = a.bind("forward", ["input"])?;
            let mut v = req(x, "forward", "input")?;
            let children: Vec<Rc<Module>> = self.children.borrow().iter().map(|(_, c)| c.clone()).collect();
            for c in children {
                v = c.forward(interp, Args::new(vec![v]))?;
            }
            return Ok(v);
        }
        let is_loss = matches!(
            self.kind,
            Kind::Mse(_) | Kind::L1(_) | Kind::CrossEntropy { .. } | Kind::Nll { .. } | Kind::Bce(_) | Kind::BceLogits(_)
        );
        if is_loss {
            let [x, y] = a.bind("forward", ["input", "target"])?;
            let x = to_tensor(&req(x, "forward", "input")?, "input")?;
            let y = to_tensor(&req(y, "forward", "target")?, "target")?;
            let wt = self.buffer("weight");
            return Ok(Value::Tensor(match &self.kind {
                Kind::Mse(r) => nf::mse_loss(&x, &y, *r)?,
                Kind::L1(r) => nf::l1_loss(&x, &y, *r)?,
                Kind::CrossEntropy { red, ignore_index, label_smoothing } => {
                    nf::cross_entropy(&x, &y, wt.as_ref(), *ignore_index, *red, *label_smoothing)?
                }
                Kind::Nll { red, ignore_index } => nf::nll_loss(&x, &y, wt.as_ref(), *ignore_index, *red)?,
                Kind::Bce(r) => nf::binary_cross_entropy(&x, &y, wt.as_ref(), *r)?,
                Kind::BceLogits(r) => nf::bce_with_logits(&x, &y, wt.as_ref(), self.buffer("pos_weight").as_ref(), *r)?,
                _ => unreachable_kind(name)?,
            }));
        }
        let [x] = a.bind("forward", ["input"])?;
        let x = to_tensor(&req(x, "forward", "input")?, "input")?;
        Ok(Value::Tensor(match &self.kind {
            Kind::Linear { in_features, .. } => {
                let w = self.param("weight").flatten().ok_or_else(|| Error::type_err("Linear has no weight"))?;
                let b = self.param("bias").flatten();
                let _ = in_features;
                nf::linear(&x, &w, b.as_ref())?
            }
            Kind::Act(op, _) => ag::unary(*op, &x)?,
            Kind::Gelu { approximate } => {
                ag::unary(if approximate == "tanh" { UnaryOp::GeluTanh } else { UnaryOp::Gelu }, &x)?
            }
            Kind::LeakyRelu { slope } => {
                let f = crate::eval::torch::functions::lookup("leaky_relu").ok_or_else(|| Error::not_impl("leaky_relu"))?;
                let r = (f.1)(interp, Args::new(vec![Value::Tensor(x), Value::Float(*slope)]))?;
                return Ok(r);
            }
            Kind::Softmax { dim, log } => {
                let d = match dim {
                    Some(d) => *d,
                    None => if matches!(x.ndim(), 0 | 1 | 3) { 0 } else { 1 },
                };
                if *log { ag::log_softmax(&x, d, None)? } else { ag::softmax(&x, d, None)? }
            }
            Kind::Flatten { start, end } => ag::flatten(&x, *start, *end)?,
            Kind::Dropout { p } => nf::dropout(&x, *p, self.training.get())?,
            Kind::Identity => x,
            _ => unreachable_kind(name)?,
        }))
    }
}

fn unreachable_kind(name: &str) -> Result<Tensor> {
    Err(Error::not_impl(format!("forward of {name}")))
}

/// The module behind a method's receiver.
fn this(a: &Args) -> Result<Rc<Module>> {
    if let Some(Value::Object(o)) = a.pos.first() {
        if let Some(m) = o.as_any().downcast_ref::<Module>() {
            if let Some(rc) = m.me.upgrade() {
                return Ok(rc);
            }
        }
    }
    Err(Error::type_err("descriptor requires a 'Module' object"))
}

/// The module a value holds, if any.
pub fn as_module(v: &Value) -> Option<Rc<Module>> {
    if let Value::Object(o) = v {
        if let Some(m) = o.as_any().downcast_ref::<Module>() {
            return m.me.upgrade();
        }
    }
    None
}

fn tensor_list(v: Vec<Tensor>) -> Value {
    Value::list(v.into_iter().map(Value::Tensor).collect())
}

fn named_list(v: Vec<(String, Value)>) -> Value {
    Value::list(v.into_iter().map(|(n, t)| Value::tuple(vec![Value::str(&n), t])).collect())
}

/// The methods every module has (`module_method` resolves them).
pub const METHOD_NAMES: &[&str] = &[
    "forward", "parameters", "named_parameters", "children", "named_children", "modules", "named_modules",
    "state_dict", "load_state_dict", "zero_grad", "train", "eval", "requires_grad_", "to", "cpu", "float",
    "double", "half", "cuda", "type", "apply", "append", "add_module", "register_module", "extra_repr",
    "__getitem__",
];

/// `module.NAME` as a bound method (for completion and help).
pub fn module_method_exists(name: &str) -> bool {
    module_method(name).is_some()
}

fn module_method(name: &str) -> Option<(&'static str, NativeFn)> {
    let f: (&'static str, NativeFn) = match name {
        "forward" => ("forward", |i, mut a| {
            let m = this(&a)?;
            a.pos.remove(0);
            m.forward(i, a)
        }),
        "parameters" => ("parameters", |_, a| {
            let m = this(&a)?;
            let [_, _r] = a.bind("parameters", ["self", "recurse"])?;
            Ok(tensor_list(m.named_parameters().into_iter().map(|(_, t)| t).collect()))
        }),
        "named_parameters" => ("named_parameters", |_, a| {
            let m = this(&a)?;
            let [_, _p, _r] = a.bind("named_parameters", ["self", "prefix", "recurse"])?;
            Ok(named_list(m.named_parameters().into_iter().map(|(n, t)| (n, Value::Tensor(t))).collect()))
        }),
        "children" => ("children", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("children", ["self"])?;
            let c = m.children.borrow();
            Ok(Value::list(c.iter().map(|(_, c)| Value::Object(c.clone())).collect()))
        }),
        "named_children" => ("named_children", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("named_children", ["self"])?;
            let c = m.children.borrow();
            Ok(named_list(c.iter().map(|(n, c)| (n.clone(), Value::Object(c.clone()))).collect()))
        }),
        "modules" => ("modules", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("modules", ["self"])?;
            Ok(Value::list(m.all_modules().into_iter().map(|(_, c)| Value::Object(c)).collect()))
        }),
        "named_modules" => ("named_modules", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("named_modules", ["self"])?;
            Ok(named_list(m.all_modules().into_iter().map(|(n, c)| (n, Value::Object(c))).collect()))
        }),
        "state_dict" => ("state_dict", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("state_dict", ["self"])?;
            let items = m.state_dict().into_iter().map(|(n, t)| (Value::str(&n), Value::Tensor(t))).collect();
            Ok(super::ordered_dict(items))
        }),
        "load_state_dict" => ("load_state_dict", |i, a| {
            let m = this(&a)?;
            let [_, sd, strict] = a.bind("load_state_dict", ["self", "state_dict", "strict"])?;
            let strict = opt_bool(strict, true)?;
            let sd = req(sd, "load_state_dict", "state_dict")?;
            let entries = super::dict_entries(i, &sd)?;
            let own = m.state_dict_targets();
            let mut missing: Vec<String> = own.iter().map(|(n, _)| n.clone()).collect();
            let mut unexpected = Vec::new();
            for (k, v) in entries {
                match own.iter().find(|(n, _)| *n == k) {
                    Some((_, t)) => {
                        let src = to_tensor(&v, "state_dict value")?;
                        if src.shape() != t.shape() {
                            return Err(Error::runtime(format!(
                                "Error(s) in loading state_dict for {}:\n\tsize mismatch for {k}: copying a param with shape {} from checkpoint, the shape in current model is {}.",
                                Module::type_name_of(&m.kind),
                                size_repr(&src.shape()),
                                size_repr(&t.shape())
                            )));
                        }
                        crate::tensor::ops::copy_(t, &src)?;
                        missing.retain(|n| *n != k);
                    }
                    None => unexpected.push(k),
                }
            }
            if strict && (!missing.is_empty() || !unexpected.is_empty()) {
                let mut msg = format!("Error(s) in loading state_dict for {}:", Module::type_name_of(&m.kind));
                if !missing.is_empty() {
                    let q: Vec<String> = missing.iter().map(|n| format!("\"{n}\"")).collect();
                    msg.push_str(&format!("\n\tMissing key(s) in state_dict: {}. ", q.join(", ")));
                }
                if !unexpected.is_empty() {
                    let q: Vec<String> = unexpected.iter().map(|n| format!("\"{n}\"")).collect();
                    msg.push_str(&format!("\n\tUnexpected key(s) in state_dict: {}. ", q.join(", ")));
                }
                return Err(Error::runtime(msg));
            }
            Ok(Value::Object(Rc::new(super::IncompatibleKeys { missing, unexpected })))
        }),
        "zero_grad" => ("zero_grad", |_, a| {
            let m = this(&a)?;
            let [_, stn] = a.bind("zero_grad", ["self", "set_to_none"])?;
            let set_to_none = opt_bool(stn, true)?;
            for (_, p) in m.named_parameters() {
                super::zero_grad(&p, set_to_none)?;
            }
            Ok(Value::None)
        }),
        "train" => ("train", |_, a| {
            let m = this(&a)?;
            let [_, mode] = a.bind("train", ["self", "mode"])?;
            m.set_training(opt_bool(mode, true)?);
            Ok(m.value())
        }),
        "eval" => ("eval", |_, a| {
            let m = this(&a)?;
            a.bind::<1>("eval", ["self"])?;
            m.set_training(false);
            Ok(m.value())
        }),
        "requires_grad_" => ("requires_grad_", |_, a| {
            let m = this(&a)?;
            let [_, on] = a.bind("requires_grad_", ["self", "requires_grad"])?;
            let on = opt_bool(on, true)?;
            for (_, p) in m.named_parameters() {
                p.autograd_mut().requires_grad = on;
            }
            Ok(m.value())
        }),
        "cuda" => ("cuda", |_, a| {
            let m = this(&a)?;
            let d = match a.pos.get(1).or_else(|| a.kw.iter().find(|(k, _)| &**k == "device").map(|(_, v)| v)) {
                None | Some(Value::None) => crate::tensor::Device::Cuda(0),
                Some(Value::Int(i)) if *i >= 0 => crate::tensor::Device::Cuda(*i as usize),
                Some(v) => crate::eval::args::to_device(v)?,
            };
            m.move_params(d)?;
            Ok(m.value())
        }),
        "cpu" => ("cpu", |_, a| {
            let m = this(&a)?;
            m.move_params(crate::tensor::Device::Cpu)?;
            Ok(m.value())
        }),
        "to" | "float" | "double" | "half" | "type" => ("to", |_, a| {
            let m = this(&a)?;
            let mut target: Option<DType> = None;
            let mut device = None;
            for v in a.pos.iter().skip(1).chain(a.kw.iter().map(|(_, v)| v)) {
                match v {
                    Value::DType(d) => target = Some(*d),
                    Value::Device(_) | Value::Str(_) => device = Some(crate::eval::args::to_device(v)?),
                    _ => {}
                }
            }
            if let Some(d) = device {
                m.move_params(d)?;
            }
            if let Some(d) = target {
                m.cast_params(d)?;
            }
            Ok(m.value())
        }),
        "apply" => ("apply", |i, a| {
            let m = this(&a)?;
            let [_, f] = a.bind("apply", ["self", "fn"])?;
            let f = req(f, "apply", "fn")?;
            // Children first, then the module itself (post-order), as PyTorch does.
            let mut mods = m.all_modules();
            mods.reverse();
            for (_, c) in mods {
                i.call(&f, Args::new(vec![Value::Object(c)]))?;
            }
            Ok(m.value())
        }),
        "append" => ("append", |_, a| {
            let m = this(&a)?;
            let [_, c] = a.bind("append", ["self", "module"])?;
            let c = req(c, "append", "module")?;
            let c = as_module(&c).ok_or_else(|| Error::type_err(format!("{} is not a Module subclass", c.type_name())))?;
            let n = m.children.borrow().len();
            m.add_child(&n.to_string(), c);
            Ok(m.value())
        }),
        "add_module" | "register_module" => ("add_module", |_, a| {
            let m = this(&a)?;
            let [_, n, c] = a.bind("add_module", ["self", "name", "module"])?;
            let n = match req(n, "add_module", "name")? {
                Value::Str(s) => s.to_string(),
                o => return Err(Error::type_err(format!("module name should be a string. Got {}", o.type_name()))),
            };
            let c = req(c, "add_module", "module")?;
            let c = as_module(&c).ok_or_else(|| Error::type_err(format!("{} is not a Module subclass", c.type_name())))?;
            m.add_child(&n, c);
            Ok(Value::None)
        }),
        "extra_repr" => ("extra_repr", |_, a| {
            let m = this(&a)?;
            Ok(Value::str(&m.extra_repr()))
        }),
        "__getitem__" => ("__getitem__", |_, a| {
            let m = this(&a)?;
            let [_, k] = a.bind("__getitem__", ["self", "idx"])?;
            let k = req(k, "__getitem__", "idx")?;
            let children = m.children.borrow();
            let n = children.len() as i64;
            match k {
                Value::Slice(_) => Err(Error::not_impl("slicing an nn.Sequential")),
                _ => {
                    let i = to_i64(&k, "index")?;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(Error::new(ExcKind::IndexError, format!("index {i} is out of range")));
                    }
                    Ok(Value::Object(children[j as usize].1.clone()))
                }
            }
        }),
        _ => return None,
    };
    Some(f)
}

fn size_repr(s: &[usize]) -> String {
    let parts: Vec<String> = s.iter().map(|d| d.to_string()).collect();
    format!("torch.Size([{}])", parts.join(", "))
}

impl Module {
    /// The live tensors a state_dict names (for load_state_dict).
    fn state_dict_targets(&self) -> Vec<(String, Tensor)> {
        let mut out = Vec::new();
        for (prefix, m) in self.all_modules() {
            let p = if prefix.is_empty() { String::new() } else { format!("{prefix}.") };
            for (n, t) in m.params.borrow().iter().chain(m.buffers.borrow().iter()) {
                if let Some(t) = t {
                    out.push((format!("{p}{n}"), t.clone()));
                }
            }
        }
        out
    }

    /// `.double()` / `.to(dtype)`: parameters become new leaves of that dtype.
    /// `module.to(device)`: every parameter and buffer moves, keeping its identity (its
    /// storage is replaced, as `param.data = param.data.to(device)` does), so optimizers
    /// made earlier still hold the module's parameters.
    fn move_params(&self, d: crate::tensor::Device) -> Result<()> {
        crate::eval::torch::creation::place(&d)?;
        for (_, m) in self.all_modules() {
            let params: Vec<Tensor> = m.params.borrow().iter().filter_map(|(_, t)| t.clone()).collect();
            let bufs: Vec<Tensor> = m.buffers.borrow().iter().filter_map(|(_, t)| t.clone()).collect();
            for t in params.iter().chain(&bufs) {
                if t.device() != d {
                    let moved = crate::backend::to_device(t, d)?;
                    t.set_view(moved.view().clone());
                    let g = t.autograd().grad.clone();
                    if let Some(g) = g {
                        t.autograd_mut().grad = Some(crate::backend::to_device(&g, d)?);
                    }
                }
            }
        }
        Ok(())
    }

    fn cast_params(&self, d: DType) -> Result<()> {
        if !d.is_floating_point() {
            return Err(Error::type_err(format!("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={d}")));
        }
        for (_, m) in self.all_modules() {
            for (_, slot) in m.params.borrow_mut().iter_mut() {
                if let Some(t) = slot {
                    if t.dtype() != d {
                        let n = t.cast(d);
                        n.autograd_mut().requires_grad = t.requires_grad();
                        super::mark_parameter(&n, true);
                        *slot = Some(n);
                    }
                }
            }
        }
        Ok(())
    }
}

impl Object for Module {
    fn type_name(&self) -> &str {
        Self::type_name_of(&self.kind)
    }

    fn repr(&self, _interp: &mut Interp) -> String {
        self.repr_string()
    }

    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        if let Some(t) = self.param(name) {
            return Ok(Some(t.map(Value::Tensor).unwrap_or(Value::None)));
        }
        if let Some((_, t)) = self.buffers.borrow().iter().find(|(n, _)| n == name) {
            return Ok(Some(t.clone().map(Value::Tensor).unwrap_or(Value::None)));
        }
        if let Some((_, c)) = self.children.borrow().iter().find(|(n, _)| n == name) {
            return Ok(Some(Value::Object(c.clone())));
        }
        let v = match (&self.kind, name) {
            (_, "training") => Value::Bool(self.training.get()),
            (Kind::Linear { in_features, .. }, "in_features") => Value::Int(*in_features as i64),
            (Kind::Linear { out_features, .. }, "out_features") => Value::Int(*out_features as i64),
            (Kind::Dropout { p }, "p") => Value::Float(*p),
            (Kind::Dropout { .. }, "inplace") => Value::Bool(false),
            (Kind::Softmax { dim, .. }, "dim") => dim.map(Value::Int).unwrap_or(Value::None),
            (Kind::Flatten { start, .. }, "start_dim") => Value::Int(*start),
            (Kind::Flatten { end, .. }, "end_dim") => Value::Int(*end),
            (Kind::LeakyRelu { slope }, "negative_slope") => Value::Float(*slope),
            (Kind::Gelu { approximate }, "approximate") => Value::str(approximate),
            (Kind::Mse(r) | Kind::L1(r) | Kind::Bce(r) | Kind::BceLogits(r), "reduction") => Value::str(r.name()),
            (Kind::CrossEntropy { red, .. } | Kind::Nll { red, .. }, "reduction") => Value::str(red.name()),
            (Kind::CrossEntropy { ignore_index, .. } | Kind::Nll { ignore_index, .. }, "ignore_index") => Value::Int(*ignore_index),
            (Kind::CrossEntropy { label_smoothing, .. }, "label_smoothing") => Value::Float(*label_smoothing),
            _ => match module_method(name) {
                Some((n, f)) => method(n, f, &self.value()),
                None => return Ok(None),
            },
        };
        Ok(Some(v))
    }

    fn setattr(&self, _interp: &mut Interp, name: &str, v: Value) -> Result<()> {
        let is_param = self.params.borrow().iter().any(|(n, _)| n == name);
        if is_param {
            let t = match v {
                Value::None => None,
                Value::Tensor(t) => {
                    if !super::is_parameter(&t) {
                        return Err(Error::type_err(format!(
                            "cannot assign 'torch.FloatTensor' as parameter '{name}' (torch.nn.Parameter or None expected)"
                        )));
                    }
                    Some(t)
                }
                o => {
                    return Err(Error::type_err(format!(
                        "cannot assign '{}' as parameter '{name}' (torch.nn.Parameter or None expected)",
                        o.type_name()
                    )))
                }
            };
            for (n, slot) in self.params.borrow_mut().iter_mut() {
                if n == name {
                    *slot = t.clone();
                }
            }
            return Ok(());
        }
        if let Some(m) = as_module(&v) {
            self.add_child(name, m);
            return Ok(());
        }
        if name == "training" {
            self.training.set(v.truthy()?);
            return Ok(());
        }
        Err(Error::not_impl(format!(
            "setting attribute '{name}' on {} modules",
            Self::type_name_of(&self.kind)
        )))
    }

    fn call(&self, interp: &mut Interp, args: Args) -> Result<Value> {
        self.forward(interp, args)
    }

    fn iter(&self, _interp: &mut Interp) -> Result<Vec<Value>> {
        match self.kind {
            Kind::Sequential => Ok(self.children.borrow().iter().map(|(_, c)| Value::Object(c.clone())).collect()),
            _ => Err(Error::type_err(format!("'{}' object is not iterable", self.type_name()))),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `reduction=` (with the legacy `size_average` / `reduce` flags rejected clearly).
fn reduction_arg(a: &mut Args) -> Result<Reduction> {
    for legacy in ["size_average", "reduce"] {
        if let Some(v) = a.take_kw(legacy) {
            if !v.is_none() {
                return Err(Error::not_impl(format!("the deprecated '{legacy}' argument of losses (use reduction=)")));
            }
        }
    }
    match a.take_kw("reduction") {
        None => Ok(Reduction::Mean),
        Some(Value::Str(s)) => Reduction::parse(&s),
        Some(o) => Err(Error::type_err(format!("reduction must be str, not {}", o.type_name()))),
    }
}

fn opt_tensor(v: Option<Value>, what: &str) -> Result<Option<Tensor>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_tensor(&v, what).map(Some),
    }
}

/// Constructs `torch.nn.NAME(*args)`.
pub fn construct(name: &str, mut a: Args) -> Result<Value> {
    let m = match name {
        "Linear" => {
            let dtype = crate::eval::args::opt_dtype(a.take_kw("dtype"))?;
            let device = match a.take_kw("device") {
                Some(d) if !d.is_none() => Some(crate::eval::args::to_device(&d)?),
                _ => None,
            };
            let [i, o, b] = a.bind("Linear", ["in_features", "out_features", "bias"])?;
            let i = to_i64(&req(i, "Linear", "in_features")?, "in_features")?;
            let o = to_i64(&req(o, "Linear", "out_features")?, "out_features")?;
            if i < 0 || o < 0 {
                return Err(Error::runtime(format!(
                    "Trying to create tensor with negative dimension {}: [{o}, {i}]",
                    i.min(o)
                )));
            }
            let bias = opt_bool(b, true)?;
            let dtype = dtype.unwrap_or_else(crate::tensor::default_dtype);
            let g = crate::tensor::ops::random::default_generator();
            let (w, bt) = crate::tensor::ops::random::linear_init(i as usize, o as usize, bias, dtype, &mut g.borrow_mut())?;
            let m = Module::new(Kind::Linear { in_features: i as usize, out_features: o as usize });
            w.autograd_mut().requires_grad = true;
            m.add_param("weight", Some(w));
            if let Some(b) = &bt {
                b.autograd_mut().requires_grad = true;
            }
            m.add_param("bias", bt);
            if let Some(d) = device {
                m.move_params(d)?;
            }
            m
        }
        "ReLU" | "Sigmoid" | "Tanh" | "SiLU" | "Softplus" | "LogSigmoid" | "Mish" | "ReLU6" => {
            a.take_kw("inplace");
            a.bind::<1>(name, ["inplace"])?;
            let (op, n) = match name {
                "ReLU" => (UnaryOp::Relu, "ReLU"),
                "Sigmoid" => (UnaryOp::Sigmoid, "Sigmoid"),
                "Tanh" => (UnaryOp::Tanh, "Tanh"),
                "SiLU" => (UnaryOp::Silu, "SiLU"),
                "Softplus" => (UnaryOp::Softplus, "Softplus"),
                "LogSigmoid" => (UnaryOp::LogSigmoid, "LogSigmoid"),
                "Mish" => (UnaryOp::Mish, "Mish"),
                _ => (UnaryOp::Relu6, "ReLU6"),
            };
            Module::new(Kind::Act(op, n))
        }
        "GELU" => {
            let [ap] = a.bind("GELU", ["approximate"])?;
            let ap = match ap {
                None => "none".to_string(),
                Some(Value::Str(s)) if &*s == "none" || &*s == "tanh" => s.to_string(),
                Some(o) => return Err(Error::value(format!("approximate argument must be either none or tanh., got {}", o.type_name()))),
            };
            Module::new(Kind::Gelu { approximate: ap })
        }
        "LeakyReLU" => {
            let [s, _inp] = a.bind("LeakyReLU", ["negative_slope", "inplace"])?;
            Module::new(Kind::LeakyRelu { slope: opt_f64(s, "negative_slope")?.unwrap_or(0.01) })
        }
        "Softmax" | "LogSoftmax" => {
            let [d] = a.bind(name, ["dim"])?;
            Module::new(Kind::Softmax { dim: opt_i64(d, "dim")?, log: name == "LogSoftmax" })
        }
        "Flatten" => {
            let [s, e] = a.bind("Flatten", ["start_dim", "end_dim"])?;
            Module::new(Kind::Flatten { start: opt_i64(s, "start_dim")?.unwrap_or(1), end: opt_i64(e, "end_dim")?.unwrap_or(-1) })
        }
        "Dropout" => {
            let [p, inplace] = a.bind("Dropout", ["p", "inplace"])?;
            let p = opt_f64(p, "p")?.unwrap_or(0.5);
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::value(format!("dropout probability has to be between 0 and 1, but got {}", float_repr(p))));
            }
            if opt_bool(inplace, false)? {
                return Err(Error::not_impl("nn.Dropout(inplace=True)"));
            }
            Module::new(Kind::Dropout { p })
        }
        "Identity" => {
            a.kw.clear();
            Module::new(Kind::Identity)
        }
        "Sequential" => {
            if !a.kw.is_empty() {
                return Err(Error::type_err("Sequential.__init__() got an unexpected keyword argument"));
            }
            let m = Module::new(Kind::Sequential);
            for (k, v) in a.pos.iter().enumerate() {
                let c = as_module(v).ok_or_else(|| Error::type_err(format!("{} is not a Module subclass", v.type_name())))?;
                m.add_child(&k.to_string(), c);
            }
            m
        }
        "MSELoss" | "L1Loss" | "BCELoss" | "BCEWithLogitsLoss" | "CrossEntropyLoss" | "NLLLoss" => {
            let red = reduction_arg(&mut a)?;
            let weight = opt_tensor(a.take_kw("weight"), "weight")?;
            match name {
                "MSELoss" => {
                    a.none(name)?;
                    Module::new(Kind::Mse(red))
                }
                "L1Loss" => {
                    a.none(name)?;
                    Module::new(Kind::L1(red))
                }
                "BCELoss" => {
                    let [w] = a.bind(name, ["weight"])?;
                    let m = Module::new(Kind::Bce(red));
                    m.add_buffer("weight", weight.or(opt_tensor(w, "weight")?));
                    m
                }
                "BCEWithLogitsLoss" => {
                    let [w, pw] = a.bind(name, ["weight", "pos_weight"])?;
                    let m = Module::new(Kind::BceLogits(red));
                    m.add_buffer("weight", weight.or(opt_tensor(w, "weight")?));
                    m.add_buffer("pos_weight", opt_tensor(pw, "pos_weight")?);
                    m
                }
                "NLLLoss" => {
                    let [w, ii] = a.bind(name, ["weight", "ignore_index"])?;
                    let m = Module::new(Kind::Nll { red, ignore_index: opt_i64(ii, "ignore_index")?.unwrap_or(-100) });
                    m.add_buffer("weight", weight.or(opt_tensor(w, "weight")?));
                    m
                }
                _ => {
                    let [w, ii, ls] = a.bind(name, ["weight", "ignore_index", "label_smoothing"])?;
                    let m = Module::new(Kind::CrossEntropy {
                        red,
                        ignore_index: opt_i64(ii, "ignore_index")?.unwrap_or(-100),
                        label_smoothing: opt_f64(ls, "label_smoothing")?.unwrap_or(0.0),
                    });
                    m.add_buffer("weight", weight.or(opt_tensor(w, "weight")?));
                    m
                }
            }
        }
        _ => return Err(Error::not_impl(format!("torch.nn.{name}"))),
    };
    Ok(Value::Object(m))
}
