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
    let t = if o.device != t.device() { crate::backend::to_device(&t, o.device)? } else { t };
    if o.requires_grad {
        set_requires_grad(&t, true)?;
    }
    Ok(Value::Tensor(t))
}

/// Fails for devices this machine cannot use (CUDA without a driver, a missing ordinal).
pub fn place(d: &Device) -> Result<()> {
    match d {
        Device::Cpu => Ok(()),
        Device::Cuda(i) => crate::backend::cuda::check_index(*i),
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

/// A required argument that must be a tensor (PyTorch's parser error otherwise).
fn strict_tensor(v: Option<Value>, f: &str, p: &str, pos: usize) -> Result<Tensor> {
    match req(v, f, p)? {
        Value::Tensor(t) => Ok(t),
        other => Err(Error::type_err(format!("{f}(): argument '{p}' (position {pos}) must be Tensor, not {}", other.type_name()))),
    }
}

/// The torch factory named `name`.
/// The names `lookup` resolves (checked against its arms by the help coverage test).
pub const NAMES: &[&str] = &[
    "tensor", "as_tensor", "from_numpy", "zeros", "empty", "ones", "full", "eye", "arange", "linspace",
    "logspace", "zeros_like", "ones_like", "empty_like", "full_like", "rand_like", "randn_like",
    "randint_like", "rand", "randn", "randint", "randperm", "normal", "bernoulli", "multinomial",
    "manual_seed", "seed", "initial_seed", "Generator", "get_rng_state", "set_rng_state", "complex", "polar",
];

pub fn lookup(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "tensor" => ("tensor", t_tensor),
        "complex" => ("complex", |_, a| {
            let [re, im] = a.bind("complex", ["real", "imag"])?;
            let (re, im) = (strict_tensor(re, "complex", "real", 1)?, strict_tensor(im, "complex", "imag", 2)?);
            Ok(Value::Tensor(crate::tensor::ops::unary::complex_from_parts(&re, &im, false)?))
        }),
        "polar" => ("polar", |_, a| {
            let [ab, an] = a.bind("polar", ["abs", "angle"])?;
            let (ab, an) = (strict_tensor(ab, "polar", "abs", 1)?, strict_tensor(an, "polar", "angle", 2)?);
            Ok(Value::Tensor(crate::tensor::ops::unary::complex_from_parts(&ab, &an, true)?))
        }),
        "as_tensor" => ("as_tensor", t_as_tensor),
        "from_numpy" => ("from_numpy", |_, a| {
            let [x] = a.bind("from_numpy", ["ndarray"])?;
            crate::eval::numpy::from_numpy(&req(x, "from_numpy", "ndarray")?).map(Value::Tensor)
        }),
        "zeros" => ("zeros", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "zeros")?;
            finish(tc::full_on(&s, Scalar::Int(0), o.dtype.unwrap_or_else(default_dtype), o.device)?, &o)
        }),
        "empty" => ("empty", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "empty")?;
            finish(tc::full_on(&s, Scalar::Int(0), o.dtype.unwrap_or_else(default_dtype), o.device)?, &o)
        }),
        "ones" => ("ones", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "ones")?;
            finish(tc::full_on(&s, Scalar::Int(1), o.dtype.unwrap_or_else(default_dtype), o.device)?, &o)
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
                Scalar::Complex(_) => default_dtype().to_complex(),
            });
            finish(tc::full_on(&s, sc, dt, o.device)?, &o)
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
            #[cfg(feature = "cuda")]
            if let Device::Cuda(i) = o.device {
                place(&o.device)?;
                return finish(crate::backend::cuda::ops::random(&s, dt, i, crate::backend::cuda::ops::Dist::Uniform(0.0, 1.0))?, &o);
            }
            let t = with_gen(&o, |g| random::rand(&s, dt, g))?;
            finish(t, &o)
        }),
        "randn" => ("randn", |_, mut a| {
            let o = take_opts(&mut a)?;
            let s = size_args(&mut a, "randn")?;
            let dt = float_dtype(o.dtype, "randn")?;
            #[cfg(feature = "cuda")]
            if let Device::Cuda(i) = o.device {
                place(&o.device)?;
                return finish(crate::backend::cuda::ops::random(&s, dt, i, crate::backend::cuda::ops::Dist::Normal(0.0, 1.0))?, &o);
            }
            let t = with_gen(&o, |g| random::randn(&s, dt, g))?;
            finish(t, &o)
        }),
        "randint" => ("randint", t_randint),
        "randperm" => ("randperm", |_, mut a| {
            let o = take_opts(&mut a)?;
            let [n] = a.bind("randperm", ["n"])?;
            let n = to_i64(&req(n, "randperm", "n")?, "n")?;
            to_shape(&[n])?;
            let t = with_gen(&o, |g| random::randperm(n as usize, o.dtype.unwrap_or(DType::I64), g))?;
            finish(t, &o)
        }),
        "normal" => ("normal", t_normal),
        "bernoulli" => ("bernoulli", m_bernoulli),
        "multinomial" => ("multinomial", m_multinomial),
        "manual_seed" => ("manual_seed", |_, a| {
            let [s] = a.bind("manual_seed", ["seed"])?;
            let seed = python_int_seed(&req(s, "manual_seed", "seed")?)?;
            let g = random::default_generator();
            g.borrow_mut().manual_seed(seed);
            crate::backend::cuda::manual_seed(seed);
            Ok(Value::Generator(g))
        }),
        "seed" => ("seed", |_, a| {
            a.none("seed")?;
            Ok(Value::Int(random::default_generator().borrow_mut().seed() as i64))
        }),
        "initial_seed" => ("initial_seed", |_, a| {
            a.none("initial_seed")?;
            seed_value(random::default_generator().borrow().initial_seed())
        }),
        "Generator" => ("Generator", |_, mut a| {
            if let Some(d) = a.take_kw("device") {
                place(&to_device(&d)?)?;
            }
            a.none("Generator")?;
            Ok(Value::Generator(Rc::new(RefCell::new(random::Generator::new(random::DEFAULT_RNG_SEED)))))
        }),
        "get_rng_state" => ("get_rng_state", |_, a| {
            a.none("get_rng_state")?;
            Ok(state_tensor(&random::default_generator().borrow()))
        }),
        "set_rng_state" => ("set_rng_state", |_, a| {
            let [s] = a.bind("set_rng_state", ["new_state"])?;
            set_state_from(&random::default_generator(), &req(s, "set_rng_state", "new_state")?)?;
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

/// The `_like` factories, dispatched by name. Like PyTorch's `preserve_format`, the result
/// keeps the input's strides when the input is dense and non-overlapping (so random
/// values are laid down in the input's memory order), else it is contiguous.
pub fn like_impl(name: &str, mut a: Args) -> Result<Value> {
    let mut o = take_opts(&mut a)?;
    let input = if a.pos.is_empty() {
        a.take_kw("input").ok_or_else(|| Error::type_err(format!("{name}() missing 1 required positional argument: 'input'")))?
    } else {
        a.pos.remove(0)
    };
    let t = to_tensor(&input, "input")?;
    if o.device == Device::Cpu && t.on_device_memory() {
        // `*_like` keeps the input's device unless `device=` says otherwise.
        o.device = t.device();
    }
    let dt = o.dtype.unwrap_or(t.dtype());
    o.dtype = Some(dt);
    let out = empty_like(&t, dt)?;
    match name {
        "zeros_like" | "empty_like" => {}
        "ones_like" => crate::tensor::ops::fill_(&out, Scalar::Int(1))?,
        "full_like" => {
            let [fill] = a.bind("full_like", ["fill_value"])?;
            crate::tensor::ops::fill_(&out, scalar_of(&req(fill, "full_like", "fill_value")?)?)?;
        }
        "rand_like" => {
            float_dtype(Some(dt), "rand")?;
            with_gen(&o, |g| random::uniform_(&out, 0.0, 1.0, g))?
        }
        "randn_like" => {
            float_dtype(Some(dt), "randn")?;
            with_gen(&o, |g| random::normal_(&out, 0.0, 1.0, g))?
        }
        _ => {
            let low_kw = a.take_kw("low");
            let high_kw = a.take_kw("high");
            let (low, high) = match (a.pos.as_slice(), low_kw, high_kw) {
                ([h], None, None) => (0, to_i64(h, "high")?),
                ([l, h], None, None) => (to_i64(l, "low")?, to_i64(h, "high")?),
                ([], l, Some(h)) => (l.map(|l| to_i64(&l, "low")).transpose()?.unwrap_or(0), to_i64(&h, "high")?),
                ([l], None, Some(h)) => (to_i64(l, "low")?, to_i64(&h, "high")?),
                _ => {
                    let mut got = vec![input.clone()];
                    got.extend(a.pos.iter().cloned());
                    return Err(invalid_combination("randint_like", &got, RANDINT_LIKE_SIGS));
                }
            };
            with_gen(&o, |g| random::random_(&out, low, Some(high), g))?
        }
    }
    finish(out, &o)
}

/// An uninitialised (zero) tensor shaped like `t` in `dt`, with `t`'s strides when `t` is
/// dense and non-overlapping (PyTorch's `empty_like` with `preserve_format`).
pub fn empty_like(t: &Tensor, dt: DType) -> Result<Tensor> {
    let l = t.layout();
    if l.numel() > 0 && !l.is_contiguous() && random::non_overlapping_and_dense(&l) {
        let z = Tensor::zeros(&[l.numel()], dt)?;
        return Ok(z.with_layout(crate::tensor::Layout { shape: l.shape.clone(), strides: l.strides.clone(), offset: 0 }));
    }
    Tensor::zeros(&l.shape, dt)
}

/// A Python number (or one-element tensor) as a Scalar.
pub fn scalar_of(v: &Value) -> Result<Scalar> {
    if let Some(s) = to_scalar(v) {
        return Ok(s);
    }
    match v {
        Value::Tensor(t) if t.numel() == 1 => t.item(),
        // Up to 2^64 PyTorch takes the value as unsigned and then finds it out of range.
        Value::BigInt(b) if num_traits::ToPrimitive::to_u64(&**b).is_some() => {
            Err(Error::runtime("value cannot be converted to type int64_t without overflow"))
        }
        Value::BigInt(_) => Err(Error::new(crate::error::ExcKind::OverflowError, "int too big to convert")),
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
    // An ndarray shares its memory, as PyTorch's as_tensor does.
    let array = crate::eval::numpy::array_tensor(&data).map(|t| t.with_layout(t.layout()));
    let t = match (&data, array) {
        (_, Some(src)) => match o.dtype {
            Some(d) => src.to_dtype(d),
            None => src,
        },
        (Value::Tensor(src), _) => match o.dtype {
            Some(d) => src.to_dtype(d),
            None => src.clone(),
        },
        (other, _) => tensor_from_value(other, o.dtype)?,
    };
    finish(t, &o)
}

/// Builds a tensor from a Python number or nested lists/tuples, inferring the dtype as
/// `torch.tensor` does (bool < int64 < default float < complex64).
pub fn tensor_from_value(v: &Value, dtype: Option<DType>) -> Result<Tensor> {
    if let Some(t) = crate::eval::numpy::array_tensor(v) {
        // torch.tensor(ndarray) copies, keeping the array's dtype.
        return Ok(t.cast(dtype.unwrap_or(t.dtype())));
    }
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
                let s = to_scalar(other).ok_or_else(|| match other {
                    Value::BigInt(_) => Error::value("Overflow when unpacking long long"),
                    _ => Error::type_err(format!("new(): invalid data type '{}'", other.type_name())),
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
                3 if td.is_complex() => td,
                3 => default_dtype().to_complex(),
                2 if !td.is_floating_point() => default_dtype(),
                _ => td,
            };
            from_scalars
        }
        (0, _, None) => DType::Bool,
        (1, _, None) => DType::I64,
        (2, _, None) => default_dtype(),
        _ => default_dtype().to_complex(),
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

// ------------------------------------------------------------------ the random API

const FACTORY_TAIL: &str =
    "Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)";

const RANDINT_SIGS: &[&str] = &[
    "(int high, tuple of ints size, *, torch.Generator generator, {T}",
    "(int high, tuple of ints size, *, {T}",
    "(int low, int high, tuple of ints size, *, torch.Generator generator, {T}",
    "(int low, int high, tuple of ints size, *, {T}",
];

const NORMAL_SIGS: &[&str] = &[
    "(Tensor mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)",
    "(Tensor mean, float std = 1, *, torch.Generator generator = None, Tensor out = None)",
    "(float mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)",
    "(float mean, float std, tuple of ints size, *, torch.Generator generator = None, {T}",
];

const LIKE_TAIL: &str = "torch.memory_format memory_format = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)";

const RANDINT_LIKE_SIGS: &[&str] = &[
    "(Tensor input, int low, int high, *, torch.Generator generator, {L}",
    "(Tensor input, int low, int high, *, {L}",
    "(Tensor input, Tensor high, *, torch.Generator generator, {L}",
    "(Tensor input, Tensor high, *, {L}",
    "(Tensor input, int high, *, torch.Generator generator, {L}",
    "(Tensor input, int high, *, {L}",
];

/// PyTorch's "received an invalid combination of arguments" TypeError.
fn invalid_combination(fname: &str, got: &[Value], sigs: &[&str]) -> Error {
    let got: Vec<String> = got.iter().map(|v| if matches!(v, Value::Tensor(_)) { "Tensor".into() } else { v.type_name() }).collect();
    let mut msg = format!(
        "{fname}() received an invalid combination of arguments - got ({}), but expected one of:\n",
        got.join(", ")
    );
    for s in sigs {
        msg.push_str(" * ");
        msg.push_str(&s.replace("{T}", FACTORY_TAIL).replace("{L}", LIKE_TAIL));
        msg.push('\n');
    }
    Error::type_err(msg)
}

/// An `int` argument of a parsed signature, with PyTorch's TypeError.
fn int_arg(v: &Value, fname: &str, name: &str, pos: Option<usize>) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::BigInt(_) => Err(crate::eval::args::long_overflow()),
        Value::Tensor(t) if t.numel() == 1 && !t.dtype().is_floating_point() && !t.dtype().is_complex() => {
            Ok(t.item()?.to_i64())
        }
        other => Err(Error::type_err(format!(
            "{fname}(): argument '{name}'{} must be int, not {}",
            pos.map(|p| format!(" (position {p})")).unwrap_or_default(),
            other.type_name()
        ))),
    }
}

/// A `tuple of ints size` argument (a tuple, list or torch.Size; never a bare int).
fn size_arg(v: &Value, fname: &str, pos: Option<usize>) -> Result<Vec<usize>> {
    if super::super::args::seq_items(v).is_none() {
        return Err(Error::type_err(format!(
            "{fname}(): argument 'size'{} must be tuple of ints, not {}",
            pos.map(|p| format!(" (position {p})")).unwrap_or_default(),
            v.type_name()
        )));
    }
    Ok(to_shape(&sizes_from(std::slice::from_ref(v), "size")?)?.to_vec())
}

/// `torch.randint(high, size)` / `torch.randint(low, high, size)` (also as keywords).
fn t_randint(_: &mut Interp, mut a: Args) -> Result<Value> {
    let o = take_opts(&mut a)?;
    let size_kw = a.take_kw("size");
    let low_kw = a.take_kw("low");
    let high_kw = a.take_kw("high");
    if let Some((k, _)) = a.kw.first() {
        return Err(Error::type_err(format!("randint() got an unexpected keyword argument '{k}'")));
    }
    let pos = std::mem::take(&mut a.pos);
    let bad = || invalid_combination("randint", &pos, RANDINT_SIGS);
    let (low, high, size) = match (pos.len(), low_kw, high_kw, size_kw) {
        (2, None, None, None) => (None, (&pos[0], Some(1)), size_arg(&pos[1], "randint", Some(2))?),
        (3, None, None, None) => (Some((&pos[0], Some(1))), (&pos[1], Some(2)), size_arg(&pos[2], "randint", Some(3))?),
        (1, None, None, Some(s)) => (None, (&pos[0], Some(1)), size_arg(&s, "randint", None)?),
        (2, None, None, Some(s)) => (Some((&pos[0], Some(1))), (&pos[1], Some(2)), size_arg(&s, "randint", None)?),
        (0, l, Some(h), Some(s)) => {
            let lo = l.map(|l| int_arg(&l, "randint", "low", None)).transpose()?.unwrap_or(0);
            let hi = int_arg(&h, "randint", "high", None)?;
            let s = size_arg(&s, "randint", None)?;
            let t = with_gen(&o, |g| random::randint(lo, hi, &s, o.dtype.unwrap_or(DType::I64), g))?;
            return finish(t, &o);
        }
        _ => return Err(bad()),
    };
    let lo = match low {
        Some((v, p)) => int_arg(v, "randint", "low", p)?,
        None => 0,
    };
    let hi = int_arg(high.0, "randint", "high", high.1)?;
    let t = with_gen(&o, |g| random::randint(lo, hi, &size, o.dtype.unwrap_or(DType::I64), g))?;
    finish(t, &o)
}

/// `torch.normal`: (Tensor, Tensor), (Tensor, float = 1), (float, Tensor) and
/// (float, float, size).
fn t_normal(_: &mut Interp, mut a: Args) -> Result<Value> {
    let o = take_opts(&mut a)?;
    let size_kw = a.take_kw("size");
    let got = a.pos.clone();
    let [mean, std, sz] = a.bind("normal", ["mean", "std", "size"])?;
    let size = sz.or(size_kw);
    let bad = || invalid_combination("normal", &got, NORMAL_SIGS);
    let mean = mean.ok_or_else(bad)?;
    let t = match (&mean, &std, &size) {
        (Value::Tensor(m), Some(Value::Tensor(s)), None) => with_gen(&o, |g| random::normal(m, s, g))?,
        (Value::Tensor(m), None, None) => with_gen(&o, |g| random::normal_tensor_scalar(m, 1.0, g))?,
        (Value::Tensor(m), Some(s), None) => {
            let s = to_f64(s, "std")?;
            with_gen(&o, |g| random::normal_tensor_scalar(m, s, g))?
        }
        (m, Some(Value::Tensor(s)), None) => {
            let m = to_f64(m, "mean")?;
            with_gen(&o, |g| random::normal_scalar_tensor(m, s, g))?
        }
        (m, Some(s), Some(size)) if !matches!(m, Value::Tensor(_)) => {
            let shape = size_arg(size, "normal", if got.len() >= 3 { Some(3) } else { None })?;
            let t = Tensor::zeros(&shape, float_dtype(o.dtype, "normal")?)?;
            let (m, sd) = (to_f64(m, "mean")?, to_f64(s, "std")?);
            with_gen(&o, |g| random::normal_(&t, m, sd, g))?;
            t
        }
        _ => return Err(bad()),
    };
    finish(t, &o)
}

/// `torch.manual_seed(s)` converts `s` with Python's `int()`; the generator keeps it modulo
/// 2^64 (two's complement for negatives).
fn python_int_seed(v: &Value) -> Result<u64> {
    let overflow = || Error::value("Overflow when unpacking long long");
    match v {
        Value::Int(i) => Ok(*i as u64),
        Value::Bool(b) => Ok(*b as u64),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(Error::value("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(Error::new(crate::error::ExcKind::OverflowError, "cannot convert float infinity to integer"));
            }
            let t = f.trunc();
            if t >= -9.223_372_036_854_775_808e18 && t < 9.223_372_036_854_775_808e18 {
                Ok(t as i64 as u64)
            } else if t >= 0.0 && t < 1.844_674_407_370_955_2e19 {
                Ok(t as u64)
            } else {
                Err(overflow())
            }
        }
        Value::Str(s) => s
            .trim()
            .parse::<i64>()
            .map(|i| i as u64)
            .map_err(|_| Error::value(format!("invalid literal for int() with base 10: '{s}'"))),
        Value::Tensor(t) if t.numel() == 1 => {
            let s = t.item()?;
            python_int_seed(&super::super::args::scalar_value(s))
        }
        Value::BigInt(_) => Err(crate::eval::args::long_overflow()),
        other => Err(Error::type_err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

/// A 64-bit seed as a Python int (tsr's ints are 64-bit signed).
fn seed_value(s: u64) -> Result<Value> {
    if s > i64::MAX as u64 {
        return Err(Error::not_impl(format!("a seed above 2**63-1 ({s}): tsr integers are 64-bit")));
    }
    Ok(Value::Int(s as i64))
}

/// A generator state as PyTorch's uint8 tensor.
fn state_tensor(g: &random::Generator) -> Value {
    let st = g.get_state();
    let n = st.len();
    Value::Tensor(Tensor::from_vec(st, &[n]))
}

/// `set_rng_state` / `Generator.set_state` from a uint8 tensor.
fn set_state_from(g: &Rc<RefCell<random::Generator>>, v: &Value) -> Result<()> {
    let t = match v {
        Value::Tensor(t) if t.dtype() == DType::U8 => t,
        _ => return Err(Error::type_err("RNG state must be a torch.ByteTensor")),
    };
    g.borrow_mut().set_state(&t.to_vec::<u8>())
}

/// Attributes of `torch.Generator` objects: `manual_seed`, `initial_seed`, `seed`,
/// `get_state`, `set_state`, `device`.
/// The attributes and methods of a `torch.Generator`.
pub const GENERATOR_NAMES: &[&str] = &["device", "manual_seed", "initial_seed", "seed", "get_state", "set_state"];

pub fn generator_attr(v: &Value, name: &str) -> Result<Option<Value>> {
    let f: NativeFn = match name {
        "device" => return Ok(Some(Value::Device(Device::Cpu))),
        "manual_seed" => |_, a| {
            let [g, s] = a.bind("manual_seed", ["self", "seed"])?;
            let seed = match req(s, "manual_seed", "seed")? {
                Value::Int(i) => i as u64,
                Value::Bool(b) => b as u64,
                other => {
                    return Err(Error::runtime(format!("manual_seed expected a long, but got {}", other.type_name())))
                }
            };
            if let Some(Value::Generator(gn)) = &g {
                gn.borrow_mut().manual_seed(seed);
            }
            Ok(g.unwrap_or(Value::None))
        },
        "initial_seed" => |_, a| match a.pos.first() {
            Some(Value::Generator(g)) => seed_value(g.borrow().initial_seed()),
            _ => Ok(Value::None),
        },
        "seed" => |_, a| match a.pos.first() {
            Some(Value::Generator(g)) => Ok(Value::Int(g.borrow_mut().seed() as i64)),
            _ => Ok(Value::None),
        },
        "get_state" => |_, a| match a.pos.first() {
            Some(Value::Generator(g)) => Ok(state_tensor(&g.borrow())),
            _ => Ok(Value::None),
        },
        "set_state" => |_, a| {
            let [g, s] = a.bind("set_state", ["self", "new_state"])?;
            if let Some(Value::Generator(gn)) = &g {
                set_state_from(gn, &req(s, "set_state", "new_state")?)?;
            }
            Ok(g.unwrap_or(Value::None))
        },
        _ => return Ok(None),
    };
    let name = GENERATOR_NAMES.iter().copied().find(|n| *n == name).unwrap_or("generator");
    Ok(Some(super::super::builtins::method(name, f, v)))
}

/// The `generator=` keyword (the default generator when absent or None).
fn generator_kw(a: &mut Args) -> Result<Rc<RefCell<random::Generator>>> {
    match a.take_kw("generator") {
        None | Some(Value::None) => Ok(random::default_generator()),
        Some(Value::Generator(g)) => Ok(g),
        Some(o) => Err(Error::type_err(format!("generator must be a torch.Generator, not {}", o.type_name()))),
    }
}

/// `self` of a tensor method (or `input` of the torch function).
fn self_arg(a: &mut Args, fname: &str) -> Result<Tensor> {
    let v = if a.pos.is_empty() {
        a.take_kw("input").ok_or_else(|| Error::type_err(format!("{fname}() missing 1 required positional argument: 'input'")))?
    } else {
        a.pos.remove(0)
    };
    to_tensor(&v, "input")
}

/// `tensor.uniform_(from=0, to=1, *, generator=None)`.
pub fn m_uniform_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "uniform_")?;
    let g = generator_kw(&mut a)?;
    let [lo, hi] = a.bind("uniform_", ["from", "to"])?;
    let (lo, hi) = (opt_f64(lo, "from")?.unwrap_or(0.0), opt_f64(hi, "to")?.unwrap_or(1.0));
    super::autograd_check_inplace(&t)?;
    random::uniform_(&t, lo, hi, &mut g.borrow_mut())?;
    Ok(Value::Tensor(t))
}

/// `tensor.normal_(mean=0, std=1, *, generator=None)`.
pub fn m_normal_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "normal_")?;
    let g = generator_kw(&mut a)?;
    let [m, s] = a.bind("normal_", ["mean", "std"])?;
    let (m, s) = (opt_f64(m, "mean")?.unwrap_or(0.0), opt_f64(s, "std")?.unwrap_or(1.0));
    super::autograd_check_inplace(&t)?;
    random::normal_(&t, m, s, &mut g.borrow_mut())?;
    Ok(Value::Tensor(t))
}

/// `tensor.exponential_(lambd=1, *, generator=None)`.
pub fn m_exponential_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "exponential_")?;
    let g = generator_kw(&mut a)?;
    let [l] = a.bind("exponential_", ["lambd"])?;
    super::autograd_check_inplace(&t)?;
    random::exponential_(&t, opt_f64(l, "lambd")?.unwrap_or(1.0), &mut g.borrow_mut())?;
    Ok(Value::Tensor(t))
}

