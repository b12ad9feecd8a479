//! The differentiable functions behind nn modules and `torch.nn.functional`: linear,
//! dropout and the losses. Each computes its forward as PyTorch's CPU kernel does (same
//! rounding order) and records a node named as PyTorch names it.

use crate::autograd::ops::{self as ag, detached, record, track};
use crate::error::{Error, ExcKind, Result};
use crate::tensor::ops::binary::{self as tb, BinaryOp};
use crate::tensor::ops::reduce::{self as tr, ReduceOp};
use crate::tensor::ops::unary::{self as tu, UnaryOp};
use crate::tensor::ops::random;
use crate::tensor::dtype::Element;
use crate::tensor::{DType, Scalar, Tensor};

/// A loss's `reduction=` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduction {
    None,
    Mean,
    Sum,
}

impl Reduction {
    /// Parses `'none' | 'mean' | 'sum'` with PyTorch's error for anything else.
    pub fn parse(s: &str) -> Result<Reduction> {
        Ok(match s {
            "none" => Reduction::None,
            "mean" => Reduction::Mean,
            "sum" => Reduction::Sum,
            _ => return Err(Error::value(format!("{s} is not a valid value for reduction"))),
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Reduction::None => "none",
            Reduction::Mean => "mean",
            Reduction::Sum => "sum",
        }
    }
}

fn w(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

/// `torch.Size([2, 3])` as PyTorch writes it in messages.
fn size_str(s: &[usize]) -> String {
    let parts: Vec<String> = s.iter().map(|d| d.to_string()).collect();
    format!("torch.Size([{}])", parts.join(", "))
}

fn ishape(t: &Tensor) -> Vec<i64> {
    t.shape().iter().map(|&d| d as i64).collect()
}

/// `torch.addmm(bias, m1, m2)` (`bias + m1 @ m2`), AddmmBackward0.
pub fn addmm(bias: &Tensor, m1: &Tensor, m2: &Tensor) -> Result<Tensor> {
    crate::autograd::more_ops::addmm(bias, m1, m2, 1.0, 1.0)
}

/// `a / x` for a C++ scalar `x` (div.Scalar: DivBackward1, as PyTorch's composite
/// losses record it; Python's `a / 2` is div.Tensor, DivBackward0).
fn div_scalar(a: &Tensor, x: f64) -> Result<Tensor> {
    let out = tb::binary(BinaryOp::Div, a, &w(x))?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(record(out, "DivBackward1", &[a], vec![], move |g, _| Ok(vec![Some(ag::div(g, &w(x))?)])))
}

/// A reshape recorded as UnsafeViewBackward0 (the view back after a folded matmul).
fn unsafe_view(a: &Tensor, shape: &[i64]) -> Result<Tensor> {
    let out = crate::tensor::ops::movement::reshape(a, shape)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let s = ishape(a);
    Ok(record(detached(&out), "UnsafeViewBackward0", &[a], vec![], move |g, _| Ok(vec![Some(ag::reshape(g, &s)?)])))
}

/// `F.linear(x, weight, bias)`: `x @ weight.T + bias` with PyTorch's dispatch (addmm for
/// 2-D inputs and for contiguous inputs of other ranks folded to 2-D).
pub fn linear(x: &Tensor, weight: &Tensor, bias: Option<&Tensor>) -> Result<Tensor> {
    let wt = ag::t(weight)?;
    let nd = x.ndim();
    match bias {
        Some(b) if nd == 2 => addmm(b, x, &wt),
        Some(b) if nd >= 1 && x.is_contiguous() => {
            let inf = *x.shape().last().unwrap_or(&0) as i64;
            let flat = if x.requires_grad() { ag::reshape(x, &[-1, inf])? } else { crate::tensor::ops::movement::reshape(x, &[-1, inf])? };
            let y = addmm(b, &flat, &wt)?;
            let mut shape = ishape(x);
            if let Some(l) = shape.last_mut() {
                *l = weight.shape()[0] as i64;
            }
            unsafe_view(&y, &shape)
        }
        Some(b) => ag::add(&ag::matmul(x, &wt)?, b),
        None => ag::matmul(x, &wt),
    }
}

/// `F.dropout(x, p, training)`: `x * mask` (MulBackward0) with PyTorch's bernoulli stream.
pub fn dropout(x: &Tensor, p: f64, training: bool) -> Result<Tensor> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::value(format!("dropout probability has to be between 0 and 1, but got {}", crate::format::pyfmt::float_repr(p))));
    }
    if !training || p == 0.0 {
        return Ok(x.clone());
    }
    if p == 1.0 {
        return ag::mul(x, &ag::zeros_like(x)?);
    }
    let g = random::default_generator();
    let mask = random::dropout_mask(&x.shape(), p, x.dtype(), &mut g.borrow_mut())?;
    ag::mul(x, &mask)
}

