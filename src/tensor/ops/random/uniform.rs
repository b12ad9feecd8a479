//! Uniform-family sampling: `uniform_`/`rand`, the integer streams (`random_`, `randint`,
//! `randperm`), Bernoulli draws, dropout masks and `nn.Linear`'s default init
//! (spec §§2, 4–7).

use half::{bf16, f16};

use super::{Generator, check_no_internal_overlap, fill_in_memory_order, fmt_g, memory_order, narrow};
use crate::error::{Error, Result};
use crate::tensor::dtype::{DType, Element, not_implemented_for, scalar_type_name};
use crate::tensor::{Layout, Tensor};


/// (lowest, max) of a floating dtype, as doubles.
fn float_limits(d: DType) -> (f64, f64) {
    let m = match d {
        DType::F16 => 65504.0,
        DType::BF16 => f64::from(bf16::MAX.to_f32()),
        DType::F32 => f32::MAX as f64,
        _ => f64::MAX,
    };
    (-m, m)
}

/// `tensor.uniform_(from, to)`: one unit uniform per element in memory order, mapped with a
/// single-rounded FMA `x*(to-from)+from` in the dtype (float32 and float64 per spec;
/// float16/bfloat16 draw `digits` low bits and compute in float32), clamped to `from` when
/// the result rounds up to `to`.
pub fn uniform_(t: &Tensor, from: f64, to: f64, g: &mut Generator) -> Result<()> {
    if t.numel() == 0 {
        return Ok(());
    }
    let dt = t.dtype();
    if !dt.is_floating_point() {
        return Err(not_implemented_for("check_uniform_bounds", dt));
    }
    let (min, max) = float_limits(dt);
    let name = crate::tensor::dtype::type_meta_name(dt);
    if !(from >= min && from <= max) {
        return Err(Error::runtime(format!("from is out of bounds for {name}")));
    }
    if !(to >= min && to <= max) {
        return Err(Error::runtime(format!("to is out of bounds for {name}")));
    }
    if !(from <= to) {
        return Err(Error::runtime(format!(
            "uniform_ expects to return a [from, to) range, but found from={} > to={}",
            fmt_g(from),
            fmt_g(to)
        )));
    }
    if !(to - from <= max) {
        return Err(Error::runtime(format!(
            "uniform_ expects to-from <= std::numeric_limits<{}>::max(), but found to={} and from={} which result in to-from to exceed the limit",
            scalar_type_name(dt),
            fmt_g(to),
            fmt_g(from)
        )));
    }
    check_no_internal_overlap(t)?;
    match dt {
        DType::F32 => {
            let (lo, hi) = (from as f32, to as f32);
            let d = hi - lo;
            fill_in_memory_order::<f32>(t, || {
                let v = g.unit_f32().mul_add(d, lo);
                if v == hi { lo } else { v }
            });
        }
        DType::F64 => {
            let d = to - from;
            fill_in_memory_order::<f64>(t, || {
                let v = g.unit_f64().mul_add(d, from);
                if v == to { from } else { v }
            });
        }
        DType::F16 => uniform_reduced::<f16>(t, from, to, 11, g),
        DType::BF16 => uniform_reduced::<bf16>(t, from, to, 8, g),
        _ => return Err(not_implemented_for("check_uniform_bounds", dt)),
    }
    Ok(())
}

/// float16/bfloat16 `uniform_` (not verified against PyTorch): `digits` low bits of one
/// 32-bit draw, float32 arithmetic, clamp, then rounding to the dtype.
fn uniform_reduced<T: crate::tensor::BufferElem>(t: &Tensor, from: f64, to: f64, digits: u32, g: &mut Generator) {
    let lo = narrow::<T>(from).to_f64() as f32;
    let hi = narrow::<T>(to).to_f64() as f32;
    let d = hi - lo;
    let mask = (1u32 << digits) - 1;
    let scale = 1.0f32 / (1u32 << digits) as f32;
    fill_in_memory_order::<T>(t, || {
        let x = (g.next_u32() & mask) as f32 * scale;
        let v = x.mul_add(d, lo);
        T::from_f64(if v == hi { lo } else { v } as f64)
    });
}

