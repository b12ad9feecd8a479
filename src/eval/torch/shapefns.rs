//! Shape, joining and indexing functions as torch functions / tensor methods.

use crate::error::{Error, Result};
use crate::tensor::ops::{index as ti, join, movement as mv};
use crate::autograd::ops as ag;
use crate::tensor::{Tensor, View};

use super::super::args::{opt_i64, req, seq_items, sizes_from, to_i64, to_i64_list, to_tensor, Args};
use super::super::value::{NativeFn, Value};
use super::super::Interp;
use super::functions::input;

fn tensors_value(v: Vec<Tensor>) -> Value {
    Value::tuple(v.into_iter().map(Value::Tensor).collect())
}

/// Input plus the remaining positionals as one size list (`x.reshape(2, 3)` or `((2, 3))`).
fn input_and_sizes(mut a: Args, name: &str, kw: &str) -> Result<(Tensor, Vec<i64>)> {
    let x = if a.pos.is_empty() {
        a.take_kw("input").ok_or_else(|| Error::type_err(format!("{name}() missing required argument 'input'")))?
    } else {
        a.pos.remove(0)
    };
    let x = to_tensor(&x, "input")?;
    let sizes = match a.take_kw(kw) {
        Some(v) => sizes_from(&[v], kw)?,
        None => sizes_from(&a.pos, kw)?,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(Error::type_err(format!("{name}() got an unexpected keyword argument '{k}'")));
    }
    Ok((x, sizes))
}

fn f_reshape(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, s) = input_and_sizes(a, "reshape", "shape")?;
    Ok(Value::Tensor(ag::reshape(&x, &s)?))
}

fn f_transpose(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d0, d1] = a.bind("transpose", ["input", "dim0|axis0", "dim1|axis1"])?;
    let x = input(x, "transpose")?;
    let d0 = to_i64(&req(d0, "transpose", "dim0")?, "dim0")?;
    let d1 = to_i64(&req(d1, "transpose", "dim1")?, "dim1")?;
    Ok(Value::Tensor(ag::transpose(&x, d0, d1)?))
}

/// Replaces the tensor's own view (for `t_`, `transpose_`, `squeeze_`, `unsqueeze_`).
fn set_from(x: &Tensor, r: &Tensor) -> Value {
    let v: View = r.view().clone();
    x.set_view(v);
    Value::Tensor(x.clone())
}

fn f_transpose_(i: &mut Interp, a: Args) -> Result<Value> {
    let x = input(a.pos.first().cloned(), "transpose_")?;
    let r = f_transpose(i, a)?;
    Ok(match r {
        Value::Tensor(r) => set_from(&x, &r),
        other => other,
    })
}

fn f_permute(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, dims) = input_and_sizes(a, "permute", "dims")?;
    Ok(Value::Tensor(ag::permute(&x, &dims)?))
}

fn f_t(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("t", ["input"])?;
    Ok(Value::Tensor(ag::t(&input(x, "t")?)?))
}

fn f_t_(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("t_", ["input"])?;
    let x = input(x, "t_")?;
    let r = ag::t(&x)?;
    Ok(set_from(&x, &r))
}

fn f_squeeze(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("squeeze", ["input", "dim"])?;
    let x = input(x, "squeeze")?;
    let dims = match d {
        None | Some(Value::None) => None,
        Some(v) => Some(to_i64_list(&v, "dim")?),
    };
    Ok(Value::Tensor(ag::squeeze(&x, dims.as_deref())?))
}

fn f_squeeze_(i: &mut Interp, a: Args) -> Result<Value> {
    let x = input(a.pos.first().cloned(), "squeeze_")?;
    match f_squeeze(i, a)? {
        Value::Tensor(r) => Ok(set_from(&x, &r)),
        other => Ok(other),
    }
}

fn f_unsqueeze(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("unsqueeze", ["input", "dim"])?;
    let x = input(x, "unsqueeze")?;
    Ok(Value::Tensor(ag::unsqueeze(&x, to_i64(&req(d, "unsqueeze", "dim")?, "dim")?)?))
}

