//! Matrix products: `matmul` (all rank combinations with batch broadcasting), `mm`, `bmm`,
//! `mv`, `dot`, `outer`. float32/float64 go through `matrixmultiply` with the operands'
//! real row/column strides (transposed or expanded views are never copied), a large product
//! split into row or column blocks over the rayon workers (`split_gemm`: one thread pool for
//! every kernel, and the interpreter's thread works on a block instead of waiting for a pool
//! to wake); other dtypes use a straightforward loop (integers wrap, f16/bf16 accumulate in
//! f32).

use std::mem::MaybeUninit;

use rayon::prelude::*;

use super::binary::type_meta_name;
use super::ew::{for_each_strided, Real};
use crate::error::{Error, Result};
use crate::tensor::dtype::{not_implemented_for, scalar_type_name, C64};
use crate::tensor::layout::{broadcast_shapes, Shape};
use crate::tensor::{BufferElem, DType, Element, Tensor};

/// One matrix operand inside a storage slice: offset and element strides.
#[derive(Clone, Copy, Debug)]
struct Mat {
    off: usize,
    rs: usize,
    cs: usize,
}

/// Element types with a GEMM kernel: `c (m x n, contiguous) = a (m x k) * b (k x n)`. `c`
/// may be uninitialised: every kernel writes each of its elements and reads none.
trait Gemm: BufferElem {
    fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]);
}

macro_rules! impl_gemm_blas {
    ($t:ty, $f:ident) => {
        impl Gemm for $t {
            fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
                if m == 0 || n == 0 {
                    return;
                }
                if k == 0 {
                    c.fill(MaybeUninit::new(0.0));
                    return;
                }
                // Bounds of the operands inside their slices (checked, so the unsafe call
                // below only reads in-bounds memory).
                let a_end = am.off + (m - 1) * am.rs + (k - 1) * am.cs;
                let b_end = bm.off + (k - 1) * bm.rs + (n - 1) * bm.cs;
                assert!(a_end < a.len() && b_end < b.len() && c.len() >= m * n);
                let (pa, pb, pc) = (SendPtr(a.as_ptr().wrapping_add(am.off) as *mut $t), SendPtr(b.as_ptr().wrapping_add(bm.off) as *mut $t), SendPtr(c.as_mut_ptr() as *mut $t));
                // One block of the product: rows r0..r1 and columns c0..c1 of c.
                let block = |r0: usize, r1: usize, c0: usize, c1: usize| {
                    let (pa, pb, pc) = (&pa, &pb, &pc);
                    // SAFETY: every index touched is within the slices (checked above); the
                    // blocks of c that run at once are disjoint, and a and b are only read;
                    // with beta = 0 matrixmultiply writes c without reading it.
                    unsafe {
                        matrixmultiply::$f(
                            r1 - r0, k, c1 - c0, 1.0,
                            pa.0.add(r0 * am.rs), am.rs as isize, am.cs as isize,
                            pb.0.add(c0 * bm.cs), bm.rs as isize, bm.cs as isize,
                            0.0, pc.0.add(r0 * n + c0), n as isize, 1,
                        );
                    }
                };
                split_gemm(m, k, n, &block);
            }
        }
    };
}
/// A raw pointer shared by the blocks of one product (each block writes its own part).
struct SendPtr<T>(*mut T);
// SAFETY: the blocks of `split_gemm` read the operands and write disjoint parts of the output.
unsafe impl<T> Sync for SendPtr<T> {}
unsafe impl<T> Send for SendPtr<T> {}

/// Products below this many multiply-adds run on one thread.
const PAR_GEMM_MACS: usize = 1 << 19;

/// Runs `block(r0, r1, c0, c1)` over a split of the m x n output among the rayon workers:
/// by rows when that repeats less packing (each block packs all of b's columns it uses and
/// all of a's rows it uses), else by columns; blocks stay multiples of 16 wide.
fn split_gemm(m: usize, k: usize, n: usize, block: &(impl Fn(usize, usize, usize, usize) + Sync)) {
    let threads = rayon::current_num_threads();
    if threads < 2 || m * n * k < PAR_GEMM_MACS {
        return block(0, m, 0, n);
    }
    // Row blocks repeat the packing of b (k x n each); column blocks repeat a (m x k).
    let by_rows = n <= m;
    let len = if by_rows { m } else { n };
    let parts = threads.min(len.div_ceil(16)).max(1);
    let step = len.div_ceil(parts).div_ceil(16) * 16;
    let starts: Vec<usize> = (0..len).step_by(step.max(1)).collect();
    starts.par_iter().for_each(|&s| {
        let e = (s + step).min(len);
        if by_rows { block(s, e, 0, n) } else { block(0, m, s, e) }
    });
}

