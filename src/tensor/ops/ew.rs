//! Element-wise engine shared by the arithmetic families: per-dtype arithmetic traits
//! (`Real`, `Float`, `Fl`), dtype-category dispatch macros, and the strided kernels that
//! map one, two or three broadcast operands into a new contiguous tensor (contiguous fast
//! paths, a general multi-layout odometer, rayon above `PAR_MIN` elements).

use half::{bf16, f16};
use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::error::Result;
use crate::tensor::layout::{broadcast_shapes, Shape};
use crate::tensor::{BufferElem, Layout, Tensor};

/// Element count above which element-wise kernels run on rayon.
pub const PAR_MIN: usize = 32 * 1024;
/// Chunk size of parallel element-wise work.
const CHUNK: usize = 8 * 1024;

/// Arithmetic on real element types (bool, integers, floats). Integer ops wrap; float
/// ops on f16/bf16 compute in f32 and round back (as PyTorch's CPU kernels do).
pub trait Real: BufferElem + PartialOrd {
    fn zero() -> Self;
    fn one() -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// Division (truncating for integers; callers check zero divisors).
    fn div(self, o: Self) -> Self;
    /// Python floor division.
    fn floordiv(self, o: Self) -> Self;
    /// Python remainder (sign of the divisor).
    fn rem(self, o: Self) -> Self;
    /// C fmod (sign of the dividend).
    fn fmod(self, o: Self) -> Self;
    fn pow(self, o: Self) -> Self;
    fn is_nan(self) -> bool;
    fn neg(self) -> Self;
    fn abs(self) -> Self;
    fn sign(self) -> Self;
    /// NaN-propagating maximum (PyTorch's `maximum`).
    #[inline]
    fn maximum(self, o: Self) -> Self {
        if self.is_nan() {
            self
        } else if o.is_nan() || o > self {
            o
        } else {
            self
        }
    }
    #[inline]
    fn minimum(self, o: Self) -> Self {
        if self.is_nan() {
            self
        } else if o.is_nan() || o < self {
            o
        } else {
            self
        }
    }
    /// Whether the value is zero (integer division-by-zero checks).
    fn is_zero(self) -> bool;
}

macro_rules! impl_real_int {
    ($($t:ty),*) => {$(
        impl Real for $t {
            #[inline] fn zero() -> Self { 0 }
            #[inline] fn one() -> Self { 1 }
            #[inline] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline] fn div(self, o: Self) -> Self { if o == 0 { 0 } else { self.wrapping_div(o) } }
            #[inline] fn floordiv(self, o: Self) -> Self {
                if o == 0 { return 0; }
                let q = self.wrapping_div(o);
                let r = self.wrapping_rem(o);
                #[allow(unused_comparisons)]
                if r != 0 && ((r < 0) != (o < 0)) { q.wrapping_sub(1) } else { q }
            }
            #[inline] fn rem(self, o: Self) -> Self {
                if o == 0 { return 0; }
                let r = self.wrapping_rem(o);
                #[allow(unused_comparisons)]
                if r != 0 && ((r < 0) != (o < 0)) { r.wrapping_add(o) } else { r }
            }
            #[inline] fn fmod(self, o: Self) -> Self { if o == 0 { 0 } else { self.wrapping_rem(o) } }
            #[inline] fn pow(self, o: Self) -> Self {
                #[allow(unused_comparisons)]
                if o < 0 {
                    // PyTorch's integer pow with a negative exponent element.
                    #[allow(unused_comparisons)]
                    return if self == 1 { 1 } else if self == (0 as $t).wrapping_sub(1) && self < 0 {
                        if o % 2 == 0 { 1 } else { self }
                    } else { 0 };
                }
                let (mut base, mut e, mut acc) = (self, o as u64, 1 as $t);
                while e > 0 {
                    if e & 1 == 1 { acc = acc.wrapping_mul(base); }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                acc
            }
            #[inline] fn is_nan(self) -> bool { false }
            #[inline] fn neg(self) -> Self { (0 as $t).wrapping_sub(self) }
            #[inline] fn abs(self) -> Self {
                #[allow(unused_comparisons)]
                if self < 0 { (0 as $t).wrapping_sub(self) } else { self }
            }
            #[inline] fn sign(self) -> Self {
                #[allow(unused_comparisons)]
                if self > 0 { 1 } else if self < 0 { (0 as $t).wrapping_sub(1) } else { 0 }
            }
            #[inline] fn is_zero(self) -> bool { self == 0 }
        }
    )*};
}
impl_real_int!(u8, i8, i16, i32, i64);

