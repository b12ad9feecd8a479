//! Shapes, strides and offsets: the one place for contiguity, broadcasting, dim
//! normalisation and strided iteration. Strides are in elements and never negative
//! (PyTorch forbids negative steps).

use smallvec::SmallVec;

use crate::error::{Error, Result};

pub type Shape = SmallVec<[usize; 4]>;
pub type Strides = SmallVec<[usize; 4]>;

/// Where a tensor's elements sit in its storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub shape: Shape,
    pub strides: Strides,
    pub offset: usize,
}

/// Row-major strides of a contiguous tensor of `shape`.
pub fn contiguous_strides(shape: &[usize]) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = 1usize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.saturating_mul(shape[i].max(1));
    }
    strides
}

/// Product of a shape, with an error instead of an overflow.
pub fn numel(shape: &[usize]) -> Result<usize> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or_else(|| {
        Error::runtime(format!(
            "Storage size calculation overflowed with sizes={}",
            fmt_shape(shape)
        ))
    })
}

/// `[2, 3]` as PyTorch writes shapes in messages.
pub fn fmt_shape(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// Normalises a possibly negative `dim` for a tensor of rank `ndim`, with PyTorch's error.
/// A 0-d tensor accepts dims -1 and 0 (PyTorch's `wrap_scalar`).
pub fn normalize_dim(dim: i64, ndim: usize) -> Result<usize> {
    let n = ndim.max(1) as i64;
    if dim < -n || dim >= n {
        return Err(Error::index(format!(
            "Dimension out of range (expected to be in range of [{}, {}], but got {})",
            -n,
            n - 1,
            dim
        )));
    }
    Ok(if dim < 0 { (dim + n) as usize } else { dim as usize })
}

/// Broadcasts two shapes (PyTorch's rule), with PyTorch's message on failure.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Shape> {
    let n = a.len().max(b.len());
    let mut out: Shape = SmallVec::from_elem(0, n);
    // PyTorch checks from the trailing dimension, so that is the one its message names.
    for i in (0..n).rev() {
        let da = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let db = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = if da == db || db == 1 {
            da
        } else if da == 1 {
            db
        } else {
            return Err(Error::runtime(format!(
                "The size of tensor a ({da}) must match the size of tensor b ({db}) at non-singleton dimension {i}"
            )));
        };
    }
    Ok(out)
}

impl Layout {
    pub fn contiguous(shape: &[usize]) -> Layout {
        Layout { shape: SmallVec::from_slice(shape), strides: contiguous_strides(shape), offset: 0 }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// True when every element is the one storage slot at `offset` (a scalar, or an
    /// expanded scalar such as the gradient of `sum()`: stride 0 on every dim).
    pub fn is_one_slot(&self) -> bool {
        self.shape.iter().zip(&self.strides).all(|(&d, &st)| d <= 1 || st == 0)
    }

    /// PyTorch's `is_contiguous()`: dims of size 1 may have any stride.
    pub fn is_contiguous(&self) -> bool {
        let mut expected = 1usize;
        for i in (0..self.shape.len()).rev() {
            let d = self.shape[i];
            if d == 0 {
                return true;
            }
            if d != 1 {
                if self.strides[i] != expected {
                    return false;
                }
                expected *= d;
            }
        }
        true
    }

    /// The view of this layout broadcast to `shape` (stride 0 on new or size-1 dims).
    /// PyTorch's `expand` error text when impossible.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let n = shape.len();
        if n < self.ndim() {
            return Err(Error::runtime(format!(
                "expand(torch.FloatTensor{{{}}}, size=[{}]): the number of sizes provided ({}) must be greater or equal to the number of dimensions in the tensor ({})",
                self.shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "),
                shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "),
                n,
                self.ndim()
            )));
        }
        let lead = n - self.ndim();
        let mut strides: Strides = SmallVec::from_elem(0, n);
        for i in 0..n {
            if i < lead {
                continue;
            }
            let (d, s) = (self.shape[i - lead], self.strides[i - lead]);
            if d == shape[i] {
                strides[i] = s;
            } else if d == 1 {
                strides[i] = 0;
            } else {
                return Err(Error::runtime(format!(
                    "The expanded size of the tensor ({}) must match the existing size ({}) at non-singleton dimension {}.  Target sizes: {}.  Tensor sizes: {}",
                    shape[i], d, i, fmt_shape(shape), fmt_shape(&self.shape)
                )));
            }
        }
        Ok(Layout { shape: SmallVec::from_slice(shape), strides, offset: self.offset })
    }

