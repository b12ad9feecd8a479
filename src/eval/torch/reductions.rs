//! Reductions and sorting as torch functions / tensor methods: sum, mean, max (with its
//! named-tuple form), std/var, median, sort, topk, cumsum, norm, unique, …

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::tensor::ops::reduce::{self as r, NormOrd, ReduceOp};
use crate::tensor::ops::reduce_sort as rs;
use crate::tensor::ops::binary::BinaryOp;
use crate::tensor::Tensor;

use super::super::args::{opt_bool, opt_dims, opt_dtype, opt_f64, opt_i64, req, to_i64, to_tensor, Args};
use super::super::value::{NamedTuple, NativeFn, Value};
use super::super::Interp;
use super::functions::input;

/// `torch.return_types.NAME(values=…, indices=…)`.
pub fn named(type_name: &'static str, fields: [&'static str; 2], a: Tensor, b: Tensor) -> Value {
    Value::NamedTuple(Rc::new(NamedTuple {
        type_name,
        fields: fields.to_vec(),
        values: vec![Value::Tensor(a), Value::Tensor(b)],
    }))
}

fn simple_reduce(name: &'static str, op: ReduceOp, a: Args) -> Result<Value> {
    let [x, d, k, dt] = a.bind(name, ["input", "dim|axis", "keepdim", "dtype"])?;
    let x = input(x, name)?;
    let dims = opt_dims(d)?;
    let keep = opt_bool(k, false)?;
    Ok(Value::Tensor(crate::autograd::shape_ops::reduce(op, &x, dims.as_deref(), keep, opt_dtype(dt)?)?))
}

macro_rules! reduce_fns {
    ($( $name:literal $f:ident => $op:ident; )*) => {
        $( fn $f(_: &mut Interp, a: Args) -> Result<Value> { simple_reduce($name, ReduceOp::$op, a) } )*
    };
}

reduce_fns! {
    "sum" r_sum => Sum;
    "mean" r_mean => Mean;
    "prod" r_prod => Prod;
    "amax" r_amax => Amax;
    "amin" r_amin => Amin;
    "all" r_all => All;
    "any" r_any => Any;
    "nansum" r_nansum => NanSum;
    "nanmean" r_nanmean => NanMean;
    "count_nonzero" r_count_nonzero => CountNonzero;
    "logsumexp" r_logsumexp => LogSumExp;
}

fn minmax(name: &'static str, is_max: bool, a: Args) -> Result<Value> {
    let [x, d, k] = a.bind(name, ["input", "dim|other", "keepdim"])?;
    let x = input(x, name)?;
    match d {
        None | Some(Value::None) => Ok(Value::Tensor(crate::autograd::shape_ops::max_all(&x, is_max)?)),
        Some(Value::Tensor(o)) => {
            let op = if is_max { BinaryOp::Maximum } else { BinaryOp::Minimum };
            Ok(Value::Tensor(crate::autograd::ops::binary(op, &x, &o)?))
        }
        Some(d) => {
            let dim = to_i64(&d, "dim")?;
            let keep = opt_bool(k, false)?;
            let (v, i) = crate::autograd::shape_ops::max_dim(&x, dim, keep, is_max)?;
            Ok(named(if is_max { "torch.return_types.max" } else { "torch.return_types.min" }, ["values", "indices"], v, i))
        }
    }
}

fn f_max(_: &mut Interp, a: Args) -> Result<Value> {
    minmax("max", true, a)
}
fn f_min(_: &mut Interp, a: Args) -> Result<Value> {
    minmax("min", false, a)
}

fn arg_extreme(name: &'static str, is_max: bool, a: Args) -> Result<Value> {
    let [x, d, k] = a.bind(name, ["input", "dim", "keepdim"])?;
    let x = input(x, name)?;
    let dim = opt_i64(d, "dim")?;
    let keep = opt_bool(k, false)?;
    Ok(Value::Tensor(if is_max { r::argmax(&x, dim, keep)? } else { r::argmin(&x, dim, keep)? }))
}

