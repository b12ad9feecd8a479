//! `torch.nn`, `torch.nn.functional`, `torch.nn.init` and `torch.optim`: the name tables
//! the interpreter's namespaces consult, plus what modules and optimizers share
//! (Parameter marking, gradient zeroing, OrderedDict values).

pub mod functional;
pub mod init;
pub mod module;
pub mod optim;

use std::cell::RefCell;
use std::rc::Rc;

use crate::autograd::ops as ag;
use crate::error::{Error, Result};
use crate::eval::args::{opt_bool, opt_f64, opt_i64, req, to_tensor, Args};
use crate::eval::builtins::native;
use crate::eval::object::Object;
use crate::eval::value::{NativeFn, Value};
use crate::eval::Interp;
use crate::tensor::{DType, Tensor};

use functional::Reduction;

/// Marks (or unmarks) a tensor as an `nn.Parameter` (printed `Parameter containing:`).
pub fn mark_parameter(t: &Tensor, on: bool) {
    t.autograd_mut().is_parameter = on;
}

/// True for tensors created as `nn.Parameter` (module weights and biases).
pub fn is_parameter(t: &Tensor) -> bool {
    t.autograd().is_parameter
}

/// `p.grad = None` or `p.grad.zero_()` (detached first), as `zero_grad` does.
pub fn zero_grad(p: &Tensor, set_to_none: bool) -> Result<()> {
    let g = p.autograd().grad.clone();
    if let Some(g) = g {
        if set_to_none {
            p.autograd_mut().grad = None;
        } else {
            if g.autograd().grad_fn.is_some() {
                let d = ag::detached(&g);
                p.autograd_mut().grad = Some(d.clone());
                crate::tensor::ops::fill_(&d, crate::tensor::Scalar::Float(0.0))?;
            } else {
                g.autograd_mut().requires_grad = false;
                crate::tensor::ops::fill_(&g, crate::tensor::Scalar::Float(0.0))?;
            }
        }
    }
    Ok(())
}

/// A `collections.OrderedDict` value (what `state_dict()` returns).
pub struct OrderedDict(pub Value);

/// An OrderedDict holding `items`.
pub fn ordered_dict(items: Vec<(Value, Value)>) -> Value {
    Value::Object(Rc::new(OrderedDict(Value::Dict(Rc::new(RefCell::new(items))))))
}