/// `torch.rand(shape, dtype=dtype)`: `uniform_(0, 1)` on a new contiguous tensor.
pub fn rand(shape: &[usize], dtype: DType, g: &mut Generator) -> Result<Tensor> {
    let t = Tensor::zeros(shape, dtype)?;
    uniform_(&t, 0.0, 1.0, g)?;
    Ok(t)
}

/// PyTorch's `update_from`: nudges `from` up to a value the floating dtype represents.
fn update_from(from: i64, digits: u32, to_dtype: impl Fn(i64) -> i64) -> i64 {
    let from_plus_1 = to_dtype(from.wrapping_add(1));
    if from_plus_1 < from {
        let mut f = from.wrapping_add(1).unsigned_abs();
        let mut n = 0i32;
        while f > 1 {
            f >>= 1;
            n += 1;
        }
        let sh = n - digits as i32 + 1;
        if (0..63).contains(&sh) {
            return from_plus_1.wrapping_add(1i64 << sh);
        }
    }
    from
}

/// PyTorch's `update_to`: nudges `to` down to a value the floating dtype represents.
fn update_to(to: i64, digits: u32, to_dtype: impl Fn(i64) -> i64) -> i64 {
    let to_minus_1 = to_dtype(to.wrapping_sub(1));
    if to_minus_1 >= to {
        let mut f = to.wrapping_sub(1).unsigned_abs();
        let mut n = 0i32;
        while f > 1 {
            f >>= 1;
            n += 1;
        }
        let sh = n - digits as i32 + 1;
        if (0..63).contains(&sh) {
            return to_minus_1.wrapping_sub(1i64 << sh);
        }
    }
    to
}

/// Mantissa digits of a floating dtype and its int64 round trip (`(int64)(scalar_t)v`).
fn float_digits(d: DType) -> (u32, fn(i64) -> i64) {
    match d {
        DType::F16 => (11, |v| f16::from_f32(v as f32).to_f32() as i64),
        DType::BF16 => (8, |v| bf16::from_f32(v as f32).to_f32() as i64),
        DType::F32 => (24, |v| v as f32 as i64),
        _ => (53, |v| v as f64 as i64),
    }
}

