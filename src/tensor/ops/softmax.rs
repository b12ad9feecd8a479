//! float32 / float64 `softmax` and `log_softmax` kernels that round exactly like PyTorch's
//! CPU kernels (ATen `SoftMaxKernel.cpp`, AVX-512 build, `Vectorized<float>` = 16 lanes,
//! `Vectorized<double>` = 8 lanes), checked bit for bit against real PyTorch 2.15.
//!
//! Softmax over the last dimension works row by row:
//! * the row maximum and the sum of exponentials are vector reductions (`vec::reduce_all`,
//!   `vec::map_reduce_all`): lane `l` accumulates elements `l, l+W, l+2W, …` (the partial
//!   last block only touches its first lanes), then the lanes are combined — for float by a
//!   shuffle tree (lane `i` with lane `i^8`, then `i^4`, `i^2`, `i^1`), for double (no SIMD
//!   specialisation) sequentially. Rows shorter than one vector are folded left to right.
//! * exponentials are SLEEF's `expf_u10` (float) for every element; softmax multiplies by
//!   `1 / sum`, log_softmax computes `x - max - log(sum)` with SLEEF's `logf_u10`.
//!
//! Softmax over another dimension (`[outer, dim, inner]` layout) walks the `outer * inner`
//! columns, split evenly between `THREADS` workers: within a worker's range, groups of `W`
//! adjacent columns of one `inner` row are done with vector ops (running max, SLEEF exp,
//! division by the sum), the leftovers with scalar C-library `exp`. log_softmax over another
//! dimension splits `inner` into chunks and vectorises all but the `chunk % W` last columns
//! of each chunk the same way (SLEEF exp for vector columns, C `exp` for the rest; the log
//! is always SLEEF's).

use super::sleef;
use std::ops::{Add, Div, Mul, Sub};

/// A floating type with PyTorch's vector width and vector/scalar exp and log.
pub(crate) trait SmFloat:
    Copy + PartialOrd + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// Lanes of `Vectorized<Self>` on AVX-512.
    const W: usize;
    /// Whether `vec_reduce_all` has the shuffle-tree specialisation for this type.
    const TREE: bool;
    /// `sizeof(Self)`.
    const SIZE: usize;
    /// 0.
    fn zero() -> Self;
    /// 1.
    fn one() -> Self;
    /// -inf.
    fn neg_inf() -> Self;
    /// A NaN.
    fn nan() -> Self;
    /// Whether the value is NaN.
    fn isnan(self) -> bool;
    /// `Vectorized<Self>::exp()` for one lane.
    fn vexp(self) -> Self;
    /// `Vectorized<Self>::log()` for one lane.
    fn vlog(self) -> Self;
    /// `std::exp` (the C library).
    fn sexp(self) -> Self;
}

impl SmFloat for f32 {
    const W: usize = 16;
    const TREE: bool = true;
    const SIZE: usize = 4;
    fn zero() -> Self { 0.0 }
    fn one() -> Self { 1.0 }
    fn neg_inf() -> Self { f32::NEG_INFINITY }
    fn nan() -> Self { f32::NAN }
    fn isnan(self) -> bool { self.is_nan() }
    #[inline(always)]
    fn vexp(self) -> Self { sleef::expf(self) }
    #[inline(always)]
    fn vlog(self) -> Self { sleef::logf(self) }
    fn sexp(self) -> Self { self.exp() }
}

impl SmFloat for f64 {
    const W: usize = 8;
    const TREE: bool = false;
    const SIZE: usize = 8;
    fn zero() -> Self { 0.0 }
    fn one() -> Self { 1.0 }
    fn neg_inf() -> Self { f64::NEG_INFINITY }
    fn nan() -> Self { f64::NAN }
    fn isnan(self) -> bool { self.is_nan() }
    #[inline(always)]
    fn vexp(self) -> Self { sleef::expd(self) }
    #[inline(always)]
    fn vlog(self) -> Self { sleef::logd(self) }
    fn sexp(self) -> Self { self.exp() }
}

const MAXW: usize = 16;

/// `at::get_num_threads()` of the PyTorch install the kernels were matched against. Only the
/// non-last-dim softmax depends on it: its column range is split between the threads (the
/// observed grain is small enough that even tiny tensors are split), and where a split
/// falls decides which columns take the vector path.
const THREADS: usize = 2;

/// `vec::maximum`: NaN if either operand is NaN, else the larger (`b` on ties).
#[inline(always)]
fn vmax<T: SmFloat>(a: T, b: T) -> T {
    if a.isnan() || b.isnan() { T::nan() } else if a > b { a } else { b }
}

#[inline(always)]
fn vadd<T: SmFloat>(a: T, b: T) -> T {
    a + b
}

