//! Shape ops that PyTorch defines as views: they return a new tensor object sharing the
//! input's storage with another layout (`view`, `transpose`, `permute`, `expand`,
//! `narrow`, `select`, slicing, `chunk`/`split`/`unbind`, `diagonal`, ...). `reshape` and
//! `flatten` are views when the strides allow it and copies otherwise. The copying shape
//! ops (`flip`, `roll`, `repeat`, `tile`) live in `reorder` and are re-exported here.
//!
//! Dims at this API are `i64` and may be negative; errors carry PyTorch's exact text.

use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::tensor::dtype::scalar_type_name;
use crate::tensor::layout::{Shape, Strides, fmt_shape, normalize_dim};
use crate::tensor::{Layout, Tensor};

pub use super::reorder::{flip, repeat, roll, tile};

/// `[2, -1]` as PyTorch prints an `IntArrayRef` in messages.
pub(crate) fn fmt_i64s(v: &[i64]) -> String {
    let parts: Vec<String> = v.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// A view of `a` with the given geometry.
fn make_view(a: &Tensor, shape: Shape, strides: Strides, offset: usize) -> Tensor {
    a.with_layout(Layout { shape, strides, offset })
}

/// PyTorch's `infer_size`: resolves one `-1` against `numel`.
pub fn infer_size(shape: &[i64], numel: usize) -> Result<Shape> {
    let mut newsize: usize = 1;
    let mut infer: Option<usize> = None;
    for (i, &d) in shape.iter().enumerate() {
        if d == -1 {
            if infer.is_some() {
                return Err(Error::runtime("only one dimension can be inferred"));
            }
            infer = Some(i);
        } else if d >= 0 {
            newsize = newsize.saturating_mul(d as usize);
        } else {
            return Err(Error::runtime(format!("invalid shape dimension {d}")));
        }
    }
    let ok = numel == newsize || (infer.is_some() && newsize > 0 && numel % newsize == 0);
    if !ok {
        return Err(Error::runtime(format!(
            "shape '{}' is invalid for input of size {}",
            fmt_i64s(shape),
            numel
        )));
    }
    let mut out: Shape = shape.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(i) = infer {
        if newsize == 0 {
            return Err(Error::runtime(format!(
                "cannot reshape tensor of 0 elements into shape {} because the unspecified dimension size -1 can be any value and is ambiguous",
                fmt_i64s(shape)
            )));
        }
        out[i] = numel / newsize;
    }
    Ok(out)
}

/// PyTorch's `computeStride`: strides that let `newshape` view memory laid out as
/// (`oldshape`, `oldstride`), or `None` when a new dim would span two non-contiguous
/// chunks of the old layout.
pub fn compute_stride(oldshape: &[usize], oldstride: &[usize], newshape: &[usize]) -> Option<Strides> {
    if oldshape.is_empty() {
        return Some(SmallVec::from_elem(1, newshape.len()));
    }
    let numel: usize = oldshape.iter().product();
    if numel == 0 && oldshape == newshape {
        return Some(SmallVec::from_slice(oldstride));
    }
    let mut newstride: Strides = SmallVec::from_elem(0, newshape.len());
    if numel == 0 {
        for d in (0..newshape.len()).rev() {
            newstride[d] = if d + 1 == newshape.len() { 1 } else { newshape[d + 1].max(1) * newstride[d + 1] };
        }
        return Some(newstride);
    }
    let mut view_d = newshape.len() as isize - 1;
    let mut chunk_base_stride = *oldstride.last()?;
    let mut tensor_numel = 1usize;
    let mut view_numel = 1usize;
    for tensor_d in (0..oldshape.len()).rev() {
        tensor_numel *= oldshape[tensor_d];
        let chunk_end = tensor_d == 0
            || (oldshape[tensor_d - 1] != 1 && oldstride[tensor_d - 1] != tensor_numel * chunk_base_stride);
        if chunk_end {
            while view_d >= 0 && (view_numel < tensor_numel || newshape[view_d as usize] == 1) {
                newstride[view_d as usize] = view_numel * chunk_base_stride;
                view_numel *= newshape[view_d as usize];
                view_d -= 1;
            }
            if view_numel != tensor_numel {
                return None;
            }
            if tensor_d > 0 {
                chunk_base_stride = oldstride[tensor_d - 1];
                tensor_numel = 1;
                view_numel = 1;
            }
        }
    }
    if view_d != -1 {
        return None;
    }
    Some(newstride)
}

/// `a.view(shape)`: always a view; PyTorch's error when the strides do not allow one.
pub fn view(a: &Tensor, shape: &[i64]) -> Result<Tensor> {
    let l = a.layout();
    let newshape = infer_size(shape, l.numel())?;
    match compute_stride(&l.shape, &l.strides, &newshape) {
        Some(st) => Ok(make_view(a, newshape, st, l.offset)),
        None => Err(Error::runtime(
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
        )),
    }
}

/// `a.reshape(shape)`: a view when the strides allow it, else a contiguous copy.
pub fn reshape(a: &Tensor, shape: &[i64]) -> Result<Tensor> {
    let l = a.layout();
    let newshape = infer_size(shape, l.numel())?;
    Ok(reshape_to(a, &newshape))
}

/// `reshape` with an already resolved shape (same numel guaranteed by the caller).
pub(crate) fn reshape_to(a: &Tensor, newshape: &[usize]) -> Tensor {
    let l = a.layout();
    match compute_stride(&l.shape, &l.strides, newshape) {
        Some(st) => make_view(a, SmallVec::from_slice(newshape), st, l.offset),
        None => {
            let c = a.copy_contiguous();
            c.with_layout(Layout::contiguous(newshape))
        }
    }
}

/// `a.transpose(d0, d1)` (also `swapaxes`, `swapdims`).
pub fn transpose(a: &Tensor, d0: i64, d1: i64) -> Result<Tensor> {
    let mut l = a.layout();
    let n = l.ndim();
    let (x, y) = (normalize_dim(d0, n)?, normalize_dim(d1, n)?);
    if n > 0 {
        l.shape.swap(x, y);
        l.strides.swap(x, y);
    }
    Ok(a.with_layout(l))
}

/// `a.t()`: transpose of a matrix; 0-d and 1-d tensors come back as views unchanged.
pub fn t(a: &Tensor) -> Result<Tensor> {
    let n = a.ndim();
    if n > 2 {
        return Err(Error::runtime(format!(
            "t() expects a tensor with <= 2 dimensions, but self is {n}D"
        )));
    }
    if n < 2 {
        return Ok(a.with_layout(a.layout()));
    }
    transpose(a, 0, 1)
}

/// `a.mT`: transpose of the last two dims.
pub fn mt(a: &Tensor) -> Result<Tensor> {
    let n = a.ndim();
    if n < 2 {
        return Err(Error::runtime(format!(
            "tensor.mT is only supported on matrices or batches of matrices. Got {n}-D tensor."
        )));
    }
    transpose(a, -2, -1)
}

/// `a.permute(dims)`.
pub fn permute(a: &Tensor, dims: &[i64]) -> Result<Tensor> {
    let l = a.layout();
    let n = l.ndim();
    if dims.len() != n {
        return Err(Error::runtime(format!(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {} is not equal to len(dims) = {}",
            n,
            dims.len()
        )));
    }
    let mut seen = vec![false; n];
    let mut shape: Shape = SmallVec::with_capacity(n);
    let mut strides: Strides = SmallVec::with_capacity(n);
    for &d in dims {
        let d = normalize_dim(d, n)?;
        if seen[d] {
            return Err(Error::runtime("permute(): duplicate dims are not allowed."));
        }
        seen[d] = true;
        shape.push(l.shape[d]);
        strides.push(l.strides[d]);
    }
    Ok(make_view(a, shape, strides, l.offset))
}

/// `a.squeeze()` (all size-1 dims) or `a.squeeze(dims)` (those of the given dims that
/// have size 1).
pub fn squeeze(a: &Tensor, dims: Option<&[i64]>) -> Result<Tensor> {
    let l = a.layout();
    let n = l.ndim();
    let mut drop = vec![false; n];
    match dims {
        None => {
            for i in 0..n {
                drop[i] = l.shape[i] == 1;
            }
        }
        Some(ds) => {
            for &d in ds {
                let d = normalize_dim(d, n)?;
                if n > 0 && l.shape[d] == 1 {
                    drop[d] = true;
                }
            }
        }
    }
    let mut shape: Shape = SmallVec::new();
    let mut strides: Strides = SmallVec::new();
    for i in 0..n {
        if !drop[i] {
            shape.push(l.shape[i]);
            strides.push(l.strides[i]);
        }
    }
    Ok(make_view(a, shape, strides, l.offset))
}

/// `a.unsqueeze(dim)`; `dim` ranges over `ndim + 1` positions.
pub fn unsqueeze(a: &Tensor, dim: i64) -> Result<Tensor> {
    let mut l = a.layout();
    let n = l.ndim();
    let d = normalize_dim(dim, n + 1)?;
    let stride = if d >= n { 1 } else { l.shape[d] * l.strides[d] };
    l.shape.insert(d, 1);
    l.strides.insert(d, stride);
    Ok(a.with_layout(l))
}

/// `a.flatten(start, end)`: a view when possible; returns `a` itself when
/// `start == end` (as PyTorch does).
pub fn flatten(a: &Tensor, start: i64, end: i64) -> Result<Tensor> {
    let shape = a.shape();
    let n = shape.len();
    let s = normalize_dim(start, n)?;
    let e = normalize_dim(end, n)?;
    if n == 0 {
        return Ok(reshape_to(a, &[1]));
    }
    if s > e {
        return Err(Error::runtime("flatten() has invalid args: start_dim cannot come after end_dim"));
    }
    if s == e {
        return Ok(a.clone());
    }
    let mut newshape: Shape = SmallVec::from_slice(&shape[..s]);
    newshape.push(shape[s..=e].iter().product());
    newshape.extend_from_slice(&shape[e + 1..]);
    Ok(reshape_to(a, &newshape))
}

/// `a.unflatten(dim, sizes)`: splits one dim into `sizes` (one `-1` allowed).
pub fn unflatten(a: &Tensor, dim: i64, sizes: &[i64]) -> Result<Tensor> {
    let shape = a.shape();
    if shape.is_empty() {
        return Err(Error::index(format!(
            "Dimension specified as {dim} but tensor has no dimensions"
        )));
    }
    let d = normalize_dim(dim, shape.len())?;
    if sizes.is_empty() {
        return Err(Error::runtime("unflatten: sizes must be non-empty"));
    }
    let inner = match infer_size(sizes, shape[d]) {
        Ok(s) => s,
        Err(e) if e.msg.contains("is invalid for input of size") => {
            return Err(Error::runtime(format!(
                "unflatten: Provided sizes {} don't multiply up to the size of dim {} ({}) in the input tensor",
                fmt_i64s(sizes),
                d,
                shape[d]
            )));
        }
        Err(e) => return Err(Error::runtime(format!("unflatten got an unexpected error:\n{}", e.msg))),
    };
    let mut newshape: Vec<i64> = shape[..d].iter().map(|&x| x as i64).collect();
    newshape.extend(inner.iter().map(|&x| x as i64));
    newshape.extend(shape[d + 1..].iter().map(|&x| x as i64));
    view(a, &newshape)
}

/// `a.expand(sizes)`: stride-0 view; `-1` keeps a size.
pub fn expand(a: &Tensor, sizes: &[i64]) -> Result<Tensor> {
    let l = a.layout();
    let nd = l.ndim();
    let n = sizes.len();
    if n < nd {
        return Err(Error::runtime(format!(
            "expand(torch.{}Tensor{{{}}}, size={}): the number of sizes provided ({}) must be greater or equal to the number of dimensions in the tensor ({})",
            scalar_type_name(a.dtype()),
            fmt_shape(&l.shape),
            fmt_i64s(sizes),
            n,
            nd
        )));
    }
    let mut shape: Shape = SmallVec::from_elem(0, n);
    let mut strides: Strides = SmallVec::from_elem(0, n);
    for i in (0..n).rev() {
        let off = n - 1 - i;
        let existing = off < nd;
        let dim = if existing { nd - 1 - off } else { 0 };
        let size = if existing { l.shape[dim] as i64 } else { 1 };
        let mut stride = if existing {
            l.strides[dim]
        } else if i + 1 < n {
            shape[i + 1] * strides[i + 1]
        } else {
            1
        };
        let mut target = sizes[i];
        if target == -1 {
            if !existing {
                return Err(Error::runtime(format!(
                    "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {i}"
                )));
            }
            target = size;
        }
        let mut out = size;
        if size != target {
            if size != 1 {
                return Err(Error::runtime(format!(
                    "The expanded size of the tensor ({}) must match the existing size ({}) at non-singleton dimension {}.  Target sizes: {}.  Tensor sizes: {}",
                    target,
                    size,
                    i,
                    fmt_i64s(sizes),
                    fmt_shape(&l.shape)
                )));
            }
            out = target;
            stride = 0;
        }
        if out < 0 {
            return Err(Error::runtime(format!(
                "Trying to create tensor with negative dimension {}: {}",
                out,
                fmt_i64s(sizes)
            )));
        }
        shape[i] = out as usize;
        strides[i] = stride;
    }
    Ok(make_view(a, shape, strides, l.offset))
}

/// `torch.broadcast_to(a, shape)` (PyTorch's is `a.expand(shape)`).
pub fn broadcast_to(a: &Tensor, shape: &[i64]) -> Result<Tensor> {
    expand(a, shape)
}

/// `a.narrow(dim, start, length)`.
pub fn narrow(a: &Tensor, dim: i64, start: i64, length: i64) -> Result<Tensor> {
    let n = a.ndim();
    if n == 0 {
        return Err(Error::runtime("narrow() cannot be applied to a 0-dim tensor."));
    }
    if length < 0 {
        return Err(Error::runtime("narrow(): length must be non-negative."));
    }
    let d = normalize_dim(dim, n)?;
    let size = a.shape()[d] as i64;
    if start < -size || start > size {
        return Err(Error::index(format!(
            "start out of range (expected to be in range of [{}, {}], but got {})",
            -size, size, start
        )));
    }
    let start = if start < 0 { start + size } else { start };
    if start > size - length {
        return Err(Error::runtime(format!(
            "start ({start}) + length ({length}) exceeds dimension size ({size})."
        )));
    }
    slice(a, d as i64, Some(start), Some(start + length), 1)
}

fn select_impl(a: &Tensor, dim: i64, index: i64, python_text: bool) -> Result<Tensor> {
    let mut l = a.layout();
    let n = l.ndim();
    if n == 0 {
        return Err(Error::index("select() cannot be applied to a 0-dim tensor."));
    }
    let d = normalize_dim(dim, n)?;
    let size = l.shape[d] as i64;
    if index < -size || index >= size {
        return Err(Error::index(if python_text {
            format!("index {index} is out of bounds for dimension {d} with size {size}")
        } else {
            format!(
                "select(): index {index} out of range for tensor of size {} at dimension {d}",
                fmt_shape(&l.shape)
            )
        }));
    }
    let i = if index < 0 { index + size } else { index } as usize;
    l.offset += i * l.strides[d];
    l.shape.remove(d);
    l.strides.remove(d);
    Ok(a.with_layout(l))
}

/// `a[..., index, ...]` along `dim` (a view without that dim); out-of-range is the
/// IndexError Python indexing raises ("index 5 is out of bounds for dimension 0 with size 3").
pub fn select(a: &Tensor, dim: i64, index: i64) -> Result<Tensor> {
    select_impl(a, dim, index, true)
}

/// `torch.select(a, dim, index)` / `a.select(dim, index)` as a call, with the op's own
/// error text ("select(): index 5 out of range for tensor of size [3] at dimension 0").
pub fn select_op(a: &Tensor, dim: i64, index: i64) -> Result<Tensor> {
    select_impl(a, dim, index, false)
}

/// Python slicing `start:end:step` along `dim` with Python's clamping (a view).
pub fn slice(a: &Tensor, dim: i64, start: Option<i64>, end: Option<i64>, step: i64) -> Result<Tensor> {
    if step <= 0 {
        return Err(Error::value("step must be greater than zero"));
    }
    let mut l = a.layout();
    let n = l.ndim();
    if n == 0 {
        return Err(Error::runtime("slice() cannot be applied to a 0-dim tensor."));
    }
    let d = normalize_dim(dim, n)?;
    let size = l.shape[d] as i64;
    let mut s = start.unwrap_or(0);
    let mut e = end.unwrap_or(size);
    if s < 0 {
        s += size;
    }
    if e < 0 {
        e += size;
    }
    s = s.clamp(0, size);
    e = if e < s { s } else { e.min(size) };
    let len = (e - s + step - 1) / step;
    l.offset += s as usize * l.strides[d];
    l.shape[d] = len as usize;
    l.strides[d] *= step as usize;
    Ok(a.with_layout(l))
}

/// `a.chunk(chunks, dim)`.
pub fn chunk(a: &Tensor, chunks: i64, dim: i64) -> Result<Vec<Tensor>> {
    if a.ndim() == 0 {
        return Err(Error::runtime("chunk expects at least a 1-dimensional tensor"));
    }
    if chunks <= 0 {
        return Err(Error::runtime(format!(
            "chunk expects `chunks` to be greater than 0, got: {chunks}"
        )));
    }
    let d = normalize_dim(dim, a.ndim())?;
    let dim_size = a.shape()[d] as i64;
    let split_size = (dim_size + chunks - 1) / chunks;
    if split_size == 0 && dim_size == 0 {
        let mut sizes = vec![0i64; chunks as usize];
        if let Some(last) = sizes.last_mut() {
            *last = split_size - (split_size * chunks - dim_size);
        }
        return split(a, &SplitSize::Sizes(sizes), dim);
    }
    split(a, &SplitSize::Size(split_size), dim)
}

/// The split argument of `split`: one chunk size or explicit sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitSize {
    Size(i64),
    Sizes(Vec<i64>),
}

