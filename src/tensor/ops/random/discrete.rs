//! `exponential_` and `multinomial` (not covered by the spec's oracle runs; written from
//! PyTorch's CPU kernels: double-precision exponential transform, Gumbel-style
//! `p / Exp(1)` argmax/top-k without replacement, cumulative-distribution binary search
//! with replacement).

use super::{Generator, check_no_internal_overlap, fill_in_memory_order, fmt_g, narrow};
use crate::error::{Error, Result};
use crate::tensor::dtype::{DType, scalar_type_name};
use crate::tensor::{BufferElem, Tensor};

/// `tensor.exponential_(lambd)`: per element in memory order one float64 unit uniform `u`,
/// value `(-1 / lambd) * log1p(-u)` in double, rounded to the dtype.
pub fn exponential_(t: &Tensor, lambd: f64, g: &mut Generator) -> Result<()> {
    if !(lambd > 0.0) {
        return Err(Error::runtime(format!("exponential_ expects lambda > 0.0, but found lambda={}", fmt_g(lambd))));
    }
    let dt = t.dtype();
    if !dt.is_floating_point() {
        return Err(Error::runtime(format!(
            "Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified {}",
            scalar_type_name(dt)
        )));
    }
    if t.numel() == 0 {
        return Ok(());
    }
    check_no_internal_overlap(t)?;
    let k = -1.0 / lambd;
    crate::dispatch!(float: dt, T => fill_in_memory_order::<T>(t, || narrow::<T>(k * (-g.unit_f64()).ln_1p())),
        else => ());
    Ok(())
}

/// Row values of a 1-d or 2-d tensor as doubles: (rows, categories, values row-major).
fn rows_of(probs: &Tensor) -> (usize, usize, Vec<f64>) {
    let shape = probs.shape();
    let k = shape[shape.len() - 1];
    let rows = if shape.len() == 2 { shape[0] } else { 1 };
    (rows, k, probs.to_vec_as::<f64>())
}

