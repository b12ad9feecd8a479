//! TEMPORARY stub (replaced by the arithmetic branch).
#![allow(unused_variables)]
use crate::error::{Error, Result};
use crate::tensor::Tensor;
fn ni() -> Error { Error::not_impl("matmul") }
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn mm(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn bmm(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn mv(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn dot(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn outer(a: &Tensor, b: &Tensor) -> Result<Tensor> { Err(ni()) }