impl Real for bool {
    fn zero() -> Self { false }
    fn one() -> Self { true }
    fn add(self, o: Self) -> Self { self | o }
    fn sub(self, o: Self) -> Self { self ^ o }
    fn mul(self, o: Self) -> Self { self & o }
    fn div(self, o: Self) -> Self { self & o }
    fn floordiv(self, o: Self) -> Self { self & o }
    fn rem(self, _o: Self) -> Self { false }
    fn fmod(self, _o: Self) -> Self { false }
    fn pow(self, o: Self) -> Self { self | !o }
    fn is_nan(self) -> bool { false }
    fn neg(self) -> Self { self }
    fn abs(self) -> Self { self }
    fn sign(self) -> Self { self }
    fn is_zero(self) -> bool { !self }
}

/// Float math used by the kernels (implemented for f32 and f64, the compute types).
pub trait Fl: Copy + Send + Sync + PartialOrd + std::fmt::Debug + 'static
    + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self> + std::ops::Neg<Output = Self>
{
    fn c(v: f64) -> Self;
    fn f64(self) -> f64;
    fn exp(self) -> Self;
    fn exp2(self) -> Self;
    fn exp_m1(self) -> Self;
    fn ln(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn ln_1p(self) -> Self;
    fn sqrt(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    fn round_even(self) -> Self;
    fn abs(self) -> Self;
    fn powf(self, e: Self) -> Self;
    fn atan2(self, o: Self) -> Self;
    fn hypot(self, o: Self) -> Self;
    fn fmod(self, o: Self) -> Self;
    fn is_nan(self) -> bool;
    fn is_infinite(self) -> bool;
    fn is_finite(self) -> bool;
    fn sign_bit(self) -> bool;
    fn max_v(self, o: Self) -> Self;
    fn min_v(self, o: Self) -> Self;
    fn erf(self) -> Self;
}

macro_rules! impl_fl {
    ($($t:ty => $w:ty, $exp:expr, $tanh:expr),*) => {$(
        impl Fl for $t {
            #[inline] fn c(v: f64) -> Self { v as $t }
            #[inline] fn f64(self) -> f64 { self as f64 }
            #[inline(always)] fn exp(self) -> Self { ($exp)(self) }
            #[inline] fn exp2(self) -> Self { <$w>::exp2(self as $w) as $t }
            #[inline] fn exp_m1(self) -> Self { <$w>::exp_m1(self as $w) as $t }
            #[inline] fn ln(self) -> Self { <$w>::ln(self as $w) as $t }
            #[inline] fn log2(self) -> Self { <$w>::log2(self as $w) as $t }
            #[inline] fn log10(self) -> Self { <$w>::log10(self as $w) as $t }
            #[inline] fn ln_1p(self) -> Self { <$w>::ln_1p(self as $w) as $t }
            #[inline] fn sqrt(self) -> Self { <$t>::sqrt(self) }
            #[inline] fn sin(self) -> Self { <$w>::sin(self as $w) as $t }
            #[inline] fn cos(self) -> Self { <$w>::cos(self as $w) as $t }
            #[inline] fn tan(self) -> Self { <$w>::tan(self as $w) as $t }
            #[inline] fn asin(self) -> Self { <$w>::asin(self as $w) as $t }
            #[inline] fn acos(self) -> Self { <$w>::acos(self as $w) as $t }
            #[inline] fn atan(self) -> Self { <$w>::atan(self as $w) as $t }
            #[inline] fn sinh(self) -> Self { <$w>::sinh(self as $w) as $t }
            #[inline] fn cosh(self) -> Self { <$w>::cosh(self as $w) as $t }
            #[inline(always)] fn tanh(self) -> Self { ($tanh)(self) }
            #[inline] fn asinh(self) -> Self { <$w>::asinh(self as $w) as $t }
            #[inline] fn acosh(self) -> Self { <$w>::acosh(self as $w) as $t }
            #[inline] fn atanh(self) -> Self { <$w>::atanh(self as $w) as $t }
            #[inline] fn floor(self) -> Self { <$t>::floor(self) }
            #[inline] fn ceil(self) -> Self { <$t>::ceil(self) }
            #[inline] fn trunc(self) -> Self { <$t>::trunc(self) }
            #[inline] fn round_even(self) -> Self { <$t>::round_ties_even(self) }
            #[inline] fn abs(self) -> Self { <$t>::abs(self) }
            #[inline] fn powf(self, e: Self) -> Self { <$w>::powf(self as $w, e as $w) as $t }
            #[inline] fn atan2(self, o: Self) -> Self { <$w>::atan2(self as $w, o as $w) as $t }
            #[inline] fn hypot(self, o: Self) -> Self { <$w>::hypot(self as $w, o as $w) as $t }
            #[inline] fn fmod(self, o: Self) -> Self { self % o }
            #[inline] fn is_nan(self) -> bool { <$t>::is_nan(self) }
            #[inline] fn is_infinite(self) -> bool { <$t>::is_infinite(self) }
            #[inline] fn is_finite(self) -> bool { <$t>::is_finite(self) }
            #[inline] fn sign_bit(self) -> bool { <$t>::is_sign_negative(self) }
            #[inline] fn max_v(self, o: Self) -> Self { if self.is_nan() || o.is_nan() { <$t>::NAN } else { <$t>::max(self, o) } }
            #[inline] fn min_v(self, o: Self) -> Self { if self.is_nan() || o.is_nan() { <$t>::NAN } else { <$t>::min(self, o) } }
            #[inline] fn erf(self) -> Self { super::special::erf(self as f64) as $t }
        }
    )*};
}
// float32 transcendental functions are evaluated in float64 and rounded once, so
// results are correctly rounded (as PyTorch's vectorised kernels nearly always are);
// exp and tanh through the vectorisable float64 kernels of `vmath`.
impl_fl!(
    f32 => f64, super::vmath::exp_f32, super::vmath::tanh_f32,
    f64 => f64, f64::exp, f64::tanh
);

/// Floating storage types with their compute type (`Acc`): f32 for f16/bf16/f32.
pub trait Float: Real {
    type Acc: Fl;
    fn to_acc(self) -> Self::Acc;
    fn from_acc(v: Self::Acc) -> Self;
}

impl Float for f32 {
    type Acc = f32;
    #[inline] fn to_acc(self) -> f32 { self }
    #[inline] fn from_acc(v: f32) -> Self { v }
}
impl Float for f64 {
    type Acc = f64;
    #[inline] fn to_acc(self) -> f64 { self }
    #[inline] fn from_acc(v: f64) -> Self { v }
}
impl Float for f16 {
    type Acc = f32;
    #[inline] fn to_acc(self) -> f32 { self.to_f32() }
    #[inline] fn from_acc(v: f32) -> Self { f16::from_f32(v) }
}
impl Float for bf16 {
    type Acc = f32;
    #[inline] fn to_acc(self) -> f32 { self.to_f32() }
    #[inline] fn from_acc(v: f32) -> Self { bf16::from_f32(v) }
}

#[inline]
fn py_floordiv<F: Fl>(a: F, b: F) -> F {
    // PyTorch's div_floor for floating types.
    let zero = F::c(0.0);
    if b == zero {
        return a / b;
    }
    let m = a.fmod(b);
    let mut div = (a - m) / b;
    if m != zero && ((b < zero) != (m < zero)) {
        div = div - F::c(1.0);
    }
    if div != zero {
        let mut fl = div.floor();
        if div - fl > F::c(0.5) {
            fl = fl + F::c(1.0);
        }
        fl
    } else {
        // Signed zero of the true quotient.
        let q = a / b;
        if q.sign_bit() { F::c(-0.0) } else { F::c(0.0) }
    }
}

#[inline]
fn py_rem<F: Fl>(a: F, b: F) -> F {
    let zero = F::c(0.0);
    let mut m = a.fmod(b);
    if m != zero && ((b < zero) != (m < zero)) {
        m = m + b;
    }
    m
}

macro_rules! impl_real_float {
    ($($t:ty),*) => {$(
        impl Real for $t {
            #[inline] fn zero() -> Self { Self::from_acc(<<$t as Float>::Acc as Fl>::c(0.0)) }
            #[inline] fn one() -> Self { Self::from_acc(<<$t as Float>::Acc as Fl>::c(1.0)) }
            #[inline] fn add(self, o: Self) -> Self { Self::from_acc(self.to_acc() + o.to_acc()) }
            #[inline] fn sub(self, o: Self) -> Self { Self::from_acc(self.to_acc() - o.to_acc()) }
            #[inline] fn mul(self, o: Self) -> Self { Self::from_acc(self.to_acc() * o.to_acc()) }
            #[inline] fn div(self, o: Self) -> Self { Self::from_acc(self.to_acc() / o.to_acc()) }
            #[inline] fn floordiv(self, o: Self) -> Self { Self::from_acc(py_floordiv(self.to_acc(), o.to_acc())) }
            #[inline] fn rem(self, o: Self) -> Self { Self::from_acc(py_rem(self.to_acc(), o.to_acc())) }
            #[inline] fn fmod(self, o: Self) -> Self { Self::from_acc(Fl::fmod(self.to_acc(), o.to_acc())) }
            #[inline] fn pow(self, o: Self) -> Self { Self::from_acc(self.to_acc().powf(o.to_acc())) }
            #[inline] fn is_nan(self) -> bool { Fl::is_nan(self.to_acc()) }
            #[inline] fn neg(self) -> Self { Self::from_acc(-self.to_acc()) }
            #[inline] fn abs(self) -> Self { Self::from_acc(Fl::abs(self.to_acc())) }
            #[inline] fn sign(self) -> Self {
                let x = self.to_acc();
                let z = <<$t as Float>::Acc as Fl>::c(0.0);
                if Fl::is_nan(x) { self } else if x > z { Self::one() } else if x < z { Self::one().neg() } else { Self::zero() }
            }
            #[inline] fn is_zero(self) -> bool { self.to_acc() == <<$t as Float>::Acc as Fl>::c(0.0) }
        }
    )*};
}
impl_real_float!(f32, f64, f16, bf16);

/// Integer element types (bitwise ops).
pub trait Int: Real {
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn not(self) -> Self;
    fn shl(self, o: Self) -> Self;
    fn shr(self, o: Self) -> Self;
}

macro_rules! impl_int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            #[inline] fn and(self, o: Self) -> Self { self & o }
            #[inline] fn or(self, o: Self) -> Self { self | o }
            #[inline] fn xor(self, o: Self) -> Self { self ^ o }
            #[inline] fn not(self) -> Self { !self }
            #[inline] fn shl(self, o: Self) -> Self {
                // PyTorch: shifting by >= bit width (or a negative amount) gives 0.
                let bits = (std::mem::size_of::<$t>() * 8) as i64;
                let s = o as i64;
                if s < 0 || s >= bits { 0 } else { self.wrapping_shl(s as u32) }
            }
            #[inline] fn shr(self, o: Self) -> Self {
                let bits = (std::mem::size_of::<$t>() * 8) as i64;
                let s = o as i64;
                #[allow(unused_comparisons)]
                if s < 0 || s >= bits { if self < 0 { (0 as $t).wrapping_sub(1) } else { 0 } } else { self.wrapping_shr(s as u32) }
            }
        }
    )*};
}
impl_int!(u8, i8, i16, i32, i64);

