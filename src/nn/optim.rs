//! `torch.optim`: SGD, Adam and AdamW with PyTorch's single-tensor update arithmetic
//! (the same roundings and fused multiply-adds as its CPU kernels, so loss sequences
//! match), `param_groups` as live dicts, and `lr_scheduler.StepLR`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};
use crate::eval::args::{opt_i64, req, to_f64, to_i64, Args};
use crate::eval::builtins::method;
use crate::eval::object::Object;
use crate::eval::value::{NativeFn, Value};
use crate::eval::Interp;
use crate::tensor::{DType, Tensor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptKind {
    Sgd,
    Adam,
    AdamW,
}

impl OptKind {
    fn name(self) -> &'static str {
        match self {
            OptKind::Sgd => "SGD",
            OptKind::Adam => "Adam",
            OptKind::AdamW => "AdamW",
        }
    }
}

/// Per-parameter state in the parameter's dtype.
enum Buf {
    F32(Vec<f32>),
    F64(Vec<f64>),
}

#[derive(Default)]
struct State {
    /// The parameter (keeps the key's pointer alive).
    param: Option<Tensor>,
    step: f64,
    momentum: Option<Buf>,
    exp_avg: Option<Buf>,
    exp_avg_sq: Option<Buf>,
    max_exp_avg_sq: Option<Buf>,
}