/// PyTorch's `check_from_to_in_range` (errors only; the precision warnings are not emitted).
fn check_from_to_in_range(from: i64, to_inc: i64, d: DType) -> Result<()> {
    let name = crate::tensor::dtype::type_meta_name(d);
    let (ok_from, ok_to) = if d.is_floating_point() {
        let (min, max) = float_limits(d);
        let inr = |v: i64| (v as f64) >= min && (v as f64) <= max;
        (inr(from), inr(to_inc))
    } else {
        let (min, max): (i64, i64) = match d {
            DType::Bool => (0, 1),
            DType::U8 => (0, u8::MAX as i64),
            DType::I8 => (i8::MIN as i64, i8::MAX as i64),
            DType::I16 => (i16::MIN as i64, i16::MAX as i64),
            DType::I32 => (i32::MIN as i64, i32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        (from >= min && from <= max, to_inc >= min && to_inc <= max)
    };
    if !ok_from {
        return Err(Error::runtime(format!("from is out of bounds for {name}")));
    }
    if !ok_to {
        return Err(Error::runtime(format!("to - 1 is out of bounds for {name}")));
    }
    Ok(())
}

/// Writes `(draw mod range) + base` (as int64, then cast) into `t` in memory order. The
/// draw is 64-bit when `range >= 2^28`, else 32-bit.
fn random_from_to_kernel(t: &Tensor, range: u64, base: i64, g: &mut Generator) -> Result<()> {
    let wide = range >= 1 << 28;
    let draw = move |g: &mut Generator| -> i64 {
        let v = if wide { g.next_u64() } else { g.next_u32() as u64 };
        (v % range).wrapping_add(base as u64) as i64
    };
    match t.dtype() {
        DType::F32 => fill_in_memory_order::<f32>(t, || draw(g) as f32),
        DType::F64 => fill_in_memory_order::<f64>(t, || draw(g) as f64),
        DType::F16 => fill_in_memory_order::<f16>(t, || f16::from_f32(draw(g) as f32)),
        DType::BF16 => fill_in_memory_order::<bf16>(t, || bf16::from_f32(draw(g) as f32)),
        DType::C64 => return Err(not_implemented_for("random_from_to_kernel_cpu", DType::C64)),
        dt => crate::dispatch!(real: dt, T => fill_in_memory_order::<T>(t, || <T as Element>::from_i64(draw(g))),
            else => return Err(not_implemented_for("random_from_to_kernel_cpu", dt))),
    }
    Ok(())
}

/// `tensor.random_(from, to)` (`to = Some`: `[from, to)`), or `tensor.random_(from)` with
/// `to = None` meaning `[from, dtype max]` (PyTorch's `random_.from` overload). Use
/// [`random_full_`] for the argument-less `random_()`.
pub fn random_(t: &Tensor, from: i64, to: Option<i64>, g: &mut Generator) -> Result<()> {
    let dt = t.dtype();
    if dt.is_complex() {
        return Err(Error::runtime("random_from_to_impl handles only integral, floating-point and boolean types"));
    }
    let mut from = from;
    let range;
    match to {
        Some(mut to) => {
            if from >= to {
                return Err(Error::runtime(format!(
                    "random_ expects 'from' to be less than 'to', but got from={from} >= to={to}"
                )));
            }
            if dt.is_floating_point() {
                let (digits, conv) = float_digits(dt);
                from = update_from(from, digits, conv);
                to = update_to(to, digits, conv);
                if from >= to {
                    return Err(Error::runtime(format!(
                        "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from={from} >= to={to}"
                    )));
                }
            }
            check_from_to_in_range(from, to.wrapping_sub(1), dt)?;
            range = (to as u64).wrapping_sub(from as u64);
        }
        None if from != i64::MIN => {
            let to_inc: i64 = if dt.is_floating_point() {
                let (digits, conv) = float_digits(dt);
                let to_inc = if digits >= 63 { i64::MAX } else { 1i64 << digits };
                from = update_from(from, digits, conv);
                if from >= to_inc {
                    return Err(Error::runtime(format!(
                        "random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from={from} > to_inc={to_inc}"
                    )));
                }
                to_inc
            } else {
                match dt {
                    DType::Bool => 1,
                    DType::U8 => u8::MAX as i64,
                    DType::I8 => i8::MAX as i64,
                    DType::I16 => i16::MAX as i64,
                    DType::I32 => i32::MAX as i64,
                    _ => i64::MAX,
                }
            };
            check_from_to_in_range(from, to_inc, dt)?;
            range = (to_inc as u64).wrapping_sub(from as u64).wrapping_add(1);
        }
        None => {
            // [int64 min, int64 max]: every bit of a 64-bit draw.
            if t.numel() == 0 {
                return Ok(());
            }
            check_no_internal_overlap(t)?;
            return full_64_bits(t, g);
        }
    }
    if t.numel() == 0 {
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    random_from_to_kernel(t, range, from, g)
}

/// The full 2^64 range (`random_(-2**63, None)`): the 64-bit draw reinterpreted as int64,
/// then cast (not verified against PyTorch).
fn full_64_bits(t: &Tensor, g: &mut Generator) -> Result<()> {
    match t.dtype() {
        DType::F32 => fill_in_memory_order::<f32>(t, || g.next_u64() as i64 as f32),
        DType::F16 => fill_in_memory_order::<f16>(t, || f16::from_f32(g.next_u64() as i64 as f32)),
        DType::BF16 => fill_in_memory_order::<bf16>(t, || bf16::from_f32(g.next_u64() as i64 as f32)),
        dt => crate::dispatch!(real: dt, T => fill_in_memory_order::<T>(t, || <T as Element>::from_i64(g.next_u64() as i64)),
            else => return Err(not_implemented_for("random_full_64_bits_range_kernel_cpu", dt))),
    }
    Ok(())
}

/// `tensor.random_()` with no bounds: integers draw `[0, max]` of their dtype (int64 from
/// 64-bit draws, others from 32-bit), floats `[0, 2^digits]`, bool the low bit (from
/// PyTorch's `uniform_int` transformation; not verified against PyTorch).
pub fn random_full_(t: &Tensor, g: &mut Generator) -> Result<()> {
    if t.numel() == 0 {
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    match t.dtype() {
        DType::Bool => fill_in_memory_order::<bool>(t, || g.next_u32() & 1 == 1),
        DType::U8 => fill_in_memory_order::<u8>(t, || (g.next_u32() as u64 % (u8::MAX as u64 + 1)) as u8),
        DType::I8 => fill_in_memory_order::<i8>(t, || (g.next_u32() as u64 % (i8::MAX as u64 + 1)) as i8),
        DType::I16 => fill_in_memory_order::<i16>(t, || (g.next_u32() as u64 % (i16::MAX as u64 + 1)) as i16),
        DType::I32 => fill_in_memory_order::<i32>(t, || (g.next_u32() as u64 % (i32::MAX as u64 + 1)) as i32),
        DType::I64 => fill_in_memory_order::<i64>(t, || (g.next_u64() % (i64::MAX as u64 + 1)) as i64),
        DType::F16 => fill_in_memory_order::<f16>(t, || f16::from_f32((g.next_u32() as u64 % ((1 << 11) + 1)) as f32)),
        DType::BF16 => fill_in_memory_order::<bf16>(t, || bf16::from_f32((g.next_u32() as u64 % ((1 << 8) + 1)) as f32)),
        DType::F32 => fill_in_memory_order::<f32>(t, || (g.next_u32() as u64 % ((1 << 24) + 1)) as f32),
        DType::F64 => fill_in_memory_order::<f64>(t, || (g.next_u64() % ((1 << 53) + 1)) as f64),
        DType::C64 | DType::C128 => return Err(not_implemented_for("random_kernel_cpu", t.dtype())),
    }
    Ok(())
}

/// `torch.randint(low, high, shape, dtype=dtype)`: `random_(low, high)` on a new tensor.
pub fn randint(low: i64, high: i64, shape: &[usize], dtype: DType, g: &mut Generator) -> Result<Tensor> {
    let t = Tensor::zeros(shape, dtype)?;
    random_(&t, low, Some(high), g)?;
    Ok(t)
}

/// `torch.randperm(n, dtype=dtype)`: Fisher–Yates with one 32-bit draw per swap for
/// `n < 214748364`, else the inside-out shuffle with 64-bit draws (spec §5).
pub fn randperm(n: usize, dtype: DType, g: &mut Generator) -> Result<Tensor> {
    let top = n.saturating_sub(1) as i64;
    let fits = match dtype {
        DType::U8 => top <= u8::MAX as i64,
        DType::I8 => top <= i8::MAX as i64,
        DType::I16 => top <= i16::MAX as i64,
        DType::I32 => top <= i32::MAX as i64,
        _ => true,
    };
    if !fits {
        return Err(Error::runtime(format!(
            "n is too large for result tensor type: '{}'",
            cpu_tensor_type_name(dtype)
        )));
    }
    let limit_msg = match dtype {
        DType::F16 if n > (1 << 11) + 1 => Some("n cannot be greater than 2049 for Half type."),
        DType::F32 if n > (1 << 24) + 1 => Some("n cannot be greater than 2^24+1 for Float type."),
        DType::F64 if n as u64 > (1u64 << 53) + 1 => Some("n cannot be greater than 2^53+1 for Double type."),
        _ => None,
    };
    if let Some(m) = limit_msg {
        return Err(Error::runtime(m));
    }
    if matches!(dtype, DType::Bool | DType::BF16 | DType::C64) {
        return Err(not_implemented_for("randperm", dtype));
    }
    let mut r: Vec<i64>;
    if n < 214_748_364 {
        r = (0..n as i64).collect();
        for i in 0..n.saturating_sub(1) {
            let z = (g.next_u32() as usize) % (n - i);
            r.swap(i, i + z);
        }
    } else {
        r = vec![0; n];
        for i in 0..n {
            let z = (g.next_u64() % (i as u64 + 1)) as usize;
            r[i] = r[z];
            r[z] = i as i64;
        }
    }
    let t = Tensor::from_vec(r, &[n]);
    Ok(if dtype == DType::I64 { t } else { t.cast(dtype) })
}

/// `torch.FloatTensor`-style names used by a few messages.
fn cpu_tensor_type_name(d: DType) -> String {
    format!("torch.{}Tensor", scalar_type_name(d))
}

/// Error for a probability outside [0, 1] in `bernoulli_distribution`.
fn bad_p() -> Error {
    Error::runtime(
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
    )
}

/// `tensor.bernoulli_(p)` with a Python float: per element in memory order one float64
/// unit uniform `u`, the element is `u < p` (cast to the dtype).
pub fn bernoulli_scalar_(t: &Tensor, p: f64, g: &mut Generator) -> Result<()> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::runtime(format!("bernoulli_ expects p to be in [0, 1], but got p={}", fmt_g(p))));
    }
    if t.numel() == 0 {
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    let dt = t.dtype();
    crate::dispatch!(real: dt, T => fill_in_memory_order::<T>(t, || <T as Element>::from_bool(g.unit_f64() < p)),
        else => return Err(not_implemented_for("bernoulli_scalar_cpu_", dt)));
    Ok(())
}

/// `self.bernoulli_(p)` with a tensor `p` (broadcast to `self`'s shape): per element of
/// `self` in memory order one unit uniform, float64 (53-bit) when `p` is float64, else
/// float32 (24-bit, compared in float32); the element is `u < p`, cast to `self`'s dtype.
pub fn bernoulli_tensor_(t: &Tensor, p: &Tensor, g: &mut Generator) -> Result<()> {
    let pd = p.dtype();
    let td = t.dtype();
    if td.is_complex() {
        return Err(not_implemented_for("bernoulli_tensor_cpu_self_", td));
    }
    if !pd.is_floating_point() {
        return Err(not_implemented_for("bernoulli_tensor_cpu_p_", pd));
    }
    let tl = t.layout();
    let pl = p.layout().broadcast_to(&tl.shape)?;
    if tl.numel() == 0 {
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    // The output's memory order, with p's strides permuted alongside.
    let mut dims: Vec<usize> = (0..tl.shape.len()).filter(|&d| tl.shape[d] != 1).collect();
    dims.sort_by(|&a, &b| tl.strides[b].cmp(&tl.strides[a]));
    let walk_p = Layout {
        shape: dims.iter().map(|&d| tl.shape[d]).collect(),
        strides: dims.iter().map(|&d| pl.strides[d]).collect(),
        offset: pl.offset,
    };
    let n = tl.numel();
    let probs: Vec<f64> = crate::dispatch!(float: pd, T => p.with_slice::<T, _>(|s, _| {
        let mut v = Vec::with_capacity(n);
        walk_p.for_each_offset(|o| v.push(s[o].to_f64()));
        v
    }), else => Vec::new());
    if probs.iter().any(|&v| !(0.0..=1.0).contains(&v)) {
        return Err(bad_p());
    }
    let mut it = probs.into_iter();
    let wide = pd == DType::F64;
    let mut draw = move || {
        let pv = it.next().unwrap_or(0.0);
        if wide { g.unit_f64() < pv } else { g.unit_f32() < pv as f32 }
    };
    crate::dispatch!(real: td, T => fill_in_memory_order::<T>(t, || <T as Element>::from_bool(draw())),
        else => return Err(not_implemented_for("bernoulli_tensor_cpu_self_", td)));
    Ok(())
}

/// Whether `l` covers a dense block of storage without aliasing.
pub(crate) fn non_overlapping_and_dense(l: &Layout) -> bool {
    let m = memory_order(l);
    let mut expected = 1usize;
    for i in (0..m.shape.len()).rev() {
        if m.strides[i] != expected {
            return false;
        }
        expected *= m.shape[i];
    }
    true
}

/// `torch.bernoulli(probs)`: a new tensor like `probs` (same strides when `probs` is dense)
/// of 0/1 in its dtype; one unit uniform per element in memory order, float32 (24-bit,
/// compared in float32; also for float16/bfloat16) or float64 (53-bit) by `probs`' dtype.
pub fn bernoulli(p: &Tensor, g: &mut Generator) -> Result<Tensor> {
    let dt = p.dtype();
    if !dt.is_floating_point() {
        if dt.is_complex() {
            return Err(not_implemented_for("bernoulli_tensor_cpu_self_", dt));
        }
        return Err(not_implemented_for("bernoulli_tensor_cpu_p_", dt));
    }
    let pl = p.layout();
    let n = pl.numel();
    // Walk order: p's memory order when dense (the output copies its strides), else row-major.
    let dense = non_overlapping_and_dense(&pl);
    let walk = if dense { memory_order(&pl) } else { pl.clone() };
    let probs: Vec<f64> = crate::dispatch!(float: dt, T => p.with_slice::<T, _>(|s, _| {
        let mut v = Vec::with_capacity(n);
        walk.for_each_offset(|o| v.push(s[o].to_f64()));
        v
    }), else => Vec::new());
    let mut out = Vec::with_capacity(n);
    for &pv in &probs {
        if !(0.0..=1.0).contains(&pv) {
            return Err(bad_p());
        }
        let hit = if dt == DType::F64 { g.unit_f64() < pv } else { g.unit_f32() < pv as f32 };
        out.push(hit);
    }
    let shape = p.shape();
    let buf = crate::dispatch!(float: dt, T => {
        let v: Vec<T> = out.iter().map(|&b| <T as Element>::from_bool(b)).collect();
        <T as crate::tensor::BufferElem>::wrap(v)
    }, else => return Err(not_implemented_for("bernoulli_tensor_cpu_p_", dt)));
    if dense && !pl.is_contiguous() {
        // Same strides as probs: its memory order visits storage 0, 1, 2, … in draw order.
        let layout = Layout { shape: shape.clone(), strides: pl.strides.clone(), offset: 0 };
        return Ok(Tensor::from_buffer(buf, &[n]).with_layout(layout));
    }
    let t = Tensor::from_buffer(buf, &shape);
    Ok(t)
}

/// The dropout noise of `F.dropout(x, p, training=True)` for an `x` of `shape` (contiguous):
/// a `bernoulli_(1 - p)` per element in row-major order, divided by `1 - p` in the dtype
/// (float32: kept elements hold `fl32(1 / fl32(1-p))`). `x * mask` gives PyTorch's output.
/// `p == 0` gives ones and `p == 1` zeros, without draws.
pub fn dropout_mask(shape: &[usize], p: f64, dtype: DType, g: &mut Generator) -> Result<Tensor> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::value(format!("dropout probability has to be between 0 and 1, but got {p:?}")));
    }
    if !dtype.is_floating_point() {
        return Err(Error::not_impl(format!("dropout on {} tensors", dtype.name())));
    }
    let t = Tensor::zeros(shape, dtype)?;
    if p == 1.0 {
        return Ok(t);
    }
    if p == 0.0 {
        crate::tensor::ops::fill_(&t, crate::tensor::Scalar::Float(1.0))?;
        return Ok(t);
    }
    let q = 1.0 - p;
    match dtype {
        DType::F64 => {
            let keep = 1.0 / q;
            fill_in_memory_order::<f64>(&t, || if g.unit_f64() < q { keep } else { 0.0 });
        }
        _ => {
            let keep = 1.0f32 / (q as f32);
            crate::dispatch!(float: dtype, T => {
                let (kv, zv) = (<T as Element>::from_f64(keep as f64), <T as Element>::from_f64(0.0));
                fill_in_memory_order::<T>(&t, || if g.unit_f64() < q { kv } else { zv });
            }, else => ());
        }
    }
    Ok(t)
}

