//! TEMPORARY stub (replaced by the arithmetic branch).
#![allow(unused_variables)]
use crate::error::{Error, Result};
use crate::tensor::{DType, Scalar, Tensor};
fn ni() -> Error { Error::not_impl("creation") }
pub fn full(shape: &[usize], value: Scalar, dtype: DType) -> Result<Tensor> { let t = Tensor::zeros(shape, dtype)?; super::fill_(&t, value)?; Ok(t) }
pub fn arange(start: Scalar, end: Scalar, step: Scalar, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn linspace(start: f64, end: f64, steps: usize, dtype: DType) -> Result<Tensor> { Err(ni()) }
pub fn logspace(start: f64, end: f64, steps: usize, base: f64, dtype: DType) -> Result<Tensor> { Err(ni()) }
pub fn eye(n: usize, m: Option<usize>, dtype: DType) -> Result<Tensor> { Err(ni()) }
pub fn tril(a: &Tensor, diagonal: i64) -> Result<Tensor> { Err(ni()) }
pub fn triu(a: &Tensor, diagonal: i64) -> Result<Tensor> { Err(ni()) }
pub fn diag(a: &Tensor, diagonal: i64) -> Result<Tensor> { Err(ni()) }
pub fn diagflat(a: &Tensor, offset: i64) -> Result<Tensor> { Err(ni()) }
