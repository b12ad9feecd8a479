//! Graph nodes (`grad_fn`): PyTorch's class name, the edges to the inputs' nodes (or to a
//! leaf's AccumulateGrad), saved tensors with their version at save time, and the backward
//! closure. Dropping a long chain unlinks it iteratively (no recursion per node).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::error::{Error, Result};
use crate::tensor::{Tensor, TensorImpl};

/// Backward closure: `(grad_out, saved) -> grad per input edge`.
pub type BackwardFn = Box<dyn Fn(&Tensor, &[Tensor]) -> Result<Vec<Option<Tensor>>>>;

/// Where the gradient for one input goes.
pub enum Edge {
    /// An interior node (the input's `grad_fn`).
    Node(Rc<Node>),
    /// A leaf that requires grad (AccumulateGrad into `.grad`).
    Leaf(Tensor),
}

thread_local! {
    static SEQ: Cell<u64> = const { Cell::new(0) };
}

/// A node of the backward graph (`grad_fn`).
pub struct Node {
    /// PyTorch's class name, e.g. `AddBackward0`.
    pub name: &'static str,
    /// Creation order (later nodes run first in backward).
    pub seq: u64,
    /// One edge per differentiable input (None: input does not require grad).
    pub next: RefCell<Vec<Option<Edge>>>,
    /// Saved tensors and their storage versions when saved.
    pub saved: RefCell<Vec<(Tensor, u64)>>,
    /// The backward function; None once freed after backward.
    pub backward: RefCell<Option<BackwardFn>>,
    /// For saved tensors that are this node's own output: true (names it in errors).
    pub saved_is_output: RefCell<Vec<bool>>,
    /// Non-leaf outputs that asked `retain_grad()`.
    pub retained: RefCell<Vec<Weak<TensorImpl>>>,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.name)
    }
}

impl Node {
    /// A new node; `saved` tensors have their current versions recorded.
    pub fn new(name: &'static str, next: Vec<Option<Edge>>, saved: Vec<Tensor>, f: BackwardFn) -> Node {
        let seq = SEQ.with(|s| {
            let v = s.get() + 1;
            s.set(v);
            v
        });
        let saved = saved.into_iter().map(|t| {
            let v = t.storage().version();
            (t, v)
        });
        Node {
            name,
            seq,
            next: RefCell::new(next),
            saved: RefCell::new(saved.collect()),
            backward: RefCell::new(Some(f)),
            saved_is_output: RefCell::new(Vec::new()),
            retained: RefCell::new(Vec::new()),
        }
    }

    /// The saved tensors, checking that none was modified in place since it was saved.
    pub fn unpack_saved(&self) -> Result<Vec<Tensor>> {
        let saved = self.saved.borrow();
        let mut out = Vec::with_capacity(saved.len());
        let outs = self.saved_is_output.borrow();
        for (k, (t, v)) in saved.iter().enumerate() {
            let now = t.storage().version();
            if now != *v {
                let ty = format!("{}Tensor", crate::tensor::dtype::scalar_type_name(t.dtype()));
                let shape: Vec<String> = t.shape().iter().map(|d| d.to_string()).collect();
                let who = match &t.autograd().grad_fn {
                    Some(g) => format!(", which is output 0 of {},", g.name),
                    None if outs.get(k).copied().unwrap_or(false) => format!(", which is output 0 of {},", self.name),
                    None => String::new(),
                };
                return Err(Error::runtime(format!(
                    "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.{ty} [{}]]{who} is at version {now}; expected version {v} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
                    shape.join(", ")
                )));
            }
            out.push(t.clone());
        }
        Ok(out)
    }

    /// Frees saved tensors and the closure (after a backward without retain_graph).
    pub fn release(&self) {
        let saved = std::mem::take(&mut *self.saved.borrow_mut());
        let f = self.backward.borrow_mut().take();
        drop(f);
        let mut stack = Vec::new();
        for (t, _) in saved {
            take_chain(t, &mut stack);
        }
        drain(stack);
    }
}

/// Moves the grad_fn of a tensor about to die onto `stack`.
fn take_chain(t: Tensor, stack: &mut Vec<Rc<Node>>) {
    if Rc::strong_count(&t.0) == 1 {
        if let Ok(mut m) = t.0.autograd.try_borrow_mut() {
            if let Some(g) = m.grad_fn.take() {
                stack.push(g);
            }
        }
    }
}

fn unlink(n: &Node, stack: &mut Vec<Rc<Node>>) {
    for e in std::mem::take(&mut *n.next.borrow_mut()).into_iter().flatten() {
        match e {
            Edge::Node(p) => stack.push(p),
            Edge::Leaf(t) => take_chain(t, stack),
        }
    }
    for (t, _) in std::mem::take(&mut *n.saved.borrow_mut()) {
        take_chain(t, stack);
    }
}

fn drain(mut stack: Vec<Rc<Node>>) {
    while let Some(rc) = stack.pop() {
        if let Ok(n) = Rc::try_unwrap(rc) {
            unlink(&n, &mut stack);
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        unlink(self, &mut stack);
        drain(stack);
    }
}
