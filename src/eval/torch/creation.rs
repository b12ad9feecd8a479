//! Tensor factories: `torch.tensor` from nested Python data with PyTorch's dtype
//! inference, zeros/ones/full/empty/eye/arange/linspace/logspace, the `_like` forms, and
//! the random factories and seeding.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::tensor::dtype::Scalar;
use crate::tensor::ops::{creation as tc, random};
use crate::tensor::{default_dtype, DType, Device, Tensor};

use super::super::args::{
    opt_dtype, opt_f64, opt_i64, req, sizes_from, to_device, to_f64, to_i64, to_scalar, to_shape, to_tensor, Args,
};
use super::super::value::{NativeFn, Value};
use super::super::Interp;
use super::methods::set_requires_grad;

/// Keyword options every factory accepts.
pub struct Opts {
    pub dtype: Option<DType>,
    pub device: Device,
    pub requires_grad: bool,
    pub generator: Option<Rc<RefCell<random::Generator>>>,
}

/// Takes `dtype=`, `device=`, `requires_grad=`, `layout=`, `pin_memory=`, `generator=`.
pub fn take_opts(a: &mut Args) -> Result<Opts> {
    let dtype = opt_dtype(a.take_kw("dtype"))?;
    let device = match a.take_kw("device") {
        None | Some(Value::None) => Device::Cpu,
        Some(v) => to_device(&v)?,
    };
    let requires_grad = match a.take_kw("requires_grad") {
        None => false,
        Some(v) => v.truthy()?,
    };
    a.take_kw("layout");
    a.take_kw("pin_memory");
    a.take_kw("memory_format");
    let generator = match a.take_kw("generator") {
        None | Some(Value::None) => None,
        Some(Value::Generator(g)) => Some(g),
        Some(o) => return Err(Error::type_err(format!("generator must be a torch.Generator, not {}", o.type_name()))),
    };
    if a.take_kw("out").is_some() {
        return Err(Error::not_impl("the out= argument"));
    }
    Ok(Opts { dtype, device, requires_grad, generator })
}

/// Applies device and requires_grad to a freshly made tensor.
pub fn finish(t: Tensor, o: &Opts) -> Result<Value> {
    place(&o.device)?;
    if o.requires_grad {
        set_requires_grad(&t, true)?;
    }
    Ok(Value::Tensor(t))
}

/// Fails for devices this build cannot use (CUDA without a driver).
pub fn place(d: &Device) -> Result<()> {
    match d {
        Device::Cpu => Ok(()),
        Device::Cuda(_) => Err(super::no_cuda_driver()),
    }
}

fn with_gen<R>(o: &Opts, f: impl FnOnce(&mut random::Generator) -> R) -> R {
    let g = o.generator.clone().unwrap_or_else(random::default_generator);
    let mut g = g.borrow_mut();
    f(&mut g)
}

/// Sizes from positional varargs or `size=`.
fn size_args(a: &mut Args, fname: &str) -> Result<Vec<usize>> {
    let sizes = match a.take_kw("size") {
        Some(v) => sizes_from(&[v], "size")?,
        None => sizes_from(&std::mem::take(&mut a.pos), "size")?,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(Error::type_err(format!("{fname}() got an unexpected keyword argument '{k}'")));
    }
    Ok(to_shape(&sizes)?.to_vec())
}