/// An optimizer object.
pub struct Optimizer {
    me: Weak<Optimizer>,
    kind: OptKind,
    /// `param_groups`: a list of dicts shared with Python code (writes to `lr` take effect).
    groups: Value,
    defaults: Vec<(&'static str, Value)>,
    state: RefCell<FxHashMap<usize, State>>,
}

fn key(t: &Tensor) -> usize {
    Rc::as_ptr(&t.0) as *const u8 as usize
}

fn dict_get(d: &Value, k: &str) -> Option<Value> {
    if let Value::Dict(d) = d {
        return d.borrow().iter().find(|(kk, _)| matches!(kk, Value::Str(s) if &**s == k)).map(|(_, v)| v.clone());
    }
    None
}

fn dict_set(d: &Value, k: &str, v: Value) {
    if let Value::Dict(d) = d {
        let mut d = d.borrow_mut();
        match d.iter_mut().find(|(kk, _)| matches!(kk, Value::Str(s) if &**s == k)) {
            Some(slot) => slot.1 = v,
            None => d.push((Value::str(k), v)),
        }
    }
}

fn num(d: &Value, k: &str) -> Result<f64> {
    match dict_get(d, k) {
        Some(v) => to_f64(&v, k),
        None => Err(Error::new(crate::error::ExcKind::KeyError, format!("'{k}'"))),
    }
}

fn flag(d: &Value, k: &str) -> Result<bool> {
    match dict_get(d, k) {
        Some(v) => v.truthy(),
        None => Ok(false),
    }
}

fn group_params(g: &Value) -> Result<Vec<Tensor>> {
    match dict_get(g, "params") {
        Some(Value::List(l)) => l.borrow().iter().map(|v| crate::eval::args::to_tensor(v, "params")).collect(),
        Some(Value::Tuple(l)) => l.iter().map(|v| crate::eval::args::to_tensor(v, "params")).collect(),
        Some(Value::Tensor(t)) => Ok(vec![t]),
        _ => Err(Error::type_err("param group must have a 'params' list")),
    }
}

/// Float arithmetic the update kernels need, in the parameter's dtype.
trait F: Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> + std::ops::Mul<Output = Self> + std::ops::Div<Output = Self> + std::ops::Neg<Output = Self> {
    fn of(v: f64) -> Self;
    fn fma(self, b: Self, c: Self) -> Self;
    fn sqrt(self) -> Self;
}
impl F for f32 {
    fn of(v: f64) -> f32 { v as f32 }
    fn fma(self, b: f32, c: f32) -> f32 { self.mul_add(b, c) }
    fn sqrt(self) -> f32 { f32::sqrt(self) }
}
impl F for f64 {
    fn of(v: f64) -> f64 { v }
    fn fma(self, b: f64, c: f64) -> f64 { self.mul_add(b, c) }
    fn sqrt(self) -> f64 { f64::sqrt(self) }
}

/// `self + alpha * other` as ATen's add kernel computes it (fused).
#[inline]
fn add_alpha<T: F>(s: T, other: T, alpha: T) -> T {
    other.fma(alpha, s)
}

/// ATen's lerp with a scalar weight.
#[inline]
fn lerp<T: F>(s: T, end: T, w: T) -> T {
    let d = end - s;
    if w < T::of(0.5) && w > T::of(-0.5) { w.fma(d, s) } else { (-d).fma(T::of(1.0) - w, end) }
}

struct SgdHyper {
    lr: f64,
    momentum: f64,
    dampening: f64,
    wd: f64,
    nesterov: bool,
    maximize: bool,
}

fn sgd_kernel<T: F>(p: &mut [T], g: &[T], buf: &mut Option<Vec<T>>, h: &SgdHyper) {
    let (wd, m, damp, lr) = (T::of(h.wd), T::of(h.momentum), T::of(1.0 - h.dampening), T::of(-h.lr));
    let mut d: Vec<T> = g.iter().map(|&x| if h.maximize { -x } else { x }).collect();
    if h.wd != 0.0 {
        for (di, &pi) in d.iter_mut().zip(p.iter()) {
            *di = add_alpha(*di, pi, wd);
        }
    }
    if h.momentum != 0.0 {
        match buf {
            None => *buf = Some(d.clone()),
            Some(b) => {
                for (bi, &di) in b.iter_mut().zip(&d) {
                    *bi = add_alpha(*bi * m, di, damp);
                }
            }
        }
        if let Some(b) = buf {
            if h.nesterov {
                for (di, &bi) in d.iter_mut().zip(b.iter()) {
                    *di = add_alpha(*di, bi, m);
                }
            } else {
                d.copy_from_slice(b);
            }
        }
    }
    for (pi, &di) in p.iter_mut().zip(&d) {
        *pi = add_alpha(*pi, di, lr);
    }
}

struct AdamHyper {
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    wd: f64,
    amsgrad: bool,
    maximize: bool,
    decoupled: bool,
    step: f64,
}

fn adam_kernel<T: F>(p: &mut [T], g: &[T], m: &mut [T], v: &mut [T], vmax: Option<&mut [T]>, h: &AdamHyper) {
    if h.decoupled && h.wd != 0.0 {
        let f = T::of(1.0 - h.lr * h.wd);
        for x in p.iter_mut() {
            *x = *x * f;
        }
    }
    let (w1, b2, c2) = (T::of(1.0 - h.b1), T::of(h.b2), T::of(1.0 - h.b2));
    let wd = T::of(h.wd);
    let bc1 = 1.0 - h.b1.powf(h.step);
    let bc2 = 1.0 - h.b2.powf(h.step);
    let step_size = T::of(-(h.lr / bc1));
    let bc2s = T::of(bc2.powf(0.5));
    let eps = T::of(h.eps);
    let mut vmax = vmax;
    for i in 0..p.len() {
        let mut gi = if h.maximize { -g[i] } else { g[i] };
        if h.wd != 0.0 && !h.decoupled {
            gi = add_alpha(gi, p[i], wd);
        }
        m[i] = lerp(m[i], gi, w1);
        v[i] = (c2 * gi).fma(gi, v[i] * b2);
        let vv = match vmax.as_deref_mut() {
            Some(mx) => {
                if v[i] > mx[i] || v[i] != v[i] {
                    mx[i] = v[i];
                }
                mx[i]
            }
            None => v[i],
        };
        let denom = vv.sqrt() / bc2s + eps;
        p[i] = p[i] + (step_size * m[i]) / denom;
    }
}

impl Optimizer {
    /// Builds an optimizer from `params` (tensors or group dicts) and keyword hyperparameters.
    pub fn construct(kind: OptKind, interp: &mut Interp, mut a: Args) -> Result<Value> {
        let name = kind.name();
        let mut defaults: Vec<(&'static str, Value)> = match kind {
            OptKind::Sgd => vec![
                ("lr", Value::Float(0.001)),
                ("momentum", Value::Int(0)),
                ("dampening", Value::Int(0)),
                ("weight_decay", Value::Int(0)),
                ("nesterov", Value::Bool(false)),
                ("maximize", Value::Bool(false)),
                ("foreach", Value::None),
                ("differentiable", Value::Bool(false)),
                ("fused", Value::None),
            ],
            OptKind::Adam | OptKind::AdamW => vec![
                ("lr", Value::Float(0.001)),
                ("betas", Value::tuple(vec![Value::Float(0.9), Value::Float(0.999)])),
                ("eps", Value::Float(1e-8)),
                ("weight_decay", if kind == OptKind::AdamW { Value::Float(0.01) } else { Value::Int(0) }),
                ("amsgrad", Value::Bool(false)),
                ("maximize", Value::Bool(false)),
                ("foreach", Value::None),
                ("capturable", Value::Bool(false)),
                ("differentiable", Value::Bool(false)),
                ("fused", Value::None),
                ("decoupled_weight_decay", Value::Bool(kind == OptKind::AdamW)),
            ],
        };
        let params = match a.take_kw("params") {
            Some(p) => p,
            None if !a.pos.is_empty() => a.pos.remove(0),
            None => return Err(Error::type_err(format!("{name}.__init__() missing 1 required positional argument: 'params'"))),
        };
        // Positional hyperparameters follow the signature order (lr first).
        let pos: Vec<Value> = std::mem::take(&mut a.pos);
        for (i, v) in pos.into_iter().enumerate() {
            match defaults.get_mut(i) {
                Some(slot) => slot.1 = v,
                None => return Err(Error::type_err(format!("{name}.__init__() takes too many positional arguments"))),
            }
        }
        for (k, v) in std::mem::take(&mut a.kw) {
            match defaults.iter_mut().find(|(n, _)| **n == *k) {
                Some(slot) => slot.1 = v,
                None => return Err(Error::type_err(format!("{name}.__init__() got an unexpected keyword argument '{k}'"))),
            }
        }
        validate(kind, &defaults)?;
        for (k, v) in &defaults {
            if matches!(*k, "foreach" | "fused" | "differentiable" | "capturable") && v.truthy()? {
                return Err(Error::not_impl(format!("{name}({k}=True)")));
            }
        }
        if let Value::Tensor(t) = &params {
            return Err(Error::type_err(format!(
                "params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.{}Tensor",
                crate::tensor::dtype::scalar_type_name(t.dtype())
            )));
        }
        let items = interp.collect(&params)?;
        if items.is_empty() {
            return Err(Error::value("optimizer got an empty parameter list"));
        }
        let raw_groups: Vec<Value> = if matches!(items[0], Value::Dict(_)) {
            items
        } else {
            vec![Value::Dict(Rc::new(RefCell::new(vec![(Value::str("params"), Value::list(items))])))]
        };
        let mut groups = Vec::new();
        for g in raw_groups {
            let Value::Dict(src) = &g else {
                return Err(Error::type_err("param groups must be dicts"));
            };
            let mut entries: Vec<(Value, Value)> = Vec::new();
            let ps = match dict_get(&g, "params") {
                Some(v @ Value::Tensor(_)) => vec![v],
                Some(v) => interp.collect(&v)?,
                None => return Err(Error::type_err("param group must have a 'params' key")),
            };
            for p in &ps {
                let t = crate::eval::args::to_tensor(p, "params")?;
                if !t.autograd().is_leaf() {
                    return Err(Error::value("can't optimize a non-leaf Tensor"));
                }
            }
            entries.push((Value::str("params"), Value::list(ps)));
            for (k, v) in &defaults {
                let given = dict_get(&g, k);
                entries.push((Value::str(k), given.unwrap_or_else(|| v.clone())));
            }
            for (k, v) in src.borrow().iter() {
                if !entries.iter().any(|(kk, _)| crate::eval::ops::values_equal(kk, k)) {
                    entries.push((k.clone(), v.clone()));
                }
            }
            groups.push(Value::Dict(Rc::new(RefCell::new(entries))));
        }
        let opt = Rc::new_cyclic(|me| Optimizer {
            me: me.clone(),
            kind,
            groups: Value::list(groups),
            defaults,
            state: RefCell::new(FxHashMap::default()),
        });
        Ok(Value::Object(opt))
    }