fn f_unsqueeze_(i: &mut Interp, a: Args) -> Result<Value> {
    let x = input(a.pos.first().cloned(), "unsqueeze_")?;
    match f_unsqueeze(i, a)? {
        Value::Tensor(r) => Ok(set_from(&x, &r)),
        other => Ok(other),
    }
}

fn f_flatten(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, e] = a.bind("flatten", ["input", "start_dim", "end_dim"])?;
    let x = input(x, "flatten")?;
    Ok(Value::Tensor(ag::flatten(&x, opt_i64(s, "start_dim")?.unwrap_or(0), opt_i64(e, "end_dim")?.unwrap_or(-1))?))
}

fn f_ravel(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("ravel", ["input"])?;
    Ok(Value::Tensor(ag::flatten(&input(x, "ravel")?, 0, -1)?))
}

fn f_unflatten(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, s] = a.bind("unflatten", ["input", "dim", "sizes"])?;
    let x = input(x, "unflatten")?;
    let d = to_i64(&req(d, "unflatten", "dim")?, "dim")?;
    let s = to_i64_list(&req(s, "unflatten", "sizes")?, "sizes")?;
    Ok(Value::Tensor(ag::reshape(&x, &crate::autograd::ops::ishape_of(&mv::unflatten(&x, d, &s)?))?))
}

fn f_narrow(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, s, l] = a.bind("narrow", ["input", "dim", "start", "length"])?;
    let x = input(x, "narrow")?;
    Ok(Value::Tensor(ag::narrow(
        &x,
        to_i64(&req(d, "narrow", "dim")?, "dim")?,
        to_i64(&req(s, "narrow", "start")?, "start")?,
        to_i64(&req(l, "narrow", "length")?, "length")?,
    )?))
}

fn f_select(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d, i] = a.bind("select", ["input", "dim", "index"])?;
    let x = input(x, "select")?;
    Ok(Value::Tensor(ag::select(&x, to_i64(&req(d, "select", "dim")?, "dim")?, to_i64(&req(i, "select", "index")?, "index")?)?))
}

fn f_chunk(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, c, d] = a.bind("chunk", ["input", "chunks", "dim"])?;
    let x = input(x, "chunk")?;
    let c = to_i64(&req(c, "chunk", "chunks")?, "chunks")?;
    let dim = opt_i64(d, "dim")?.unwrap_or(0);
    Ok(tensors_value(crate::autograd::index_ops::split_parts(&x, mv::chunk(&x, c, dim)?, dim, crate::autograd::index_ops::SplitKind::Split)?))
}

fn f_split(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, d] = a.bind("split", ["input", "split_size_or_sections|split_size", "dim"])?;
    let x = input(x, "split")?;
    let s = req(s, "split", "split_size_or_sections")?;
    let size = match seq_items(&s) {
        Some(items) => mv::SplitSize::Sizes(items.iter().map(|v| to_i64(v, "split_size")).collect::<Result<_>>()?),
        None => mv::SplitSize::Size(to_i64(&s, "split_size")?),
    };
    let dim = opt_i64(d, "dim")?.unwrap_or(0);
    let kind = if matches!(size, mv::SplitSize::Sizes(_)) { crate::autograd::index_ops::SplitKind::SplitWithSizes } else { crate::autograd::index_ops::SplitKind::Split };
    Ok(tensors_value(crate::autograd::index_ops::split_parts(&x, mv::split(&x, &size, dim)?, dim, kind)?))
}

fn f_unbind(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, d] = a.bind("unbind", ["input", "dim"])?;
    let x = input(x, "unbind")?;
    let dim = opt_i64(d, "dim")?.unwrap_or(0);
    Ok(tensors_value(crate::autograd::index_ops::split_parts(&x, mv::unbind(&x, dim)?, dim, crate::autograd::index_ops::SplitKind::Unbind)?))
}

