//! Vectorisable float64 kernels behind float32 math: each evaluates the function in float64
//! with branch-free code (selects instead of branches) accurate to a few
//! float64 ulps and rounds once to float32, so the float32 result is the correctly rounded
//! one except within ~1e-15 relative of a rounding midpoint (about one input in 10^8), the
//! same as evaluating the C library's float64 function and rounding. Inlined into the
//! element-wise loops, they compile to SIMD code (see `simd`). Polynomials use `mul_add`:
//! one FMA instruction at the AVX2/AVX-512 levels (half the operations and half the
//! dependency chain of separate multiply and add), the C library's exact `fma` at the base
//! level, so every level computes the same bits.

const LOG2E: f64 = std::f64::consts::LOG2_E;
const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;

/// `e^x` for `x` in [-708, 709] (Cody–Waite reduction to |r| <= ln2/2, Taylor polynomial
/// to r^13, exponent built in the bits).
#[inline(always)]
fn exp_f64_core(x: f64) -> f64 {
    // Rounding to an integer by adding 1.5 * 2^52: `n` is x * log2(e) rounded to nearest
    // even, and its integer value sits in the low bits of `t` (no float-to-int conversion,
    // which AVX2 has no vector instruction for).
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    let t = x * LOG2E + SHIFT;
    let n = t - SHIFT;
    let r = (-n).mul_add(LN2_LO, (-n).mul_add(LN2_HI, x));
    // sum r^i / i! for i = 0..=13 by Estrin's scheme: pairs, then pairs of pairs with r^2,
    // r^4, r^8 (a dependency chain of 4 fused multiply-adds instead of Horner's 13).
    let f = |i: u64| (1..=i).product::<u64>() as f64;
    let pair = |i: u64| (1.0 / f(i + 1)).mul_add(r, 1.0 / f(i));
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let s0 = pair(2).mul_add(r2, pair(0));
    let s1 = pair(6).mul_add(r2, pair(4));
    let s2 = pair(10).mul_add(r2, pair(8));
    let s3 = pair(12);
    let p = s3.mul_add(r4, s2).mul_add(r8, s1.mul_add(r4, s0));
    p * f64::from_bits(t.to_bits().wrapping_sub(SHIFT.to_bits()).wrapping_add(1023) << 52)
}

/// float32 `exp`, correctly rounded in practice.
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    let xd = (x as f64).clamp(-120.0, 100.0);
    let y = exp_f64_core(xd) as f32;
    if x.is_nan() { x } else { y }
}

// Cephes' rational approximation of tanh on |x| < 0.625: tanh(x) = x + x^3 P(x^2)/Q(x^2).
const TP: [f64; 3] = [-9.643_991_794_250_522_386_28e-1, -9.928_772_310_019_185_865_64e1, -1.614_687_684_417_084_479_52e3];
const TQ: [f64; 3] = [1.128_116_784_916_329_314_02e2, 2.235_488_390_601_004_485_83e3, 4.844_063_053_251_254_860_48e3];

/// float32 `tanh`, correctly rounded in practice.
#[inline(always)]
pub fn tanh_f32(x: f32) -> f32 {
    let a = (x as f64).abs();
    // |x| >= 0.625: 1 - 2 / (e^{2|x|} + 1); past 9.1 float32 tanh is 1.
    // Both branches are one quotient, (e^{2|x|} - 1) / (e^{2|x|} + 1) or
    // (a Q + a z P) / Q, so each lane does a single division.
    let s = exp_f64_core(2.0 * a.min(9.5));
    let z = a * a;
    let num = TP[0].mul_add(z, TP[1]).mul_add(z, TP[2]);
    let den = (z + TQ[0]).mul_add(z, TQ[1]).mul_add(z, TQ[2]);
    let big = a >= 0.625;
    let q = if big { s - 1.0 } else { a.mul_add(den, a * z * num) } / if big { s + 1.0 } else { den };
    let r = if a >= 9.1 { 1.0 } else { q };
    // NaN falls through to `small` (NaN); the sign of zero is kept.
    r.copysign(x as f64) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::ops::simd;

    /// Every 97th float32 bit pattern (both signs), against the C library in float64.
    fn sweep(f: impl Fn(f32) -> f32, reference: impl Fn(f64) -> f64) -> (u64, u64) {
        let (mut n, mut bad) = (0u64, 0u64);
        let mut bits = 0u64;
        while bits < (1u64 << 32) {
            let x = f32::from_bits(bits as u32);
            let want = reference(x as f64) as f32;
            let got = f(x);
            if !(want == got || want.is_nan() && got.is_nan()) || (want == 0.0 && want.to_bits() != got.to_bits()) {
                bad += 1;
            }
            n += 1;
            bits += 97;
        }
        (n, bad)
    }

    #[test]
    fn tanh_matches_libm_rounded() {
        let (n, bad) = sweep(tanh_f32, f64::tanh);
        assert!(n > 40_000_000);
        assert_eq!(bad, 0, "{bad} of {n} differ");
    }

    #[test]
    fn exp_matches_libm_rounded() {
        let (n, bad) = sweep(exp_f32, f64::exp);
        // Near-midpoint cases may round the other way; allow one in a million.
        assert!(bad * 1_000_000 <= n, "{bad} of {n} differ");
    }

    #[test]
    fn special_values() {
        assert_eq!(tanh_f32(f32::INFINITY), 1.0);
        assert_eq!(tanh_f32(f32::NEG_INFINITY), -1.0);
        assert!(tanh_f32(f32::NAN).is_nan());
        assert_eq!(tanh_f32(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(exp_f32(f32::NEG_INFINITY), 0.0);
        assert_eq!(exp_f32(f32::INFINITY), f32::INFINITY);
        assert_eq!(exp_f32(89.0), f32::INFINITY);
        assert!(exp_f32(f32::NAN).is_nan());
        assert_eq!(exp_f32(0.0), 1.0);
        assert!(exp_f32(-103.0) > 0.0, "subnormal results are kept");
    }

    #[test]
    fn levels_agree() {
        let xs: Vec<f32> = (0..100_000).map(|i| (i as f32 - 50_000.0) * 3.7e-4).collect();
        let run = |l| {
            let prev = simd::set_level(l);
            let v: Vec<(f32, f32)> = simd::run(|| xs.iter().map(|&x| (tanh_f32(x), exp_f32(x))).collect());
            simd::set_level(prev);
            v
        };
        let base = run(simd::Level::Base);
        assert_eq!(base, run(simd::Level::Avx2));
        assert_eq!(base, run(simd::Level::Avx512));
    }
}
