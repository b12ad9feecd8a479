//! `:vars` / `:whos`: the session's variables as a table (name, type, shape, dtype,
//! device, requires_grad, bytes), box-drawn like the table output format.

use super::session::Session;
use crate::eval::value::Value;
use crate::format::palette::{paint, Role};

/// One row of the table.
pub struct Row {
    pub name: String,
    pub kind: String,
    pub shape: String,
    pub dtype: String,
    pub device: String,
    pub grad: String,
    pub bytes: String,
}

fn shape_text(s: &[usize]) -> String {
    if s.is_empty() {
        "()".into()
    } else {
        s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("×")
    }
}

/// The row describing a value.
pub fn row(name: &str, v: &Value) -> Row {
    let mut r = Row {
        name: name.to_string(),
        kind: v.type_name(),
        shape: String::new(),
        dtype: String::new(),
        device: String::new(),
        grad: String::new(),
        bytes: String::new(),
    };
    match v {
        Value::Tensor(t) => {
            r.kind = if crate::nn::is_parameter(t) { "Parameter".into() } else { "Tensor".into() };
            r.shape = shape_text(&t.shape());
            r.dtype = t.dtype().name().to_string();
            r.device = t.device().to_string();
            r.grad = if t.requires_grad() { "True".into() } else { "False".into() };
            r.bytes = (t.dtype().itemsize() * t.numel()).to_string();
        }
        Value::Object(_) => {
            if let Some(m) = crate::nn::module::as_module(v) {
                let ps = m.named_parameters();
                let n: usize = ps.iter().map(|(_, t)| t.numel()).sum();
                let b: usize = ps.iter().map(|(_, t)| t.numel() * t.dtype().itemsize()).sum();
                r.shape = format!("{n} params");
                r.bytes = b.to_string();
                if let Some((_, t)) = ps.first() {
                    r.dtype = t.dtype().name().to_string();
                    r.device = t.device().to_string();
                    r.grad = if ps.iter().any(|(_, t)| t.requires_grad()) { "True".into() } else { "False".into() };
                }
            }
        }
        Value::List(l) => r.shape = format!("len {}", l.borrow().len()),
        Value::Tuple(t) => r.shape = format!("len {}", t.len()),
        Value::Dict(d) => r.shape = format!("len {}", d.borrow().len()),
        Value::Str(s) => r.shape = format!("len {}", s.chars().count()),
        Value::Size(s) => r.shape = format!("len {}", s.len()),
        _ => {}
    }
    r
}

/// The rows for the session's variables, sorted by name (the preloaded `torch` module and
/// private `_names` left out).
pub fn rows(s: &Session) -> Vec<Row> {
    let g = s.interp.globals.borrow();
    let mut names: Vec<&std::rc::Rc<str>> = g.vars.keys().collect();
    names.sort();
    names
        .into_iter()
        .filter(|n| !n.starts_with('_'))
        .filter(|n| !(&***n == "torch" && matches!(g.vars.get(&***n), Some(Value::Namespace(ns)) if ns.name == "torch")))
        .filter_map(|n| g.vars.get(&**n).map(|v| row(n, v)))
        .collect()
}

/// The `:vars` output.
pub fn table(s: &Session) -> String {
    let rows = rows(s);
    let color = s.interp.out.color;
    if rows.is_empty() {
        return "No variables yet (the session has torch imported).\n".into();
    }
    let header = ["name", "type", "shape", "dtype", "device", "requires_grad", "bytes"];
    let cells: Vec<[String; 7]> =
        rows.into_iter().map(|r| [r.name, r.kind, r.shape, r.dtype, r.device, r.grad, r.bytes]).collect();
    let w: Vec<usize> = (0..7)
        .map(|i| cells.iter().map(|c| c[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0))
        .collect();
    let rule = |l: &str, m: &str, r: &str| {
        let segs: Vec<String> = w.iter().map(|&n| "─".repeat(n + 2)).collect();
        paint(&format!("{l}{}{r}", segs.join(m)), Role::Dim, color)
    };
    let bar = paint("│", Role::Dim, color);
    let line = |c: &[String], head: bool| {
        let mut s = bar.clone();
        for (i, t) in c.iter().enumerate() {
            let pad = w[i] - t.chars().count();
            // Numbers right-aligned, text left-aligned.
            let cell = if i == 6 && !head { format!(" {}{t} ", " ".repeat(pad)) } else { format!(" {t}{} ", " ".repeat(pad)) };
            let role = match (head, i) {
                (true, _) => Role::Kind,
                (false, 0) => Role::Label,
                (false, 2) => Role::Shape,
                (false, 3) => Role::DType,
                (false, 4) => Role::Device,
                (false, 5) if t == "True" => Role::Grad,
                _ => Role::Plain,
            };
            s.push_str(&paint(&cell, role, color));
            s.push_str(&bar);
        }
        s
    };
    let mut out = vec![rule("┌", "┬", "┐")];
    out.push(line(&header.map(String::from), true));
    out.push(rule("├", "┼", "┤"));
    for c in &cells {
        out.push(line(c, false));
    }
    out.push(rule("└", "┴", "┘"));
    let mut s = out.join("\n");
    s.push('\n');
    s
}