fn f_flip(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, dims) = input_and_sizes(a, "flip", "dims")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "FlipBackward0", move |t| mv::flip(&t[0], &dims))?))
}

fn f_fliplr(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("fliplr", ["input"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[input(x, "fliplr")?], "FlipBackward0", |t| mv::flip(&t[0], &[1]))?))
}

fn f_flipud(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("flipud", ["input"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[input(x, "flipud")?], "FlipBackward0", |t| mv::flip(&t[0], &[0]))?))
}

fn f_roll(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, d] = a.bind("roll", ["input", "shifts", "dims"])?;
    let x = input(x, "roll")?;
    let s = to_i64_list(&req(s, "roll", "shifts")?, "shifts")?;
    let d = match d {
        None | Some(Value::None) => vec![],
        Some(v) => to_i64_list(&v, "dims")?,
    };
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "RollBackward0", move |t| mv::roll(&t[0], &s, &d))?))
}

fn f_tile(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, dims) = input_and_sizes(a, "tile", "dims")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "RepeatBackward0", move |t| mv::tile(&t[0], &dims))?))
}

fn f_movedim(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, s, d] = a.bind("movedim", ["input", "source", "destination"])?;
    let x = input(x, "movedim")?;
    let s = to_i64_list(&req(s, "movedim", "source")?, "source")?;
    let d = to_i64_list(&req(d, "movedim", "destination")?, "destination")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "PermuteBackward0", move |t| mv::movedim(&t[0], &s, &d))?))
}

fn f_diagonal(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, o, d1, d2] = a.bind("diagonal", ["input", "offset", "dim1", "dim2"])?;
    let x = input(x, "diagonal")?;
    let (o, d1, d2) = (opt_i64(o, "offset")?.unwrap_or(0), opt_i64(d1, "dim1")?.unwrap_or(0), opt_i64(d2, "dim2")?.unwrap_or(1));
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "DiagonalBackward0", move |t| mv::diagonal(&t[0], o, d1, d2))?))
}

fn f_broadcast_to(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, s) = input_and_sizes(a, "broadcast_to", "size")?;
    let out = mv::broadcast_to(&x, &s)?;
    Ok(Value::Tensor(if crate::autograd::ops::track(&[&x]) { ag::expand(&x, &s)? } else { out }))
}

/// The list-of-tensors argument of cat/stack.
fn tensor_list(v: Option<Value>, fname: &str) -> Result<Vec<Tensor>> {
    let v = req(v, fname, "tensors")?;
    let items = seq_items(&v).ok_or_else(|| {
        Error::type_err(format!(
            "{fname}(): argument 'tensors' (position 1) must be tuple of Tensors, not {}",
            v.type_name()
        ))
    })?;
    items
        .iter()
        .enumerate()
        .map(|(i, x)| match x {
            Value::Tensor(t) => Ok(t.clone()),
            other => Err(Error::type_err(format!(
                "expected Tensor as element {i} in argument 0, but got {}",
                other.type_name()
            ))),
        })
        .collect()
}

fn f_cat(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [ts, d] = a.bind("cat", ["tensors", "dim|axis"])?;
    let ts = tensor_list(ts, "cat")?;
    Ok(Value::Tensor(ag::cat(&ts, opt_i64(d, "dim")?.unwrap_or(0))?))
}

fn f_stack(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.take_kw("out");
    let [ts, d] = a.bind("stack", ["tensors", "dim|axis"])?;
    let ts = tensor_list(ts, "stack")?;
    Ok(Value::Tensor(ag::stack(&ts, opt_i64(d, "dim")?.unwrap_or(0))?))
}

