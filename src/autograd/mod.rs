//! Reverse-mode autograd: per-tensor metadata, graph nodes (`node`), the iterative engine
//! (`engine`) and the differentiable op layer (`ops`, `shape_ops`).

pub mod engine;
pub mod index_ops;
pub mod linalg_ops;
pub mod more_ops;
pub mod act_ops;
pub mod node;
pub mod ops;
pub mod reduce_ops;
pub mod shape_ops;
#[cfg(test)]
mod gradcheck;

pub use node::Node;

use std::rc::Rc;

use crate::tensor::Tensor;

/// Autograd state of one tensor.
#[derive(Debug, Default)]
pub struct AutogradMeta {
    pub requires_grad: bool,
    pub grad: Option<Tensor>,
    pub grad_fn: Option<Rc<Node>>,
    pub retains_grad: bool,
    /// Created as `nn.Parameter` (printed `Parameter containing:`).
    pub is_parameter: bool,
}

impl AutogradMeta {
    /// A tensor is a leaf when no op created it with grad tracking.
    pub fn is_leaf(&self) -> bool {
        self.grad_fn.is_none()
    }
}

thread_local! {
    static GRAD_ENABLED: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// `torch.is_grad_enabled()`.
pub fn is_grad_enabled() -> bool {
    GRAD_ENABLED.with(|g| g.get())
}

/// `torch.set_grad_enabled(flag)`; returns the previous mode.
pub fn set_grad_enabled(on: bool) -> bool {
    GRAD_ENABLED.with(|g| g.replace(on))
}