    fn group_list(&self) -> Vec<Value> {
        match &self.groups {
            Value::List(l) => l.borrow().clone(),
            _ => Vec::new(),
        }
    }

    fn all_params(&self) -> Result<Vec<Tensor>> {
        let mut out = Vec::new();
        for g in self.group_list() {
            out.extend(group_params(&g)?);
        }
        Ok(out)
    }

    /// `optimizer.step()`.
    pub fn step(&self) -> Result<()> {
        for g in self.group_list() {
            let lr = num(&g, "lr")?;
            let maximize = flag(&g, "maximize")?;
            let wd = num(&g, "weight_decay")?;
            for p in group_params(&g)? {
                let Some(grad) = p.autograd().grad.clone() else { continue };
                let dtype = p.dtype();
                if !matches!(dtype, DType::F32 | DType::F64) {
                    return Err(Error::not_impl(format!("{} on {} parameters", self.kind.name(), dtype.name())));
                }
                let gv = grad.cast(dtype);
                let mut states = self.state.borrow_mut();
                let st = states.entry(key(&p)).or_default();
                st.param = Some(p.clone());
                match self.kind {
                    OptKind::Sgd => {
                        let h = SgdHyper {
                            lr,
                            momentum: num(&g, "momentum")?,
                            dampening: num(&g, "dampening")?,
                            wd,
                            nesterov: flag(&g, "nesterov")?,
                            maximize,
                        };
                        if h.nesterov && (h.momentum <= 0.0 || h.dampening != 0.0) {
                            return Err(Error::value("Nesterov momentum requires a momentum and zero dampening"));
                        }
                        update(&p, &gv, |pv, gv| match (pv, gv) {
                            (Slices::F32(p, g), _) => {
                                let mut b = take_buf::<f32>(&mut st.momentum);
                                sgd_kernel(p, g, &mut b, &h);
                                st.momentum = b.map(Buf::F32);
                            }
                            (Slices::F64(p, g), _) => {
                                let mut b = take_buf::<f64>(&mut st.momentum);
                                sgd_kernel(p, g, &mut b, &h);
                                st.momentum = b.map(Buf::F64);
                            }
                        })?;
                    }
                    OptKind::Adam | OptKind::AdamW => {
                        let (b1, b2) = betas(&g)?;
                        st.step += 1.0;
                        let h = AdamHyper {
                            lr,
                            b1,
                            b2,
                            eps: num(&g, "eps")?,
                            wd,
                            amsgrad: flag(&g, "amsgrad")?,
                            maximize,
                            decoupled: flag(&g, "decoupled_weight_decay")? || self.kind == OptKind::AdamW,
                            step: st.step,
                        };
                        let n = p.numel();
                        update(&p, &gv, |pv, _| match pv {
                            Slices::F32(p, g) => {
                                let mut m = take_buf::<f32>(&mut st.exp_avg).unwrap_or_else(|| vec![0.0; n]);
                                let mut v = take_buf::<f32>(&mut st.exp_avg_sq).unwrap_or_else(|| vec![0.0; n]);
                                let mut mx = if h.amsgrad { Some(take_buf::<f32>(&mut st.max_exp_avg_sq).unwrap_or_else(|| vec![0.0; n])) } else { None };
                                adam_kernel(p, g, &mut m, &mut v, mx.as_deref_mut(), &h);
                                st.exp_avg = Some(Buf::F32(m));
                                st.exp_avg_sq = Some(Buf::F32(v));
                                st.max_exp_avg_sq = mx.map(Buf::F32);
                            }
                            Slices::F64(p, g) => {
                                let mut m = take_buf::<f64>(&mut st.exp_avg).unwrap_or_else(|| vec![0.0; n]);
                                let mut v = take_buf::<f64>(&mut st.exp_avg_sq).unwrap_or_else(|| vec![0.0; n]);
                                let mut mx = if h.amsgrad { Some(take_buf::<f64>(&mut st.max_exp_avg_sq).unwrap_or_else(|| vec![0.0; n])) } else { None };
                                adam_kernel(p, g, &mut m, &mut v, mx.as_deref_mut(), &h);
                                st.exp_avg = Some(Buf::F64(m));
                                st.exp_avg_sq = Some(Buf::F64(v));
                                st.max_exp_avg_sq = mx.map(Buf::F64);
                            }
                        })?;
                    }
                }
            }
        }
        Ok(())
    }