/// The torch factory named `name`.
pub fn lookup(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "tensor" => ("tensor", t_tensor),
        "as_tensor" => ("as_tensor", t_as_tensor),
        "from_numpy" => ("from_numpy", |_, _| Err(Error::not_impl("torch.from_numpy (tsr has no NumPy)"))),
        "zeros" => ("zeros", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "zeros")?;
            finish(Tensor::zeros(&s, o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "empty" => ("empty", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "empty")?;
            finish(Tensor::zeros(&s, o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "ones" => ("ones", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "ones")?;
            finish(tc::full(&s, Scalar::Int(1), o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "full" => ("full", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [size, fill] = a.bind("full", ["size", "fill_value"])?;
            let s = to_shape(&sizes_from(&[req(size, "full", "size")?], "size")?)?;
            let fill = req(fill, "full", "fill_value")?;
            let sc = scalar_of(&fill)?;
            let dt = o.dtype.unwrap_or(match sc {
                Scalar::Bool(_) => DType::Bool,
                Scalar::Int(_) => DType::I64,
                Scalar::Float(_) => default_dtype(),
                Scalar::Complex(_) => DType::C64,
            });
            finish(tc::full(&s, sc, dt)?, &o)
        }),
        "eye" => ("eye", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [n, m] = a.bind("eye", ["n", "m"])?;
            let n = to_i64(&req(n, "eye", "n")?, "n")?;
            let m = opt_i64(m, "m")?;
            if n < 0 {
                return Err(Error::runtime(format!("n must be greater or equal to 0, got {n}")));
            }
            if let Some(m) = m {
                if m < 0 {
                    return Err(Error::runtime(format!("m must be greater or equal to 0, got {m}")));
                }
            }
            finish(tc::eye(n as usize, m.map(|m| m as usize), o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "arange" => ("arange", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [x, y, z] = a.bind("arange", ["start", "end", "step"])?;
            let x = scalar_of(&req(x, "arange", "end")?)?;
            let (start, end) = match y {
                Some(y) => (x, scalar_of(&y)?),
                None => (Scalar::Int(0), x),
            };
            let step = match z {
                Some(z) => scalar_of(&z)?,
                None => Scalar::Int(1),
            };
            finish(tc::arange(start, end, step, o.dtype)?, &o)
        }),
        "linspace" => ("linspace", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [s, e, n] = a.bind("linspace", ["start", "end", "steps"])?;
            let s = to_f64(&req(s, "linspace", "start")?, "start")?;
            let e = to_f64(&req(e, "linspace", "end")?, "end")?;
            let n = to_i64(&req(n, "linspace", "steps")?, "steps")?;
            if n < 0 {
                return Err(Error::runtime("number of steps must be non-negative"));
            }
            finish(tc::linspace(s, e, n as usize, o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "logspace" => ("logspace", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [s, e, n, b] = a.bind("logspace", ["start", "end", "steps", "base"])?;
            let s = to_f64(&req(s, "logspace", "start")?, "start")?;
            let e = to_f64(&req(e, "logspace", "end")?, "end")?;
            let n = to_i64(&req(n, "logspace", "steps")?, "steps")?;
            let b = opt_f64(b, "base")?.unwrap_or(10.0);
            if n < 0 {
                return Err(Error::runtime("number of steps must be non-negative"));
            }
            finish(tc::logspace(s, e, n as usize, b, o.dtype.unwrap_or_else(default_dtype))?, &o)
        }),
        "zeros_like" => ("zeros_like", |_, a| like_impl("zeros_like", a)),
        "ones_like" => ("ones_like", |_, a| like_impl("ones_like", a)),
        "empty_like" => ("empty_like", |_, a| like_impl("empty_like", a)),
        "full_like" => ("full_like", |_, a| like_impl("full_like", a)),
        "rand_like" => ("rand_like", |_, a| like_impl("rand_like", a)),
        "randn_like" => ("randn_like", |_, a| like_impl("randn_like", a)),
        "randint_like" => ("randint_like", |_, a| like_impl("randint_like", a)),
        "rand" => ("rand", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "rand")?;
            let dt = float_dtype(o.dtype, "rand")?;
            let t = with_gen(&o, |g| random::rand(&s, dt, g))?;
            finish(t, &o)
        }),
        "randn" => ("randn", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "randn")?;
            let dt = float_dtype(o.dtype, "randn")?;
            let t = with_gen(&o, |g| random::randn(&s, dt, g))?;
            finish(t, &o)
        }),
        "randint" => ("randint", |_, mut a| {
            let o = take_opts(&mut a)?;
            let size = a.take_kw("size");
            let low_kw = a.take_kw("low");
            let high_kw = a.take_kw("high");
            let mut pos = std::mem::take(&mut a.pos);
            let size = match size {
                Some(s) => s,
                None => pos.pop().ok_or_else(|| Error::type_err("randint() missing 1 required positional arguments: \"size\""))?,
            };
            let (low, high) = match (pos.len(), low_kw, high_kw) {
                (0, l, Some(h)) => (l.map(|v| to_i64(&v, "low")).transpose()?.unwrap_or(0), to_i64(&h, "high")?),
                (1, None, None) => (0, to_i64(&pos[0], "high")?),
                (2, None, None) => (to_i64(&pos[0], "low")?, to_i64(&pos[1], "high")?),
                _ => return Err(Error::type_err("randint() received an invalid combination of arguments")),
            };
            let s = to_shape(&sizes_from(&[size], "size")?)?;
            let dt = o.dtype.unwrap_or(DType::I64);
            let t = with_gen(&o, |g| random::randint(low, high, &s, dt, g))?;
            finish(t, &o)
        }),
        "randperm" => ("randperm", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [n] = a.bind("randperm", ["n"])?;
            let n = to_i64(&req(n, "randperm", "n")?, "n")?;
            if n < 0 {
                return Err(Error::runtime(format!("n must be non-negative, got{n}")));
            }
            let t = with_gen(&o, |g| random::randperm(n as usize, o.dtype.unwrap_or(DType::I64), g))?;
            finish(t, &o)
        }),
        "normal" => ("normal", |_, mut a| {
            let o = take_opts(&mut a)?;
            let size = a.take_kw("size");
            let [mean, std, sz] = a.bind("normal", ["mean", "std", "size"])?;
            let mean = mean.unwrap_or(Value::Float(0.0));
            let std = std.unwrap_or(Value::Float(1.0));
            match (&mean, &std, size.or(sz)) {
                (Value::Tensor(_), _, _) | (_, Value::Tensor(_), None) => {
                    let m = to_tensor(&mean, "mean")?;
                    let s = to_tensor(&std, "std")?;
                    let t = with_gen(&o, |g| random::normal(&m, &s, g))?;
                    finish(t, &o)
                }
                (_, _, Some(size)) => {
                    let s = to_shape(&sizes_from(&[size], "size")?)?;
                    let t = Tensor::zeros(&s, float_dtype(o.dtype, "normal")?)?;
                    let (m, sd) = (to_f64(&mean, "mean")?, to_f64(&std, "std")?);
                    with_gen(&o, |g| random::normal_(&t, m, sd, g))?;
                    finish(t, &o)
                }
                _ => Err(Error::type_err("normal() received an invalid combination of arguments")),
            }
        }),
        "manual_seed" => ("manual_seed", |_, a| {
            let [s] = a.bind("manual_seed", ["seed"])?;
            let seed = to_i64(&req(s, "manual_seed", "seed")?, "seed")?;
            let g = random::default_generator();
            g.borrow_mut().manual_seed(seed as u64);
            Ok(Value::Generator(g))
        }),
        "seed" => ("seed", |_, a| {
            a.none("seed")?;
            Ok(Value::Int(random::default_generator().borrow_mut().seed() as i64))
        }),
        "initial_seed" => ("initial_seed", |_, a| {
            a.none("initial_seed")?;
            Ok(Value::Int(random::default_generator().borrow().initial_seed() as i64))
        }),
        "Generator" => ("Generator", |_, mut a| {
            if let Some(d) = a.take_kw("device") {
                place(&to_device(&d)?)?;
            }
            a.none("Generator")?;
            Ok(Value::Generator(Rc::new(RefCell::new(random::Generator::new(67280421310721)))))
        }),
        "get_rng_state" => ("get_rng_state", |_, a| {
            a.none("get_rng_state")?;
            let st = random::default_generator().borrow().get_state();
            Ok(Value::Tensor(Tensor::from_vec(st.clone(), &[st.len()])))
        }),
        "set_rng_state" => ("set_rng_state", |_, a| {
            let [s] = a.bind("set_rng_state", ["new_state"])?;
            let t = to_tensor(&req(s, "set_rng_state", "new_state")?, "new_state")?;
            if t.dtype() != DType::U8 {
                return Err(Error::type_err("expected a torch.ByteTensor"));
            }
            random::default_generator().borrow_mut().set_state(&t.to_vec::<u8>())?;
            Ok(Value::None)
        }),
        _ => return None,
    })
}

/// Random floats need a floating dtype (PyTorch's message for the others).
fn float_dtype(d: Option<DType>, fname: &str) -> Result<DType> {
    let d = d.unwrap_or_else(default_dtype);
    if !d.is_floating_point() {
        let kernel = if fname == "randn" || fname == "normal" { "normal_kernel_cpu" } else { "check_uniform_bounds" };
        return Err(crate::tensor::dtype::not_implemented_for(kernel, d));
    }
    Ok(d)
}

/// The `_like` factories, dispatched by name.
pub fn like_impl(name: &str, mut a: Args) -> Result<Value> {
    let mut o = take_opts(&mut a)?;
    let input = if a.pos.is_empty() {
        a.take_kw("input").ok_or_else(|| Error::type_err(format!("{name}() missing 1 required positional argument: 'input'")))?
    } else {
        a.pos.remove(0)
    };
    let t = to_tensor(&input, "input")?;
    let shape = t.shape();
    let dt = o.dtype.unwrap_or(t.dtype());
    o.dtype = Some(dt);
    let out = match name {
        "zeros_like" | "empty_like" => Tensor::zeros(&shape, dt)?,
        "ones_like" => tc::full(&shape, Scalar::Int(1), dt)?,
        "full_like" => {
            let [fill] = a.bind("full_like", ["fill_value"])?;
            tc::full(&shape, scalar_of(&req(fill, "full_like", "fill_value")?)?, dt)?
        }
        "rand_like" => with_gen(&o, |g| random::rand(&shape, float_dtype(Some(dt), "rand")?, g))?,
        "randn_like" => with_gen(&o, |g| random::randn(&shape, float_dtype(Some(dt), "randn")?, g))?,
        _ => {
            let (low, high) = match a.pos.as_slice() {
                [h] => (0, to_i64(h, "high")?),
                [l, h] => (to_i64(l, "low")?, to_i64(h, "high")?),
                _ => return Err(Error::type_err("randint_like() received an invalid combination of arguments")),
            };
            with_gen(&o, |g| random::randint(low, high, &shape, dt, g))?
        }
    };
    finish(out, &o)
}

/// A Python number (or one-element tensor) as a Scalar.
pub fn scalar_of(v: &Value) -> Result<Scalar> {
    if let Some(s) = to_scalar(v) {
        return Ok(s);
    }
    match v {
        Value::Tensor(t) if t.numel() == 1 => t.item(),
        other => Err(Error::type_err(format!("expected a number, got {}", other.type_name()))),
    }
}

fn t_tensor(_interp: &mut Interp, mut a: Args) -> Result<Value> {
    let o = take_opts(&mut a)?;
    let [data] = a.bind("tensor", ["data"])?;
    let data = req(data, "tensor", "data")?;
    let t = match &data {
        Value::Tensor(src) => {
            let c = src.copy_contiguous();
            match o.dtype {
                Some(d) => c.to_dtype(d),
                None => c,
            }
        }
        other => tensor_from_value(other, o.dtype)?,
    };
    finish(t, &o)
}

fn t_as_tensor(_interp: &mut Interp, mut a: Args) -> Result<Value> {
    let o = take_opts(&mut a)?;
    let [data] = a.bind("as_tensor", ["data"])?;
    let data = req(data, "as_tensor", "data")?;
    let t = match &data {
        Value::Tensor(src) => match o.dtype {
            Some(d) => src.to_dtype(d),
            None => src.clone(),
        },
        other => tensor_from_value(other, o.dtype)?,
    };
    finish(t, &o)
}

/// Builds a tensor from a Python number or nested lists/tuples, inferring the dtype as
/// `torch.tensor` does (bool < int64 < default float < complex64).
pub fn tensor_from_value(v: &Value, dtype: Option<DType>) -> Result<Tensor> {
    let mut shape: Vec<usize> = Vec::new();
    // Shape from the first element at each depth.
    let mut cur = v.clone();
    loop {
        match seq_of(&cur) {
            Some(items) => {
                shape.push(items.len());
                match items.first() {
                    Some(first) => cur = first.clone(),
                    None => break,
                }
            }
            None => {
                if let Value::Tensor(t) = &cur {
                    shape.extend(t.shape().iter().copied());
                }
                break;
            }
        }
    }
    let mut vals: Vec<Scalar> = Vec::new();
    let mut kind = 0u8; // 0 bool, 1 int, 2 float, 3 complex
    let mut tensor_dtype: Option<DType> = None;
    // Iterative walk: (value, depth).
    let mut stack: Vec<(Value, usize)> = vec![(v.clone(), 0)];
    while let Some((x, depth)) = stack.pop() {
        if let Some(items) = seq_of(&x) {
            if depth >= shape.len() || items.len() != shape[depth] {
                let expected = shape.get(depth).copied().unwrap_or(0);
                return Err(Error::value(format!(
                    "expected sequence of length {expected} at dim {depth} (got {})",
                    items.len()
                )));
            }
            for it in items.into_iter().rev() {
                stack.push((it, depth + 1));
            }
            continue;
        }
        match &x {
            Value::Tensor(t) => {
                if depth + t.ndim() != shape.len() || t.shape().as_slice() != &shape[depth..] {
                    if t.numel() != 1 || depth != shape.len() {
                        return Err(Error::value("only one element tensors can be converted to Python scalars"));
                    }
                }
                tensor_dtype = Some(match tensor_dtype {
                    Some(d) => crate::tensor::dtype::promote_types(d, t.dtype()),
                    None => t.dtype(),
                });
                vals.extend(t.to_scalars());
            }
            other => {
                if depth != shape.len() {
                    return Err(Error::value(format!(
                        "expected sequence of length {} at dim {} (got 0)",
                        shape.get(depth).copied().unwrap_or(0),
                        depth
                    )));
                }
                let s = to_scalar(other).ok_or_else(|| {
                    Error::type_err(format!("new(): invalid data type '{}'", other.type_name()))
                })?;
                kind = kind.max(match s {
                    Scalar::Bool(_) => 0,
                    Scalar::Int(_) => 1,
                    Scalar::Float(_) => 2,
                    Scalar::Complex(_) => 3,
                });
                vals.push(s);
            }
        }
    }
    let inferred = match (kind, vals.len(), tensor_dtype) {
        (_, 0, None) => default_dtype(),
        (k, _, Some(td)) => {
            let from_scalars = match k {
                0 if vals.is_empty() => td,
                3 => DType::C64,
                2 if !td.is_floating_point() => default_dtype(),
                _ => td,
            };
            from_scalars
        }
        (0, _, None) => DType::Bool,
        (1, _, None) => DType::I64,
        (2, _, None) => default_dtype(),
        _ => DType::C64,
    };
    let dt = dtype.unwrap_or(inferred);
    Ok(crate::tensor::ops::from_scalars(&vals, &shape, dt))
}

fn seq_of(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Size(s) => Some(s.iter().map(|&d| Value::Int(d as i64)).collect()),
        Value::Range { start, stop, step } => {
            let n = super::super::value::range_len(*start, *stop, *step);
            Some((0..n).map(|i| Value::Int(start + i * step)).collect())
        }
        _ => None,
    }
}
