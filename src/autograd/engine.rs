//! The backward engine: collects the graph reachable from the roots with an explicit stack,
//! runs nodes in decreasing creation order (a topological order), sums incoming gradients
//! per node, and accumulates into leaves' `.grad` (or returns them for `autograd.grad`).

use std::collections::HashMap;
use std::rc::Rc;

use super::node::{Edge, Node};
use crate::error::{Error, Result};
use crate::tensor::Tensor;

/// PyTorch's message for a backward through freed buffers.
pub const FREED: &str = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

fn add_grad(slot: &mut Option<Tensor>, g: Tensor) -> Result<()> {
    *slot = Some(match slot.take() {
        None => g,
        Some(old) => super::ops::add(&old, &g)?,
    });
    Ok(())
}

fn key(n: &Rc<Node>) -> *const Node {
    Rc::as_ptr(n)
}

/// Runs backward from `roots` with initial gradients `grads`. With `inputs` (autograd.grad)
/// returns the gradients of those tensors and leaves `.grad` untouched; otherwise
/// accumulates into the leaves' `.grad` and returns an empty vector.
pub fn run(
    roots: &[Tensor],
    grads: Vec<Tensor>,
    retain_graph: bool,
    create_graph: bool,
    inputs: Option<&[Tensor]>,
) -> Result<Vec<Option<Tensor>>> {
    let prev = super::set_grad_enabled(create_graph);
    let r = run_inner(roots, grads, retain_graph, inputs);
    super::set_grad_enabled(prev);
    r
}

fn run_inner(
    roots: &[Tensor],
    grads: Vec<Tensor>,
    retain_graph: bool,
    inputs: Option<&[Tensor]>,
) -> Result<Vec<Option<Tensor>>> {
    // Node grads and leaf grads (keyed by pointer; leaves kept in first-seen order).
    let mut node_grad: HashMap<*const Node, Option<Tensor>> = HashMap::new();
    let mut leaf_order: Vec<Tensor> = Vec::new();
    let mut leaf_grad: HashMap<*const crate::tensor::TensorImpl, Option<Tensor>> = HashMap::new();
    let mut nodes: Vec<Rc<Node>> = Vec::new();
    let mut stack: Vec<Rc<Node>> = Vec::new();

    let add_leaf = |t: &Tensor, g: Tensor, order: &mut Vec<Tensor>, map: &mut HashMap<_, Option<Tensor>>| -> Result<()> {
        let k = Rc::as_ptr(&t.0);
        let slot = map.entry(k).or_insert_with(|| {
            order.push(t.clone());
            None
        });
        add_grad(slot, g)
    };

    for (t, g) in roots.iter().zip(grads) {
        let gf = t.autograd().grad_fn.clone();
        match gf {
            Some(n) => {
                let k = key(&n);
                if !node_grad.contains_key(&k) {
                    node_grad.insert(k, None);
                    stack.push(n.clone());
                    nodes.push(n.clone());
                }
                add_grad(node_grad.get_mut(&k).expect("inserted"), g)?;
            }
            None => add_leaf(t, g, &mut leaf_order, &mut leaf_grad)?,
        }
    }
    // Discover the reachable graph.
    while let Some(n) = stack.pop() {
        for e in n.next.borrow().iter().flatten() {
            if let Edge::Node(p) = e {
                let k = key(p);
                if let std::collections::hash_map::Entry::Vacant(v) = node_grad.entry(k) {
                    v.insert(None);
                    stack.push(p.clone());
                    nodes.push(p.clone());
                }
            }
        }
    }
    nodes.sort_by(|a, b| b.seq.cmp(&a.seq));

    let wanted_nodes: Vec<Option<*const Node>> = match inputs {
        Some(ins) => ins.iter().map(|t| t.autograd().grad_fn.as_ref().map(key)).collect(),
        None => Vec::new(),
    };
    let mut captured: HashMap<*const Node, Tensor> = HashMap::new();

    for n in &nodes {
        let k = key(n);
        let Some(g) = node_grad.get_mut(&k).and_then(|s| s.take()) else { continue };
        if wanted_nodes.contains(&Some(k)) {
            captured.insert(k, g.clone());
        }
        if inputs.is_none() {
            for w in n.retained.borrow().iter() {
                if let Some(ti) = w.upgrade() {
                    let t = Tensor(ti);
                    let mut slot = t.autograd().grad.clone();
                    add_grad(&mut slot, super::ops::detached(&g))?;
                    t.autograd_mut().grad = slot;
                }
            }
        }
        let saved = {
            if n.backward.borrow().is_none() {
                return Err(Error::runtime(FREED));
            }
            n.unpack_saved()?
        };
        let outs = {
            let f = n.backward.borrow();
            let f = f.as_ref().ok_or_else(|| Error::runtime(FREED))?;
            f(&g, &saved)?
        };
        drop(saved);
        let next = n.next.borrow();
        for (e, go) in next.iter().zip(outs) {
            let (Some(e), Some(go)) = (e, go) else { continue };
            match e {
                Edge::Node(p) => {
                    if let Some(slot) = node_grad.get_mut(&key(p)) {
                        add_grad(slot, go)?;
                    }
                }
                Edge::Leaf(t) => add_leaf(t, go, &mut leaf_order, &mut leaf_grad)?,
            }
        }
        drop(next);
        if !retain_graph {
            n.release();
        }
    }

    match inputs {
        Some(ins) => Ok(ins
            .iter()
            .map(|t| match &t.autograd().grad_fn {
                Some(n) => captured.get(&key(n)).cloned(),
                None => leaf_grad.get(&Rc::as_ptr(&t.0)).cloned().flatten(),
            })
            .collect()),
        None => {
            for t in leaf_order {
                let Some(Some(g)) = leaf_grad.remove(&Rc::as_ptr(&t.0)) else { continue };
                let g = if g.dtype() != t.dtype() { g.to_dtype(t.dtype()) } else { g };
                let old = t.autograd().grad.clone();
                let new = match old {
                    None => {
                        if super::is_grad_enabled() || steals(&g) { g } else { super::ops::detached(&g).copy_contiguous() }
                    }
                    Some(o) => {
                        if super::is_grad_enabled() {
                            super::ops::add(&o, &g)?
                        } else {
                            crate::tensor::ops::binary::binary_inplace(crate::tensor::ops::binary::BinaryOp::Add, &o, &g)?;
                            o
                        }
                    }
                };
                t.autograd_mut().grad = Some(new);
            }
            Ok(Vec::new())
        }
    }
}

/// PyTorch's AccumulateGrad rule for a leaf without a gradient: the incoming gradient
/// becomes `.grad` itself when nothing else can see it (this handle and its storage are the
/// only references, it owns its whole storage and is contiguous); otherwise `.grad` gets a
/// copy, so that later in-place accumulation never writes into another tensor.
fn steals(g: &Tensor) -> bool {
    let v = g.view();
    Rc::strong_count(&g.0) == 1
        && Rc::strong_count(&v.storage) == 1
        && g.autograd().grad_fn.is_none()
        && !g.requires_grad()
        && v.layout.is_contiguous()
        && v.layout.offset == 0
        && v.layout.numel() == v.storage.len()
}
