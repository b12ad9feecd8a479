//! The help tables for what tsr's core provides (see `registry` for their topics).

pub mod autograd;
pub mod creation;
pub mod devices;
pub mod functional;
pub mod indexing;
pub mod linalg;
pub mod module;
pub mod nn;
pub mod optim;
pub mod pointwise;
pub mod python;
pub mod reductions;
pub mod repl;
pub mod shapes;
pub mod tensor;
