//! `torch.nn.init`: in-place initialisers drawing from the default generator exactly as
//! PyTorch's do (the bounds computed in doubles as `torch/nn/init.py` computes them).

use crate::error::{Error, Result};
use crate::eval::args::{opt_f64, req, to_f64, to_tensor, Args};
use crate::eval::builtins::native;
use crate::eval::value::{NativeFn, Value};
use crate::tensor::ops::random;
use crate::tensor::{Scalar, Tensor};

fn tensor_arg(v: Option<Value>, f: &str) -> Result<Tensor> {
    to_tensor(&req(v, f, "tensor")?, "tensor")
}

/// `(fan_in, fan_out)` of a weight tensor.
pub fn fans(t: &Tensor) -> Result<(f64, f64)> {
    let s = t.shape();
    if s.len() < 2 {
        return Err(Error::value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"));
    }
    let receptive: usize = s[2..].iter().product();
    Ok(((s[1] * receptive) as f64, (s[0] * receptive) as f64))
}

/// `nn.init.calculate_gain(nonlinearity, param)`.
pub fn calculate_gain(nl: &str, param: Option<f64>) -> Result<f64> {
    Ok(match nl {
        "linear" | "conv1d" | "conv2d" | "conv3d" | "conv_transpose1d" | "conv_transpose2d" | "conv_transpose3d" | "sigmoid" => 1.0,
        "tanh" => 5.0 / 3.0,
        "relu" => 2f64.sqrt(),
        "leaky_relu" => {
            let a = param.unwrap_or(0.01);
            (2.0 / (1.0 + a * a)).sqrt()
        }
        "selu" => 3.0 / 4.0,
        _ => return Err(Error::value(format!("Unsupported nonlinearity {nl}"))),
    })
}

fn uniform(t: &Tensor, a: f64, b: f64) -> Result<Value> {
    let g = random::default_generator();
    random::uniform_(t, a, b, &mut g.borrow_mut())?;
    Ok(Value::Tensor(t.clone()))
}

fn normal(t: &Tensor, mean: f64, std: f64) -> Result<Value> {
    let g = random::default_generator();
    random::normal_(t, mean, std, &mut g.borrow_mut())?;
    Ok(Value::Tensor(t.clone()))
}

fn str_arg(v: Option<Value>, default: &str) -> Result<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(o) => Err(Error::type_err(format!("expected a string, got {}", o.type_name()))),
    }
}

fn kaiming_std(t: &Tensor, a: f64, mode: &str, nl: &str) -> Result<f64> {
    let (fi, fo) = fans(t)?;
    let fan = match mode {
        "fan_in" => fi,
        "fan_out" => fo,
        _ => return Err(Error::value(format!("Mode {mode} not supported, please use one of fan_in, fan_out"))),
    };
    let gain = calculate_gain(nl, Some(a))?;
    Ok(gain / fan.sqrt())
}

/// `torch.nn.init.NAME`.
/// The names `lookup` resolves.
pub const NAMES: &[&str] = &[
    "zeros_", "ones_", "constant_", "uniform_", "normal_", "xavier_uniform_", "xavier_normal_",
    "kaiming_uniform_", "kaiming_normal_", "calculate_gain", "_calculate_fan_in_and_fan_out",
];