    fn repr_string(&self) -> String {
        let mut s = format!("{} (", self.kind.name());
        for (i, g) in self.group_list().iter().enumerate() {
            s.push_str(&format!("\nParameter Group {i}\n"));
            if let Value::Dict(d) = g {
                let mut items: Vec<(String, Value)> = d
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| match k {
                        Value::Str(k) if &**k != "params" => Some((k.to_string(), v.clone())),
                        _ => None,
                    })
                    .collect();
                items.sort_by(|a, b| a.0.cmp(&b.0));
                for (k, v) in items {
                    s.push_str(&format!("    {k}: {}\n", plain_str(&v)));
                }
            }
        }
        s.push(')');
        s
    }
}

/// `str(v)` for the plain values optimizer groups hold.
fn plain_str(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::format::pyfmt::float_repr(*f),
        Value::Str(s) => s.to_string(),
        Value::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(plain_str).collect();
            if parts.len() == 1 { format!("({},)", parts[0]) } else { format!("({})", parts.join(", ")) }
        }
        Value::List(l) => {
            let parts: Vec<String> = l.borrow().iter().map(plain_str).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Tensor(t) => crate::format::torch_repr::tensor_repr(t),
        _ => format!("<{}>", v.type_name()),
    }
}

fn betas(g: &Value) -> Result<(f64, f64)> {
    match dict_get(g, "betas") {
        Some(Value::Tuple(t)) if t.len() == 2 => Ok((to_f64(&t[0], "betas")?, to_f64(&t[1], "betas")?)),
        Some(Value::List(l)) if l.borrow().len() == 2 => {
            let l = l.borrow();
            Ok((to_f64(&l[0], "betas")?, to_f64(&l[1], "betas")?))
        }
        _ => Err(Error::type_err("betas must be a pair of floats")),
    }
}