fn f_hstack(_: &mut Interp, a: Args) -> Result<Value> {
    let [ts] = a.bind("hstack", ["tensors"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&tensor_list(ts, "hstack")?, "CatBackward0", |t| join::hstack(t))?))
}
fn f_vstack(_: &mut Interp, a: Args) -> Result<Value> {
    let [ts] = a.bind("vstack", ["tensors"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&tensor_list(ts, "vstack")?, "CatBackward0", |t| join::vstack(t))?))
}
fn f_dstack(_: &mut Interp, a: Args) -> Result<Value> {
    let [ts] = a.bind("dstack", ["tensors"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&tensor_list(ts, "dstack")?, "CatBackward0", |t| join::dstack(t))?))
}
fn f_column_stack(_: &mut Interp, a: Args) -> Result<Value> {
    let [ts] = a.bind("column_stack", ["tensors"])?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&tensor_list(ts, "column_stack")?, "CatBackward0", |t| join::column_stack(t))?))
}

fn dim_index(a: Args, name: &str) -> Result<(Tensor, i64, Tensor, Option<Value>)> {
    let [x, d, i, s] = a.bind(name, ["input", "dim", "index", "src|value|source"])?;
    let x = input(x, name)?;
    let d = to_i64(&req(d, name, "dim")?, "dim")?;
    let i = to_tensor(&req(i, name, "index")?, "index")?;
    Ok((x, d, i, s))
}

fn f_gather(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, i, _) = dim_index(a, "gather")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gather(&x, d, &i)?))
}

fn f_index_select(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, i, _) = dim_index(a, "index_select")?;
    Ok(Value::Tensor(crate::autograd::index_ops::index_select(&x, d, &i)?))
}

fn src_of(s: Option<Value>, name: &str) -> Result<Tensor> {
    to_tensor(&req(s, name, "src")?, "src")
}

fn f_scatter(_: &mut Interp, mut a: Args) -> Result<Value> {
    if a.take_kw("reduce").is_some() {
        return Err(Error::not_impl("scatter(reduce=...)"));
    }
    let (x, d, i, s) = dim_index(a, "scatter")?;
    Ok(Value::Tensor(crate::autograd::index_ops::scatter(&x, d, &i, &src_of(s, "scatter")?)?))
}

fn f_scatter_(_: &mut Interp, mut a: Args) -> Result<Value> {
    if a.take_kw("reduce").is_some() {
        return Err(Error::not_impl("scatter_(reduce=...)"));
    }
    let (x, d, i, s) = dim_index(a, "scatter_")?;
    super::autograd_check_inplace(&x)?;
    let src = src_of(s, "scatter_")?;
    if !ag::inplace_with(&x, &[&src], |o| crate::autograd::index_ops::scatter(o, d, &i, &src))? {
        ti::scatter_(&x, d, &i, &src)?;
    }
    Ok(Value::Tensor(x))
}

fn f_scatter_add(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, i, s) = dim_index(a, "scatter_add")?;
    Ok(Value::Tensor(crate::autograd::index_ops::scatter_add(&x, d, &i, &src_of(s, "scatter_add")?)?))
}

fn f_scatter_add_(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, d, i, s) = dim_index(a, "scatter_add_")?;
    super::autograd_check_inplace(&x)?;
    let src = src_of(s, "scatter_add_")?;
    if !ag::inplace_with(&x, &[&src], |o| crate::autograd::index_ops::scatter_add(o, d, &i, &src))? {
        ti::scatter_add_(&x, d, &i, &src)?;
    }
    Ok(Value::Tensor(x))
}

fn f_index_add(_: &mut Interp, mut a: Args) -> Result<Value> {
    let alpha = a.take_kw("alpha").map(|v| super::super::args::to_f64(&v, "alpha")).transpose()?.unwrap_or(1.0);
    let (x, d, i, s) = dim_index(a, "index_add")?;
    Ok(Value::Tensor(crate::autograd::index_ops::index_add(&x, d, &i, &src_of(s, "index_add")?, alpha)?))
}

fn mask_args(a: Args, name: &str) -> Result<(Tensor, Tensor, Option<Value>)> {
    let [x, m, v] = a.bind(name, ["input", "mask", "value|source"])?;
    Ok((input(x, name)?, to_tensor(&req(m, name, "mask")?, "mask")?, v))
}

