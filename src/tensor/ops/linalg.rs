//! Dense linear algebra: LU with partial pivoting (f64 accumulation, batched over leading
//! dims) for `inverse`, `det`, `solve`; plus `cross`, `kron`, `vdot`, `inner`.

use crate::error::{Error, Result};
use crate::tensor::dtype::scalar_type_name;
use crate::tensor::layout::broadcast_shapes;
use crate::tensor::{DType, Tensor};

use super::binary::{self, BinaryOp};
use super::{join, matmul, movement};

/// Checks `a` is a batch of square float matrices (PyTorch's texts, `fname` = `linalg.inv`…).
fn check_square(a: &Tensor, fname: &str) -> Result<usize> {
    let dt = a.dtype();
    if !dt.is_floating_point() && !dt.is_complex() {
        return Err(Error::not_impl(format!(
            "{fname}: Expected a floating point or complex tensor as input. Got {}",
            scalar_type_name(dt)
        )));
    }
    if dt.is_complex() {
        return Err(Error::not_impl(format!("{fname} for complex tensors")));
    }
    if matches!(dt, DType::F16 | DType::BF16) {
        return Err(Error::runtime(format!("{fname}: Low precision dtypes not supported. Got {}", scalar_type_name(dt))));
    }
    let nd = a.ndim();
    if nd < 2 {
        return Err(Error::runtime(format!(
            "{fname}: The input tensor A must have at least 2 dimensions."
        )));
    }
    let s = a.shape();
    if s[nd - 1] != s[nd - 2] {
        return Err(Error::runtime(format!(
            "{fname}: A must be batches of square matrices, but they are {} by {} matrices",
            s[nd - 2],
            s[nd - 1]
        )));
    }
    Ok(s[nd - 1])
}

/// In-place LU factorisation of the row-major `n×n` matrix `m` with partial pivoting.
/// Returns (permutation parity sign, 1-based index of the first exactly-zero pivot or 0).
pub fn lu_factor(m: &mut [f64], n: usize, piv: &mut [usize]) -> (f64, usize) {
    let mut sign = 1.0;
    let mut info = 0;
    for k in 0..n {
        let mut p = k;
        let mut best = m[k * n + k].abs();
        for i in k + 1..n {
            let v = m[i * n + k].abs();
            if v > best {
                best = v;
                p = i;
            }
        }
        piv[k] = p;
        if p != k {
            for j in 0..n {
                m.swap(k * n + j, p * n + j);
            }
            sign = -sign;
        }
        let d = m[k * n + k];
        if d == 0.0 {
            if info == 0 {
                info = k + 1;
            }
            continue;
        }
        for i in k + 1..n {
            let f = m[i * n + k] / d;
            m[i * n + k] = f;
            if f != 0.0 {
                for j in k + 1..n {
                    m[i * n + j] -= f * m[k * n + j];
                }
            }
        }
    }
    (sign, info)
}

/// Solves `LU x = P b` in place for `k` right-hand sides stored row-major in `b` (`n×k`).
fn lu_solve(lu: &[f64], n: usize, piv: &[usize], b: &mut [f64], k: usize) {
    for (i, &p) in piv.iter().enumerate().take(n) {
        if p != i {
            for j in 0..k {
                b.swap(i * k + j, p * k + j);
            }
        }
    }
    for i in 0..n {
        for r in 0..i {
            let f = lu[i * n + r];
            if f != 0.0 {
                for j in 0..k {
                    b[i * k + j] -= f * b[r * k + j];
                }
            }
        }
    }
    for i in (0..n).rev() {
        for r in i + 1..n {
            let f = lu[i * n + r];
            if f != 0.0 {
                for j in 0..k {
                    b[i * k + j] -= f * b[r * k + j];
                }
            }
        }
        let d = lu[i * n + i];
        for j in 0..k {
            b[i * k + j] /= d;
        }
    }
}

/// Builds a tensor of dtype `dt` from f64 values.
fn from_f64(v: Vec<f64>, shape: &[usize], dt: DType) -> Tensor {
    let t = Tensor::from_vec(v, shape);
    if dt == DType::F64 {
        t
    } else {
        t.to_dtype(dt)
    }
}