/// `a.split(size_or_sizes, dim)`.
pub fn split(a: &Tensor, size: &SplitSize, dim: i64) -> Result<Vec<Tensor>> {
    if a.ndim() == 0 {
        return Err(Error::runtime("split expects at least a 1-dimensional tensor"));
    }
    match size {
        SplitSize::Size(ss) => {
            let ss = *ss;
            if ss < 0 {
                return Err(Error::runtime(format!(
                    "split expects split_size be non-negative, but got split_size={ss}"
                )));
            }
            let d = normalize_dim(dim, a.ndim())?;
            let dim_size = a.shape()[d] as i64;
            if ss == 0 && dim_size != 0 {
                return Err(Error::runtime(format!(
                    "split_size can only be 0 if dimension size is 0, but got dimension size of {dim_size}"
                )));
            }
            let num = if ss != 0 { ((dim_size + ss - 1) / ss).max(1) } else { 1 };
            let last = ss - (ss * num - dim_size);
            (0..num)
                .map(|i| {
                    let len = if i < num - 1 { ss } else { last };
                    narrow(a, d as i64, i * ss, len)
                })
                .collect()
        }
        SplitSize::Sizes(sizes) => {
            let d = normalize_dim(dim, a.ndim())?;
            let dim_size = a.shape()[d] as i64;
            let mut start = 0i64;
            let mut out = Vec::with_capacity(sizes.len());
            for &len in sizes {
                if len < 0 {
                    return Err(Error::runtime(format!(
                        "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={}",
                        fmt_i64s(sizes)
                    )));
                }
                out.push(slice(a, d as i64, Some(start), Some(start + len), 1)?);
                start += len;
            }
            if start != dim_size {
                return Err(Error::runtime(format!(
                    "split_with_sizes expects split_sizes to sum exactly to {} (input tensor's size at dimension {}), but got split_sizes={}",
                    dim_size,
                    dim,
                    fmt_i64s(sizes)
                )));
            }
            Ok(out)
        }
    }
}