/// Reduces an element-wise loss (forward only, PyTorch's mean/sum kernels).
fn reduce_loss(l: &Tensor, red: Reduction) -> Result<Tensor> {
    match red {
        Reduction::None => Ok(l.clone()),
        Reduction::Mean => tr::reduce(ReduceOp::Mean, l, None, false, None),
        Reduction::Sum => tr::reduce(ReduceOp::Sum, l, None, false, None),
    }
}

/// The gradient of a reduced loss spread back over the elements: `g` (0-d for mean/sum)
/// times `1/n` for mean.
fn spread(g: &Tensor, shape: &[usize], red: Reduction) -> Result<Tensor> {
    let n = shape.iter().product::<usize>().max(1);
    let g = match red {
        Reduction::Mean => ag::div(g, &w(n as f64))?,
        _ => g.clone(),
    };
    let full: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
    if g.shape().as_slice() == shape { Ok(g) } else { ag::expand(&g, &full) }
}

/// `F.mse_loss` (MseLossBackward0).
pub fn mse_loss(input: &Tensor, target: &Tensor, red: Reduction) -> Result<Tensor> {
    let d = tb::binary(BinaryOp::Sub, input, target)?;
    let sq = tb::binary(BinaryOp::Mul, &d, &d)?;
    let out = reduce_loss(&sq, red)?;
    if !track(&[input, target]) {
        return Ok(out);
    }
    let (si, di, ni) = (input.shape(), input.dtype(), input.requires_grad());
    let (st, dt, nt) = (target.shape(), target.dtype(), target.requires_grad());
    let full = sq.shape();
    Ok(record(out, "MseLossBackward0", &[input, target], vec![d], move |g, s| {
        let gd = ag::mul(&spread(g, &full, red)?, &ag::scale(&s[0], 2.0)?)?;
        let gi = if ni { Some(ag::sum_to(&gd, &si, di)?) } else { None };
        let gt = if nt { Some(ag::sum_to(&ag::neg(&gd)?, &st, dt)?) } else { None };
        Ok(vec![gi, gt])
    }))
}

/// `F.l1_loss`: `|input - target|` reduced (composite, as PyTorch records it).
pub fn l1_loss(input: &Tensor, target: &Tensor, red: Reduction) -> Result<Tensor> {
    let a = ag::unary(UnaryOp::Abs, &ag::sub(input, target)?)?;
    match red {
        Reduction::None => Ok(a),
        Reduction::Mean => ag::reduce(ReduceOp::Mean, &a, None, false, None),
        Reduction::Sum => ag::reduce(ReduceOp::Sum, &a, None, false, None),
    }
}

/// Class indices of a target tensor, with PyTorch's checks.
fn target_indices(target: &Tensor) -> Result<Vec<i64>> {
    if target.dtype() != DType::I64 {
        return Err(Error::runtime(format!(
            "expected scalar type Long but found {}",
            crate::tensor::dtype::scalar_type_name(target.dtype())
        )));
    }
    Ok(target.contiguous().to_vec::<i64>())
}