    /// Visits the storage offset of every element in row-major order. Iterative (no
    /// recursion), with the innermost dimension as a tight loop.
    #[inline]
    pub fn for_each_offset(&self, mut f: impl FnMut(usize)) {
        let nd = self.shape.len();
        if nd == 0 {
            f(self.offset);
            return;
        }
        if self.shape.iter().any(|&d| d == 0) {
            return;
        }
        let (inner, istride) = (self.shape[nd - 1], self.strides[nd - 1]);
        let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nd - 1);
        let mut base = self.offset;
        loop {
            let mut o = base;
            for _ in 0..inner {
                f(o);
                o += istride;
            }
            // Advance the odometer over the outer dims.
            let mut d = nd - 1;
            loop {
                if d == 0 {
                    return;
                }
                d -= 1;
                idx[d] += 1;
                base += self.strides[d];
                if idx[d] < self.shape[d] {
                    break;
                }
                base -= self.strides[d] * self.shape[d];
                idx[d] = 0;
            }
        }
    }

    /// The layout with dims of equal stride pattern merged, preserving iteration order.
    /// Useful for fast kernels (fewer, longer inner loops).
    pub fn coalesced(&self) -> Layout {
        let mut shape: Shape = SmallVec::new();
        let mut strides: Strides = SmallVec::new();
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            if d == 1 {
                continue;
            }
            if let (Some(&ld), Some(&ls)) = (shape.last(), strides.last()) {
                if ls == s * d {
                    let _ = ld;
                    *shape.last_mut().unwrap_or(&mut 0) *= d;
                    *strides.last_mut().unwrap_or(&mut 0) = s;
                    continue;
                }
            }
            shape.push(d);
            strides.push(s);
        }
        Layout { shape, strides, offset: self.offset }
    }

    /// Highest storage index touched plus one (0 for an empty tensor).
    pub fn storage_extent(&self) -> usize {
        if self.shape.iter().any(|&d| d == 0) {
            return 0;
        }
        self.offset + self.shape.iter().zip(&self.strides).map(|(&d, &s)| (d - 1) * s).sum::<usize>() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slot_layouts() {
        let scalar = Layout::contiguous(&[]);
        assert!(scalar.is_one_slot());
        assert!(scalar.broadcast_to(&[256, 1024]).unwrap().is_one_slot());
        assert!(Layout::contiguous(&[1, 1]).broadcast_to(&[3, 4]).unwrap().is_one_slot());
        assert!(!Layout::contiguous(&[4]).broadcast_to(&[3, 4]).unwrap().is_one_slot());
        assert!(!Layout::contiguous(&[2]).is_one_slot());
    }

    #[test]
    fn broadcast_ok_and_error() {
        assert_eq!(broadcast_shapes(&[3, 1], &[4]).unwrap().as_slice(), &[3, 4]);
        let e = broadcast_shapes(&[2, 3], &[3, 2]).unwrap_err();
        assert_eq!(
            e.msg,
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"
        );
    }

    #[test]
    fn offsets_of_transpose() {
        let l = Layout { shape: SmallVec::from_slice(&[3, 2]), strides: SmallVec::from_slice(&[1, 3]), offset: 0 };
        let mut v = vec![];
        l.for_each_offset(|o| v.push(o));
        assert_eq!(v, vec![0, 3, 1, 4, 2, 5]);
        assert!(!l.is_contiguous());
        assert!(Layout::contiguous(&[2, 1, 3]).is_contiguous());
    }

    #[test]
    fn coalesce_merges_contiguous() {
        let l = Layout::contiguous(&[2, 3, 4]).coalesced();
        assert_eq!(l.shape.as_slice(), &[24]);
    }

    #[test]
    fn dim_errors() {
        assert_eq!(normalize_dim(-1, 3).unwrap(), 2);
        assert_eq!(
            normalize_dim(3, 3).unwrap_err().msg,
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)"
        );
    }
}