impl_gemm_blas!(f32, sgemm);
impl_gemm_blas!(f64, dgemm);

fn naive_gemm<T: BufferElem, A: Copy>(
    m: usize, k: usize, n: usize, a: &[T], am: Mat, b: &[T], bm: Mat, c: &mut [MaybeUninit<T>],
    zero: A, to: impl Fn(T) -> A, fma: impl Fn(A, A, A) -> A, from: impl Fn(A) -> T,
) {
    for i in 0..m {
        for j in 0..n {
            let mut acc = zero;
            let (mut pa, mut pb) = (am.off + i * am.rs, bm.off + j * bm.cs);
            for _ in 0..k {
                acc = fma(acc, to(a[pa]), to(b[pb]));
                pa += am.cs;
                pb += bm.rs;
            }
            c[i * n + j] = MaybeUninit::new(from(acc));
        }
    }
}

macro_rules! impl_gemm_int {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
                naive_gemm(m, k, n, a, am, b, bm, c, 0 as $t, |x| x, |s: $t, x: $t, y: $t| s.add(x.mul(y)), |x| x);
            }
        }
    )*};
}
impl_gemm_int!(u8, i8, i16, i32, i64);

impl Gemm for bool {
    fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
        naive_gemm(m, k, n, a, am, b, bm, c, false, |x| x, |s, x, y| s | (x & y), |x| x);
    }
}
impl Gemm for half::f16 {
    fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
        naive_gemm(m, k, n, a, am, b, bm, c, 0f32, |x| x.to_f32(), |s, x, y| s + x * y, half::f16::from_f32);
    }
}
impl Gemm for half::bf16 {
    fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
        naive_gemm(m, k, n, a, am, b, bm, c, 0f32, |x| x.to_f32(), |s, x, y| s + x * y, half::bf16::from_f32);
    }
}
macro_rules! impl_gemm_complex {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            fn gemm(m: usize, k: usize, n: usize, a: &[Self], am: Mat, b: &[Self], bm: Mat, c: &mut [MaybeUninit<Self>]) {
                naive_gemm(m, k, n, a, am, b, bm, c, <$t>::new(0.0, 0.0), |x| x, |s, x, y| s + x * y, |x| x);
            }
        }
    )*};
}
impl_gemm_complex!(C64, crate::tensor::dtype::C128);

/// A batched product. `a`/`b` layouts are viewed as [batch.., rows, cols] where a 1-D
/// operand contributes a unit row (a) or unit column (b) with stride 0.
struct Plan {
    batch: Shape,
    a_bstrides: Shape,
    b_bstrides: Shape,
    m: usize,
    k: usize,
    n: usize,
    a_rc: (usize, usize),
    b_rc: (usize, usize),
    out_shape: Shape,
}

fn run_plan<T: Gemm>(a: &Tensor, b: &Tensor, p: &Plan) -> Tensor {
    let nb: usize = p.batch.iter().product();
    let per = p.m * p.n;
    let total = nb * per;
    let mut out: Vec<T> = Vec::with_capacity(total);
    a.with_slice::<T, _>(|sa, la| {
        b.with_slice::<T, _>(|sb, lb| {
            let mut offs = Vec::with_capacity(nb);
            for_each_strided(&p.batch, [&p.a_bstrides, &p.b_bstrides], [la.offset, lb.offset], 0, nb, |_, [x, y]| {
                offs.push((x, y))
            });
            let one = |(i, c): (usize, &mut [MaybeUninit<T>])| {
                let (oa, ob) = offs[i];
                T::gemm(
                    p.m, p.k, p.n,
                    sa, Mat { off: oa, rs: p.a_rc.0, cs: p.a_rc.1 },
                    sb, Mat { off: ob, rs: p.b_rc.0, cs: p.b_rc.1 },
                    c,
                );
            };
            if per == 0 {
                return;
            }
            let spare = &mut out.spare_capacity_mut()[..total];
            if nb > 1 && nb * per * p.k >= 1 << 16 {
                spare.par_chunks_mut(per).enumerate().for_each(one);
            } else {
                spare.chunks_mut(per).enumerate().for_each(one);
            }
        })
    });
    // SAFETY: every batch's gemm wrote all `per` elements of its chunk (the `Gemm` contract),
    // and the chunks cover `total`; with `per == 0`, `total` is 0.
    unsafe { out.set_len(total) };
    Tensor::from_vec(out, &p.out_shape)
}