pub fn lookup(name: &str) -> Option<Value> {
    let f: (&'static str, NativeFn) = match name {
        "zeros_" => ("zeros_", |_, a| {
            let [t] = a.bind("zeros_", ["tensor"])?;
            let t = tensor_arg(t, "zeros_")?;
            crate::tensor::ops::fill_(&t, Scalar::Float(0.0))?;
            Ok(Value::Tensor(t))
        }),
        "ones_" => ("ones_", |_, a| {
            let [t] = a.bind("ones_", ["tensor"])?;
            let t = tensor_arg(t, "ones_")?;
            crate::tensor::ops::fill_(&t, Scalar::Float(1.0))?;
            Ok(Value::Tensor(t))
        }),
        "constant_" => ("constant_", |_, a| {
            let [t, v] = a.bind("constant_", ["tensor", "val"])?;
            let t = tensor_arg(t, "constant_")?;
            let v = to_f64(&req(v, "constant_", "val")?, "val")?;
            crate::tensor::ops::fill_(&t, Scalar::Float(v))?;
            Ok(Value::Tensor(t))
        }),
        "uniform_" => ("uniform_", |_, a| {
            let [t, lo, hi, _g] = a.bind("uniform_", ["tensor", "a", "b", "generator"])?;
            let t = tensor_arg(t, "uniform_")?;
            uniform(&t, opt_f64(lo, "a")?.unwrap_or(0.0), opt_f64(hi, "b")?.unwrap_or(1.0))
        }),
        "normal_" => ("normal_", |_, a| {
            let [t, m, s, _g] = a.bind("normal_", ["tensor", "mean", "std", "generator"])?;
            let t = tensor_arg(t, "normal_")?;
            normal(&t, opt_f64(m, "mean")?.unwrap_or(0.0), opt_f64(s, "std")?.unwrap_or(1.0))
        }),
        "xavier_uniform_" => ("xavier_uniform_", |_, a| {
            let [t, g, _gen] = a.bind("xavier_uniform_", ["tensor", "gain", "generator"])?;
            let t = tensor_arg(t, "xavier_uniform_")?;
            let (fi, fo) = fans(&t)?;
            let std = opt_f64(g, "gain")?.unwrap_or(1.0) * (2.0 / (fi + fo)).sqrt();
            let b = 3f64.sqrt() * std;
            uniform(&t, -b, b)
        }),
        "xavier_normal_" => ("xavier_normal_", |_, a| {
            let [t, g, _gen] = a.bind("xavier_normal_", ["tensor", "gain", "generator"])?;
            let t = tensor_arg(t, "xavier_normal_")?;
            let (fi, fo) = fans(&t)?;
            let std = opt_f64(g, "gain")?.unwrap_or(1.0) * (2.0 / (fi + fo)).sqrt();
            normal(&t, 0.0, std)
        }),
        "kaiming_uniform_" => ("kaiming_uniform_", |_, a| {
            let [t, av, mode, nl, _gen] = a.bind("kaiming_uniform_", ["tensor", "a", "mode", "nonlinearity", "generator"])?;
            let t = tensor_arg(t, "kaiming_uniform_")?;
            let std = kaiming_std(&t, opt_f64(av, "a")?.unwrap_or(0.0), &str_arg(mode, "fan_in")?, &str_arg(nl, "leaky_relu")?)?;
            let b = 3f64.sqrt() * std;
            uniform(&t, -b, b)
        }),
        "kaiming_normal_" => ("kaiming_normal_", |_, a| {
            let [t, av, mode, nl, _gen] = a.bind("kaiming_normal_", ["tensor", "a", "mode", "nonlinearity", "generator"])?;
            let t = tensor_arg(t, "kaiming_normal_")?;
            let std = kaiming_std(&t, opt_f64(av, "a")?.unwrap_or(0.0), &str_arg(mode, "fan_in")?, &str_arg(nl, "leaky_relu")?)?;
            normal(&t, 0.0, std)
        }),
        "calculate_gain" => ("calculate_gain", |_, a| {
            let [nl, p] = a.bind("calculate_gain", ["nonlinearity", "param"])?;
            let nl = str_arg(nl, "linear")?;
            Ok(Value::Float(calculate_gain(&nl, opt_f64(p, "param")?)?))
        }),
        "_calculate_fan_in_and_fan_out" => ("_calculate_fan_in_and_fan_out", |_, a: Args| {
            let [t] = a.bind("_calculate_fan_in_and_fan_out", ["tensor"])?;
            let (fi, fo) = fans(&tensor_arg(t, "_calculate_fan_in_and_fan_out")?)?;
            Ok(Value::tuple(vec![Value::Int(fi as i64), Value::Int(fo as i64)]))
        }),
        _ => return None,
    };
    Some(native(f.0, f.1))
}