impl Int for bool {
    fn and(self, o: Self) -> Self { self & o }
    fn or(self, o: Self) -> Self { self | o }
    fn xor(self, o: Self) -> Self { self ^ o }
    fn not(self) -> Self { !self }
    fn shl(self, o: Self) -> Self { self & !o }
    fn shr(self, o: Self) -> Self { self & !o }
}

/// `dispatch_int!(dtype, T => expr, else => other)`: bool and integer types only.
#[macro_export]
macro_rules! dispatch_int {
    ($dt:expr, $T:ident => $body:expr, else => $other:expr) => {{
        use $crate::tensor::dtype::DType as __D;
        match $dt {
            __D::Bool => { type $T = bool; $body }
            __D::U8 => { type $T = u8; $body }
            __D::I8 => { type $T = i8; $body }
            __D::I16 => { type $T = i16; $body }
            __D::I32 => { type $T = i32; $body }
            __D::I64 => { type $T = i64; $body }
            _ => $other,
        }
    }};
}

// ---------------------------------------------------------------- strided iteration

/// Calls `f(i, offsets)` for the linear output indices `start..start+count` of `shape`
/// (row-major), where `offsets[k]` is the storage offset in layout `k`. Iterative.
pub fn for_each_strided<const N: usize>(
    shape: &[usize],
    strides: [&[usize]; N],
    base: [usize; N],
    start: usize,
    count: usize,
    mut f: impl FnMut(usize, [usize; N]),
) {
    let nd = shape.len();
    if count == 0 {
        return;
    }
    if nd == 0 {
        f(start, base);
        return;
    }
    // Initialise the odometer from `start`.
    let mut idx: smallvec::SmallVec<[usize; 8]> = smallvec::SmallVec::from_elem(0, nd);
    let mut off = base;
    let mut rem = start;
    for d in (0..nd).rev() {
        let i = rem % shape[d];
        rem /= shape[d];
        idx[d] = i;
        for k in 0..N {
            off[k] += i * strides[k][d];
        }
    }
    let inner = shape[nd - 1];
    let istr: [usize; N] = std::array::from_fn(|k| strides[k][nd - 1]);
    let mut i = start;
    let end = start + count;
    loop {
        // Inner run from idx[nd-1] to the end of the row (or `end`).
        let run = (inner - idx[nd - 1]).min(end - i);
        let mut o = off;
        for _ in 0..run {
            f(i, o);
            i += 1;
            for k in 0..N {
                o[k] += istr[k];
            }
        }
        if i >= end {
            return;
        }
        // Go to the start of the next row.
        for k in 0..N {
            off[k] -= idx[nd - 1] * istr[k];
        }
        idx[nd - 1] = 0;
        let mut d = nd - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            for k in 0..N {
                off[k] += strides[k][d];
            }
            if idx[d] < shape[d] {
                break;
            }
            for k in 0..N {
                off[k] -= strides[k][d] * shape[d];
            }
            idx[d] = 0;
        }
    }
}