fn validate(kind: OptKind, d: &[(&'static str, Value)]) -> Result<()> {
    let get = |k: &str| d.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
    let f = |k: &str| -> Result<f64> { get(k).map(|v| to_f64(&v, k)).unwrap_or(Ok(0.0)) };
    let show = |k: &str| get(k).map(|v| plain_str(&v)).unwrap_or_default();
    if f("lr")? < 0.0 {
        return Err(Error::value(format!("Invalid learning rate: {}", show("lr"))));
    }
    if f("weight_decay")? < 0.0 {
        return Err(Error::value(format!("Invalid weight_decay value: {}", show("weight_decay"))));
    }
    match kind {
        OptKind::Sgd => {
            if f("momentum")? < 0.0 {
                return Err(Error::value(format!("Invalid momentum value: {}", show("momentum"))));
            }
            let nesterov = get("nesterov").map(|v| v.truthy()).unwrap_or(Ok(false))?;
            if nesterov && (f("momentum")? <= 0.0 || f("dampening")? != 0.0) {
                return Err(Error::value("Nesterov momentum requires a momentum and zero dampening"));
            }
        }
        _ => {
            if f("eps")? < 0.0 {
                return Err(Error::value(format!("Invalid epsilon value: {}", show("eps"))));
            }
            let mut g = Value::Dict(Rc::new(RefCell::new(Vec::new())));
            if let Some(b) = get("betas") {
                g = Value::Dict(Rc::new(RefCell::new(vec![(Value::str("betas"), b)])));
            }
            let (b1, b2) = betas(&g)?;
            if !(0.0..1.0).contains(&b1) {
                return Err(Error::value(format!("Invalid beta parameter at index 0: {}", crate::format::pyfmt::float_repr(b1))));
            }
            if !(0.0..1.0).contains(&b2) {
                return Err(Error::value(format!("Invalid beta parameter at index 1: {}", crate::format::pyfmt::float_repr(b2))));
            }
        }
    }
    Ok(())
}

enum Slices<'a> {
    F32(&'a mut [f32], &'a [f32]),
    F64(&'a mut [f64], &'a [f64]),
}

fn take_buf<T: 'static>(b: &mut Option<Buf>) -> Option<Vec<T>> {
    let any: Box<dyn std::any::Any> = match b.take()? {
        Buf::F32(v) => Box::new(v),
        Buf::F64(v) => Box::new(v),
    };
    any.downcast::<Vec<T>>().ok().map(|b| *b)
}

