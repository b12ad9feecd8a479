//! `torch.autograd.gradcheck(func, inputs)`: compares the gradients autograd computes for
//! `func` with central finite differences, as PyTorch's (slow-mode) gradcheck does: for every
//! output and every input that requires grad, the analytical Jacobian (one backward pass per
//! output element) against the numerical one (two evaluations per input element).

use crate::error::{Error, ExcKind, Result};
use crate::eval::args::{opt_bool, req, to_f64, Args};
use crate::eval::value::Value;
use crate::eval::Interp;
use crate::tensor::{DType, Tensor};

fn outputs_of(v: &Value) -> Result<Vec<Tensor>> {
    match v {
        Value::Tensor(t) => Ok(vec![t.clone()]),
        Value::Tuple(_) | Value::List(_) => crate::eval::args::seq_items(v)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|x| match x {
                Value::Tensor(t) => Some(Ok(t)),
                _ => None,
            })
            .collect(),
        other => Err(Error::type_err(format!("gradcheck: the function must return Tensors, not {}", other.type_name()))),
    }
}

/// `func(*inputs)` with the inputs as given (or with `inputs[k]` replaced).
fn call(interp: &mut Interp, f: &Value, inputs: &[Value]) -> Result<Vec<Tensor>> {
    let out = interp.call(f, Args::new(inputs.to_vec()))?;
    outputs_of(&out)
}

fn flat(t: &Tensor) -> Vec<f64> {
    t.contiguous().to_vec_as::<f64>()
}

pub fn gradcheck(interp: &mut Interp, mut a: Args) -> Result<Value> {
    let eps = a.take_kw("eps").map(|v| to_f64(&v, "eps")).transpose()?.unwrap_or(1e-6);
    let atol = a.take_kw("atol").map(|v| to_f64(&v, "atol")).transpose()?.unwrap_or(1e-5);
    let rtol = a.take_kw("rtol").map(|v| to_f64(&v, "rtol")).transpose()?.unwrap_or(1e-3);
    let raise = opt_bool(a.take_kw("raise_exception"), true)?;
    for k in ["nondet_tol", "check_undefined_grad", "check_grad_dtypes", "check_batched_grad", "fast_mode", "masked"] {
        a.take_kw(k);
    }
    let [f, inputs] = a.bind("gradcheck", ["func", "inputs"])?;
    let f = req(f, "gradcheck", "func")?;
    let inputs = req(inputs, "gradcheck", "inputs")?;
    let ins: Vec<Value> = match &inputs {
        Value::Tensor(_) => vec![inputs.clone()],
        v => crate::eval::args::seq_items(v).ok_or_else(|| Error::type_err("gradcheck: inputs must be a Tensor or a tuple of them"))?,
    };
    let diff: Vec<usize> = ins
        .iter()
        .enumerate()
        .filter(|(_, v)| matches!(v, Value::Tensor(t) if t.requires_grad()))
        .map(|(k, _)| k)
        .collect();
    if diff.is_empty() {
        return Err(Error::value("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True."));
    }
    let outs = call(interp, &f, &ins)?;
    let fail = |msg: String| -> Result<Value> {
        if raise { Err(Error::new(ExcKind::GradcheckError, msg)) } else { Ok(Value::Bool(false)) }
    };
    for (oi, out) in outs.iter().enumerate() {
        if !(out.dtype().is_floating_point() || out.dtype().is_complex()) {
            continue;
        }
        let n_out = out.numel();
        for &ii in &diff {
            let Value::Tensor(x) = &ins[ii] else { continue };
            let n_in = x.numel();
            // Analytical: row k of the (n_in x n_out) Jacobian from the backward of e_k.
            let mut analytical = vec![0.0f64; n_in * n_out];
            if out.requires_grad() {
                for k in 0..n_out {
                    let mut e = vec![0.0f64; n_out];
                    e[k] = 1.0;
                    let g = Tensor::from_vec(e, &out.shape()).cast(out.dtype());
                    let r = crate::autograd::engine::run(std::slice::from_ref(out), vec![g], true, false, Some(std::slice::from_ref(x)))?;
                    if let Some(Some(gx)) = r.into_iter().next() {
                        for (j, v) in flat(&gx).into_iter().enumerate() {
                            analytical[j * n_out + k] = v;
                        }
                    }
                }
            }
            // Numerical: central differences on a detached copy of input ii.
            let base = flat(x);
            let mut numerical = vec![0.0f64; n_in * n_out];
            let prev = crate::autograd::set_grad_enabled(false);
            let eval_at = |interp: &mut Interp, j: usize, d: f64| -> Result<Vec<f64>> {
                let mut v = base.clone();
                v[j] += d;
                let xt = Tensor::from_vec(v, &x.shape()).cast(x.dtype());
                let mut args = ins.clone();
                args[ii] = Value::Tensor(xt);
                let o = call(interp, &f, &args)?;
                o.get(oi).map(flat).ok_or_else(|| Error::runtime("gradcheck: the function returned fewer outputs"))
            };
            let mut res = Ok(());
            for j in 0..n_in {
                match (eval_at(interp, j, eps), eval_at(interp, j, -eps)) {
                    (Ok(p), Ok(m)) => {
                        for k in 0..n_out {
                            numerical[j * n_out + k] = (p[k] - m[k]) / (2.0 * eps);
                        }
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        res = Err(e);
                        break;
                    }
                }
            }
            crate::autograd::set_grad_enabled(prev);
            res?;
            let ok = analytical.iter().zip(&numerical).all(|(a, n)| (a - n).abs() <= atol + rtol * n.abs());
            if !ok {
                let show = |v: &[f64]| {
                    let t = Tensor::from_vec(v.to_vec(), &[n_in, n_out]).cast(DType::F64);
                    crate::format::tensor_repr(&t)
                };
                return fail(format!(
                    "Jacobian mismatch for output {oi} with respect to input {ii},\nnumerical:{}\nanalytical:{}\n",
                    show(&numerical),
                    show(&analytical)
                ));
            }
        }
    }
    Ok(Value::Bool(true))
}