/// Fills `out` (row-major over `shape`) with `f(offsets)`, in parallel when large.
fn fill_strided<O: BufferElem, const N: usize>(
    out: &mut [O],
    shape: &[usize],
    strides: [&[usize]; N],
    base: [usize; N],
    f: &(impl Fn([usize; N]) -> O + Sync),
) {
    let n = out.len();
    if n >= PAR_MIN {
        out.par_chunks_mut(CHUNK).enumerate().for_each(|(c, chunk)| {
            let start = c * CHUNK;
            for_each_strided(shape, strides, base, start, chunk.len(), |i, o| chunk[i - start] = f(o));
        });
    } else {
        for_each_strided(shape, strides, base, 0, n, |i, o| out[i] = f(o));
    }
}

/// Elements per rayon task on contiguous fast paths (large enough to amortise scheduling,
/// small enough to balance two to sixteen threads on 10M-element tensors).
const SPAN: usize = 64 * 1024;

/// Fills `out` by `f(start, piece)` over consecutive pieces, on rayon when `out` is large.
/// `f` gets plain slices, so its inner loops vectorise.
#[inline]
fn fill_pieces<O: Send>(out: &mut [O], f: impl Fn(usize, &mut [O]) + Sync + Send) {
    if out.len() >= PAR_MIN {
        out.par_chunks_mut(SPAN).enumerate().for_each(|(c, piece)| f(c * SPAN, piece));
    } else {
        f(0, out);
    }
}