fn fl<T: crate::tensor::dtype::Element>(v: f64) -> T {
    T::from_f64(v)
}

/// `F.nll_loss(input, target, weight, ignore_index, reduction)` for input `(N, C)` or
/// `(C,)` (and `(N, C, d1, …)` by moving the class dim last), NllLossBackward0.
/// `nll_loss` on a device: the picked log-probabilities by `gather` (the targets stay on the
/// device; an out-of-range class is the kernel's device-side assert), ignored targets and
/// class weights as a per-sample weight, the reductions as PyTorch defines them.
#[cfg(feature = "cuda")]
fn nll_loss_device(input: &Tensor, target: &Tensor, weight: Option<&Tensor>, ignore_index: i64, red: Reduction) -> Result<Tensor> {
    use crate::tensor::ops::compare::{self as tcmp, CmpOp};
    let batched = input.ndim() == 2;
    let x = if batched { input.clone() } else { ag::reshape(input, &[1, -1])? };
    let t = crate::tensor::ops::movement::reshape(target, &[-1])?;
    let valid = tcmp::compare(CmpOp::Ne, &t, &Tensor::wrapped(Scalar::Int(ignore_index)))?;
    let safe = tcmp::where_(&valid, &t, &Tensor::wrapped(Scalar::Int(0)))?;
    let col = crate::tensor::ops::movement::reshape(&safe, &[-1, 1])?;
    let picked = ag::reshape(&crate::autograd::index_ops::gather(&x, 1, &col)?, &[-1])?;
    let mut wv = valid.cast(x.dtype());
    if let Some(w) = weight {
        wv = tb::binary(BinaryOp::Mul, &wv, &crate::tensor::ops::scatter::index_select(w, 0, &safe)?)?;
    }
    let per = ag::neg(&ag::mul(&picked, &wv)?)?;
    match red {
        Reduction::None => ag::reshape(&per, &ishape(target)),
        Reduction::Sum => ag::reduce(ReduceOp::Sum, &per, None, false, None),
        Reduction::Mean => ag::div(&ag::reduce(ReduceOp::Sum, &per, None, false, None)?, &tr::reduce(ReduceOp::Sum, &wv, None, false, None)?),
    }
}