fn execute(a: &Tensor, b: &Tensor, p: &Plan, op: &str) -> Result<Tensor> {
    let dt = a.dtype();
    if dt == DType::Bool {
        return Err(not_implemented_for(op, dt));
    }
    #[cfg(feature = "cuda")]
    if crate::backend::any_cuda(&[a, b]) {
        if a.device() != b.device() {
            return Err(crate::error::Error::runtime(format!(
                "Expected all tensors to be on the same device, but got mat2 is on {}, different from other tensors on {} (when checking argument in method wrapper_CUDA_mm)",
                b.device(), a.device()
            )));
        }
        // Both operands as [batch.., rows, cols] views (a 1-D operand is a unit row or column).
        let view = |t: &Tensor, bs: &Shape, rc: (usize, usize), rows: usize, cols: usize| {
            let mut shape = p.batch.clone();
            shape.extend([rows, cols]);
            let mut strides = bs.clone();
            strides.extend([rc.0, rc.1]);
            t.with_layout(crate::tensor::Layout { shape, strides, offset: t.offset() })
        };
        let av = view(a, &p.a_bstrides, p.a_rc, p.m, p.k);
        let bv = view(b, &p.b_bstrides, p.b_rc, p.k, p.n);
        return crate::backend::cuda::ops::matmul(&av, &bv, p.m, p.k, p.n, &p.batch, &p.out_shape);
    }
    Ok(crate::dispatch!(dt, T => run_plan::<T>(a, b, p)))
}

fn mm_dtype_check(a: &Tensor, b: &Tensor) -> Result<()> {
    if a.dtype() != b.dtype() {
        return Err(Error::runtime(format!(
            "expected m1 and m2 to have the same dtype, but got: {} != {}",
            type_meta_name(a.dtype()),
            type_meta_name(b.dtype())
        )));
    }
    Ok(())
}

fn mv_dtype_check(a: &Tensor, v: &Tensor) -> Result<()> {
    if a.dtype() != v.dtype() {
        return Err(Error::runtime(format!(
            "addmv input tensors must have the same dtype, but got {}, {}, and {}",
            scalar_type_name(v.dtype()),
            scalar_type_name(a.dtype()),
            scalar_type_name(v.dtype())
        )));
    }
    Ok(())
}

fn mm_shape_error(m: usize, k: usize, k2: usize, n: usize) -> Error {
    Error::runtime(format!("mm: mat1 and mat2 shapes cannot be multiplied ({m}x{k} and {k2}x{n})"))
}

