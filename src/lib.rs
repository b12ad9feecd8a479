//! tsr: a tensor calculator for the terminal that runs PyTorch code as written.
//!
//! Layers: `syntax` (text → AST), `eval` (AST → values, the torch namespace), `tensor`
//! (strided CPU runtime), `autograd`, `format` (torch repr, tables, JSON), `nn`, `repl`,
//! `cli`.

pub mod autograd;
pub mod backend;
pub mod cli;
pub mod error;
pub mod eval;
pub mod format;
pub mod help;
pub mod interrupt;
pub mod io;
pub mod memory;
pub mod nn;
pub mod plot;
pub mod repl;
pub mod syntax;
pub mod tensor;

pub use error::{Error, ExcKind, Result};
pub use tensor::{DType, Device, Scalar, Tensor};