pub fn nll_loss(input: &Tensor, target: &Tensor, weight: Option<&Tensor>, ignore_index: i64, red: Reduction) -> Result<Tensor> {
    let nd = input.ndim();
    if nd < 1 {
        return Err(Error::value(format!("Expected 2 or more dimensions (got {nd})")));
    }
    // Higher ranks: (N, C, d…) -> (N·d…, C), target (N, d…) -> (N·d…).
    if nd > 2 {
        let ts = target.shape();
        let is = input.shape();
        if ts.len() != nd - 1 || ts[0] != is[0] || ts[1..] != is[2..] {
            return Err(Error::runtime(format!(
                "Expected target size {}, got {}",
                crate::tensor::layout::fmt_shape(&[&is[..1], &is[2..]].concat()),
                crate::tensor::layout::fmt_shape(&ts)
            )));
        }
        let c = is[1] as i64;
        let mut perm: Vec<i64> = vec![0];
        perm.extend(2..nd as i64);
        perm.push(1);
        let moved = ag::permute(input, &perm)?;
        let flat = ag::reshape(&moved, &[-1, c])?;
        let tflat = crate::tensor::ops::movement::reshape(target, &[-1])?;
        let l = nll_loss(&flat, &tflat, weight, ignore_index, red)?;
        if red == Reduction::None {
            return ag::reshape(&l, &ishape(target));
        }
        return Ok(l);
    }
    let (n, c, batched) = if nd == 2 { (input.shape()[0], input.shape()[1], true) } else { (1, input.shape()[0], false) };
    if batched && (target.ndim() != 1 || target.shape()[0] != n) {
        if target.ndim() == 1 {
            return Err(Error::value(format!("Expected input batch_size ({n}) to match target batch_size ({}).", target.shape()[0])));
        }
        return Err(Error::runtime(format!("0D or 1D target tensor expected, multi-target not supported")));
    }
    if !batched && target.ndim() != 0 {
        return Err(Error::runtime("0D or 1D target tensor expected, multi-target not supported"));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[input, target]) {
        return nll_loss_device(input, target, weight, ignore_index, red);
    }
    let t = target_indices(target)?;
    if let Some(wt) = weight {
        if wt.numel() != c || wt.ndim() != 1 {
            return Err(Error::runtime(format!(
                "weight tensor should be defined either for all {c} classes or no classes but got weight tensor of shape: {}",
                crate::tensor::layout::fmt_shape(&wt.shape())
            )));
        }
    }
    for &ti in &t {
        if ti != ignore_index && (ti < 0 || ti >= c as i64) {
            return Err(Error::new(ExcKind::IndexError, format!("Target {ti} is out of bounds.")));
        }
    }
    let dtype = input.dtype();
    if !dtype.is_floating_point() {
        return Err(Error::not_impl(format!("\"nll_loss_out_frame\" not implemented for '{}'", crate::tensor::dtype::scalar_type_name(dtype))));
    }
    let x = input.contiguous();
    let wv: Option<Vec<f64>> = weight.map(|w| w.cast(DType::F64).contiguous().to_vec::<f64>());
    let (out, total_w) = crate::dispatch!(float: dtype, T => {
        nll_forward::<T>(&x.to_vec::<T>(), &t, c, wv.as_deref(), ignore_index, red, batched, input.shape().as_slice())?
    }, else => return Err(Error::not_impl("nll_loss for this dtype")));
    if !track(&[input]) {
        return Ok(out);
    }
    let ishape_ = input.shape();
    Ok(record(out, "NllLossBackward0", &[input], vec![total_w], move |g, s| {
        // d loss / d x[i, t_i] = -w[t_i] · g_i (/ total_weight for mean).
        let mut coef = vec![0f64; n];
        for (i, &ti) in t.iter().enumerate() {
            if ti != ignore_index {
                coef[i] = -wv.as_ref().map(|w| w[ti as usize]).unwrap_or(1.0);
            }
        }
        let coef_t = Tensor::from_vec(coef, &[n]).cast(dtype);
        let mut gi = if red == Reduction::None || !batched { ag::mul(&coef_t, &ag::reshape(g, &[-1])?)? } else { ag::mul(&coef_t, g)? };
        if red == Reduction::Mean {
            gi = ag::div(&gi, &s[0])?;
        }
        // Scatter gi into a (n, c) gradient.
        let mut idx: Vec<i64> = Vec::with_capacity(n);
        for &ti in &t {
            idx.push(if ti == ignore_index { 0 } else { ti });
        }
        let onehot = one_hot_f(&idx, c, dtype)?;
        let gfull = ag::mul(&onehot, &ag::unsqueeze(&gi, 1)?)?;
        let gfull = if batched { gfull } else { ag::reshape(&gfull, &ishape_.iter().map(|&d| d as i64).collect::<Vec<_>>())? };
        Ok(vec![Some(gfull)])
    }))
}

/// A float `(n, c)` one-hot matrix.
fn one_hot_f(idx: &[i64], c: usize, dtype: DType) -> Result<Tensor> {
    let mut v = vec![0f64; idx.len() * c];
    for (i, &k) in idx.iter().enumerate() {
        v[i * c + k as usize] = 1.0;
    }
    Ok(Tensor::from_vec(v, &[idx.len(), c]).cast(dtype))
}