fn f_argmax(_: &mut Interp, a: Args) -> Result<Value> {
    arg_extreme("argmax", true, a)
}
fn f_argmin(_: &mut Interp, a: Args) -> Result<Value> {
    arg_extreme("argmin", false, a)
}

/// std/var arguments: `(input, dim=None, unbiased=True, keepdim=False, *, correction=None)`.
fn var_args(name: &str, mut a: Args) -> Result<(Tensor, Option<Vec<i64>>, f64, bool)> {
    let correction = a.take_kw("correction");
    let unbiased_kw = a.take_kw("unbiased");
    let [x, d, u, k] = a.bind(name, ["input", "dim", "unbiased", "keepdim"])?;
    let x = input(x, name)?;
    // `x.std(False)`: a bool in the dim position is `unbiased`.
    let (dims, unbiased) = match (d, u.or(unbiased_kw)) {
        (Some(Value::Bool(b)), None) => (None, Some(b)),
        (d, u) => (opt_dims(d)?, u.map(|v| v.truthy()).transpose()?),
    };
    let corr = match correction {
        Some(c) if !c.is_none() => super::super::args::to_f64(&c, "correction")?,
        _ => if unbiased.unwrap_or(true) { 1.0 } else { 0.0 },
    };
    Ok((x, dims, corr, opt_bool(k, false)?))
}

fn f_std(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, c, k) = var_args("std", a)?;
    Ok(Value::Tensor(crate::autograd::reduce_ops::var_std(&x, d.as_deref(), c, k, true, "StdBackward0")?))
}
fn f_var(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, c, k) = var_args("var", a)?;
    Ok(Value::Tensor(crate::autograd::reduce_ops::var_std(&x, d.as_deref(), c, k, false, "VarBackward0")?))
}
fn f_std_mean(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, c, k) = var_args("std_mean", a)?;
    let s = crate::autograd::reduce_ops::var_std(&x, d.as_deref(), c, k, true, "StdMeanBackward0")?;
    let m = crate::autograd::shape_ops::reduce(ReduceOp::Mean, &x, d.as_deref(), k, None)?;
    Ok(Value::tuple(vec![Value::Tensor(s), Value::Tensor(m)]))
}
fn f_var_mean(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, c, k) = var_args("var_mean", a)?;
    let s = crate::autograd::reduce_ops::var_std(&x, d.as_deref(), c, k, false, "VarMeanBackward0")?;
    let m = crate::autograd::shape_ops::reduce(ReduceOp::Mean, &x, d.as_deref(), k, None)?;
    Ok(Value::tuple(vec![Value::Tensor(s), Value::Tensor(m)]))
}

fn f_median(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, k] = a.bind("median", ["input", "dim", "keepdim"])?;
    let x = input(x, "median")?;
    match opt_i64(d, "dim")? {
        None => Ok(Value::Tensor(crate::autograd::reduce_ops::evenly(&x, rs::median_all(&x)?, "MedianBackward0")?)),
        Some(dim) => {
            let keep = opt_bool(k, false)?;
            let (v, i) = crate::autograd::reduce_ops::values_at(&x, rs::median_dim(&x, dim, keep)?, dim, keep, "MedianBackward1")?;
            Ok(named("torch.return_types.median", ["values", "indices"], v, i))
        }
    }
}

fn f_mode(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, k] = a.bind("mode", ["input", "dim", "keepdim"])?;
    let x = input(x, "mode")?;
    let (dim, keep) = (opt_i64(d, "dim")?.unwrap_or(-1), opt_bool(k, false)?);
    let (v, i) = crate::autograd::reduce_ops::values_at(&x, rs::mode_dim(&x, dim, keep)?, dim, keep, "ModeBackward0")?;
    Ok(named("torch.return_types.mode", ["values", "indices"], v, i))
}