impl Object for OrderedDict {
    fn type_name(&self) -> &str {
        "OrderedDict"
    }
    fn repr(&self, interp: &mut Interp) -> String {
        let Value::Dict(d) = &self.0 else { return "OrderedDict()".into() };
        let items = d.borrow().clone();
        if items.is_empty() {
            return "OrderedDict()".into();
        }
        let parts: Vec<String> = items
            .iter()
            .map(|(k, v)| format!("({}, {})", crate::eval::repr::repr(interp, k), crate::eval::repr::repr(interp, v)))
            .collect();
        format!("OrderedDict([{}])", parts.join(", "))
    }
    fn getattr(&self, interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        if name == "__getitem__" {
            let f: NativeFn = |i, a| {
                let [d, k] = a.bind("__getitem__", ["self", "key"])?;
                let d = req(d, "__getitem__", "self")?;
                let k = req(k, "__getitem__", "key")?;
                crate::eval::ops::getitem(i, &d, &k)
            };
            return Ok(Some(crate::eval::builtins::method("__getitem__", f, &self.0)));
        }
        crate::eval::builtins::value_attr(interp, &self.0, name)
    }
    fn iter(&self, interp: &mut Interp) -> Result<Vec<Value>> {
        interp.collect(&self.0)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The `(key, value)` pairs of a dict or OrderedDict value.
pub fn dict_entries(_interp: &mut Interp, v: &Value) -> Result<Vec<(String, Value)>> {
    let d = match v {
        Value::Object(o) => match o.as_any().downcast_ref::<OrderedDict>() {
            Some(od) => od.0.clone(),
            None => return Err(Error::type_err(format!("Expected state_dict to be dict-like, got {}.", v.type_name()))),
        },
        other => other.clone(),
    };
    let Value::Dict(d) = d else {
        return Err(Error::type_err(format!("Expected state_dict to be dict-like, got {}.", v.type_name())));
    };
    let out = d
        .borrow()
        .iter()
        .map(|(k, v)| match k {
            Value::Str(s) => Ok((s.to_string(), v.clone())),
            _ => Err(Error::type_err("state_dict keys must be strings")),
        })
        .collect();
    out
}

/// What `load_state_dict` returns.
pub struct IncompatibleKeys {
    pub missing: Vec<String>,
    pub unexpected: Vec<String>,
}

impl Object for IncompatibleKeys {
    fn type_name(&self) -> &str {
        "_IncompatibleKeys"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        if self.missing.is_empty() && self.unexpected.is_empty() {
            return "<All keys matched successfully>".into();
        }
        let q = |v: &[String]| v.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
        format!("_IncompatibleKeys(missing_keys=[{}], unexpected_keys=[{}])", q(&self.missing), q(&self.unexpected))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

macro_rules! module_ctors {
    ($($name:literal),* $(,)?) => {
        /// The layer and loss classes of `torch.nn`.
        pub const MODULE_NAMES: &[&str] = &[$($name),*];

        fn module_ctor(name: &str) -> Option<Value> {
            let f: NativeFn = match name {
                $( $name => |_, a| module::construct($name, a), )*
                _ => return None,
            };
            Some(native(match name { $( $name => $name, )* _ => "Module" }, f))
        }
    };
}

module_ctors!(
    "Linear", "ReLU", "Sigmoid", "Tanh", "SiLU", "Softplus", "LogSigmoid", "Mish", "ReLU6", "GELU", "LeakyReLU",
    "Softmax", "LogSoftmax", "Flatten", "Dropout", "Identity", "Sequential", "MSELoss", "L1Loss", "BCELoss",
    "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
);

/// `nn.Parameter(data, requires_grad=True)`: a new leaf over the same storage.
fn parameter(_: &mut Interp, a: Args) -> Result<Value> {
    let [d, rg] = a.bind("Parameter", ["data", "requires_grad"])?;
    let t = match d {
        None | Some(Value::None) => Tensor::zeros(&[0], crate::tensor::default_dtype())?,
        Some(v) => to_tensor(&v, "data")?,
    };
    let rg = opt_bool(rg, true)?;
    if rg && !(t.dtype().is_floating_point() || t.dtype().is_complex()) {
        return Err(Error::runtime("Only Tensors of floating point and complex dtype can require gradients"));
    }
    let p = ag::detached(&t);
    p.autograd_mut().requires_grad = rg;
    mark_parameter(&p, true);
    Ok(Value::Tensor(p))
}

/// `torch.nn.NAME` besides `MODULE_NAMES` and the submodules `functional` and `init`.
pub const NAMES: &[&str] = &["Parameter", "Module"];

/// `torch.nn.functional.NAME` beyond the torch functions (which `F.` also reaches).
pub const FUNCTIONAL_NAMES: &[&str] = &[
    "linear", "dropout", "mse_loss", "l1_loss", "cross_entropy", "nll_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "one_hot",
];

/// `torch.optim.NAME` (besides the `lr_scheduler` submodule) and `torch.optim.lr_scheduler.NAME`.
pub const OPTIM_NAMES: &[&str] = &["SGD", "Adam", "AdamW"];
pub const LR_SCHEDULER_NAMES: &[&str] = &["StepLR"];

/// `torch.nn.NAME`.
pub fn lookup(name: &str) -> Option<Value> {
    if let Some(v) = module_ctor(name) {
        return Some(v);
    }
    Some(match name {
        "Parameter" => native("Parameter", parameter),
        "Module" => native("Module", |_, _| {
            Err(Error::not_impl("subclassing or instantiating nn.Module directly (use the built-in layers and nn.Sequential)"))
        }),
        _ => return None,
    })
}

fn reduction_kw(v: Option<Value>) -> Result<Reduction> {
    match v {
        None => Ok(Reduction::Mean),
        Some(Value::Str(s)) => Reduction::parse(&s),
        Some(o) => Err(Error::type_err(format!("reduction must be str, not {}", o.type_name()))),
    }
}

fn opt_t(v: Option<Value>, what: &str) -> Result<Option<Tensor>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => to_tensor(&v, what).map(Some),
    }
}

fn t_req(v: Option<Value>, f: &str, what: &str) -> Result<Tensor> {
    to_tensor(&req(v, f, what)?, what)
}

/// `torch.nn.functional.NAME` beyond the plain torch functions.
pub fn functional_lookup(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "linear" => |_, a| {
            let [x, w, b] = a.bind("linear", ["input", "weight", "bias"])?;
            let b = opt_t(b, "bias")?;
            Ok(Value::Tensor(functional::linear(&t_req(x, "linear", "input")?, &t_req(w, "linear", "weight")?, b.as_ref())?))
        },
        "dropout" => |_, a| {
            let [x, p, tr, inplace] = a.bind("dropout", ["input", "p", "training", "inplace"])?;
            if opt_bool(inplace, false)? {
                return Err(Error::not_impl("F.dropout(inplace=True)"));
            }
            let x = t_req(x, "dropout", "input")?;
            Ok(Value::Tensor(functional::dropout(&x, opt_f64(p, "p")?.unwrap_or(0.5), opt_bool(tr, true)?)?))
        },
        "mse_loss" | "l1_loss" => |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, r] = a.bind("mse_loss", ["input", "target", "reduction"])?;
            let (x, y) = (t_req(x, "mse_loss", "input")?, t_req(y, "mse_loss", "target")?);
            Ok(Value::Tensor(functional::mse_loss(&x, &y, reduction_kw(r)?)?))
        },
        "cross_entropy" => |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, w, ii, r, ls] =
                a.bind("cross_entropy", ["input", "target", "weight", "ignore_index", "reduction", "label_smoothing"])?;
            let (x, y) = (t_req(x, "cross_entropy", "input")?, t_req(y, "cross_entropy", "target")?);
            let w = opt_t(w, "weight")?;
            Ok(Value::Tensor(functional::cross_entropy(
                &x,
                &y,
                w.as_ref(),
                opt_i64(ii, "ignore_index")?.unwrap_or(-100),
                reduction_kw(r)?,
                opt_f64(ls, "label_smoothing")?.unwrap_or(0.0),
            )?))
        },
        "nll_loss" => |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, w, ii, r] = a.bind("nll_loss", ["input", "target", "weight", "ignore_index", "reduction"])?;
            let (x, y) = (t_req(x, "nll_loss", "input")?, t_req(y, "nll_loss", "target")?);
            let w = opt_t(w, "weight")?;
            Ok(Value::Tensor(functional::nll_loss(&x, &y, w.as_ref(), opt_i64(ii, "ignore_index")?.unwrap_or(-100), reduction_kw(r)?)?))
        },
        "binary_cross_entropy" => |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, w, r] = a.bind("binary_cross_entropy", ["input", "target", "weight", "reduction"])?;
            let (x, y) = (t_req(x, "binary_cross_entropy", "input")?, t_req(y, "binary_cross_entropy", "target")?);
            let w = opt_t(w, "weight")?;
            Ok(Value::Tensor(functional::binary_cross_entropy(&x, &y, w.as_ref(), reduction_kw(r)?)?))
        },
        "binary_cross_entropy_with_logits" => |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, w, r, pw] =
                a.bind("binary_cross_entropy_with_logits", ["input", "target", "weight", "reduction", "pos_weight"])?;
            let (x, y) = (t_req(x, "binary_cross_entropy_with_logits", "input")?, t_req(y, "binary_cross_entropy_with_logits", "target")?);
            let (w, pw) = (opt_t(w, "weight")?, opt_t(pw, "pos_weight")?);
            Ok(Value::Tensor(functional::bce_with_logits(&x, &y, w.as_ref(), pw.as_ref(), reduction_kw(r)?)?))
        },
        "one_hot" => |_, a| {
            let [x, n] = a.bind("one_hot", ["tensor", "num_classes"])?;
            let x = t_req(x, "one_hot", "tensor")?;
            Ok(Value::Tensor(one_hot(&x, opt_i64(n, "num_classes")?.unwrap_or(-1))?))
        },
        _ => return None,
    };
    // The l1 entry shares mse's binder; route by name.
    if name == "l1_loss" {
        return Some(native("l1_loss", |_, mut a| {
            a.take_kw("size_average");
            a.take_kw("reduce");
            let [x, y, r] = a.bind("l1_loss", ["input", "target", "reduction"])?;
            let (x, y) = (t_req(x, "l1_loss", "input")?, t_req(y, "l1_loss", "target")?);
            Ok(Value::Tensor(functional::l1_loss(&x, &y, reduction_kw(r)?)?))
        }));
    }
    let n: &'static str = match name {
        "linear" => "linear",
        "dropout" => "dropout",
        "mse_loss" => "mse_loss",
        "cross_entropy" => "cross_entropy",
        "nll_loss" => "nll_loss",
        "binary_cross_entropy" => "binary_cross_entropy",
        "binary_cross_entropy_with_logits" => "binary_cross_entropy_with_logits",
        _ => "one_hot",
    };
    Some(native(n, f))
}

