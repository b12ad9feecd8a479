//! TEMPORARY stub (replaced by the arithmetic branch).
#![allow(unused_variables)]
use crate::error::{Error, Result};
use crate::tensor::{DType, Tensor};
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp { Neg, Pos, Abs, Sign, Sqrt, Rsqrt, Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Sigmoid, LogSigmoid, Relu, Relu6, Gelu, GeluTanh, Silu, Mish, Softplus, Erf, Erfc, Floor, Ceil, Round, Trunc, Frac, Reciprocal, Square, BitNot, LogicalNot, IsNan, IsInf, IsPosInf, IsNegInf, IsFinite, SignBit, Real, Imag, Angle, Conj, Deg2Rad, Rad2Deg }
fn ni() -> Error { Error::not_impl("unary") }
pub fn unary(op: UnaryOp, a: &Tensor) -> Result<Tensor> { Err(ni()) }
pub fn unary_inplace(op: UnaryOp, a: &Tensor) -> Result<()> { Err(ni()) }
pub fn round_decimals(a: &Tensor, decimals: i64) -> Result<Tensor> { Err(ni()) }
pub fn clamp(a: &Tensor, min: Option<&Tensor>, max: Option<&Tensor>) -> Result<Tensor> { Err(ni()) }
pub fn nan_to_num(a: &Tensor, nan: f64, posinf: Option<f64>, neginf: Option<f64>) -> Result<Tensor> { Err(ni()) }
pub fn softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn log_softmax(a: &Tensor, dim: i64, dtype: Option<DType>) -> Result<Tensor> { Err(ni()) }
pub fn softplus(a: &Tensor, beta: f64, threshold: f64) -> Result<Tensor> { Err(ni()) }
pub fn leaky_relu(a: &Tensor, slope: f64) -> Result<Tensor> { Err(ni()) }
pub fn elu(a: &Tensor, alpha: f64) -> Result<Tensor> { Err(ni()) }
pub fn hardtanh(a: &Tensor, lo: f64, hi: f64) -> Result<Tensor> { Err(ni()) }
