//! Normal sampling (spec §3): the scalar Box–Muller path with the generator's cached
//! sample (fewer than 16 elements or a non-contiguous tensor) and the 16-wide path
//! (contiguous, at least 16 elements) whose float32 variant reproduces the AVX2 kernel's
//! Cephes-style log/sincos polynomials operation by operation.

use half::{bf16, f16};

use super::{Generator, check_no_internal_overlap, fill_in_memory_order, fmt_g, narrow};
use crate::error::{Error, Result};
use crate::tensor::dtype::{DType, Element, Priority, ResultType, not_implemented_for};
use crate::tensor::layout::broadcast_shapes;
use crate::tensor::{BufferElem, Tensor};

/// `2.0 * M_PI` as a double.
const TWO_PI_D: f64 = 2.0 * std::f64::consts::PI;

/// One sample of PyTorch's `normal_distribution<double>` with `mean`/`std` applied by a
/// single FMA; uses (and refills) the generator's cached second sample.
#[inline]
fn normal_scalar(g: &mut Generator, mean: f64, std: f64) -> f64 {
    if let Some(c) = g.next_double_normal.take() {
        return c.mul_add(std, mean);
    }
    let u1 = g.unit_f64();
    let u2 = g.unit_f64();
    let r = (-2.0 * (-u2).ln_1p()).sqrt();
    let theta = TWO_PI_D * u1;
    g.next_double_normal = Some(r * theta.sin());
    (r * theta.cos()).mul_add(std, mean)
}

/// Float32 constants of the AVX2 kernel, by bit pattern (spec §3.4).
mod c {
    pub const SQRTHF: f32 = f32::from_bits(0x3f3504f3);
    pub const Q1: f32 = f32::from_bits(0xb95e8083);
    pub const Q2: f32 = f32::from_bits(0x3f318000);
    pub const L: [f32; 9] = [
        f32::from_bits(0x3d9021bb),
        f32::from_bits(0xbdebd1b8),
        f32::from_bits(0x3def251a),
        f32::from_bits(0xbdfe5d4f),
        f32::from_bits(0x3e11e9bf),
        f32::from_bits(0xbe2aae50),
        f32::from_bits(0x3e4cceac),
        f32::from_bits(0xbe7ffffc),
        f32::from_bits(0x3eaaaaaa),
    ];
    pub const FOPI: f32 = f32::from_bits(0x3fa2f983);
    pub const DP1: f32 = f32::from_bits(0xbf490000);
    pub const DP2: f32 = f32::from_bits(0xb97da000);
    pub const DP3: f32 = f32::from_bits(0xb3222169);
    pub const C0: f32 = f32::from_bits(0x37ccf5ce);
    pub const C1: f32 = f32::from_bits(0xbab6061a);
    pub const C2: f32 = f32::from_bits(0x3d2aaaa5);
    pub const S0: f32 = f32::from_bits(0xb94ca1f9);
    pub const S1: f32 = f32::from_bits(0x3c08839e);
    pub const S2: f32 = f32::from_bits(0xbe2aaaa3);
    pub const TWO_PI_F: f32 = f32::from_bits(0x40c90fdb);
}

/// The AVX2 kernel's float32 natural log of a normal `a` in (0, 1].
#[inline]
fn cephes_logf(a: f32) -> f32 {
    let b = a.to_bits();
    let k = (b >> 23) as i32;
    let mut m = f32::from_bits((b & 0x807F_FFFF) | 0x3F00_0000);
    let mut e = (k - 127) as f32 + 1.0;
    if m < c::SQRTHF {
        e -= 1.0;
        m = (m - 1.0) + m;
    } else {
        m -= 1.0;
    }
    let z = m * m;
    let mut y = c::L[0];
    for &l in &c::L[1..] {
        y = y.mul_add(m, l);
    }
    y *= m;
    y = y.mul_add(z, e * c::Q1);
    y = (-z).mul_add(0.5, y);
    e.mul_add(c::Q2, m + y)
}

/// The AVX2 kernel's float32 (sin, cos) of `x` in [0, 2π).
#[inline]
fn cephes_sincosf(x: f32) -> (f32, f32) {
    let mut j = (x * c::FOPI) as i32;
    j = (j + 1) & !1;
    let y = j as f32;
    let sin_flip = j & 4 != 0;
    let cos_flip = (j.wrapping_sub(2) & 4) == 0;
    let use_sin_poly = j & 2 == 0;
    let mut r = y.mul_add(c::DP1, x);
    r = y.mul_add(c::DP2, r);
    r = y.mul_add(c::DP3, r);
    let z = r * r;
    let mut yc = c::C0.mul_add(z, c::C1);
    yc = yc.mul_add(z, c::C2);
    yc *= z;
    yc = yc.mul_add(z, -(z * 0.5));
    yc += 1.0;
    let mut ys = c::S0.mul_add(z, c::S1);
    ys = ys.mul_add(z, c::S2);
    ys *= z;
    ys = ys.mul_add(r, r);
    let (mut s, mut co) = if use_sin_poly { (0.0 + ys, 0.0 + yc) } else { (0.0 + yc, 0.0 + ys) };
    if sin_flip {
        s = -s;
    }
    if cos_flip {
        co = -co;
    }
    (s, co)
}