/// A vector of `n` elements built by `f(start, piece)` over consecutive pieces of it (in
/// parallel when large), without zero-filling first. `f` must write every element of its
/// piece (the `simd` slice kernels do).
fn build_pieces<O: Send>(n: usize, f: impl Fn(usize, &mut [MaybeUninit<O>]) + Sync + Send) -> Vec<O> {
    let mut v: Vec<O> = Vec::with_capacity(n);
    fill_pieces(&mut v.spare_capacity_mut()[..n], f);
    // SAFETY: `fill_pieces` hands every element of the first `n` to exactly one call of `f`,
    // which writes it (a panic in `f` unwinds past this line, leaving the length 0).
    unsafe { v.set_len(n) };
    v
}

/// Maps each element of `a` (of element type `T`) through `f` into a new contiguous tensor.
pub fn map1<T: BufferElem, O: BufferElem>(a: &Tensor, f: impl Fn(T) -> O + Sync + Send) -> Tensor {
    let shape = a.shape();
    let out = a.with_slice::<T, _>(|s, l| {
        let n = l.numel();
        if l.is_contiguous() {
            let src = &s[l.offset..l.offset + n];
            return build_pieces(n, |st, o| super::simd::map_slice(o, &src[st..], &f));
        }
        let mut out = vec![O::default(); n];
        fill_strided(&mut out, &l.shape, [&l.strides], [l.offset], &|[o]| f(s[o]));
        out
    });
    Tensor::from_vec(out, &shape)
}

