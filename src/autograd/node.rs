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
    /// The shape of the tensor this node produced (for showing the graph; set by `record`).
    pub out_shape: RefCell<Option<Vec<usize>>>,
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
            out_shape: RefCell::new(None),
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
                    Some(g) => format!(", which is output 0 of {},", op_name(g.name)),
                    None if outs.get(k).copied().unwrap_or(false) => format!(", which is output 0 of {},", op_name(self.name)),
                    None => String::new(),
                };
                return Err(Error::runtime(format!(
                    "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.{ty} [{}]]{who} is at version {now}; expected version {v} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).",
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

/// The op name PyTorch prints for a node in error messages: `MulBackward0` -> `Mul`.
pub fn op_name(node: &str) -> &str {
    match node.rfind("Backward") {
        Some(i) if node[i + 8..].chars().all(|c| c.is_ascii_digit()) && i > 0 => &node[..i],
        _ => node,
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

/// One entry of `grad_fn.next_functions`: the input's node, or the AccumulateGrad of a
/// leaf (identified by the leaf itself, so the same leaf always gives the same object).
#[derive(Clone)]
pub enum NextFunction {
    /// An interior node.
    Node(Rc<Node>),
    /// `AccumulateGrad` into this leaf's `.grad` (its `.variable`).
    AccumulateGrad(Tensor),
}

impl NextFunction {
    /// PyTorch's class name.
    pub fn name(&self) -> &'static str {
        match self {
            NextFunction::Node(n) => n.name,
            NextFunction::AccumulateGrad(_) => "AccumulateGrad",
        }
    }

    /// A stable address for `<… object at 0x…>`.
    pub fn addr(&self) -> usize {
        match self {
            NextFunction::Node(n) => Rc::as_ptr(n) as usize,
            NextFunction::AccumulateGrad(t) => Rc::as_ptr(&t.0) as usize + 8,
        }
    }
}

impl Node {
    /// `grad_fn.next_functions`: per input, its function (None where the input does not
    /// require grad) with output index 0 (every tsr node has one output).
    pub fn next_functions(&self) -> Vec<(Option<NextFunction>, usize)> {
        self.next
            .borrow()
            .iter()
            .map(|e| {
                let f = e.as_ref().map(|e| match e {
                    Edge::Node(n) => NextFunction::Node(n.clone()),
                    Edge::Leaf(t) => NextFunction::AccumulateGrad(t.clone()),
                });
                (f, 0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Scalar;

    #[test]
    fn op_name_strips_the_backward_suffix() {
        assert_eq!(op_name("MulBackward0"), "Mul");
        assert_eq!(op_name("LinalgVectorNormBackward0"), "LinalgVectorNorm");
        assert_eq!(op_name("CopySlices"), "CopySlices");
        assert_eq!(op_name("CopyBackwards"), "CopyBackwards");
    }

    #[test]
    fn next_functions_lists_nodes_leaves_and_none() {
        let x = Tensor::from_vec(vec![1.0f64, 2.0], &[2]);
        x.autograd_mut().requires_grad = true;
        let y = crate::autograd::ops::mul(&x, &Tensor::wrapped(Scalar::Float(2.0))).unwrap();
        let z = crate::autograd::ops::add(&y, &x).unwrap();
        let g = z.autograd().grad_fn.clone().unwrap();
        let nf = g.next_functions();
        assert_eq!(nf.len(), 2);
        assert_eq!(nf[0].0.as_ref().map(|f| f.name()), Some("MulBackward0"));
        assert_eq!(nf[1].0.as_ref().map(|f| f.name()), Some("AccumulateGrad"));
        let inner = match &nf[0].0 {
            Some(NextFunction::Node(n)) => n.next_functions(),
            _ => panic!("expected a node"),
        };
        assert!(inner[1].0.is_none(), "a Python number has no function");
        // The same leaf gives the same AccumulateGrad address.
        assert_eq!(inner[0].0.as_ref().map(|f| f.addr()), nf[1].0.as_ref().map(|f| f.addr()));
    }
}