/// `torch.linalg.inv` / `torch.inverse`.
pub fn inverse(a: &Tensor) -> Result<Tensor> {
    let n = check_square(a, "linalg.inv")?;
    let vals = a.to_vec_as::<f64>();
    let nn = n * n;
    let batches = if nn == 0 { 0 } else { vals.len() / nn };
    let mut out = vec![0.0; vals.len()];
    let mut piv = vec![0; n];
    for b in 0..batches {
        let mut m = vals[b * nn..(b + 1) * nn].to_vec();
        let (_, info) = lu_factor(&mut m, n, &mut piv);
        if info > 0 {
            let pre = if batches > 1 { format!("(Batch element {b}): ") } else { String::new() };
            return Err(Error::runtime(format!(
                "linalg.inv: {pre}The diagonal element {info} is zero, the inversion could not be completed because the input matrix is singular."
            )));
        }
        let o = &mut out[b * nn..(b + 1) * nn];
        for i in 0..n {
            o[i * n + i] = 1.0;
        }
        lu_solve(&m, n, &piv, o, n);
    }
    Ok(from_f64(out, &a.shape(), a.dtype()))
}

/// `torch.linalg.det` / `torch.det`.
pub fn det(a: &Tensor) -> Result<Tensor> {
    Ok(slogdet_impl(a, "linalg.det")?.0)
}

/// `(sign, logabsdet)` for `torch.linalg.slogdet`, or (det, _) via `det`.
fn slogdet_impl(a: &Tensor, fname: &str) -> Result<(Tensor, Tensor, Tensor)> {
    let n = check_square(a, fname)?;
    let vals = a.to_vec_as::<f64>();
    let nn = n * n;
    let s = a.shape();
    let bshape = &s[..s.len() - 2];
    let batches: usize = bshape.iter().product();
    let (mut dets, mut signs, mut logs) = (Vec::with_capacity(batches), Vec::new(), Vec::new());
    let mut piv = vec![0; n];
    for b in 0..batches {
        let mut m = vals[b * nn..(b + 1) * nn].to_vec();
        let (mut sign, _) = lu_factor(&mut m, n, &mut piv);
        let mut d = sign;
        let mut la = 0.0;
        for i in 0..n {
            let x = m[i * n + i];
            d *= x;
            la += x.abs().ln();
            if x < 0.0 {
                sign = -sign;
            } else if x == 0.0 {
                sign = 0.0;
            }
        }
        dets.push(d);
        signs.push(sign);
        logs.push(la);
    }
    let dt = a.dtype();
    Ok((from_f64(dets, bshape, dt), from_f64(signs, bshape, dt), from_f64(logs, bshape, dt)))
}

/// `torch.linalg.slogdet`: (sign, logabsdet).
pub fn slogdet(a: &Tensor) -> Result<(Tensor, Tensor)> {
    let (_, s, l) = slogdet_impl(a, "linalg.slogdet")?;
    Ok((s, l))
}

/// `torch.linalg.solve(A, B)`: `A` (*, n, n), `B` (*, n, k) or a (batch of) vector(s).
pub fn solve(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let n = check_square(a, "linalg.solve")?;
    if a.dtype() != b.dtype() {
        return Err(Error::runtime(format!(
            "linalg.solve: Expected A and B to have the same dtype, but found A of type {} and B of type {} instead",
            scalar_type_name(a.dtype()),
            scalar_type_name(b.dtype())
        )));
    }
    let ash = a.shape();
    let bsh = b.shape();
    let vector = bsh.len() == 1 || (bsh.len() + 1 == ash.len() && bsh[..] == ash[..ash.len() - 1]);
    let b2 = if vector { movement::unsqueeze(b, -1)? } else { b.clone() };
    let bs2 = b2.shape();
    if bs2.len() < 2 || bs2[bs2.len() - 2] != n {
        return Err(Error::runtime(format!(
            "linalg.solve: Incompatible shapes of A and B for the equation AX = B ({}x{} and {}x{})",
            n,
            n,
            bs2.get(bs2.len().wrapping_sub(2)).copied().unwrap_or(0),
            bs2.last().copied().unwrap_or(0)
        )));
    }
    let k = bs2[bs2.len() - 1];
    let batch = broadcast_shapes(&ash[..ash.len() - 2], &bs2[..bs2.len() - 2])?;
    let mut ashape: Vec<i64> = batch.iter().map(|&x| x as i64).collect();
    let mut bshape = ashape.clone();
    ashape.extend([n as i64, n as i64]);
    bshape.extend([n as i64, k as i64]);
    let av = movement::expand(a, &ashape)?.to_vec_as::<f64>();
    let mut bv = movement::expand(&b2, &bshape)?.to_vec_as::<f64>();
    let batches: usize = batch.iter().product();
    let mut piv = vec![0; n];
    for i in 0..batches {
        let mut m = av[i * n * n..(i + 1) * n * n].to_vec();
        let (_, info) = lu_factor(&mut m, n, &mut piv);
        if info > 0 {
            return Err(Error::runtime(
                "torch.linalg.solve: The solver failed because the input matrix is singular.",
            ));
        }
        lu_solve(&m, n, &piv, &mut bv[i * n * k..(i + 1) * n * k], k);
    }
    let mut shape: Vec<usize> = batch.to_vec();
    shape.push(n);
    if !vector {
        shape.push(k);
    }
    Ok(from_f64(bv, &shape, a.dtype()))
}