/// PyTorch's `nll_loss_out_frame`: cascaded partial sums over the batch (levels of 16),
/// accumulated in the input's type. Returns (output, total_weight).
fn nll_forward<T>(x: &[T], t: &[i64], c: usize, w: Option<&[f64]>, ignore: i64, red: Reduction, batched: bool, shape: &[usize]) -> Result<(Tensor, Tensor)>
where
    T: crate::tensor::dtype::Element + crate::tensor::storage::BufferElem + std::ops::Add<Output = T> + std::ops::Sub<Output = T> + std::ops::Mul<Output = T> + std::ops::Div<Output = T>,
{
    let zero: T = fl(0.0);
    let n = t.len();
    if red == Reduction::None && batched {
        let mut out = vec![zero; n];
        for (i, &ti) in t.iter().enumerate() {
            if ti == ignore {
                continue;
            }
            let wv: T = w.map(|w| fl(w[ti as usize])).unwrap_or(fl(1.0));
            out[i] = zero - x[i * c + ti as usize] * wv;
        }
        let _ = shape;
        return Ok((Tensor::from_vec(out, &[n]), Tensor::from_vec(vec![zero], &[])));
    }
    const LEVELS: usize = 8;
    let ceil_log2 = if n <= 1 { 0 } else { 64 - ((n - 1) as u64).leading_zeros() as i64 };
    let level_power = (ceil_log2 / LEVELS as i64).max(4);
    let level_mask: i64 = (1 << level_power) - 1;
    let mut wsum = [zero; LEVELS];
    let mut lsum = [zero; LEVELS];
    let mut ignored = 0usize;
    for (b, &ti) in t.iter().enumerate() {
        if ti == ignore {
            ignored += 1;
            continue;
        }
        let v = x[b * c + ti as usize];
        match w {
            Some(w) => {
                let wv: T = fl(w[ti as usize]);
                lsum[0] = lsum[0] - v * wv;
                wsum[0] = wsum[0] + wv;
            }
            None => lsum[0] = lsum[0] - v,
        }
        for j in 0..LEVELS - 1 {
            let mask = level_mask << (j as i64 * level_power);
            if (b as i64 & mask) != 0 {
                break;
            }
            wsum[j + 1] = wsum[j + 1] + wsum[j];
            lsum[j + 1] = lsum[j + 1] + lsum[j];
            wsum[j] = zero;
            lsum[j] = zero;
        }
    }
    let total_w: T = match w {
        None => fl((n - ignored) as f64),
        Some(_) => wsum.iter().fold(zero, |a, &b| a + b),
    };
    let mut out = lsum.iter().fold(zero, |a, &b| a + b);
    if red == Reduction::Mean {
        out = out / total_w;
    }
    Ok((Tensor::from_vec(vec![out], &[]), Tensor::from_vec(vec![total_w], &[])))
}