/// Box–Muller over one 16-float block in place (AVX2 kernel): pairs (j, j+8).
fn fill16_f32(buf: &mut [f32], mean: f32, std: f32) {
    for j in 0..8 {
        let a = 1.0 - buf[j];
        let radius = (-2.0 * cephes_logf(a)).sqrt();
        let theta = c::TWO_PI_F * buf[j + 8];
        let (s, co) = cephes_sincosf(theta);
        buf[j] = (radius * co).mul_add(std, mean);
        buf[j + 8] = (radius * s).mul_add(std, mean);
    }
}

/// Box–Muller over one 16-double block in place (glibc log/sin/cos, explicit FMA).
fn fill16_f64(buf: &mut [f64], mean: f64, std: f64) {
    for j in 0..8 {
        let radius = (-2.0 * (1.0 - buf[j]).ln()).sqrt();
        let theta = TWO_PI_D * buf[j + 8];
        buf[j] = (radius * theta.cos()).mul_add(std, mean);
        buf[j + 8] = (radius * theta.sin()).mul_add(std, mean);
    }
}

/// The 16-wide path on a contiguous buffer: all `n` uniforms first, each full block
/// transformed, then (when `n % 16 != 0`) 16 fresh uniforms for the last 16 outputs.
fn fill_wide<T: Copy>(
    data: &mut [T],
    g: &mut Generator,
    unit: impl Fn(&mut Generator) -> T,
    fill: impl Fn(&mut [T]),
) {
    let n = data.len();
    for v in data.iter_mut() {
        *v = unit(g);
    }
    let mut i = 0;
    while i + 16 <= n {
        fill(&mut data[i..i + 16]);
        i += 16;
    }
    if n % 16 != 0 {
        let tail = &mut data[n - 16..];
        for v in tail.iter_mut() {
            *v = unit(g);
        }
        fill(tail);
    }
}