/// `F.one_hot(t, num_classes)`.
fn one_hot(t: &Tensor, num_classes: i64) -> Result<Tensor> {
    if t.dtype() != DType::I64 {
        return Err(Error::runtime("one_hot is only applicable to index tensor of type LongTensor."));
    }
    let v = t.contiguous().to_vec::<i64>();
    let c = if num_classes < 0 {
        if v.is_empty() {
            return Err(Error::runtime("Can not infer total number of classes from empty tensor."));
        }
        v.iter().copied().max().unwrap_or(0) + 1
    } else {
        num_classes
    };
    if v.iter().any(|&x| x < 0) {
        return Err(Error::runtime("Class values must be non-negative."));
    }
    if v.iter().any(|&x| x >= c) {
        return Err(Error::runtime("Class values must be smaller than num_classes."));
    }
    let c = c as usize;
    let mut out = vec![0i64; v.len() * c];
    for (i, &k) in v.iter().enumerate() {
        out[i * c + k as usize] = 1;
    }
    let mut shape = t.shape().to_vec();
    shape.push(c);
    Ok(Tensor::from_vec(out, &shape))
}

/// `torch.nn.init.NAME`.
pub fn init_lookup(name: &str) -> Option<Value> {
    init::lookup(name)
}

/// `torch.optim.NAME`.
pub fn optim_lookup(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "SGD" => |i, a| optim::Optimizer::construct(optim::OptKind::Sgd, i, a),
        "Adam" => |i, a| optim::Optimizer::construct(optim::OptKind::Adam, i, a),
        "AdamW" => |i, a| optim::Optimizer::construct(optim::OptKind::AdamW, i, a),
        "lr_scheduler" => {
            return Some(Value::Namespace(Rc::new(crate::eval::value::Namespace {
                name: "torch.optim.lr_scheduler",
                get: |n| match n {
                    "StepLR" => Some(native("StepLR", |_, a| optim::StepLR::construct(a))),
                    _ => None,
                },
            })))
        }
        _ => return None,
    };
    Some(native(match name { "SGD" => "SGD", "Adam" => "Adam", _ => "AdamW" }, f))
}