/// `vec_reduce_all` over a full vector of `T::W` lanes.
#[inline(always)]
fn reduce_lanes<T: SmFloat>(acc: &mut [T; MAXW], f: impl Fn(T, T) -> T) -> T {
    let w = T::W;
    if T::TREE {
        let mut k = w / 2;
        while k >= 1 {
            let prev = *acc;
            for i in 0..w {
                acc[i] = f(prev[i], prev[i ^ k]);
            }
            k /= 2;
        }
        acc[0]
    } else {
        let mut r = acc[0];
        for &v in &acc[1..w] {
            r = f(r, v);
        }
        r
    }
}

/// `vec::map_reduce_all(map, f, data)` (`reduce_all` when `map` is the identity).
#[inline(always)]
fn map_reduce_all<T: SmFloat>(data: &[T], map: impl Fn(T) -> T, f: impl Fn(T, T) -> T + Copy) -> T {
    let w = T::W;
    let n = data.len();
    if n < w {
        let mut r = map(data[0]);
        for &v in &data[1..] {
            r = f(r, map(v));
        }
        return r;
    }
    let mut acc = [T::zero(); MAXW];
    for l in 0..w {
        acc[l] = map(data[l]);
    }
    let full = n - n % w;
    let mut d = w;
    while d < full {
        for l in 0..w {
            acc[l] = f(acc[l], map(data[d + l]));
        }
        d += w;
    }
    for l in 0..n - d {
        acc[l] = f(acc[l], map(data[d + l]));
    }
    reduce_lanes(&mut acc, f)
}

super::simd::multiversion! {
    /// Softmax / log_softmax of each length-`dim` row of `input` (`_vec_softmax_lastdim`,
    /// `_vec_log_softmax_lastdim`). `dim` must be non-zero.
    pub(crate) fn lastdim<T>(input: &[T], out: &mut [T], dim: usize, log: bool) where { T: SmFloat } {
        lastdim_impl(input, out, dim, log)
    }
}

#[inline(always)]
fn lastdim_impl<T: SmFloat>(input: &[T], out: &mut [T], dim: usize, log: bool) {
    for (row, orow) in input.chunks_exact(dim).zip(out.chunks_exact_mut(dim)) {
        let mx = map_reduce_all(row, |x| x, vmax);
        if log {
            let sum = map_reduce_all(row, |x| (x - mx).vexp(), vadd);
            let ls = sum.vlog();
            for (o, &x) in orow.iter_mut().zip(row) {
                *o = x - mx - ls;
            }
        } else {
            for (o, &x) in orow.iter_mut().zip(row) {
                *o = (x - mx).vexp();
            }
            let sum = map_reduce_all(orow, |x| x, vadd);
            let inv = T::one() / sum;
            for o in orow.iter_mut() {
                *o = *o * inv;
            }
        }
    }
}

super::simd::multiversion! {
    /// Softmax / log_softmax along the middle axis of a contiguous `[outer, dim, inner]` block
    /// (`_vec_softmax`, `_vec_logsoftmax`). `dim` must be non-zero.
    pub(crate) fn inner<T>(input: &[T], out: &mut [T], outer: usize, dim: usize, inner: usize, log: bool)
    where { T: SmFloat } {
        inner_impl(input, out, outer, dim, inner, log)
    }
}

#[inline(always)]
fn inner_impl<T: SmFloat>(input: &[T], out: &mut [T], outer: usize, dim: usize, inner: usize, log: bool) {
    let w = T::W;
    let stride = dim * inner;
    if log {
        let chunk = ((128 * 1024 / dim / T::SIZE).max(w)) / w * w;
        for o in 0..outer {
            let base = o * stride;
            let mut begin = 0;
            while begin < inner {
                let size = chunk.min(inner - begin);
                let nvec = size - size % w;
                for c in begin..begin + size {
                    column(input, out, base + c, dim, inner, c - begin < nvec, true);
                }
                begin += size;
            }
        }
    } else {
        // `parallel_for(0, outer * inner, grain)` as OpenMP splits it over the threads.
        let range = outer * inner;
        let tasks = THREADS.min(range).max(1);
        let chunk = range.div_ceil(tasks);
        for t in 0..tasks {
            let (b, e) = (t * chunk, ((t + 1) * chunk).min(range));
            let mut idx = b;
            while idx < e {
                let ii = idx % inner;
                let n = if ii + w <= inner && idx + w <= e { w } else if idx + w > e { e - idx } else { inner - ii };
                let vec = n == w && ii + w <= inner && idx + w <= e;
                for k in idx..idx + n {
                    let start = (k / inner) * stride + k % inner;
                    column(input, out, start, dim, inner, vec, false);
                }
                idx += n;
            }
        }
    }
}