/// `a.unbind(dim)`: the views `a.select(dim, i)` for every `i`.
pub fn unbind(a: &Tensor, dim: i64) -> Result<Vec<Tensor>> {
    let n = a.ndim();
    if n == 0 {
        return Err(Error::index(format!(
            "Dimension specified as {dim} but tensor has no dimensions"
        )));
    }
    let d = normalize_dim(dim, n)?;
    let size = a.shape()[d];
    (0..size).map(|i| select(a, d as i64, i as i64)).collect()
}

/// `torch.movedim(a, src, dst)` (also `moveaxis`).
pub fn movedim(a: &Tensor, src: &[i64], dst: &[i64]) -> Result<Tensor> {
    if src.len() != dst.len() {
        return Err(Error::runtime(format!(
            "movedim: Invalid source or destination dims: source ({} dims) should contain the same number of dims as destination ({} dims)",
            fmt_i64s(src),
            fmt_i64s(dst)
        )));
    }
    let n = a.ndim();
    let ns: Vec<usize> = src.iter().map(|&d| normalize_dim(d, n)).collect::<Result<_>>()?;
    let nd: Vec<usize> = dst.iter().map(|&d| normalize_dim(d, n)).collect::<Result<_>>()?;
    let unique = |v: &[usize]| {
        let mut c = v.to_vec();
        c.sort_unstable();
        c.windows(2).all(|w| w[0] != w[1])
    };
    if !unique(&ns) {
        return Err(Error::runtime(format!("movedim: repeated dim in `source` ({})", fmt_i64s(src))));
    }
    if !unique(&nd) {
        return Err(Error::runtime(format!(
            "movedim: repeated dim in `destination` ({})",
            fmt_i64s(dst)
        )));
    }
    if n == 0 {
        return Ok(a.with_layout(a.layout()));
    }
    let mut order: Vec<Option<usize>> = vec![None; n];
    for (&s, &d) in ns.iter().zip(&nd) {
        order[d] = Some(s);
    }
    let mut rest = (0..n).filter(|i| !ns.contains(i));
    let perm: Vec<i64> = order
        .into_iter()
        .map(|o| o.or_else(|| rest.next()).unwrap_or(0) as i64)
        .collect();
    permute(a, &perm)
}