fn cum(name: &'static str, a: Args) -> Result<Value> {
    let [x, d, dt] = a.bind(name, ["input", "dim", "dtype"])?;
    let x = input(x, name)?;
    let dim = to_i64(&req(d, name, "dim")?, "dim")?;
    let dt = opt_dtype(dt)?;
    Ok(Value::Tensor(if name.starts_with("cumsum") { crate::autograd::reduce_ops::cumsum(&x, dim, dt)? } else { crate::autograd::reduce_ops::cumprod(&x, dim, dt)? }))
}
fn f_cumsum(_: &mut Interp, a: Args) -> Result<Value> {
    cum("cumsum", a)
}
fn f_cumprod(_: &mut Interp, a: Args) -> Result<Value> {
    cum("cumprod", a)
}
fn f_cummax(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("cummax", ["input", "dim"])?;
    let (v, i) = r::cummax(&input(x, "cummax")?, to_i64(&req(d, "cummax", "dim")?, "dim")?)?;
    Ok(named("torch.return_types.cummax", ["values", "indices"], v, i))
}
fn f_cummin(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("cummin", ["input", "dim"])?;
    let (v, i) = r::cummin(&input(x, "cummin")?, to_i64(&req(d, "cummin", "dim")?, "dim")?)?;
    Ok(named("torch.return_types.cummin", ["values", "indices"], v, i))
}

fn f_sort(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, desc, st] = a.bind("sort", ["input", "dim", "descending", "stable"])?;
    let x = input(x, "sort")?;
    let dim = opt_i64(d, "dim")?.unwrap_or(-1);
    let (v, i) = crate::autograd::reduce_ops::values_at(&x, rs::sort(&x, dim, opt_bool(desc, false)?, opt_bool(st, false)?)?, dim, true, "SortBackward0")?;
    Ok(named("torch.return_types.sort", ["values", "indices"], v, i))
}

fn f_argsort(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, desc, st] = a.bind("argsort", ["input", "dim", "descending", "stable"])?;
    let x = input(x, "argsort")?;
    Ok(Value::Tensor(rs::argsort(&x, opt_i64(d, "dim")?.unwrap_or(-1), opt_bool(desc, false)?, opt_bool(st, false)?)?))
}

fn f_topk(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, k, d, l, s] = a.bind("topk", ["input", "k", "dim", "largest", "sorted"])?;
    let x = input(x, "topk")?;
    let k = to_i64(&req(k, "topk", "k")?, "k")?;
    if k < 0 {
        return Err(Error::runtime("selected index k out of range"));
    }
    let dim = opt_i64(d, "dim")?.unwrap_or(-1);
    let (v, i) = crate::autograd::reduce_ops::values_at(&x, rs::topk(&x, k as usize, dim, opt_bool(l, true)?, opt_bool(s, true)?)?, dim, true, "TopkBackward0")?;
    Ok(named("torch.return_types.topk", ["values", "indices"], v, i))
}

fn f_kthvalue(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, k, d, kd] = a.bind("kthvalue", ["input", "k", "dim", "keepdim"])?;
    let x = input(x, "kthvalue")?;
    let k = to_i64(&req(k, "kthvalue", "k")?, "k")?;
    if k < 1 {
        return Err(Error::runtime("kthvalue(): selected number k out of range for dimension 0"));
    }
    let (dim, keep) = (opt_i64(d, "dim")?.unwrap_or(-1), opt_bool(kd, false)?);
    let (v, i) = crate::autograd::reduce_ops::values_at(&x, rs::kthvalue(&x, k as usize, dim, keep)?, dim, keep, "KthvalueBackward0")?;
    Ok(named("torch.return_types.kthvalue", ["values", "indices"], v, i))
}

fn parse_ord(v: Option<Value>, default: NormOrd) -> Result<NormOrd> {
    Ok(match v {
        None | Some(Value::None) => default,
        Some(Value::Str(s)) => match &*s {
            "fro" => NormOrd::Fro,
            "nuc" => NormOrd::Nuc,
            other => return Err(Error::runtime(format!("norm(): unsupported norm type '{other}'"))),
        },
        Some(v) => {
            let p = super::super::args::to_f64(&v, "p")?;
            if p == f64::INFINITY {
                NormOrd::Inf
            } else if p == f64::NEG_INFINITY {
                NormOrd::NegInf
            } else {
                NormOrd::P(p)
            }
        }
    })
}

