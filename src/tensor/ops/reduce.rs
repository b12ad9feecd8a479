//! TEMPORARY stub (replaced by the arithmetic branch).
#![allow(unused_variables)]
use crate::error::{Error, Result};
use crate::tensor::{DType, Tensor};
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp { Sum, Mean, Prod, Amax, Amin, All, Any, NanSum, NanMean, CountNonzero, LogSumExp }
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd { P(f64), Inf, NegInf, Fro, Nuc }
fn ni() -> Error { Error::not_impl("reduce") }
pub fn reduce(op: ReduceOp, a: &Tensor, dims: Option<&[i64]>, keepdim: bool, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn max_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn min_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn max_all(a: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn min_all(a: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn argmax(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<Tensor> { Err(ni()) }
pub fn argmin(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<Tensor> { Err(ni()) }
pub fn var(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool) -> Result<Tensor> { Err(ni()) }
pub fn std(a: &Tensor, dims: Option<&[i64]>, correction: f64, keepdim: bool) -> Result<Tensor> { Err(ni()) }
pub fn median_all(a: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn median_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn mode_dim(a: &Tensor, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn cumsum(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn cumprod(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn cummax(a: &Tensor, dim: i64) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn cummin(a: &Tensor, dim: i64) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn sort(a: &Tensor, dim: i64, descending: bool, stable: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn argsort(a: &Tensor, dim: i64, descending: bool, stable: bool) -> Result<Tensor> { Err(ni()) }
pub fn topk(a: &Tensor, k: usize, dim: i64, largest: bool, sorted: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn kthvalue(a: &Tensor, k: usize, dim: i64, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
pub fn norm(a: &Tensor, ord: NormOrd, dims: Option<&[i64]>, keepdim: bool) -> Result<Tensor> { Err(ni()) }
pub fn unique(a: &Tensor, sorted: bool, return_inverse: bool, return_counts: bool, dim: Option<i64>) -> Result<(Tensor, Option<Tensor>, Option<Tensor>)> { Err(ni()) }
pub fn aminmax(a: &Tensor, dim: Option<i64>, keepdim: bool) -> Result<(Tensor, Tensor)> { Err(ni()) }