/// `a.diagonal(offset, d1, d2)`: a view with the diagonal as the last dim.
pub fn diagonal(a: &Tensor, offset: i64, d1: i64, d2: i64) -> Result<Tensor> {
    let l = a.layout();
    let n = l.ndim();
    let x = normalize_dim(d1, n)?;
    let y = normalize_dim(d2, n)?;
    if x == y {
        return Err(Error::runtime(format!("diagonal dimensions cannot be identical {d1}, {d2}")));
    }
    let (sx, sy) = (l.shape[x] as i64, l.shape[y] as i64);
    let diag = if offset >= 0 { sx.min(sy - offset).max(0) } else { (sx + offset).min(sy).max(0) };
    let mut off = l.offset;
    if diag > 0 {
        if offset >= 0 {
            off += offset as usize * l.strides[y];
        } else {
            off += (-offset) as usize * l.strides[x];
        }
    }
    let mut shape: Shape = SmallVec::new();
    let mut strides: Strides = SmallVec::new();
    for i in 0..n {
        if i != x && i != y {
            shape.push(l.shape[i]);
            strides.push(l.strides[i]);
        }
    }
    shape.push(diag as usize);
    strides.push(l.strides[x] + l.strides[y]);
    Ok(make_view(a, shape, strides, off))
}

/// `a.unfold(dim, size, step)`: sliding windows as a new last dim (a view).
pub fn unfold(a: &Tensor, dim: i64, size: i64, step: i64) -> Result<Tensor> {
    let mut l = a.layout();
    let n = l.ndim();
    let d = normalize_dim(dim, n)?;
    let max = if n == 0 { 1 } else { l.shape[d] as i64 };
    if size > max {
        return Err(Error::runtime(format!(
            "maximum size for tensor at dimension {d} is {max} but size is {size}"
        )));
    }
    if size < 0 {
        return Err(Error::runtime(format!("size is {size} but must be >= 0")));
    }
    if step <= 0 {
        return Err(Error::runtime(format!("step is {step} but must be > 0")));
    }
    if n == 0 {
        l.shape.push(size as usize);
        l.strides.push(1);
        return Ok(a.with_layout(l));
    }
    let st = l.strides[d];
    l.shape[d] = ((max - size) / step + 1) as usize;
    l.strides[d] = st * step as usize;
    l.shape.push(size as usize);
    l.strides.push(st);
    Ok(a.with_layout(l))
}

#[cfg(test)]
#[path = "movement_tests.rs"]
mod tests;
