//! PyTorch's CPU float sum, operation for operation, so sums and means (and everything
//! built on them: losses, bias gradients) round exactly as PyTorch's do.
//!
//! PyTorch (`SumKernel.cpp`, `cascade_sum`) first orders the dims as its TensorIterator
//! does for a reduction (reduced dims first, each group by ascending input stride),
//! merges dims that are contiguous with each other, and then sums the two innermost dims
//! with one of four loops (inner/outer reduction, vectorised or scalar), adding each
//! partial result into the output. The building blocks are `multi_row_sum`, a cascade
//! of accumulators in levels of 16 (or more) elements, and `row_sum`, four interleaved
//! cascades. Vectors are 8 float32 or 4 float64 lanes (the AVX2 kernels). Inputs over
//! one parallel grain (32768 elements) are summed as one chunk, where PyTorch splits
//! them across threads.

use rayon::prelude::*;

use super::ew::{Fl, Float, PAR_MIN};
use crate::tensor::Tensor;

/// Values the cascade adds: a scalar or a vector of lanes.
trait Acc: Copy {
    fn zero() -> Self;
    fn add(self, o: Self) -> Self;
}

impl<A: Fl> Acc for A {
    fn zero() -> Self {
        A::c(0.0)
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
}

#[derive(Clone, Copy)]
struct Lanes<A: Fl, const W: usize>([A; W]);

impl<A: Fl, const W: usize> Acc for Lanes<A, W> {
    fn zero() -> Self {
        Lanes([A::c(0.0); W])
    }
    fn add(self, o: Self) -> Self {
        let mut r = self.0;
        for (x, y) in r.iter_mut().zip(o.0) {
            *x = *x + y;
        }
        Lanes(r)
    }
}

fn ceil_log2(n: usize) -> u32 {
    if n <= 1 { 0 } else { usize::BITS - (n - 1).leading_zeros() }
}

/// `multi_row_sum`: `nrows` independent cascades over `size` steps; `get(i, k)` is row
/// `i`'s element `k`.
fn multi_row_sum<X: Acc, const N: usize>(size: usize, get: impl Fn(usize, usize) -> X) -> [X; N] {
    multi_row_sum_by(size, &ByGet(get))
}

/// The level-0 additions of a cascade: `add(acc, i0, count)` adds step `i`'s values into
/// `acc` for `i` in `i0..i0 + count`, in order. A trait with always-inlined methods rather
/// than a closure, so that the loop is compiled inside each SIMD version of its caller (a
/// closure called from several versions is left out of line, as baseline code).
trait Steps<X, const N: usize> {
    fn add(&self, acc: &mut [X; N], i0: usize, count: usize);
}

/// Steps read one value at a time through `get(i, k)`.
struct ByGet<F>(F);

impl<X: Acc, const N: usize, F: Fn(usize, usize) -> X> Steps<X, N> for ByGet<F> {
    #[inline(always)]
    fn add(&self, acc: &mut [X; N], i0: usize, count: usize) {
        for i in i0..i0 + count {
            for (k, a) in acc.iter_mut().enumerate() {
                *a = a.add((self.0)(i, k));
            }
        }
    }
}

/// Steps over slice blocks: step `i` is the `N * W` contiguous elements from
/// `base + i * stride` (a contiguous row: stride `N * W`; adjacent columns: the row stride).
struct Blocks<'a, T, M> {
    s: &'a [T],
    map: &'a M,
    base: usize,
    stride: usize,
}

impl<T: Copy, A: Fl, M: Fn(T) -> A, const W: usize, const N: usize> Steps<Lanes<A, W>, N> for Blocks<'_, T, M> {
    #[inline(always)]
    fn add(&self, acc: &mut [Lanes<A, W>; N], i0: usize, count: usize) {
        // A local copy, so the accumulators live in registers (the cascade indexes its
        // array of levels dynamically, which keeps that array in memory).
        let mut local = *acc;
        for i in i0..i0 + count {
            let start = self.base + i * self.stride;
            let block = &self.s[start..start + N * W];
            for (k, a) in local.iter_mut().enumerate() {
                for (x, &y) in a.0.iter_mut().zip(&block[k * W..k * W + W]) {
                    *x = *x + (self.map)(y);
                }
            }
        }
        *acc = local;
    }
}