/// `torch.multinomial(probs, num_samples, replacement)` (int64 result, shape
/// `(num_samples,)` or `(rows, num_samples)`).
///
/// Without replacement (or one sample): `q = empty_like(probs).exponential_(1)` (memory
/// order of `probs`), `q = probs / q` in the dtype, then the index of the maximum (one
/// sample) or the top `num_samples` in decreasing order (ties: lower index first). With
/// replacement: per row, the cumulative sum in the dtype (float32 for 16-bit types),
/// normalised by the total, and per sample one float64 uniform located by binary search.
pub fn multinomial(probs: &Tensor, num_samples: usize, replacement: bool, g: &mut Generator) -> Result<Tensor> {
    let dt = probs.dtype();
    if probs.ndim() == 0 || probs.ndim() > 2 {
        return Err(Error::runtime("prob_dist must be 1 or 2 dim"));
    }
    if !dt.is_floating_point() {
        return Err(Error::runtime(format!(
            "multinomial only supports floating-point dtypes for input, got: {}",
            scalar_type_name(dt)
        )));
    }
    if num_samples == 0 {
        return Err(Error::runtime("cannot sample n_sample <= 0 samples"));
    }
    let (rows, k, p) = rows_of(probs);
    if !replacement && num_samples > k {
        return Err(Error::runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement"));
    }
    if k > 1 << 24 {
        return Err(Error::runtime("number of categories cannot exceed 2^24"));
    }
    let out_shape: Vec<usize> = if probs.ndim() == 1 { vec![num_samples] } else { vec![rows, num_samples] };
    if rows * num_samples == 0 {
        return Ok(Tensor::from_vec(Vec::<i64>::new(), &out_shape));
    }
    if k == 0 {
        return Err(Error::runtime(
            "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
        ));
    }
    let mut out = vec![0i64; rows * num_samples];
    if !replacement || num_samples == 1 {
        if p.iter().any(|&v| !(v >= 0.0 && v < f64::INFINITY)) {
            return Err(Error::runtime("probability tensor contains either `inf`, `nan` or element < 0"));
        }
        // Row sums in the dtype are zero iff all entries are zero (entries are >= 0).
        if p.chunks(k.max(1)).any(|r| r.iter().all(|&v| v == 0.0)) {
            return Err(Error::runtime("invalid multinomial distribution (sum of probabilities <= 0)"));
        }
        // empty_like keeps a dense input's strides, so q is drawn in probs' memory order.
        let ql = probs.layout();
        let strides = if super::uniform::non_overlapping_and_dense(&ql) {
            ql.strides.clone()
        } else {
            crate::tensor::layout::contiguous_strides(&ql.shape)
        };
        let q = Tensor::zeros(&[p.len()], dt)?.with_layout(crate::tensor::Layout { shape: ql.shape.clone(), strides, offset: 0 });
        exponential_(&q, 1.0, g)?;
        let qv = q.to_vec_as::<f64>();
        // p / q rounded to the dtype.
        let ratio: Vec<f64> = crate::dispatch!(float: dt, T => p.iter().zip(&qv)
            .map(|(&a, &b)| div_in::<T>(a, b)).collect(), else => Vec::new());
        for r in 0..rows {
            let row = &ratio[r * k..(r + 1) * k];
            let mut idx: Vec<usize> = (0..k).collect();
            // Descending, NaN first (as the largest), stable for ties.
            idx.sort_by(|&a, &b| {
                let (x, y) = (row[a], row[b]);
                match (x.is_nan(), y.is_nan()) {
                    (true, true) => std::cmp::Ordering::Equal,
                    (true, false) => std::cmp::Ordering::Less,
                    (false, true) => std::cmp::Ordering::Greater,
                    _ => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
                }
            });
            for s in 0..num_samples {
                out[r * num_samples + s] = idx[s] as i64;
            }
        }
        return Ok(Tensor::from_vec(out, &out_shape));
    }
    let sample_rows = |out: &mut [i64], g: &mut Generator, single: bool| -> Result<()> {
        for r in 0..rows {
            let row = &p[r * k..(r + 1) * k];
            let mut cum = vec![0f64; k];
            let mut sum = 0f64;
            for (j, &v) in row.iter().enumerate() {
                if !(v >= 0.0) {
                    return Err(Error::runtime("invalid multinomial distribution (encountering probability entry < 0)"));
                }
                if !v.is_finite() {
                    return Err(Error::runtime(
                        "invalid multinomial distribution (encountering probability entry = infinity or NaN)",
                    ));
                }
                sum = if single { (sum as f32 + v as f32) as f64 } else { sum + v };
                cum[j] = sum;
            }
            if !(sum > 0.0) {
                return Err(Error::runtime("invalid multinomial distribution (sum of probabilities <= 0)"));
            }
            for c in cum.iter_mut() {
                *c = if single { (*c as f32 / sum as f32) as f64 } else { *c / sum };
            }
            if let Some(last) = cum.last_mut() {
                *last = 1.0;
            }
            for s in 0..num_samples {
                let u = g.unit_f64();
                let (mut lo, mut hi) = (0usize, k);
                while hi > lo {
                    let mid = lo + (hi - lo) / 2;
                    if cum[mid] < u {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                out[r * num_samples + s] = lo as i64;
            }
        }
        Ok(())
    };
    sample_rows(&mut out, g, dt != DType::F64)?;
    Ok(Tensor::from_vec(out, &out_shape))
}

/// `a / b` with both operands and the result in element type `T` (16-bit types divide in
/// float32 and round once, like PyTorch's opmath).
fn div_in<T: BufferElem>(a: f64, b: f64) -> f64 {
    match T::DTYPE {
        DType::F64 => a / b,
        _ => T::from_f64((a as f32 / b as f32) as f64).to_f64(),
    }
}