/// Builds the plan for `a @ b` once ranks >= 1 and dtypes agree; `bmm_style` chooses the
/// contraction error text of batched products.
fn plan(a: &Tensor, b: &Tensor) -> Result<Plan> {
    let (la, lb) = (a.layout(), b.layout());
    let (da, db) = (la.ndim(), lb.ndim());
    // Matrix part of each operand.
    let (m, k, a_rc) = if da == 1 { (1, la.shape[0], (0, la.strides[0])) } else {
        (la.shape[da - 2], la.shape[da - 1], (la.strides[da - 2], la.strides[da - 1]))
    };
    let (k2, n, b_rc) = if db == 1 { (lb.shape[0], 1, (lb.strides[0], 0)) } else {
        (lb.shape[db - 2], lb.shape[db - 1], (lb.strides[db - 2], lb.strides[db - 1]))
    };
    let abatch = &la.shape[..da.saturating_sub(2)];
    let bbatch = &lb.shape[..db.saturating_sub(2)];
    let batch = broadcast_shapes(abatch, bbatch)?;
    if k != k2 {
        let nb: usize = batch.iter().product();
        return Err(if da >= 3 && db <= 2 {
            let rows = abatch.iter().product::<usize>() * m;
            if db == 2 {
                mm_shape_error(rows, k, k2, n)
            } else {
                Error::runtime(format!("size mismatch, got input ({rows}), mat ({rows}x{k}), vec ({k2})"))
            }
        } else if da <= 2 && db >= 3 {
            let rows = bbatch.iter().product::<usize>() * n;
            if da == 2 {
                mm_shape_error(rows, k2, k, m)
            } else {
                Error::runtime(format!("size mismatch, got input ({rows}), mat ({rows}x{k2}), vec ({k})"))
            }
        } else if da == 1 && db == 2 {
            mm_shape_error(1, k, k2, n)
        } else {
            Error::runtime(format!(
                "Expected size for first two dimensions of batch2 tensor to be: [{nb}, {k}] but got: [{nb}, {k2}]."
            ))
        });
    }
    let sa = la.broadcast_strides(abatch, &batch, da);
    let sb = lb.broadcast_strides(bbatch, &batch, db);
    let mut out_shape = batch.clone();
    if da >= 2 {
        out_shape.push(m);
    }
    if db >= 2 {
        out_shape.push(n);
    }
    Ok(Plan { batch, a_bstrides: sa, b_bstrides: sb, m, k, n, a_rc, b_rc, out_shape })
}

/// Batch strides of an operand broadcast to `batch` (stride 0 on broadcast dims).
trait BatchStrides {
    fn broadcast_strides(&self, own: &[usize], batch: &[usize], nd: usize) -> Shape;
}
impl BatchStrides for crate::tensor::Layout {
    fn broadcast_strides(&self, own: &[usize], batch: &[usize], _nd: usize) -> Shape {
        let lead = batch.len() - own.len();
        (0..batch.len())
            .map(|i| if i < lead || own[i - lead] == 1 { 0 } else { self.strides[i - lead] })
            .collect()
    }
}