fn f_masked_fill(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, m, v) = mask_args(a, "masked_fill")?;
    let v = to_tensor(&req(v, "masked_fill", "value")?, "value")?;
    Ok(Value::Tensor(crate::autograd::index_ops::masked_fill(&x, &m, &v)?))
}

fn f_masked_fill_(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, m, v) = mask_args(a, "masked_fill_")?;
    let v = to_tensor(&req(v, "masked_fill_", "value")?, "value")?;
    super::autograd_check_inplace(&x)?;
    if !ag::inplace_with(&x, &[&v], |o| crate::autograd::index_ops::masked_fill(o, &m, &v))? {
        ti::masked_fill_(&x, &m, &v)?;
    }
    Ok(Value::Tensor(x))
}

fn f_masked_select(_: &mut Interp, a: Args) -> Result<Value> {
    let (x, m, _) = mask_args(a, "masked_select")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "MaskedSelectBackward0", move |t| ti::masked_select(&t[0], &m))?))
}

fn f_take(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, i] = a.bind("take", ["input", "index"])?;
    let x = input(x, "take")?;
    let i = to_tensor(&req(i, "take", "index")?, "index")?;
    Ok(Value::Tensor(crate::autograd::index_ops::gathered(&[x], "TakeBackward0", move |t| ti::take(&t[0], &i))?))
}

fn f_nonzero(_: &mut Interp, a: Args) -> Result<Value> {
    let [x, t] = a.bind("nonzero", ["input", "as_tuple"])?;
    let x = input(x, "nonzero")?;
    if super::super::args::opt_bool(t, false)? {
        return Ok(tensors_value(ti::nonzero_tuple(&x)?));
    }
    Ok(Value::Tensor(ti::nonzero(&x)?))
}

fn f_argwhere(_: &mut Interp, a: Args) -> Result<Value> {
    let [x] = a.bind("argwhere", ["input"])?;
    Ok(Value::Tensor(ti::nonzero(&input(x, "argwhere")?)?))
}

pub const TABLE: &[(&str, NativeFn)] = &[
    ("reshape", f_reshape),
    ("transpose", f_transpose),
    ("swapaxes", f_transpose),
    ("swapdims", f_transpose),
    ("transpose_", f_transpose_),
    ("permute", f_permute),
    ("t", f_t),
    ("t_", f_t_),
    ("squeeze", f_squeeze),
    ("squeeze_", f_squeeze_),
    ("unsqueeze", f_unsqueeze),
    ("unsqueeze_", f_unsqueeze_),
    ("flatten", f_flatten),
    ("ravel", f_ravel),
    ("unflatten", f_unflatten),
    ("narrow", f_narrow),
    ("select", f_select),
    ("chunk", f_chunk),
    ("split", f_split),
    ("unbind", f_unbind),
    ("flip", f_flip),
    ("fliplr", f_fliplr),
    ("flipud", f_flipud),
    ("roll", f_roll),
    ("tile", f_tile),
    ("movedim", f_movedim),
    ("moveaxis", f_movedim),
    ("diagonal", f_diagonal),
    ("broadcast_to", f_broadcast_to),
    ("cat", f_cat),
    ("concat", f_cat),
    ("concatenate", f_cat),
    ("stack", f_stack),
    ("hstack", f_hstack),
    ("vstack", f_vstack),
    ("row_stack", f_vstack),
    ("dstack", f_dstack),
    ("column_stack", f_column_stack),
    ("gather", f_gather),
    ("index_select", f_index_select),
    ("scatter", f_scatter),
    ("scatter_", f_scatter_),
    ("scatter_add", f_scatter_add),
    ("scatter_add_", f_scatter_add_),
    ("index_add", f_index_add),
    ("masked_fill", f_masked_fill),
    ("masked_fill_", f_masked_fill_),
    ("masked_select", f_masked_select),
    ("take", f_take),
    ("nonzero", f_nonzero),
    ("argwhere", f_argwhere),
];