/// `tensor.random_()`, `random_(to)`, `random_(from, to)` (`to=None`: up to the dtype's
/// maximum), with `generator=`.
pub fn m_random_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "random_")?;
    let g = generator_kw(&mut a)?;
    let from_kw = a.take_kw("from");
    let to_kw = a.take_kw("to");
    if let Some((k, _)) = a.kw.first() {
        return Err(Error::type_err(format!("random_() got an unexpected keyword argument '{k}'")));
    }
    let int = |v: &Value, n: &str| int_arg(v, "random_", n, None);
    let opt_to = |v: &Value| if matches!(v, Value::None) { Ok(None) } else { int(v, "to").map(Some) };
    let (from, to) = match (a.pos.as_slice(), from_kw, to_kw) {
        ([], None, None) => {
            super::autograd_check_inplace(&t)?;
            random::random_full_(&t, &mut g.borrow_mut())?;
            return Ok(Value::Tensor(t));
        }
        ([x], None, None) => (0, Some(int(x, "to")?)),
        ([], None, Some(y)) => (0, opt_to(&y)?),
        ([x, y], None, None) => (int(x, "from")?, opt_to(y)?),
        ([x], None, Some(y)) => (int(x, "from")?, opt_to(&y)?),
        ([], Some(x), y) => (int(&x, "from")?, y.map(|y| opt_to(&y)).transpose()?.flatten()),
        _ => return Err(Error::type_err("random_() received an invalid combination of arguments")),
    };
    super::autograd_check_inplace(&t)?;
    random::random_(&t, from, to, &mut g.borrow_mut())?;
    Ok(Value::Tensor(t))
}