/// One column of `inner`: `vector` selects the vector-lane arithmetic (SLEEF exp, NaN
/// propagating max for softmax) over the scalar tail arithmetic (C exp).
#[inline(always)]
fn column<T: SmFloat>(input: &[T], out: &mut [T], start: usize, dim: usize, inner: usize, vector: bool, log: bool) {
    let at = |d: usize| start + d * inner;
    let exp = |x: T| if vector { x.vexp() } else { x.sexp() };
    if log {
        let mut mx = T::neg_inf();
        for d in 0..dim {
            let x = input[at(d)];
            if x > mx { mx = x; }
        }
        let mut sum = T::zero();
        for d in 0..dim {
            sum = sum + exp(input[at(d)] - mx);
        }
        let ls = sum.vlog();
        for d in 0..dim {
            out[at(d)] = input[at(d)] - mx - ls;
        }
    } else {
        let mut mx = input[at(0)];
        for d in 1..dim {
            let x = input[at(d)];
            mx = if vector { vmax(mx, x) } else if mx < x { x } else { mx };
        }
        let mut sum = T::zero();
        for d in 0..dim {
            let e = exp(input[at(d)] - mx);
            out[at(d)] = e;
            sum = sum + e;
        }
        for d in 0..dim {
            out[at(d)] = out[at(d)] / sum;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tensor::ops::unary::{log_softmax, softmax};
    use crate::tensor::Tensor;

    const DATA: &str = include_str!("../../../tests/data/softmax_torch.txt");

    fn bits32(s: &str) -> Vec<u32> {
        s.split(' ').map(|h| u32::from_str_radix(h, 16).unwrap()).collect()
    }

    fn bits64(s: &str) -> Vec<u64> {
        s.split(' ').map(|h| u64::from_str_radix(h, 16).unwrap()).collect()
    }

    /// Every recorded case (rows of 1..70, columns split between threads, float and
    /// double, softmax and log_softmax) must come out bit for bit as PyTorch's.
    #[test]
    fn matches_recorded_pytorch_bits() {
        let mut n = 0;
        for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let parts: Vec<&str> = line.split(" | ").collect();
            let head: Vec<&str> = parts[0].split(' ').collect();
            let log = head[1] == "1";
            let dim: i64 = head[2].parse().unwrap();
            let shape: Vec<usize> = head[3].split(',').map(|s| s.parse().unwrap()).collect();
            let run = |t: &Tensor| if log { log_softmax(t, dim, None) } else { softmax(t, dim, None) }.unwrap();
            if head[0] == "f32" {
                let x: Vec<f32> = bits32(parts[1]).into_iter().map(f32::from_bits).collect();
                let got: Vec<u32> = run(&Tensor::from_vec(x, &shape)).to_vec::<f32>().iter().map(|v| v.to_bits()).collect();
                assert_eq!(got, bits32(parts[2]), "{}", parts[0]);
            } else {
                let x: Vec<f64> = bits64(parts[1]).into_iter().map(f64::from_bits).collect();
                let got: Vec<u64> = run(&Tensor::from_vec(x, &shape)).to_vec::<f64>().iter().map(|v| v.to_bits()).collect();
                assert_eq!(got, bits64(parts[2]), "{}", parts[0]);
            }
            n += 1;
        }
        assert!(n >= 30);
    }

    /// The lane reduction is a tree (i with i^8, i^4, i^2, i^1) for float and a left fold
    /// for double; rows shorter than a vector fold left to right.
    #[test]
    fn reduction_orders() {
        let v: Vec<f32> = (0..16).map(|i| if i == 0 { 1.0 } else { 1e-8 * i as f32 }).collect();
        let l = super::map_reduce_all(&v, |x| x, super::vadd);
        let mut lanes = [0f32; 16];
        lanes.copy_from_slice(&v);
        for k in [8, 4, 2, 1] {
            let p = lanes;
            for i in 0..16 {
                lanes[i] = p[i] + p[i ^ k];
            }
        }
        assert_eq!(l.to_bits(), lanes[0].to_bits());
        assert_eq!(super::map_reduce_all(&v[..5], |x| x, super::vadd), v[..5].iter().fold(0.0f32, |a, &b| a + b));
        let d: Vec<f64> = (0..8).map(|i| 1.0 + i as f64 * 1e-17).collect();
        assert_eq!(super::map_reduce_all(&d, |x| x, super::vadd), d.iter().skip(1).fold(d[0], |a, &b| a + b));
    }

    /// Empty and 0-d inputs.
    #[test]
    fn edge_shapes() {
        let s = softmax(&Tensor::from_vec(vec![3.0f32], &[]), 0, None).unwrap();
        assert_eq!(s.to_vec::<f32>(), vec![1.0]);
        let l = log_softmax(&Tensor::from_vec(vec![3.0f32], &[]), 0, None).unwrap();
        assert_eq!(l.to_vec::<f32>(), vec![0.0]);
        let e = softmax(&Tensor::from_vec(Vec::<f32>::new(), &[0, 3]), 1, None).unwrap();
        assert_eq!(e.shape().to_vec(), vec![0, 3]);
        let e = softmax(&Tensor::from_vec(Vec::<f64>::new(), &[2, 0]), 1, None).unwrap();
        assert_eq!(e.shape().to_vec(), vec![2, 0]);
    }
}