/// `tensor.normal_(mean, std)`: see the module docs for the two paths. float16/bfloat16
/// use the float32 kernel then round (not verified against PyTorch).
pub fn normal_(t: &Tensor, mean: f64, std: f64, g: &mut Generator) -> Result<()> {
    if !(std >= 0.0) {
        return Err(Error::runtime(format!("normal expects std >= 0.0, but found std {}", fmt_g(std))));
    }
    let dt = t.dtype();
    if !dt.is_floating_point() {
        return Err(not_implemented_for("normal_kernel_cpu", dt));
    }
    let n = t.numel();
    if n == 0 {
        return Ok(());
    }
    if n >= 16 && t.is_contiguous() {
        match dt {
            DType::F32 => t.with_slice_mut::<f32, _>(|buf, l| {
                let (m, s) = (mean as f32, std as f32);
                fill_wide(&mut buf[l.offset..l.offset + n], g, |g| g.unit_f32(), |b| fill16_f32(b, m, s));
            }),
            DType::F64 => t.with_slice_mut::<f64, _>(|buf, l| {
                fill_wide(&mut buf[l.offset..l.offset + n], g, |g| g.unit_f64(), |b| fill16_f64(b, mean, std));
            }),
            DType::F16 => wide_reduced::<f16>(t, mean, std, g),
            DType::BF16 => wide_reduced::<bf16>(t, mean, std, g),
            _ => return Err(not_implemented_for("normal_kernel_cpu", dt)),
        }
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    crate::dispatch!(float: dt, T => fill_in_memory_order::<T>(t, || narrow::<T>(normal_scalar(g, mean, std))),
        else => return Err(not_implemented_for("normal_kernel_cpu", dt)));
    Ok(())
}

/// float16/bfloat16 16-wide path: float32 buffer and kernel, then one rounding.
fn wide_reduced<T: BufferElem>(t: &Tensor, mean: f64, std: f64, g: &mut Generator) {
    let n = t.numel();
    let m = narrow::<T>(mean).to_f64() as f32;
    let s = narrow::<T>(std).to_f64() as f32;
    let mut tmp = vec![0f32; n];
    fill_wide(&mut tmp, g, |g| g.unit_f32(), |b| fill16_f32(b, m, s));
    t.with_slice_mut::<T, _>(|buf, l| {
        for (d, &v) in buf[l.offset..l.offset + n].iter_mut().zip(&tmp) {
            *d = T::from_f64(v as f64);
        }
    });
}

/// `torch.randn(shape, dtype=dtype)`: `normal_(0, 1)` on a new contiguous tensor.
pub fn randn(shape: &[usize], dtype: DType, g: &mut Generator) -> Result<Tensor> {
    let t = Tensor::zeros(shape, dtype)?;
    normal_(&t, 0.0, 1.0, g)?;
    Ok(t)
}

/// `out op= other` in place (PyTorch's `mul_`/`add_` with broadcasting): the operation is
/// done in `result_type(out, other)` (float32 arithmetic for float32/16-bit types, double
/// for float64) and rounded to `out`'s dtype.
fn inplace_binary(out: &Tensor, other: &Tensor, mul: bool) -> Result<()> {
    if other.dtype().is_complex() {
        return Err(Error::not_impl("torch.normal with complex mean or std"));
    }
    let od = out.dtype();
    let prio = |t: &Tensor| if t.ndim() == 0 { Priority::ZeroDim } else { Priority::Dim };
    let comp = ResultType::default()
        .add(od, prio(out), od)
        .add(other.dtype(), prio(other), od)
        .result();
    let shape = out.shape();
    let b = other.with_layout(other.layout().broadcast_to(&shape)?).to_vec_as::<f64>();
    // Round an operand to the computation dtype.
    let to_comp = |v: f64| -> f64 {
        crate::dispatch!(float: comp, C => narrow::<C>(v).to_f64(), else => v)
    };
    crate::dispatch!(float: od, T => out.with_slice_mut::<T, _>(|buf, l| {
        let mut k = 0;
        l.for_each_offset(|o| {
            let (x, y) = (to_comp(buf[o].to_f64()), to_comp(b[k]));
            let r = if comp == DType::F64 {
                if mul { x * y } else { x + y }
            } else {
                let (x, y) = (x as f32, y as f32);
                (if mul { x * y } else { x + y }) as f64
            };
            buf[o] = <T as Element>::from_f64(to_comp(r));
            k += 1;
        });
    }), else => return Err(not_implemented_for("normal_kernel_cpu", od)));
    Ok(())
}

/// PyTorch's check on a tensor `std`.
fn check_std_tensor(std: &Tensor) -> Result<()> {
    if std.dtype().is_complex() {
        return Err(Error::runtime("normal expects standard deviation to be non-complex"));
    }
    let vals = std.to_vec_as::<f64>();
    if !vals.is_empty() && vals.iter().any(|&v| !(v >= 0.0)) {
        return Err(Error::runtime("normal expects all elements of std >= 0.0"));
    }
    Ok(())
}

/// `torch.normal(mean: Tensor, std: Tensor)`: a contiguous tensor of `mean`'s dtype and
/// the broadcast shape, filled by `normal_(0, 1)`, then `mul_(std)` and `add_(mean)`
/// (two roundings, as PyTorch does).
pub fn normal(mean: &Tensor, std: &Tensor, g: &mut Generator) -> Result<Tensor> {
    check_std_tensor(std)?;
    let shape = broadcast_shapes(&mean.shape(), &std.shape())?;
    let out = Tensor::zeros(&shape, mean.dtype())?;
    normal_(&out, 0.0, 1.0, g)?;
    inplace_binary(&out, std, true)?;
    inplace_binary(&out, mean, false)?;
    Ok(out)
}

/// `torch.normal(mean: Tensor, std: float)`: `normal_(0, std)` on a tensor like `mean`
/// (contiguous), then `add_(mean)`.
pub fn normal_tensor_scalar(mean: &Tensor, std: f64, g: &mut Generator) -> Result<Tensor> {
    if !(std >= 0.0) {
        return Err(Error::runtime(format!("normal expects std >= 0.0, but found std {}", fmt_g(std))));
    }
    let out = Tensor::zeros(&mean.shape(), mean.dtype())?;
    normal_(&out, 0.0, std, g)?;
    inplace_binary(&out, mean, false)?;
    Ok(out)
}

/// `torch.normal(mean: float, std: Tensor)`: `normal_(0, 1)` on a tensor like `std`, then
/// `mul_(std)` and `add_(mean)` with `mean` as a 0-dim tensor of the output dtype.
pub fn normal_scalar_tensor(mean: f64, std: &Tensor, g: &mut Generator) -> Result<Tensor> {
    check_std_tensor(std)?;
    let out = Tensor::zeros(&std.shape(), std.dtype())?;
    normal_(&out, 0.0, 1.0, g)?;
    inplace_binary(&out, std, true)?;
    let m = Tensor::scalar(crate::tensor::Scalar::Float(mean), out.dtype());
    inplace_binary(&out, &m, false)?;
    Ok(out)
}
