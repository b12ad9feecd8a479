//! Reverse-mode autograd: per-tensor metadata and graph nodes. The engine (an iterative
//! walk, never recursive) arrives with the autograd issue; this module already holds the
//! state that printing and `requires_grad` need.

use std::rc::Rc;

use crate::tensor::Tensor;

/// A node of the backward graph (`grad_fn`).
#[derive(Debug)]
pub struct Node {
    /// PyTorch's class name, e.g. `AddBackward0`.
    pub name: &'static str,
}

/// Autograd state of one tensor.
#[derive(Debug, Default)]
pub struct AutogradMeta {
    pub requires_grad: bool,
    pub grad: Option<Tensor>,
    pub grad_fn: Option<Rc<Node>>,
    pub retains_grad: bool,
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