/// `a @ b` (`torch.matmul`) for every rank combination, with PyTorch's errors.
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let (da, db) = (a.ndim(), b.ndim());
    if da == 0 || db == 0 {
        return Err(Error::runtime(format!(
            "both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )));
    }
    match (da, db) {
        (1, 1) => dot(a, b),
        (2, 1) => mv(a, b),
        (2, 2) => mm(a, b),
        _ => {
            if db == 1 || (da >= 3 && db == 1) {
                mv_dtype_check(a, b)?;
            } else {
                mm_dtype_check(a, b)?;
            }
            let p = plan(a, b)?;
            execute(a, b, &p, "addmm_impl_cpu_")
        }
    }
}

/// `torch.mm`: 2-D x 2-D.
pub fn mm(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if a.ndim() != 2 {
        return Err(Error::runtime("self must be a matrix"));
    }
    if b.ndim() != 2 {
        return Err(Error::runtime("mat2 must be a matrix"));
    }
    let (sa, sb) = (a.shape(), b.shape());
    if sa[1] != sb[0] {
        return Err(mm_shape_error(sa[0], sa[1], sb[0], sb[1]));
    }
    mm_dtype_check(a, b)?;
    let p = plan(a, b)?;
    execute(a, b, &p, "addmm_impl_cpu_")
}

/// `torch.bmm`: 3-D x 3-D with equal batch sizes.
pub fn bmm(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if a.ndim() != 3 {
        return Err(Error::runtime("batch1 must be a 3D tensor"));
    }
    if b.ndim() != 3 {
        return Err(Error::runtime("batch2 must be a 3D tensor"));
    }
    let (sa, sb) = (a.shape(), b.shape());
    if sb[0] != sa[0] || sb[1] != sa[2] {
        return Err(Error::runtime(format!(
            "Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but got: [{}, {}].",
            sa[0], sa[2], sb[0], sb[1]
        )));
    }
    mm_dtype_check(a, b)?;
    let p = plan(a, b)?;
    execute(a, b, &p, "bmm")
}

/// `torch.mv`: matrix x vector.
pub fn mv(a: &Tensor, v: &Tensor) -> Result<Tensor> {
    if a.ndim() != 2 || v.ndim() != 1 {
        return Err(Error::runtime(format!(
            "vector + matrix @ vector expected, got 1, {}, {}",
            a.ndim(),
            v.ndim()
        )));
    }
    let (sa, sv) = (a.shape(), v.shape());
    if sa[1] != sv[0] {
        return Err(Error::runtime(format!(
            "size mismatch, got input ({}), mat ({}x{}), vec ({})",
            sa[0], sa[0], sa[1], sv[0]
        )));
    }
    mv_dtype_check(a, v)?;
    let p = plan(a, v)?;
    execute(a, v, &p, "addmv_impl_cpu")
}

/// `torch.dot`: 1-D x 1-D, a 0-d result.
pub fn dot(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if a.ndim() != 1 || b.ndim() != 1 {
        return Err(Error::runtime(format!(
            "1D tensors expected, but got {}D and {}D tensors",
            a.ndim(),
            b.ndim()
        )));
    }
    let (na, nb) = (a.numel(), b.numel());
    if na != nb {
        return Err(Error::runtime(format!(
            "inconsistent tensor size, expected tensor [{na}] and src [{nb}] to have the same number of elements, but got {na} and {nb} elements respectively"
        )));
    }
    if a.dtype() != b.dtype() {
        return Err(Error::runtime(format!(
            "dot : expected both vectors to have same dtype, but found {} and {}",
            scalar_type_name(a.dtype()),
            scalar_type_name(b.dtype())
        )));
    }
    let p = plan(a, b)?;
    execute(a, b, &p, "dot")
}

/// `torch.outer`: a[:, None] * b[None, :] with type promotion.
pub fn outer(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    for (t, name) in [(a, "self"), (b, "vec2")] {
        if t.ndim() != 1 {
            return Err(Error::runtime(format!(
                "outer: Expected 1-D argument {name}, but got {}-D",
                t.ndim()
            )));
        }
    }
    let la = a.layout();
    let col = a.with_layout(crate::tensor::Layout {
        shape: smallvec::smallvec![la.shape[0], 1],
        strides: smallvec::smallvec![la.strides[0], 0],
        offset: la.offset,
    });
    super::binary::binary(super::binary::BinaryOp::Mul, &col, b)
}

#[allow(dead_code)]
fn _assert_element<T: Element>() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Layout;

    fn naive(a: &[f64], ash: (usize, usize), b: &[f64], bsh: (usize, usize)) -> Vec<f64> {
        let mut c = vec![0.0; ash.0 * bsh.1];
        for i in 0..ash.0 {
            for j in 0..bsh.1 {
                for p in 0..ash.1 {
                    c[i * bsh.1 + j] += a[i * ash.1 + p] * b[p * bsh.1 + j];
                }
            }
        }
        c
    }

    fn view(t: &Tensor, shape: &[usize], strides: &[usize], off: usize) -> Tensor {
        t.with_layout(Layout { shape: shape.into(), strides: strides.into(), offset: off })
    }

    #[test]
    fn mm_transposed_and_naive() {
        let av: Vec<f32> = (0..6).map(|x| x as f32).collect();
        let a = Tensor::from_vec(av.clone(), &[2, 3]);
        let bt = Tensor::from_vec((0..6).map(|x| (x * 2) as f32).collect::<Vec<_>>(), &[2, 3]);
        // b = bt.T, 3x2, non-contiguous
        let b = view(&bt, &[3, 2], &[1, 3], 0);
        let r = matmul(&a, &b).unwrap();
        let bdense: Vec<f64> = b.to_vec_as::<f64>();
        let want = naive(&av.iter().map(|&x| x as f64).collect::<Vec<_>>(), (2, 3), &bdense, (3, 2));
        assert_eq!(r.shape().as_slice(), &[2, 2]);
        assert_eq!(r.to_vec_as::<f64>(), want);
        // int path agrees
        let ri = matmul(&a.cast(DType::I64), &b.cast(DType::I64)).unwrap();
        assert_eq!(ri.dtype(), DType::I64);
        assert_eq!(ri.to_vec_as::<f64>(), want);
    }

    #[test]
    fn rank_combinations() {
        let a = Tensor::from_vec((0..12).map(|x| x as f64).collect::<Vec<_>>(), &[2, 2, 3]);
        let b = Tensor::from_vec((0..12).map(|x| x as f64).collect::<Vec<_>>(), &[2, 3, 2]);
        let r = matmul(&a, &b).unwrap();
        assert_eq!(r.shape().as_slice(), &[2, 2, 2]);
        let av = a.to_vec::<f64>();
        let bv = b.to_vec::<f64>();
        let mut want = naive(&av[..6], (2, 3), &bv[..6], (3, 2));
        want.extend(naive(&av[6..], (2, 3), &bv[6..], (3, 2)));
        assert_eq!(r.to_vec::<f64>(), want);
        assert_eq!(bmm(&a, &b).unwrap().to_vec::<f64>(), want);
        // broadcast batch: (2,2,3) @ (3,2)
        let b2 = view(&b, &[3, 2], &[2, 1], 6);
        let r = matmul(&a, &b2).unwrap();
        let mut want = naive(&av[..6], (2, 3), &bv[6..], (3, 2));
        want.extend(naive(&av[6..], (2, 3), &bv[6..], (3, 2)));
        assert_eq!(r.to_vec::<f64>(), want);
        // 1-D cases
        let v = Tensor::from_vec(vec![1.0f64, 2.0, 3.0], &[3]);
        let m = Tensor::from_vec((0..6).map(|x| x as f64).collect::<Vec<_>>(), &[2, 3]);
        assert_eq!(matmul(&m, &v).unwrap().to_vec::<f64>(), vec![8.0, 26.0]);
        let mt = view(&m, &[3, 2], &[1, 3], 0);
        let r = matmul(&v, &mt).unwrap();
        assert_eq!(r.shape().as_slice(), &[2]);
        assert_eq!(r.to_vec::<f64>(), vec![8.0, 26.0]);
        let d = matmul(&v, &v).unwrap();
        assert_eq!(d.ndim(), 0);
        assert_eq!(d.to_vec::<f64>(), vec![14.0]);
        // batched @ 1-D
        let r = matmul(&a, &v).unwrap();
        assert_eq!(r.shape().as_slice(), &[2, 2]);
        assert_eq!(r.to_vec::<f64>(), vec![8.0, 26.0, 44.0, 62.0]);
        let o = outer(&v, &Tensor::from_vec(vec![1i64, 2], &[2])).unwrap();
        assert_eq!(o.to_vec::<f64>(), vec![1.0, 2.0, 2.0, 4.0, 3.0, 6.0]);
    }

    #[test]
    fn error_texts() {
        let a = Tensor::from_vec(vec![1.0f32; 6], &[2, 3]);
        assert_eq!(matmul(&a, &a).unwrap_err().msg, "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
        let d = Tensor::from_vec(vec![1.0f64; 4], &[2, 2]);
        let f = Tensor::from_vec(vec![1.0f32; 4], &[2, 2]);
        assert_eq!(matmul(&f, &d).unwrap_err().msg, "expected m1 and m2 to have the same dtype, but got: float != double");
        let l = Tensor::from_vec(vec![1i64, 2], &[2]);
        assert_eq!(matmul(&f, &l).unwrap_err().msg, "addmv input tensors must have the same dtype, but got Long, Float, and Long");
        assert_eq!(bmm(&a, &a).unwrap_err().msg, "batch1 must be a 3D tensor");
        let x = Tensor::from_vec(vec![1.0f32; 3], &[3]);
        let y = Tensor::from_vec(vec![1.0f32; 2], &[2]);
        assert_eq!(
            dot(&x, &y).unwrap_err().msg,
            "inconsistent tensor size, expected tensor [3] and src [2] to have the same number of elements, but got 3 and 2 elements respectively"
        );
        let m32 = Tensor::from_vec(vec![1.0f32; 6], &[3, 2]);
        let v4 = Tensor::from_vec(vec![1.0f32; 4], &[4]);
        assert_eq!(matmul(&m32, &v4).unwrap_err().msg, "size mismatch, got input (3), mat (3x2), vec (4)");
        let s = Tensor::scalar(crate::tensor::Scalar::Float(1.0), DType::F32);
        assert_eq!(matmul(&s, &x).unwrap_err().msg, "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
    }
}
