//! Shape ops that copy: `flip`, `roll`, `repeat`, `tile`. They share one kernel,
//! `gather_maps`, which builds a contiguous tensor whose element at `(i0, i1, ...)` is
//! the source element at `(map0[i0], map1[i1], ...)` (one dtype dispatch per op, a
//! per-dim offset table, an iterative odometer).

use crate::error::{Error, Result};
use crate::tensor::layout::{Layout, normalize_dim};
use crate::tensor::Tensor;

use super::movement::{fmt_i64s, reshape_to};

/// Visits `base + Σ_d tables[d][i_d]` for every index tuple in row-major order.
pub(crate) fn for_each_table_offset(base: usize, tables: &[Vec<usize>], mut f: impl FnMut(usize)) {
    let nd = tables.len();
    if nd == 0 {
        f(base);
        return;
    }
    if tables.iter().any(|t| t.is_empty()) {
        return;
    }
    let mut idx = vec![0usize; nd - 1];
    let inner = &tables[nd - 1];
    loop {
        let mut o = base;
        for (d, &i) in idx.iter().enumerate() {
            o += tables[d][i];
        }
        for &t in inner {
            f(o + t);
        }
        let mut d = nd - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < tables[d].len() {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// Gathers `a`'s elements through per-dim index maps into a new contiguous tensor of
/// shape `[maps[0].len(), ...]`. `maps.len()` must equal `a.ndim()`.
pub(crate) fn gather_maps(a: &Tensor, maps: &[Vec<usize>]) -> Tensor {
    let l = a.layout();
    let tables: Vec<Vec<usize>> =
        maps.iter().zip(&l.strides).map(|(m, &s)| m.iter().map(|&i| i * s).collect()).collect();
    let shape: Vec<usize> = maps.iter().map(|m| m.len()).collect();
    crate::dispatch!(a.dtype(), T => {
        let out: Vec<T> = a.with_slice::<T, _>(|s, _| {
            let mut out = Vec::with_capacity(shape.iter().product());
            for_each_table_offset(l.offset, &tables, |o| out.push(s[o]));
            out
        });
        Tensor::from_vec(out, &shape)
    })
}

/// Values of `a` gathered at explicit storage offsets into a new tensor of `shape`.
pub(crate) fn gather_offsets(a: &Tensor, offsets: &[usize], shape: &[usize]) -> Tensor {
    crate::dispatch!(a.dtype(), T => {
        let out: Vec<T> = a.with_slice::<T, _>(|s, _| offsets.iter().map(|&o| s[o]).collect());
        Tensor::from_vec(out, shape)
    })
}

fn identity_maps(shape: &[usize]) -> Vec<Vec<usize>> {
    shape.iter().map(|&n| (0..n).collect()).collect()
}

/// `a.flip(dims)`: a copy with the given dims reversed.
pub fn flip(a: &Tensor, dims: &[i64]) -> Result<Tensor> {
    let shape = a.shape();
    let n = shape.len();
    let mut flipped = vec![false; n.max(1)];
    for &d in dims {
        let d = normalize_dim(d, n)?;
        if flipped[d] {
            return Err(Error::runtime(format!("dim {d} appears multiple times in the list of dims")));
        }
        flipped[d] = true;
    }
    let mut maps = identity_maps(&shape);
    for (d, m) in maps.iter_mut().enumerate() {
        if flipped[d] {
            m.reverse();
        }
    }
    Ok(gather_maps(a, &maps))
}

/// `a.roll(shifts, dims)`; with no dims the tensor is rolled as if flattened.
pub fn roll(a: &Tensor, shifts: &[i64], dims: &[i64]) -> Result<Tensor> {
    if shifts.is_empty() {
        return Err(Error::runtime("`shifts` required"));
    }
    let shape = a.shape();
    if dims.is_empty() && shifts.len() == 1 {
        let n = a.numel();
        let flat = reshape_to(&a.contiguous(), &[n]);
        let rolled = roll(&flat, shifts, &[0])?;
        return Ok(rolled.with_layout(Layout::contiguous(&shape)));
    }
    if shifts.len() != dims.len() {
        return Err(Error::runtime(format!(
            "shifts and dimensions must align. shifts: {}, dims:{}",
            shifts.len(),
            dims.len()
        )));
    }
    let mut maps = identity_maps(&shape);
    for (&s, &d) in shifts.iter().zip(dims) {
        let d = normalize_dim(d, shape.len())?;
        if shape.is_empty() {
            continue;
        }
        let size = shape[d] as i64;
        if size == 0 {
            continue;
        }
        let start = (size - s).rem_euclid(size);
        let m = &mut maps[d];
        // Output index i takes the element at the current map's (start + i) % size.
        let old = m.clone();
        for (i, v) in m.iter_mut().enumerate() {
            *v = old[((start + i as i64) % size) as usize];
        }
    }
    Ok(gather_maps(a, &maps))
}

/// `a.repeat(sizes)`: tiles the tensor; `sizes` may add leading dims.
pub fn repeat(a: &Tensor, sizes: &[i64]) -> Result<Tensor> {
    let shape = a.shape();
    if sizes.len() < shape.len() {
        return Err(Error::runtime(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
        ));
    }
    if let Some(&neg) = sizes.iter().find(|&&s| s < 0) {
        let lead = sizes.len() - shape.len();
        let target: Vec<i64> = sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| if i < lead { s } else { s * shape[i - lead] as i64 })
            .collect();
        let bad = target.iter().copied().find(|&t| t < 0).unwrap_or(neg);
        return Err(Error::runtime(format!(
            "Trying to create tensor with negative dimension {}: {}",
            bad,
            fmt_i64s(&target)
        )));
    }
    let lead = sizes.len() - shape.len();
    // View of `a` with leading size-1 dims so that it has sizes.len() dims.
    let l = a.layout();
    let mut pl = l.clone();
    for _ in 0..lead {
        pl.shape.insert(0, 1);
        pl.strides.insert(0, 0);
    }
    let target: Vec<usize> = sizes.iter().zip(&pl.shape).map(|(&r, &n)| (r as usize).saturating_mul(n)).collect();
    crate::tensor::storage::check_alloc(&target, a.dtype())?;
    let padded = a.with_layout(pl.clone());
    let maps: Vec<Vec<usize>> = sizes
        .iter()
        .zip(&pl.shape)
        .map(|(&r, &n)| (0..r as usize * n).map(|i| i % n.max(1)).collect())
        .collect();
    crate::tensor::layout::numel(&maps.iter().map(|m| m.len()).collect::<Vec<_>>())?;
    Ok(gather_maps(&padded, &maps))
}

/// `a.tile(sizes)`: `repeat` with `sizes` padded by leading 1s to `a.ndim()`.
pub fn tile(a: &Tensor, sizes: &[i64]) -> Result<Tensor> {
    let n = a.ndim();
    if sizes.len() < n {
        let mut s = vec![1i64; n - sizes.len()];
        s.extend_from_slice(sizes);
        return repeat(a, &s);
    }
    repeat(a, sizes)
}
