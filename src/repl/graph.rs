//! `:graph EXPR`: the autograd graph behind a tensor as an indented tree of grad_fn nodes
//! with the shapes they produce; `:graph EXPR --dot FILE` writes it for Graphviz.

use std::collections::HashMap;
use std::rc::Rc;

use super::session::Session;
use crate::autograd::node::{NextFunction, Node};
use crate::eval::value::Value;
use crate::tensor::Tensor;

/// Nodes printed before the tree is cut short.
const MAX_NODES: usize = 400;

fn shape_text(s: &[usize]) -> String {
    if s.is_empty() {
        "()".into()
    } else {
        s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("×")
    }
}

/// A graph vertex: an interior node, or the AccumulateGrad of a leaf.
enum Vertex {
    Node(Rc<Node>),
    Leaf(Tensor),
}

impl Vertex {
    fn key(&self) -> usize {
        match self {
            Vertex::Node(n) => Rc::as_ptr(n) as usize,
            Vertex::Leaf(t) => Rc::as_ptr(&t.0) as usize,
        }
    }
    fn inputs(&self) -> Vec<Vertex> {
        match self {
            Vertex::Leaf(_) => Vec::new(),
            Vertex::Node(n) => n
                .next_functions()
                .into_iter()
                .filter_map(|(f, _)| {
                    f.map(|f| match f {
                        NextFunction::Node(n) => Vertex::Node(n),
                        NextFunction::AccumulateGrad(t) => Vertex::Leaf(t),
                    })
                })
                .collect(),
        }
    }
}

/// Names of the session's tensor variables, by tensor identity.
fn var_names(s: &Session) -> HashMap<usize, String> {
    let g = s.interp.globals.borrow();
    let mut m = HashMap::new();
    let mut names: Vec<_> = g.vars.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (n, v) in names {
        if let Value::Tensor(t) = v {
            m.entry(Rc::as_ptr(&t.0) as usize).or_insert_with(|| n.to_string());
        }
    }
    m
}

fn label(v: &Vertex, names: &HashMap<usize, String>) -> String {
    match v {
        Vertex::Node(n) => {
            let shape = n.out_shape.borrow().as_deref().map(shape_text).unwrap_or_else(|| "?".into());
            format!("{}  {shape}", n.name)
        }
        Vertex::Leaf(t) => {
            let name = names.get(&(Rc::as_ptr(&t.0) as usize)).map(|n| format!(" {n}")).unwrap_or_default();
            format!("AccumulateGrad{name}  {}", shape_text(&t.shape()))
        }
    }
}

/// The tree text for a tensor's graph.
pub fn tree(root: &Tensor, what: &str, names: &HashMap<usize, String>) -> String {
    let Some(gf) = root.autograd().grad_fn.clone() else {
        return if root.requires_grad() {
            format!("{what} is a leaf that requires grad: backward() accumulates into its .grad (no graph behind it).\n")
        } else {
            format!("{what} does not require grad: no autograd graph records how it was made.\n")
        };
    };
    let mut out = format!("{what}: grad_fn=<{}>\n", gf.name);
    let mut ids: HashMap<usize, usize> = HashMap::new();
    let mut shown = 0usize;
    // (vertex, prefix for its line, prefix for its children, is the root)
    let mut stack: Vec<(Vertex, String, String)> = vec![(Vertex::Node(gf), String::new(), String::new())];
    while let Some((v, head, tail)) = stack.pop() {
        if shown >= MAX_NODES {
            out.push_str(&format!("{head}… (graph cut at {MAX_NODES} nodes)\n"));
            break;
        }
        let key = v.key();
        if let Some(id) = ids.get(&key) {
            out.push_str(&format!("{head}{}  (shared, see [{id}])\n", label(&v, names)));
            continue;
        }
        let inputs = v.inputs();
        let id = ids.len() + 1;
        ids.insert(key, id);
        shown += 1;
        let tag = if inputs.is_empty() { String::new() } else { format!("  [{id}]") };
        out.push_str(&format!("{head}{}{tag}\n", label(&v, names)));
        let n = inputs.len();
        for (i, c) in inputs.into_iter().enumerate().rev() {
            let last = i + 1 == n;
            let h = format!("{tail}{}", if last { "└─ " } else { "├─ " });
            let t = format!("{tail}{}", if last { "   " } else { "│  " });
            stack.push((c, h, t));
        }
    }
    out
}

/// The graph in Graphviz dot (edges follow the data: input → the node that used it).
pub fn dot(root: &Tensor, names: &HashMap<usize, String>) -> String {
    let mut out = String::from("digraph autograd {\n  node [shape=box, fontname=\"monospace\"];\n");
    let Some(gf) = root.autograd().grad_fn.clone() else {
        out.push_str("}\n");
        return out;
    };
    let mut ids: HashMap<usize, String> = HashMap::new();
    let mut stack = vec![Vertex::Node(gf)];
    let mut edges = Vec::new();
    while let Some(v) = stack.pop() {
        let key = v.key();
        if ids.contains_key(&key) {
            continue;
        }
        let id = format!("n{}", ids.len());
        let lab = label(&v, names).replace('"', "\\\"").replacen("  ", "\\n", 1);
        let style = if matches!(v, Vertex::Leaf(_)) { ", style=filled, fillcolor=lightblue" } else { "" };
        out.push_str(&format!("  {id} [label=\"{lab}\"{style}];\n"));
        ids.insert(key, id.clone());
        for c in v.inputs() {
            edges.push((c.key(), id.clone()));
            stack.push(c);
        }
    }
    for (from, to) in edges {
        if let Some(f) = ids.get(&from) {
            out.push_str(&format!("  {f} -> {to};\n"));
        }
    }
    out.push_str("}\n");
    out
}

pub fn command(s: &mut Session, arg: &str) {
    let (expr, dot_file) = match arg.split_once("--dot") {
        Some((e, f)) => (e.trim(), Some(f.trim().trim_matches(|c| c == '"' || c == '\''))),
        None => (arg.trim(), None),
    };
    if expr.is_empty() {
        s.error(":graph needs an expression (:graph loss).");
        return;
    }
    if dot_file == Some("") {
        s.error(":graph EXPR --dot FILE needs a file name.");
        return;
    }
    let v = match s.eval_expr(expr) {
        Ok(v) => v,
        Err(e) => {
            s.report(e);
            return;
        }
    };
    let Value::Tensor(t) = v else {
        s.error(&format!("TypeError: :graph expects a tensor, got {}", v.type_name()));
        return;
    };
    let names = var_names(s);
    match dot_file {
        None => {
            let text = tree(&t, expr, &names);
            s.interp.out.write_str(&text);
        }
        Some(f) => match super::history::write_atomic(std::path::Path::new(f), dot(&t, &names).as_bytes()) {
            Ok(()) => s.interp.out.write_str(&format!("Wrote the graph of {expr} to {f} (render: dot -Tpng {f} -o graph.png)\n")),
            Err(e) => s.error(&format!("OSError: cannot write '{f}': {e}")),
        },
    }
}