fn f_norm(_: &mut Interp, mut a: Args) -> Result<Value> {
    let ord_kw = a.take_kw("ord");
    let [x, p, d, k, dt] = a.bind("norm", ["input", "p", "dim", "keepdim", "dtype"])?;
    let mut x = input(x, "norm")?;
    if let Some(dt) = opt_dtype(dt)? {
        x = x.to_dtype(dt);
    }
    let ord = parse_ord(p.or(ord_kw), NormOrd::Fro)?;
    let dims = opt_dims(d)?;
    let ord = match (ord, &dims) {
        (NormOrd::Fro, None) => NormOrd::P(2.0),
        (NormOrd::Fro, Some(d)) if d.len() == 1 => NormOrd::P(2.0),
        (o, _) => o,
    };
    Ok(Value::Tensor(crate::autograd::reduce_ops::norm(&x, ord, dims.as_deref(), opt_bool(k, false)?)?))
}

fn f_unique(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, inv, cnt, d] = a.bind("unique", ["input", "sorted", "return_inverse", "return_counts", "dim"])?;
    let x = input(x, "unique")?;
    let (ri, rc) = (opt_bool(inv, false)?, opt_bool(cnt, false)?);
    let (u, i, c) = rs::unique(&x, opt_bool(s, true)?, ri, rc, opt_i64(d, "dim")?)?;
    if !ri && !rc {
        return Ok(Value::Tensor(u));
    }
    let mut out = vec![Value::Tensor(u)];
    if let Some(i) = i {
        out.push(Value::Tensor(i));
    }
    if let Some(c) = c {
        out.push(Value::Tensor(c));
    }
    Ok(Value::tuple(out))
}

fn f_aminmax(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, k] = a.bind("aminmax", ["input", "dim", "keepdim"])?;
    let x = input(x, "aminmax")?;
    let (mn, mx) = r::aminmax(&x, opt_i64(d, "dim")?, opt_bool(k, false)?)?;
    Ok(named("torch.return_types.aminmax", ["min", "max"], mn, mx))
}

fn f_dist(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, y, p] = a.bind("dist", ["input", "other", "p"])?;
    let x = input(x, "dist")?;
    let y = to_tensor(&req(y, "dist", "other")?, "other")?;
    let d = crate::autograd::ops::sub(&x, &y)?;
    let p = opt_f64(p, "p")?.unwrap_or(2.0);
    let ord = if p.is_infinite() { if p > 0.0 { NormOrd::Inf } else { NormOrd::NegInf } } else { NormOrd::P(p) };
    Ok(Value::Tensor(crate::autograd::reduce_ops::norm(&d, ord, None, false)?))
}

pub const TABLE: &[(&str, NativeFn)] = &[
    ("max", f_max),
    ("min", f_min),
    ("argmax", f_argmax),
    ("argmin", f_argmin),
    ("std", f_std),
    ("var", f_var),
    ("std_mean", f_std_mean),
    ("var_mean", f_var_mean),
    ("median", f_median),
    ("mode", f_mode),
    ("cumsum", f_cumsum),
    ("cumprod", f_cumprod),
    ("cummax", f_cummax),
    ("cummin", f_cummin),
    ("sort", f_sort),
    ("argsort", f_argsort),
    ("topk", f_topk),
    ("kthvalue", f_kthvalue),
    ("norm", f_norm),
    ("unique", f_unique),
    ("aminmax", f_aminmax),
    ("dist", f_dist),
    ("sum", r_sum),
    ("mean", r_mean),
    ("prod", r_prod),
    ("amax", r_amax),
    ("amin", r_amin),
    ("all", r_all),
    ("any", r_any),
    ("nansum", r_nansum),
    ("nanmean", r_nanmean),
    ("count_nonzero", r_count_nonzero),
    ("logsumexp", r_logsumexp),
];

