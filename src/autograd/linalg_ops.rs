//! Differentiable linear algebra: inverse, det, slogdet and solve (gradients through the
//! inverse; for singular matrices the det gradient is not defined here).

use super::ops::{detached, matmul, mul, neg, record, sum_to, track};
use super::shape_ops::{transpose, unsqueeze};
use crate::error::Result;
use crate::tensor::ops::linalg as la;
use crate::tensor::Tensor;

fn mt(t: &Tensor) -> Result<Tensor> {
    transpose(t, -1, -2)
}

/// `g` per matrix (batch shape) broadcast over the matrix dims.
fn per_matrix(g: &Tensor) -> Result<Tensor> {
    unsqueeze(&unsqueeze(g, -1)?, -1)
}

/// `torch.linalg.inv(a)` (LinalgInvExBackward0: -A^-T g A^-T).
pub fn inverse(a: &Tensor) -> Result<Tensor> {
    let out = la::inverse(a)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let y = detached(&out);
    Ok(record(out, "LinalgInvExBackward0", &[a], vec![y], |g, s| {
        let it = mt(&s[0])?;
        Ok(vec![Some(neg(&matmul(&matmul(&it, g)?, &it)?)?)])
    }))
}

/// `torch.linalg.det(a)` (LinalgDetBackward0: g det A^-T).
pub fn det(a: &Tensor) -> Result<Tensor> {
    let out = la::det(a)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let y = detached(&out);
    Ok(record(out, "LinalgDetBackward0", &[a], vec![a.clone(), y], |g, s| {
        let it = mt(&inverse(&s[0])?)?;
        Ok(vec![Some(mul(&per_matrix(&mul(g, &s[1])?)?, &it)?)])
    }))
}

/// `torch.linalg.slogdet(a)`: (sign, logabsdet); logabsdet gets LinalgSlogdetBackward0 (g A^-T).
pub fn slogdet(a: &Tensor) -> Result<(Tensor, Tensor)> {
    let (s, l) = la::slogdet(a)?;
    if !track(&[a]) {
        return Ok((s, l));
    }
    let l = record(l, "LinalgSlogdetBackward0", &[a], vec![a.clone()], |g, s| {
        Ok(vec![Some(mul(&per_matrix(g)?, &mt(&inverse(&s[0])?)?)?)])
    });
    Ok((s, l))
}

/// `torch.linalg.solve(a, b)` = A^-1 B (LinalgSolveExBackward0): gB = A^-T g, gA = -gB X^T.
pub fn solve(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let out = la::solve(a, b)?;
    if !track(&[a, b]) {
        return Ok(out);
    }
    let (na, nb) = (a.requires_grad(), b.requires_grad());
    let (sa, da, sb, db) = (a.shape(), a.dtype(), b.shape(), b.dtype());
    let vector = b.ndim() + 1 == a.ndim() || b.ndim() == 1;
    let x = detached(&out);
    Ok(record(out, "LinalgSolveExBackward0", &[a, b], vec![a.clone(), x], move |g, s| {
        let (g, x) = if vector { (unsqueeze(g, -1)?, unsqueeze(&s[1], -1)?) } else { (g.clone(), s[1].clone()) };
        let gb = matmul(&mt(&inverse(&s[0])?)?, &g)?;
        let ga = if na { Some(sum_to(&neg(&matmul(&gb, &mt(&x)?)?)?, &sa, da)?) } else { None };
        let gb = if nb {
            let gb = if vector { super::shape_ops::squeeze(&gb, Some(&[-1]))? } else { gb };
            Some(sum_to(&gb, &sb, db)?)
        } else {
            None
        };
        Ok(vec![ga, gb])
    }))
}

/// Subscripts of an einsum equation: per operand, and the output (implicit output: the
/// letters used once, sorted). None for forms this layer does not differentiate
/// (ellipsis, a letter repeated within one operand).
fn einsum_parse(eq: &str, n: usize) -> Option<(Vec<Vec<char>>, Vec<char>)> {
    let eq: String = eq.chars().filter(|c| !c.is_whitespace()).collect();
    if eq.contains('.') {
        return None;
    }
    let (lhs, rhs) = match eq.split_once("->") {
        Some((l, r)) => (l.to_string(), Some(r.to_string())),
        None => (eq.clone(), None),
    };
    let ins: Vec<Vec<char>> = lhs.split(',').map(|s| s.chars().collect()).collect();
    if ins.len() != n || ins.iter().any(|s| (1..s.len()).any(|i| s[..i].contains(&s[i]))) {
        return None;
    }
    let out = match rhs {
        Some(r) => r.chars().collect(),
        None => {
            let mut once: Vec<char> = Vec::new();
            for c in ins.iter().flatten() {
                if ins.iter().flatten().filter(|&&d| d == *c).count() == 1 {
                    once.push(*c);
                }
            }
            once.sort_unstable();
            once
        }
    };
    Some((ins, out))
}

/// `torch.einsum(eq, *operands)`: each operand's gradient is the einsum of the output
/// gradient with the other operands, broadcast over the letters only that operand has.
pub fn einsum(eq: &str, ops: &[Tensor]) -> Result<Tensor> {
    let out = crate::tensor::ops::einsum::einsum(eq, ops)?;
    let refs: Vec<&Tensor> = ops.iter().collect();
    if !track(&refs) {
        return Ok(out);
    }
    let Some((ins, outs)) = einsum_parse(eq, ops.len()) else {
        return Err(crate::error::Error::not_impl("autograd for einsum with '...' or a subscript repeated within one operand"));
    };
    let summed = ins.iter().flatten().any(|c| !outs.contains(c));
    let name = match (ops.len(), summed) {
        (1, false) => "PermuteBackward0",
        (1, true) => "SumBackward1",
        (_, false) => "MulBackward0",
        (_, true) => "ViewBackward0",
    };
    let metas: Vec<_> = ops.iter().map(|t| (t.shape(), t.dtype(), t.requires_grad())).collect();
    Ok(record(out, name, &refs, ops.to_vec(), move |g, s| {
        let mut r = Vec::with_capacity(s.len());
        for (k, (shape, dt, need)) in metas.iter().enumerate() {
            if !need {
                r.push(None);
                continue;
            }
            let mut avail: Vec<char> = outs.clone();
            let mut terms = vec![outs.iter().collect::<String>()];
            let mut args = vec![g.clone()];
            for (j, sub) in ins.iter().enumerate() {
                if j != k {
                    avail.extend(sub.iter());
                    terms.push(sub.iter().collect());
                    args.push(s[j].clone());
                }
            }
            let present: String = ins[k].iter().filter(|c| avail.contains(c)).collect();
            let mut gk = einsum(&format!("{}->{}", terms.join(","), present), &args)?;
            let mut target = Vec::with_capacity(shape.len());
            let mut pi = 0;
            for (d, c) in ins[k].iter().enumerate() {
                if avail.contains(c) {
                    target.push(gk.shape()[pi.min(gk.ndim().saturating_sub(1))] as i64);
                    pi += 1;
                } else {
                    gk = unsqueeze(&gk, d as i64)?;
                    pi += 1;
                    target.push(shape[d] as i64);
                }
            }
            let gk = super::shape_ops::expand(&gk, &target)?;
            r.push(Some(sum_to(&gk, shape, *dt)?));
        }
        Ok(r)
    }))
}