/// `nn.Linear(in_features, out_features, bias)` default parameters: weight `(out, in)` by
/// `kaiming_uniform_(a=sqrt(5))` (= `uniform_(-wb, wb)`), then bias `(out,)` by
/// `uniform_(-1/sqrt(in), 1/sqrt(in))`, with the bounds computed in doubles exactly as
/// `torch.nn.init` does. A zero-element weight draws nothing; `in == 0` gives a bias
/// `uniform_(0, 0)` (one draw per element, all zeros).
pub fn linear_init(
    in_features: usize,
    out_features: usize,
    bias: bool,
    dtype: DType,
    g: &mut Generator,
) -> Result<(Tensor, Option<Tensor>)> {
    let w = Tensor::zeros(&[out_features, in_features], dtype)?;
    let fan_in = in_features as f64;
    if in_features > 0 && out_features > 0 {
        let s5 = 5f64.sqrt();
        let gain = (2.0 / (1.0 + s5 * s5)).sqrt();
        let std = gain / fan_in.sqrt();
        let wb = 3f64.sqrt() * std;
        uniform_(&w, -wb, wb, g)?;
    }
    let b = if bias {
        let b = Tensor::zeros(&[out_features], dtype)?;
        let bb = if in_features > 0 { 1.0 / fan_in.sqrt() } else { 0.0 };
        uniform_(&b, -bb, bb, g)?;
        Some(b)
    } else {
        None
    };
    Ok((w, b))
}