/// Zips `a` (type `A`) and `b` (type `B`) with broadcasting through `f`.
pub fn map2<A: BufferElem, B: BufferElem, O: BufferElem>(
    a: &Tensor,
    b: &Tensor,
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Result<Tensor> {
    let shape = broadcast_shapes(&a.shape(), &b.shape())?;
    let out = map2_shape(a, b, &shape, f)?;
    Ok(out)
}

/// `map2` with a precomputed broadcast shape.
pub fn map2_shape<A: BufferElem, B: BufferElem, O: BufferElem>(
    a: &Tensor,
    b: &Tensor,
    shape: &Shape,
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Result<Tensor> {
    let n: usize = crate::tensor::layout::numel(shape)?;
    crate::tensor::storage::check_bytes(n.saturating_mul(std::mem::size_of::<O>()))?;
    let out: Vec<O> = a.with_slice::<A, _>(|sa, la| {
        b.with_slice::<B, _>(|sb, lb| -> Result<Vec<O>> {
            let a_full = la.shape.as_slice() == shape.as_slice() && la.is_contiguous();
            let b_full = lb.shape.as_slice() == shape.as_slice() && lb.is_contiguous();
            if a_full && b_full {
                let (x, y) = (&sa[la.offset..la.offset + n], &sb[lb.offset..lb.offset + n]);
                return Ok(build_pieces(n, |st, o| super::simd::zip_slice(o, &x[st..], &y[st..], &f)));
            }
            // A scalar operand, or an expanded one (stride 0 everywhere), is one value.
            if a_full && lb.is_one_slot() && lb.numel() > 0 {
                let q = sb[lb.offset];
                let x = &sa[la.offset..la.offset + n];
                return Ok(build_pieces(n, |st, o| super::simd::map_slice(o, &x[st..], &|p| f(p, q))));
            }
            if b_full && la.is_one_slot() && la.numel() > 0 {
                let p = sa[la.offset];
                let y = &sb[lb.offset..lb.offset + n];
                return Ok(build_pieces(n, |st, o| super::simd::map_slice(o, &y[st..], &|q| f(p, q))));
            }
            let ba = la.broadcast_to(shape)?;
            let bb = lb.broadcast_to(shape)?;
            let mut out = vec![O::default(); n];
            fill_strided(&mut out, shape, [&ba.strides, &bb.strides], [ba.offset, bb.offset], &|[p, q]| {
                f(sa[p], sb[q])
            });
            Ok(out)
        })
    })?;
    Ok(Tensor::from_vec(out, shape))
}

/// Three-operand broadcast map (`where`, `lerp`, `clamp`).
pub fn map3<A: BufferElem, B: BufferElem, C: BufferElem, O: BufferElem>(
    a: &Tensor,
    b: &Tensor,
    c: &Tensor,
    f: impl Fn(A, B, C) -> O + Sync + Send,
) -> Result<Tensor> {
    let shape = broadcast_shapes(&broadcast_shapes(&a.shape(), &b.shape())?, &c.shape())?;
    let n: usize = crate::tensor::layout::numel(&shape)?;
    crate::tensor::storage::check_bytes(n.saturating_mul(std::mem::size_of::<O>()))?;
    let out = a.with_slice::<A, _>(|sa, la| {
        b.with_slice::<B, _>(|sb, lb| {
            c.with_slice::<C, _>(|sc, lc| -> Result<Vec<O>> {
                let (la, lb, lc) = (la.broadcast_to(&shape)?, lb.broadcast_to(&shape)?, lc.broadcast_to(&shape)?);
                let mut out = vec![O::default(); n];
                fill_strided(
                    &mut out,
                    &shape,
                    [&la.strides, &lb.strides, &lc.strides],
                    [la.offset, lb.offset, lc.offset],
                    &|[p, q, r]| f(sa[p], sb[q], sc[r]),
                );
                Ok(out)
            })
        })
    })?;
    Ok(Tensor::from_vec(out, &shape))
}

/// True when any element of `t` (of element type `T`) satisfies `pred`.
pub fn any_elem<T: BufferElem>(t: &Tensor, pred: impl Fn(T) -> bool) -> bool {
    t.with_slice::<T, _>(|s, l: &Layout| {
        if l.is_contiguous() {
            s[l.offset..l.offset + l.numel()].iter().any(|&x| pred(x))
        } else {
            let mut hit = false;
            l.for_each_offset(|o| hit |= pred(s[o]));
            hit
        }
    })
}

/// Runs `f(line, out_line)` for every 1-D line of `a` along `dim` (the line gathered into
/// a contiguous slice) and returns the outputs laid out row-major over `a`'s shape with
/// `dim` resized to `out_len`. Parallel over lines when large and `dim` is innermost.
pub fn map_lines<T: BufferElem, O: Copy + Default + Send + Sync>(
    a: &Tensor,
    dim: usize,
    out_len: usize,
    f: impl Fn(&[T], &mut [O]) + Sync,
) -> Vec<O> {
    let l = a.layout();
    let nd = l.ndim();
    if nd == 0 {
        let mut out = vec![O::default(); out_len];
        a.with_slice::<T, _>(|s, l| f(&s[l.offset..l.offset + 1], &mut out));
        return out;
    }
    let len = l.shape[dim];
    let lstride = l.strides[dim];
    let outer: usize = l.shape[..dim].iter().product();
    let inner: usize = l.shape[dim + 1..].iter().product();
    let mut rshape: Shape = l.shape.clone();
    let mut rstrides = l.strides.clone();
    rshape.remove(dim);
    rstrides.remove(dim);
    let nlines = outer * inner;
    let mut out = vec![O::default(); nlines * out_len];
    if nlines == 0 || out_len == 0 && len == 0 {
        return out;
    }
    a.with_slice::<T, _>(|s, _| {
        let gather = |base: usize, buf: &mut Vec<T>| {
            buf.clear();
            let mut o = base;
            for _ in 0..len {
                buf.push(s[o]);
                o += lstride;
            }
        };
        if inner == 1 && out_len > 0 {
            let run = |(li, chunk): (usize, &mut [O]), buf: &mut Vec<T>| {
                let mut base = 0;
                for_each_strided(&rshape, [&rstrides], [l.offset], li, 1, |_, [o]| base = o);
                if lstride == 1 {
                    f(&s[base..base + len], chunk);
                } else {
                    gather(base, buf);
                    f(buf, chunk);
                }
            };
            if nlines * len.max(out_len) >= PAR_MIN && nlines > 1 {
                out.par_chunks_mut(out_len).enumerate().for_each_init(Vec::new, |buf, x| run(x, buf));
            } else {
                let mut buf = Vec::new();
                out.chunks_mut(out_len).enumerate().for_each(|x| run(x, &mut buf));
            }
        } else {
            let mut buf = Vec::with_capacity(len);
            let mut obuf = vec![O::default(); out_len];
            for_each_strided(&rshape, [&rstrides], [l.offset], 0, nlines, |li, [base]| {
                gather(base, &mut buf);
                f(&buf, &mut obuf);
                let (o, i) = (li / inner, li % inner);
                for (k, &v) in obuf.iter().enumerate() {
                    out[(o * out_len + k) * inner + i] = v;
                }
            });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odometer_chunks_match_full_walk() {
        let shape = [3usize, 4, 5];
        let strides = [1usize, 3, 12];
        let mut full = vec![];
        for_each_strided(&shape, [&strides], [7], 0, 60, |i, [o]| full.push((i, o)));
        assert_eq!(full.len(), 60);
        // Reference: naive index arithmetic.
        for (i, o) in &full {
            let (a, b, c) = (i / 20, (i / 5) % 4, i % 5);
            assert_eq!(*o, 7 + a * 1 + b * 3 + c * 12);
        }
        let mut part = vec![];
        for_each_strided(&shape, [&strides], [7], 13, 30, |i, [o]| part.push((i, o)));
        assert_eq!(&part[..], &full[13..43]);
    }

    #[test]
    fn int_python_division() {
        assert_eq!(7i64.floordiv(-3), -3);
        assert_eq!((-7i64).floordiv(2), -4);
        assert_eq!(Real::rem(-7i64, 3), 2);
        assert_eq!(Real::rem(7i64, -3), -2);
        assert_eq!(Real::fmod(-7i64, 3), -1);
        assert_eq!(Real::pow(2i64, 10), 1024);
        assert_eq!(Real::pow(2i64, -1), 0);
        assert_eq!(Real::pow(-1i64, -3), -1);
    }

    #[test]
    fn float_python_division() {
        assert_eq!(7.5f32.floordiv(2.0), 3.0);
        assert_eq!((-7.5f32).floordiv(2.0), -4.0);
        assert_eq!(Real::rem(-5.5f64, 2.0), 0.5);
        assert_eq!(Real::rem(5.5f64, -2.0), -0.5);
        assert!(1.0f32.floordiv(0.0).is_infinite());
    }
}