/// `torch.cross(a, b, dim)` / `torch.linalg.cross`: `dim=None` picks the first dim of size 3.
pub fn cross(a: &Tensor, b: &Tensor, dim: Option<i64>, fname: &str) -> Result<Tensor> {
    if a.ndim() != b.ndim() {
        return Err(Error::runtime(format!(
            "{fname}: inputs must have the same number of dimensions."
        )));
    }
    let shape = broadcast_shapes(&a.shape(), &b.shape())?;
    let sh: Vec<i64> = shape.iter().map(|&x| x as i64).collect();
    let (a, b) = (movement::expand(a, &sh)?, movement::expand(b, &sh)?);
    let d = match dim {
        Some(d) => crate::tensor::layout::normalize_dim(d, shape.len())?,
        None => shape
            .iter()
            .position(|&s| s == 3)
            .ok_or_else(|| Error::runtime("no dimension of size 3 in input"))?,
    };
    if shape.get(d) != Some(&3) {
        return Err(Error::runtime(format!(
            "{fname}: inputs dimension {} must have length 3. Got {} and {}",
            dim.unwrap_or(d as i64),
            a.shape()[d],
            b.shape()[d]
        )));
    }
    let di = d as i64;
    let g = |t: &Tensor, i: i64| movement::select(t, di, i);
    let comp = |i: i64, j: i64| -> Result<Tensor> {
        let l = binary::binary(BinaryOp::Mul, &g(&a, i)?, &g(&b, j)?)?;
        let r = binary::binary(BinaryOp::Mul, &g(&a, j)?, &g(&b, i)?)?;
        binary::binary(BinaryOp::Sub, &l, &r)
    };
    join::stack(&[comp(1, 2)?, comp(2, 0)?, comp(0, 1)?], di)
}

/// `torch.kron(a, b)`: the Kronecker product (shapes padded with leading 1s).
pub fn kron(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let nd = a.ndim().max(b.ndim());
    let pad = |t: &Tensor| -> Vec<i64> {
        let s = t.shape();
        let mut v = vec![1i64; nd - s.len()];
        v.extend(s.iter().map(|&x| x as i64));
        v
    };
    let (sa, sb) = (pad(a), pad(b));
    let mut ra = Vec::with_capacity(2 * nd);
    let mut rb = Vec::with_capacity(2 * nd);
    let mut out = Vec::with_capacity(nd);
    for i in 0..nd {
        ra.extend([sa[i], 1]);
        rb.extend([1, sb[i]]);
        out.push(sa[i] * sb[i]);
    }
    let p = binary::binary(BinaryOp::Mul, &movement::reshape(a, &ra)?, &movement::reshape(b, &rb)?)?;
    movement::reshape(&p, &out)
}

/// `torch.vdot(a, b)`: conj(a)·b of 1-D tensors.
pub fn vdot(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if a.ndim() != 1 || b.ndim() != 1 {
        return Err(Error::runtime(format!(
            "1D tensors expected, but got {}D and {}D tensors",
            a.ndim(),
            b.ndim()
        )));
    }
    if a.dtype().is_complex() {
        let c = super::unary::unary(super::unary::UnaryOp::Conj, a)?;
        return matmul::dot(&c, b);
    }
    matmul::dot(a, b)
}