/// Runs `f` on the parameter's data (in place, bumping its version) and the gradient's.
fn update(p: &Tensor, g: &Tensor, f: impl FnOnce(Slices<'_>, ())) -> Result<()> {
    if p.shape() != g.shape() {
        return Err(Error::runtime(format!(
            "The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton dimension 0",
            p.numel(),
            g.numel()
        )));
    }
    let contiguous = p.is_contiguous();
    let work = if contiguous { p.clone() } else { p.contiguous() };
    let off = work.offset();
    let n = work.numel();
    match p.dtype() {
        DType::F32 => {
            let gv = g.contiguous().to_vec::<f32>();
            work.with_slice_mut::<f32, _>(|s, _| f(Slices::F32(&mut s[off..off + n], &gv), ()));
        }
        _ => {
            let gv = g.contiguous().to_vec::<f64>();
            work.with_slice_mut::<f64, _>(|s, _| f(Slices::F64(&mut s[off..off + n], &gv), ()));
        }
    }
    if !contiguous {
        crate::tensor::ops::copy_(p, &work)?;
    }
    Ok(())
}

fn this(a: &Args) -> Result<Rc<Optimizer>> {
    if let Some(Value::Object(o)) = a.pos.first() {
        if let Some(m) = o.as_any().downcast_ref::<Optimizer>() {
            if let Some(rc) = m.me.upgrade() {
                return Ok(rc);
            }
        }
    }
    Err(Error::type_err("descriptor requires an 'Optimizer' object"))
}

/// The attributes and methods of an optimizer, and of a StepLR scheduler.
pub const OPTIMIZER_NAMES: &[&str] = &["param_groups", "defaults", "step", "zero_grad", "add_param_group"];
pub const SCHEDULER_NAMES: &[&str] = &["last_epoch", "base_lrs", "step_size", "gamma", "optimizer", "step", "get_last_lr"];

impl Object for Optimizer {
    fn type_name(&self) -> &str {
        self.kind.name()
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        self.repr_string()
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = match self.me.upgrade() {
            Some(rc) => Value::Object(rc),
            None => return Ok(None),
        };
        let f: NativeFn = match name {
            "param_groups" => return Ok(Some(self.groups.clone())),
            "defaults" => {
                let items = self.defaults.iter().map(|(k, v)| (Value::str(k), v.clone())).collect();
                return Ok(Some(Value::Dict(Rc::new(RefCell::new(items)))));
            }
            "step" => |_, a| {
                let o = this(&a)?;
                let [_, closure] = a.bind("step", ["self", "closure"])?;
                if closure.is_some_and(|c| !c.is_none()) {
                    return Err(Error::not_impl("optimizer.step(closure)"));
                }
                o.step()?;
                Ok(Value::None)
            },
            "zero_grad" => |_, a| {
                let o = this(&a)?;
                let [_, stn] = a.bind("zero_grad", ["self", "set_to_none"])?;
                let set_to_none = crate::eval::args::opt_bool(stn, true)?;
                for p in o.all_params()? {
                    super::zero_grad(&p, set_to_none)?;
                }
                Ok(Value::None)
            },
            "add_param_group" => |i, a| {
                let o = this(&a)?;
                let [_, g] = a.bind("add_param_group", ["self", "param_group"])?;
                let g = req(g, "add_param_group", "param_group")?;
                let Value::Dict(src) = &g else {
                    return Err(Error::type_err("param_group must be a dict"));
                };
                let ps = match dict_get(&g, "params") {
                    Some(v @ Value::Tensor(_)) => vec![v],
                    Some(v) => i.collect(&v)?,
                    None => return Err(Error::type_err("param group must have a 'params' key")),
                };
                let mut entries = vec![(Value::str("params"), Value::list(ps))];
                for (k, v) in &o.defaults {
                    entries.push((Value::str(k), dict_get(&g, k).unwrap_or_else(|| v.clone())));
                }
                for (k, v) in src.borrow().iter() {
                    if !entries.iter().any(|(kk, _)| crate::eval::ops::values_equal(kk, k)) {
                        entries.push((k.clone(), v.clone()));
                    }
                }
                if let Value::List(l) = &o.groups {
                    l.borrow_mut().push(Value::Dict(Rc::new(RefCell::new(entries))));
                }
                Ok(Value::None)
            },
            _ => return Ok(None),
        };
        let n = match name {
            "step" => "step",
            "zero_grad" => "zero_grad",
            _ => "add_param_group",
        };
        Ok(Some(method(n, f, &recv)))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1)`.
pub struct StepLR {
    me: Weak<StepLR>,
    opt: Rc<Optimizer>,
    step_size: i64,
    gamma: f64,
    last_epoch: RefCell<i64>,
    base_lrs: Vec<f64>,
}

impl StepLR {
    pub fn construct(a: Args) -> Result<Value> {
        let [o, s, g, le, _v] = a.bind("StepLR", ["optimizer", "step_size", "gamma", "last_epoch", "verbose"])?;
        let o = req(o, "StepLR", "optimizer")?;
        let opt = match &o {
            Value::Object(ob) => ob.as_any().downcast_ref::<Optimizer>().and_then(|x| x.me.upgrade()),
            _ => None,
        }
        .ok_or_else(|| Error::type_err(format!("{} is not an Optimizer", o.type_name())))?;
        let step_size = to_i64(&req(s, "StepLR", "step_size")?, "step_size")?;
        let gamma = match g {
            Some(v) => to_f64(&v, "gamma")?,
            None => 0.1,
        };
        if opt_i64(le, "last_epoch")?.unwrap_or(-1) != -1 {
            return Err(Error::not_impl("StepLR(last_epoch=) other than -1"));
        }
        let mut base = Vec::new();
        for g in opt.group_list() {
            let lr = dict_get(&g, "lr").unwrap_or(Value::Float(0.0));
            if dict_get(&g, "initial_lr").is_none() {
                dict_set(&g, "initial_lr", lr.clone());
            }
            base.push(num(&g, "initial_lr")?);
        }
        Ok(Value::Object(Rc::new_cyclic(|me| StepLR {
            me: me.clone(),
            opt,
            step_size,
            gamma,
            last_epoch: RefCell::new(0),
            base_lrs: base,
        })))
    }

    fn lrs(&self) -> Vec<Value> {
        self.opt.group_list().iter().map(|g| dict_get(g, "lr").unwrap_or(Value::None)).collect()
    }
}

fn this_sched(a: &Args) -> Result<Rc<StepLR>> {
    if let Some(Value::Object(o)) = a.pos.first() {
        if let Some(m) = o.as_any().downcast_ref::<StepLR>() {
            if let Some(rc) = m.me.upgrade() {
                return Ok(rc);
            }
        }
    }
    Err(Error::type_err("descriptor requires a 'StepLR' object"))
}

impl Object for StepLR {
    fn type_name(&self) -> &str {
        "StepLR"
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = match self.me.upgrade() {
            Some(rc) => Value::Object(rc),
            None => return Ok(None),
        };
        let f: NativeFn = match name {
            "last_epoch" => return Ok(Some(Value::Int(*self.last_epoch.borrow()))),
            "base_lrs" => return Ok(Some(Value::list(self.base_lrs.iter().map(|&x| Value::Float(x)).collect()))),
            "step_size" => return Ok(Some(Value::Int(self.step_size))),
            "gamma" => return Ok(Some(Value::Float(self.gamma))),
            "optimizer" => return Ok(Some(Value::Object(self.opt.clone()))),
            "step" => |_, a| {
                let s = this_sched(&a)?;
                a.bind::<1>("step", ["self"])?;
                let e = {
                    let mut le = s.last_epoch.borrow_mut();
                    *le += 1;
                    *le
                };
                if e != 0 && e % s.step_size == 0 {
                    for g in s.opt.group_list() {
                        let lr = num(&g, "lr")?;
                        dict_set(&g, "lr", Value::Float(lr * s.gamma));
                    }
                }
                Ok(Value::None)
            },
            "get_last_lr" => |_, a| {
                let s = this_sched(&a)?;
                Ok(Value::list(s.lrs()))
            },
            _ => return Ok(None),
        };
        Ok(Some(method(if name == "step" { "step" } else { "get_last_lr" }, f, &recv)))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lerp_matches_both_branches() {
        // weight < 0.5: s + w·(e - s); weight ≥ 0.5: e - (e - s)·(1 - w).
        assert_eq!(lerp(1.0f64, 3.0, 0.25), 1.5);
        assert_eq!(lerp(1.0f64, 3.0, 0.75), 2.5);
        assert_eq!(lerp(1.0f64, 3.0, 1.0), 3.0);
    }

    #[test]
    fn sgd_plain_step_is_p_minus_lr_g() {
        let mut p = vec![1.0f64, -2.0];
        let g = vec![0.5, 0.25];
        let h = SgdHyper { lr: 0.1, momentum: 0.0, dampening: 0.0, wd: 0.0, nesterov: false, maximize: false };
        sgd_kernel(&mut p, &g, &mut None, &h);
        assert_eq!(p, vec![1.0 - 0.05, -2.0 - 0.025]);
    }

    #[test]
    fn adam_first_step_moves_by_lr() {
        // After one step m̂ = g and v̂ = g², so the update is lr·g/(|g| + eps) ≈ lr·sign(g).
        let mut p = vec![1.0f64, -2.0];
        let g = vec![2.0, -4.0];
        let (mut m, mut v) = (vec![0.0; 2], vec![0.0; 2]);
        let h = AdamHyper { lr: 0.1, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0.0, amsgrad: false, maximize: false, decoupled: false, step: 1.0 };
        adam_kernel(&mut p, &g, &mut m, &mut v, None, &h);
        assert!((p[0] - 0.9).abs() < 1e-7 && (p[1] + 1.9).abs() < 1e-7, "{p:?}");
    }
}