/// The cascade of `multi_row_sum`, with the level-0 additions done by `steps` (so a caller
/// with contiguous data can do them with slices that vectorise).
#[inline(always)]
fn multi_row_sum_by<X: Acc, const N: usize>(size: usize, steps: &impl Steps<X, N>) -> [X; N] {
    const LEVELS: usize = 4;
    let level_power = 4.max(ceil_log2(size) / LEVELS as u32);
    let level_step = 1usize << level_power;
    let level_mask = level_step - 1;
    let mut acc = [[X::zero(); N]; LEVELS];
    let mut i = 0usize;
    // Full steps of `level_step` followed by a cascade, then the remainder (shorter)
    // without one.
    while i < size {
        let count = level_step.min(size - i);
        steps.add(&mut acc[0], i, count);
        i += count;
        if count < level_step {
            break;
        }
        for j in 1..LEVELS {
            for k in 0..N {
                acc[j][k] = acc[j][k].add(acc[j - 1][k]);
                acc[j - 1][k] = X::zero();
            }
            let mask = level_mask << (j as u32 * level_power);
            if i & mask != 0 {
                break;
            }
        }
    }
    for j in 1..LEVELS {
        for k in 0..N {
            acc[0][k] = acc[0][k].add(acc[j][k]);
        }
    }
    acc[0]
}

/// `row_sum`: four interleaved cascades, then the tail, then the partials in order.
fn row_sum<X: Acc>(size: usize, get: impl Fn(usize) -> X) -> X {
    const ILP: usize = 4;
    let size_ilp = size / ILP;
    let mut p: [X; ILP] = multi_row_sum(size_ilp, |i, k| get(i * ILP + k));
    for i in size_ilp * ILP..size {
        p[0] = p[0].add(get(i));
    }
    for k in 1..ILP {
        p[0] = p[0].add(p[k]);
    }
    p[0]
}

/// The cascade of one column (`multi_row_sum` with a single row).
fn column_sum<A: Fl>(size: usize, get: impl Fn(usize) -> A) -> A {
    let r: [A; 1] = multi_row_sum(size, |i, _| get(i));
    r[0]
}

/// `vectorized_inner_sum` for one contiguous row, each element through `map`: `W`-lane
/// vectors summed by `row_sum`, then the tail, then the lanes; the cascade's level-0 steps
/// are loops over slice blocks (SIMD code).
#[inline(always)]
fn vector_inner_slice<T: Copy, A: Fl, const W: usize>(row: &[T], map: &impl Fn(T) -> A) -> A {
    const ILP: usize = 4;
    let size = row.len();
    let nvec = size / W;
    let lanes = |i: usize| -> Lanes<A, W> { Lanes(std::array::from_fn(|l| map(row[i * W + l]))) };
    // `row_sum` over the vectors: ILP interleaved cascades, the tail, the partials in order.
    let size_ilp = nvec / ILP;
    let mut p: [Lanes<A, W>; ILP] = multi_row_sum_by(size_ilp, &Blocks { s: row, map, base: 0, stride: ILP * W });
    for i in size_ilp * ILP..nvec {
        p[0] = p[0].add(lanes(i));
    }
    for k in 1..ILP {
        p[0] = p[0].add(p[k]);
    }
    let mut fin = A::c(0.0);
    for &x in &row[nvec * W..] {
        fin = fin + map(x);
    }
    for l in p[0].0 {
        fin = fin + l;
    }
    fin
}

