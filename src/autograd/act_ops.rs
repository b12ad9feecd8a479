//! Differentiable activations with parameters (`F.leaky_relu`, `F.elu`, `F.hardtanh`,
//! `F.relu6`, `F.softplus(beta, threshold)`), named as PyTorch names their nodes.

use super::ops::{mul, record, track, unary, where_, zeros_like};
use crate::error::Result;
use crate::tensor::ops::binary::{self as tb, BinaryOp};
use crate::tensor::ops::compare::{self as tcmp, CmpOp};
use crate::tensor::ops::unary::{self as tu, UnaryOp};
use crate::tensor::{Scalar, Tensor};

fn w(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

/// `F.leaky_relu(x, slope)`: LeakyReluBackward0 (`g` where x > 0, else `slope·g`).
pub fn leaky_relu(a: &Tensor, slope: f64) -> Result<Tensor> {
    let out = tu::leaky_relu(a, slope)?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(record(out, "LeakyReluBackward0", &[a], vec![a.clone()], move |g, s| {
        let pos = tcmp::compare(CmpOp::Gt, &s[0], &w(0.0))?;
        Ok(vec![Some(where_(&pos, g, &mul(g, &w(slope))?)?)])
    }))
}

/// `F.elu(x, alpha)`: EluBackward0 (`g` where x > 0, else `g·(y + alpha)`).
pub fn elu(a: &Tensor, alpha: f64) -> Result<Tensor> {
    let out = tu::elu(a, alpha)?;
    if !track(&[a]) {
        return Ok(out);
    }
    let y = super::ops::detached(&out);
    Ok(record(out, "EluBackward0", &[a], vec![a.clone(), y], move |g, s| {
        let pos = tcmp::compare(CmpOp::Gt, &s[0], &w(0.0))?;
        let neg = mul(g, &tb::binary(BinaryOp::Add, &s[1], &w(alpha))?)?;
        Ok(vec![Some(where_(&pos, g, &neg)?)])
    }))
}

/// `F.hardtanh(x, lo, hi)` (and relu6 = hardtanh(0, 6)): HardtanhBackward0.
pub fn hardtanh(a: &Tensor, lo: f64, hi: f64) -> Result<Tensor> {
    let out = tu::hardtanh(a, lo, hi)?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(record(out, "HardtanhBackward0", &[a], vec![a.clone()], move |g, s| {
        let inside = tb::binary(
            BinaryOp::BitAnd,
            &tcmp::compare(CmpOp::Gt, &s[0], &w(lo))?,
            &tcmp::compare(CmpOp::Lt, &s[0], &w(hi))?,
        )?;
        Ok(vec![Some(where_(&inside, g, &zeros_like(g)?)?)])
    }))
}

/// `F.softplus(x, beta, threshold)`: SoftplusBackward0 (`g·σ(beta·x)`, or `g` above
/// the threshold).
pub fn softplus(a: &Tensor, beta: f64, threshold: f64) -> Result<Tensor> {
    let out = tu::softplus(a, beta, threshold)?;
    if !track(&[a]) {
        return Ok(out);
    }
    Ok(record(out, "SoftplusBackward0", &[a], vec![a.clone()], move |g, s| {
        let bx = mul(&s[0], &w(beta))?;
        let lin = tcmp::compare(CmpOp::Gt, &bx, &w(threshold))?;
        let d = mul(g, &unary(UnaryOp::Sigmoid, &bx)?)?;
        Ok(vec![Some(where_(&lin, g, &d)?)])
    }))
}