/// `F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)`:
/// log_softmax over the class dim, then nll_loss (class indices) or a soft-label sum.
pub fn cross_entropy(
    input: &Tensor,
    target: &Tensor,
    weight: Option<&Tensor>,
    ignore_index: i64,
    red: Reduction,
    label_smoothing: f64,
) -> Result<Tensor> {
    let nd = input.ndim();
    let cdim = if nd == 1 { 0 } else { 1 };
    if nd >= 2 && target.ndim() >= 1 && target.dtype() == DType::I64 || (nd >= 2 && target.ndim() == 1) {
        let n = input.shape()[0];
        if target.ndim() == 1 && target.shape()[0] != n {
            return Err(Error::value(format!("Expected input batch_size ({n}) to match target batch_size ({}).", target.shape()[0])));
        }
    }
    if !(0.0..=1.0).contains(&label_smoothing) {
        return Err(Error::runtime(format!("label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")));
    }
    let logp = ag::log_softmax(input, cdim as i64, None)?;
    if target.dtype().is_floating_point() {
        // Class probabilities.
        if target.shape() != input.shape() {
            return Err(Error::runtime(format!(
                "Expected target size {}, got {}",
                crate::tensor::layout::fmt_shape(&input.shape()),
                crate::tensor::layout::fmt_shape(&target.shape())
            )));
        }
        let c = input.shape()[cdim] as f64;
        let mut tgt = target.clone();
        if label_smoothing > 0.0 {
            tgt = ag::add(&ag::scale(&tgt, 1.0 - label_smoothing)?, &w(label_smoothing / c))?;
        }
        let mut prod = ag::mul(&logp, &tgt)?;
        if let Some(wt) = weight {
            let mut shape = vec![1i64; nd];
            shape[cdim] = -1;
            prod = ag::mul(&prod, &ag::reshape(wt, &shape)?)?;
        }
        let per = ag::neg(&ag::reduce(ReduceOp::Sum, &prod, Some(&[cdim as i64]), false, None)?)?;
        return match red {
            Reduction::None => Ok(per),
            Reduction::Sum => ag::reduce(ReduceOp::Sum, &per, None, false, None),
            Reduction::Mean => {
                let n = if nd == 1 { 1.0 } else { (input.numel() / input.shape()[cdim].max(1)) as f64 };
                div_scalar(&ag::reduce(ReduceOp::Sum, &per, None, false, None)?, n)
            }
        };
    }
    let nll = nll_loss(&logp, target, weight, ignore_index, red)?;
    if label_smoothing <= 0.0 {
        return Ok(nll);
    }
    // (1 - ε)·nll + ε·smooth, smooth = -Σ_c w_c·logp_c / C over non-ignored samples.
    let c = input.shape()[cdim];
    let mut lp = logp.clone();
    if let Some(wt) = weight {
        let mut shape = vec![1i64; nd];
        shape[cdim] = -1;
        lp = ag::mul(&lp, &ag::reshape(wt, &shape)?)?;
    }
    let mut smooth = ag::neg(&ag::reduce(ReduceOp::Sum, &lp, Some(&[cdim as i64]), false, None)?)?;
    let t = target_indices(target)?;
    let keep: Vec<f64> = t.iter().map(|&ti| if ti == ignore_index { 0.0 } else { 1.0 }).collect();
    let keep_t = Tensor::from_vec(keep.clone(), &target.shape()).cast(input.dtype());
    smooth = ag::mul(&smooth, &keep_t)?;
    let smooth = match red {
        Reduction::None => smooth,
        Reduction::Sum => ag::reduce(ReduceOp::Sum, &smooth, None, false, None)?,
        Reduction::Mean => {
            let denom = match weight {
                None => keep.iter().sum::<f64>(),
                Some(wt) => {
                    let wv = wt.cast(DType::F64).contiguous().to_vec::<f64>();
                    t.iter().filter(|&&ti| ti != ignore_index).map(|&ti| wv[ti as usize]).sum()
                }
            };
            ag::div(&ag::reduce(ReduceOp::Sum, &smooth, None, false, None)?, &w(denom))?
        }
    };
    ag::add(&ag::scale(&nll, 1.0 - label_smoothing)?, &ag::scale(&smooth, label_smoothing / c as f64)?)
}