/// One dim of the iteration: size, input stride, output stride (0 when reduced).
#[derive(Clone, Copy, Debug)]
struct Dim {
    size: usize,
    ins: isize,
    outs: usize,
}

/// Sums of `a` over the dims in `mask`, one per output element (row-major over the kept
/// dims), in the accumulation type. `map` transforms each loaded element (NaN → 0 for
/// nansum). None for dtypes without an exact kernel (float16/bfloat16).
pub fn cascade_sum<T: Float>(a: &Tensor, mask: &[bool], map: impl Fn(T::Acc) -> T::Acc + Sync) -> Option<Vec<T::Acc>> {
    let width = std::mem::size_of::<T::Acc>();
    if std::mem::size_of::<T>() != width {
        return None;
    }
    let l = a.layout();
    let shape = &l.shape;
    // Output strides: contiguous over the kept dims.
    let mut outs = vec![0usize; shape.len()];
    let mut n_out = 1usize;
    for i in (0..shape.len()).rev() {
        if !mask[i] {
            outs[i] = n_out;
            n_out *= shape[i];
        }
    }
    if a.numel() == 0 {
        return Some(vec![T::Acc::c(0.0); n_out]);
    }
    let mut dims: Vec<Dim> = Vec::new();
    // TensorIterator's initial order is reversed (innermost first).
    for i in (0..shape.len()).rev() {
        if shape[i] != 1 {
            dims.push(Dim { size: shape[i], ins: l.strides[i] as isize, outs: if mask[i] { 0 } else { outs[i] } });
        }
    }
    // Insertion sort with PyTorch's comparator (output operand first, then input).
    let should_swap = |d0: &Dim, d1: &Dim| -> i32 {
        if (d0.outs == 0) != (d1.outs == 0) {
            return if d1.outs == 0 { 1 } else { -1 };
        }
        if d0.outs != 0 && d1.outs != 0 {
            if d0.outs < d1.outs {
                return -1;
            } else if d0.outs > d1.outs {
                return 1;
            }
            if d0.size > d1.size {
                return 1;
            }
        }
        let (s0, s1) = (d0.ins, d1.ins);
        if s0 == 0 || s1 == 0 {
            return 0;
        }
        if s0 < s1 {
            return -1;
        } else if s0 > s1 {
            return 1;
        }
        if d0.size > d1.size {
            return 1;
        }
        0
    };
    for i in 1..dims.len() {
        let mut d1 = i;
        let mut d0 = i;
        while d0 > 0 {
            d0 -= 1;
            let c = should_swap(&dims[d0], &dims[d1]);
            if c > 0 {
                dims.swap(d0, d1);
                d1 = d0;
            } else if c < 0 {
                break;
            }
        }
    }
    // Coalesce neighbours that are contiguous with each other in both operands.
    let mut co: Vec<Dim> = Vec::new();
    for d in dims {
        if let Some(p) = co.last_mut() {
            if p.ins * p.size as isize == d.ins && p.outs * p.size == d.outs {
                p.size *= d.size;
                continue;
            }
        }
        co.push(d);
    }
    let mut out = vec![T::Acc::c(0.0); n_out.max(1)];
    let (d0, d1) = (
        co.first().copied().unwrap_or(Dim { size: 1, ins: 0, outs: 0 }),
        co.get(1).copied().unwrap_or(Dim { size: 1, ins: 0, outs: 0 }),
    );
    let outer: Vec<Dim> = co.iter().skip(2).copied().collect();
    let lanes = 32 / width; // AVX2 vector: 8 × f32, 4 × f64
    a.with_slice::<T, _>(|s, _| {
        let elem = |x: T| map(x.to_acc());
        let mut idx = vec![0usize; outer.len()];
        loop {
            let mut base_in = l.offset as isize;
            let mut base_out = 0usize;
            for (k, d) in outer.iter().enumerate() {
                base_in += idx[k] as isize * d.ins;
                base_out += idx[k] * d.outs;
            }
            kernel2d::<T, T::Acc>(s, &elem, &mut out, base_in, base_out, d0, d1, lanes);
            // Odometer over the outer dims (first outer dim fastest, as TensorIterator).
            let mut k = 0;
            loop {
                if k == outer.len() {
                    return;
                }
                idx[k] += 1;
                if idx[k] < outer[k].size {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
        }
    });
    Some(out)
}

/// `4 * W` adjacent columns (unit stride, starting at `base`, rows `row_stride` apart) each
/// summed by its own cascade over `size` rows, as `column_sum` does one column: the columns
/// are the lanes of four vectors. Writes the sums to `o`.
#[inline(always)]
fn outer_group<T: Copy, A: Fl, const W: usize>(s: &[T], elem: &impl Fn(T) -> A, base: usize, row_stride: usize, size: usize, o: &mut [A]) {
    let acc: [Lanes<A, W>; 4] = multi_row_sum_by(size, &Blocks { s, map: elem, base, stride: row_stride });
    for (k, a) in acc.iter().enumerate() {
        o[k * W..k * W + W].copy_from_slice(&a.0);
    }
}

// The SIMD versions of the two slice kernels. Their bodies are written out here (not
// passed to `simd::run` as a closure): a large closure called from all three versions is
// not inlined, and would run as baseline code.
super::simd::multiversion! {
    /// `vector_inner_slice` with `lanes` (8 for float32, 4 for float64) lanes.
    fn inner_sum<T, A, M>(row: &[T], map: &M, lanes: usize) -> A where { T: Copy, A: Fl, M: Fn(T) -> A } {
        if lanes == 8 { vector_inner_slice::<T, A, 8>(row, map) } else { vector_inner_slice::<T, A, 4>(row, map) }
    }
}

super::simd::multiversion! {
    /// `outer_group` with `lanes` lanes.
    fn outer_sums<T, A, M>(s: &[T], map: &M, base: usize, row_stride: usize, size: usize, o: &mut [A], lanes: usize) where { T: Copy, A: Fl, M: Fn(T) -> A } {
        if lanes == 8 {
            outer_group::<T, A, 8>(s, map, base, row_stride, size, o)
        } else {
            outer_group::<T, A, 4>(s, map, base, row_stride, size, o)
        }
    }
}

/// `cascade_sum`'s loop over the two innermost dims (reduction dim first).
#[allow(clippy::too_many_arguments)]
fn kernel2d<T: Copy + Sync, A: Fl + Send + Sync>(s: &[T], elem: &(impl Fn(T) -> A + Sync), out: &mut [A], bin: isize, bout: usize, d0: Dim, d1: Dim, lanes: usize) {
    let load = |off: isize| elem(s[off as usize]);
    let (mut r, mut k) = (d0, d1);
    if r.outs != 0 && k.outs == 0 {
        std::mem::swap(&mut r, &mut k);
    }
    let (size0, in0) = (r.size, r.ins);
    let (size1, in1, out1) = (k.size, k.ins, k.outs);
    let mut put = |j: usize, v: A| {
        let o = &mut out[bout + j * out1];
        *o = *o + v;
    };
    // Each output element's additions are fixed by the algorithm, so the outputs of one
    // call are computed independently (in parallel when large) and then added into `out`.
    let parallel = size0 * size1 >= PAR_MIN && size1 > 1;
    let mut vals = vec![A::c(0.0); size1];
    if in0 == 1 && size0 >= lanes {
        let one = |j: usize| {
            let start = (bin + j as isize * in1) as usize;
            let row = &s[start..start + size0];
            inner_sum(row, elem, lanes)
        };
        if parallel {
            vals.par_iter_mut().enumerate().for_each(|(j, v)| *v = one(j));
        } else {
            vals.iter_mut().enumerate().for_each(|(j, v)| *v = one(j));
        }
    } else {
        // Outer reductions: cascades per column for the leading block of columns (with
        // unit column stride, `4 * lanes` columns at a time as vectors, PyTorch's
        // `vectorized_outer_sum`), interleaved row sums for the rest.
        let cascaded = if in1 == 1 && size1 >= lanes {
            size1 / (4 * lanes) * (4 * lanes)
        } else if in0 < in1 {
            0
        } else {
            size1 / 4 * 4
        };
        let grouped = if in1 == 1 && size1 >= lanes { cascaded } else { 0 };
        let (head, tail) = vals.split_at_mut(grouped);
        let group = 4 * lanes;
        let one_group = |g: usize, o: &mut [A]| {
            let base = (bin + (g * group) as isize) as usize;
            outer_sums(s, elem, base, in0 as usize, size0, o, lanes)
        };
        if parallel {
            head.par_chunks_mut(group).enumerate().for_each(|(g, o)| one_group(g, o));
        } else {
            head.chunks_mut(group).enumerate().for_each(|(g, o)| one_group(g, o));
        }
        for (t, v) in tail.iter_mut().enumerate() {
            let j = grouped + t;
            let col = bin + j as isize * in1;
            *v = if j < cascaded {
                column_sum(size0, |i| load(col + i as isize * in0))
            } else {
                row_sum(size0, |i| load(col + i as isize * in0))
            };
        }
    }
    for (j, v) in vals.into_iter().enumerate() {
        put(j, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `vectorized_inner_sum` written directly from its definition, element by element.
    fn vector_inner<A: Fl, const W: usize>(size: usize, get: impl Fn(usize) -> A) -> A {
        let nvec = size / W;
        let v: Lanes<A, W> = row_sum(nvec, |i| Lanes(std::array::from_fn(|l| get(i * W + l))));
        let mut fin = A::c(0.0);
        for k in nvec * W..size {
            fin = fin + get(k);
        }
        for l in v.0 {
            fin = fin + l;
        }
        fin
    }

    #[test]
    fn slice_kernel_adds_in_the_reference_order() {
        // Values of mixed magnitude so that any change of order changes the rounding.
        let mut state = 0x2545_f491_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state as f32 / u32::MAX as f32 - 0.5) * if state % 7 == 0 { 1e4 } else { 1.0 }
        };
        let data: Vec<f32> = (0..300_000).map(|_| next()).collect();
        let sizes = (0..300).chain([1000, 4095, 4096, 4097, 65_536, 100_003, 300_000]);
        for n in sizes {
            let row = &data[..n];
            let want = vector_inner::<f32, 8>(n, |i| row[i]);
            let got = vector_inner_slice::<f32, f32, 8>(row, &|x| x);
            assert_eq!(want.to_bits(), got.to_bits(), "size {n}");
            let wide: Vec<f64> = row.iter().map(|&x| x as f64 * 1.000_000_1).collect();
            let want = vector_inner::<f64, 4>(n, |i| wide[i]);
            let got = super::super::simd::run(|| vector_inner_slice::<f64, f64, 4>(&wide, &|x| x));
            assert_eq!(want.to_bits(), got.to_bits(), "f64 size {n}");
        }
    }

    #[test]
    fn column_groups_match_column_cascades() {
        let (rows, cols) = (300usize, 40usize);
        let data: Vec<f32> = (0..rows * cols).map(|i| ((i * 7919) % 1013) as f32 * 0.37 - 150.0).collect();
        for size in [0usize, 1, 15, 16, 17, 255, 256, 257, 300] {
            let mut got = [0f32; 32];
            outer_group::<f32, f32, 8>(&data, &|x| x, 3, cols, size, &mut got);
            for (c, g) in got.iter().enumerate() {
                let want = column_sum(size, |i| data[3 + c + i * cols]);
                assert_eq!(want.to_bits(), g.to_bits(), "size {size} column {c}");
            }
        }
    }
}