/// `tensor.bernoulli_(p=0.5, *, generator=None)` with a float or tensor `p`.
pub fn m_bernoulli_(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "bernoulli_")?;
    let g = generator_kw(&mut a)?;
    let [p] = a.bind("bernoulli_", ["p"])?;
    super::autograd_check_inplace(&t)?;
    match p {
        Some(Value::Tensor(p)) => random::bernoulli_tensor_(&t, &p, &mut g.borrow_mut())?,
        p => random::bernoulli_scalar_(&t, opt_f64(p, "p")?.unwrap_or(0.5), &mut g.borrow_mut())?,
    }
    Ok(Value::Tensor(t))
}

/// `torch.bernoulli(input, *, generator=None)` (each element drawn with probability
/// `input[i]`) and `torch.bernoulli(input, p)` (every element with probability `p`).
pub fn m_bernoulli(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "bernoulli")?;
    let g = generator_kw(&mut a)?;
    let [p] = a.bind("bernoulli", ["p"])?;
    match p {
        None | Some(Value::None) => Ok(Value::Tensor(random::bernoulli(&t, &mut g.borrow_mut())?)),
        Some(p) => {
            let p = to_f64(&p, "p")?;
            let out = empty_like(&t, t.dtype())?;
            random::bernoulli_scalar_(&out, p, &mut g.borrow_mut())?;
            Ok(Value::Tensor(out))
        }
    }
}

/// `torch.multinomial(input, num_samples, replacement=False, *, generator=None)`.
pub fn m_multinomial(_: &mut Interp, mut a: Args) -> Result<Value> {
    let t = self_arg(&mut a, "multinomial")?;
    let g = generator_kw(&mut a)?;
    let [n, r] = a.bind("multinomial", ["num_samples", "replacement"])?;
    let n = to_i64(&req(n, "multinomial", "num_samples")?, "num_samples")?;
    let r = super::super::args::opt_bool(r, false)?;
    Ok(Value::Tensor(random::multinomial(&t, n.max(0) as usize, r, &mut g.borrow_mut())?))
}