/// `torch.inner(a, b)`: contraction over the last dims; a 0-d operand multiplies.
pub fn inner(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return binary::binary(BinaryOp::Mul, a, b);
    }
    let (sa, sb) = (a.shape(), b.shape());
    let (ka, kb) = (sa[sa.len() - 1], sb[sb.len() - 1]);
    if ka != kb {
        return Err(Error::runtime(format!(
            "inner() the last dimension must match on both input tensors but got shapes {} and {}",
            crate::tensor::layout::fmt_shape(&sa),
            crate::tensor::layout::fmt_shape(&sb)
        )));
    }
    let m: usize = sa[..sa.len() - 1].iter().product();
    let n: usize = sb[..sb.len() - 1].iter().product();
    let a2 = movement::reshape(a, &[m as i64, ka as i64])?;
    let b2 = movement::reshape(b, &[n as i64, kb as i64])?;
    let r = matmul::mm(&a2, &movement::t(&b2)?)?;
    let mut out: Vec<i64> = sa[..sa.len() - 1].iter().map(|&x| x as i64).collect();
    out.extend(sb[..sb.len() - 1].iter().map(|&x| x as i64));
    movement::reshape(&r, &out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: Vec<f64>, s: &[usize]) -> Tensor {
        Tensor::from_vec(v, s)
    }

    #[test]
    fn inverse_times_a_is_identity() {
        let a = m(vec![4.0, 7.0, 2.0, 3.0, 6.0, 1.0, 2.0, 5.0, 3.0], &[3, 3]);
        let inv = inverse(&a).unwrap();
        let p = matmul::mm(&inv, &a).unwrap().to_vec::<f64>();
        for i in 0..3 {
            for j in 0..3 {
                let e = if i == j { 1.0 } else { 0.0 };
                assert!((p[i * 3 + j] - e).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn det_matches_cofactor_expansion() {
        let v = vec![2.0, -3.0, 1.0, 2.0, 0.0, -1.0, 1.0, 4.0, 5.0];
        let c = v[0] * (v[4] * v[8] - v[5] * v[7]) - v[1] * (v[3] * v[8] - v[5] * v[6])
            + v[2] * (v[3] * v[7] - v[4] * v[6]);
        let d = det(&m(v, &[3, 3])).unwrap().to_vec::<f64>()[0];
        assert!((d - c).abs() < 1e-9, "{d} vs {c}");
    }

    #[test]
    fn singular_and_shape_errors() {
        let s = m(vec![1.0, 2.0, 2.0, 4.0], &[2, 2]);
        let e = inverse(&s).unwrap_err();
        assert!(e.msg.contains("The diagonal element 2 is zero"), "{}", e.msg);
        assert_eq!(det(&s).unwrap().to_vec::<f64>()[0], 0.0);
        let r = m(vec![0.0; 6], &[2, 3]);
        assert!(inverse(&r).unwrap_err().msg.contains("2 by 3 matrices"));
        let i = Tensor::from_vec(vec![1i64, 0, 0, 1], &[2, 2]);
        assert!(inverse(&i).unwrap_err().msg.ends_with("Got Long"));
    }

    #[test]
    fn solve_residual_small() {
        let a = m(vec![3.0, 1.0, -1.0, 2.0, 4.0, 1.0, -1.0, 2.0, 5.0], &[3, 3]);
        let b = m(vec![4.0, 1.0, 1.0], &[3]);
        let x = solve(&a, &b).unwrap();
        assert_eq!(x.shape().to_vec(), vec![3]);
        let r = matmul::mv(&a, &x).unwrap().to_vec::<f64>();
        for (ri, bi) in r.iter().zip([4.0, 1.0, 1.0]) {
            assert!((ri - bi).abs() < 1e-12);
        }
    }

    #[test]
    fn cross_kron_inner() {
        let a = m(vec![1.0, 0.0, 0.0], &[3]);
        let b = m(vec![0.0, 1.0, 0.0], &[3]);
        assert_eq!(cross(&a, &b, None, "linalg.cross").unwrap().to_vec::<f64>(), vec![0.0, 0.0, 1.0]);
        let k = kron(&m(vec![1.0, 2.0], &[2]), &m(vec![1.0, 10.0], &[2])).unwrap();
        assert_eq!(k.to_vec::<f64>(), vec![1.0, 10.0, 2.0, 20.0]);
        let x = m(vec![1.0, 2.0, 3.0, 4.0], &[2, 2]);
        let y = m(vec![1.0, 1.0, 0.0, 1.0, 2.0, 0.0], &[3, 2]);
        let r = inner(&x, &y).unwrap();
        assert_eq!(r.shape().to_vec(), vec![2, 3]);
        // rows of x dotted with rows of y
        assert_eq!(r.to_vec::<f64>(), vec![3.0, 2.0, 2.0, 7.0, 4.0, 6.0]);
    }
}