/// `F.binary_cross_entropy(input, target, weight, reduction)`, BinaryCrossEntropyBackward0.
pub fn binary_cross_entropy(input: &Tensor, target: &Tensor, weight: Option<&Tensor>, red: Reduction) -> Result<Tensor> {
    if input.shape() != target.shape() {
        return Err(Error::value(format!(
            "Using a target size ({}) that is different to the input size ({}) is deprecated. Please ensure they have the same size.",
            size_str(&target.shape()),
            size_str(&input.shape())
        )));
    }
    let dtype = input.dtype();
    let x = input.contiguous();
    let y = target.cast(dtype).contiguous();
    let l = crate::dispatch!(float: dtype, T => {
        let xv = x.to_vec::<T>();
        let yv = y.to_vec::<T>();
        let mut out = Vec::with_capacity(xv.len());
        for (&a, &b) in xv.iter().zip(&yv) {
            let (a, b) = (a.to_f64(), b.to_f64());
            if !(0.0..=1.0).contains(&a) {
                return Err(Error::runtime("all elements of input should be between 0 and 1"));
            }
            // (t - 1)·max(log1p(-x), -100) - t·max(log(x), -100), each step in the dtype.
            let r = |v: f64| <T as crate::tensor::dtype::Element>::from_f64(v).to_f64();
            let l1 = r((-a).ln_1p()).max(-100.0);
            let l0 = r(a.ln()).max(-100.0);
            let v = r(r(r(b - 1.0) * l1) - r(b * l0));
            out.push(<T as crate::tensor::dtype::Element>::from_f64(v));
        }
        Tensor::from_vec(out, &x.shape())
    }, else => return Err(Error::not_impl("binary_cross_entropy for non-floating inputs")));
    let l = match weight {
        Some(wt) => tb::binary(BinaryOp::Mul, &l, wt)?,
        None => l,
    };
    let out = reduce_loss(&l, red)?;
    if !track(&[input]) {
        return Ok(out);
    }
    let full = input.shape();
    let wt = weight.cloned();
    Ok(record(out, "BinaryCrossEntropyBackward0", &[input], vec![input.clone(), y], move |g, s| {
        // g · (x - t) / max((1 - x)·x, 1e-12)
        let (x, t) = (&s[0], &s[1]);
        let num = ag::sub(x, t)?;
        let den = tu::clamp(&ag::mul(&ag::sub(&w(1.0), x)?, x)?, Some(&w(1e-12)), None)?;
        let mut d = ag::div(&num, &den)?;
        if let Some(wt) = &wt {
            d = ag::mul(&d, wt)?;
        }
        Ok(vec![Some(ag::mul(&spread(g, &full, red)?, &d)?)])
    }))
}

/// `F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)`,
/// BinaryCrossEntropyWithLogitsBackward0.
pub fn bce_with_logits(input: &Tensor, target: &Tensor, weight: Option<&Tensor>, pos_weight: Option<&Tensor>, red: Reduction) -> Result<Tensor> {
    if input.shape() != target.shape() {
        return Err(Error::value(format!(
            "Target size ({}) must be the same as input size ({})",
            size_str(&target.shape()),
            size_str(&input.shape())
        )));
    }
    let x = detached(input);
    let t = detached(target);
    let mut ls = tu::unary(UnaryOp::LogSigmoid, &x)?;
    if let Some(pw) = pos_weight {
        // log_weight = (pos_weight - 1)·t + 1
        let lw = tb::binary(BinaryOp::Add, &tb::binary(BinaryOp::Mul, &tb::binary(BinaryOp::Sub, pw, &w(1.0))?, &t)?, &w(1.0))?;
        ls = tb::binary(BinaryOp::Mul, &ls, &lw)?;
    }
    let one_minus_t = tb::binary(BinaryOp::Sub, &w(1.0), &t)?;
    let mut l = tb::binary(BinaryOp::Sub, &tb::binary(BinaryOp::Mul, &one_minus_t, &x)?, &ls)?;
    if let Some(wt) = weight {
        l = tb::binary(BinaryOp::Mul, &l, wt)?;
    }
    let out = reduce_loss(&l, red)?;
    if !track(&[input, target]) {
        return Ok(out);
    }
    let full = l.shape();
    let (wt, pw) = (weight.cloned(), pos_weight.cloned());
    let (si, di) = (input.shape(), input.dtype());
    Ok(record(out, "BinaryCrossEntropyWithLogitsBackward0", &[input], vec![x, t], move |g, s| {
        let (x, t) = (&s[0], &s[1]);
        let sig = ag::unary(UnaryOp::Sigmoid, x)?;
        let mut d = match &pw {
            // (pw·t + 1 - t)·σ(x) - pw·t
            Some(pw) => {
                let pt = ag::mul(pw, t)?;
                ag::sub(&ag::mul(&ag::add(&ag::sub(&pt, t)?, &w(1.0))?, &sig)?, &pt)?
            }
            None => ag::sub(&sig, t)?,
        };
        if let Some(wt) = &wt {
            d = ag::mul(&d, wt)?;
        }
        Ok(vec![Some(ag::sum_to(&ag::mul(&spread(g, &full, red)?, &d)?, &si, di)?)])
    }))
}

#[cfg(test)]
mod tests;
