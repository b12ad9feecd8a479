//! PyTorch's tensor repr, byte-exact (spec: /work/shared/specs/repr.md §1, §2.4): the
//! nested bracket layout with line wrapping and summarisation, the dtype / device /
//! autograd suffixes and their wrapping, print options, and `torch.return_types` layout.

use std::cell::Cell;

use crate::format::elements::{ElemFormat, Visible, visible};
use crate::tensor::{DType, Device, Tensor};

/// `torch.set_printoptions` state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    /// Decimals in fixed and scientific mode.
    pub precision: usize,
    /// Summarise when `numel > threshold`.
    pub threshold: usize,
    /// Items kept at each end of a summarised dimension.
    pub edgeitems: usize,
    /// Line width for wrapping elements and suffixes.
    pub linewidth: usize,
    /// Forced scientific mode (`None`: automatic).
    pub sci_mode: Option<bool>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: None }
    }
}

thread_local! {
    static OPTS: Cell<PrintOptions> = Cell::new(PrintOptions::default());
}

/// The current print options (thread-local).
pub fn print_options() -> PrintOptions {
    OPTS.with(|o| o.get())
}

/// Replaces the print options (thread-local).
pub fn set_print_options(o: PrintOptions) {
    OPTS.with(|c| c.set(o));
}

/// The options of `set_printoptions(profile=name)`: `default`, `short` or `full`.
pub fn profile(name: &str) -> Option<PrintOptions> {
    let d = PrintOptions::default();
    match name {
        "default" => Some(d),
        "short" => Some(PrintOptions { precision: 2, edgeitems: 2, ..d }),
        "full" => Some(PrintOptions { threshold: usize::MAX, ..d }),
        _ => None,
    }
}

/// Width of the `tensor(` prefix, which sets every indentation.
const PREFIX: &str = "tensor(";

/// The full repr as `print(t)` / `repr(t)` prints it.
pub fn tensor_repr(t: &Tensor) -> String {
    let opts = print_options();
    let indent = PREFIX.len();
    let mut suffixes: Vec<String> = Vec::new();
    if t.device() != Device::Cpu {
        suffixes.push(format!("device='{}'", t.device()));
    }
    let dtype = t.dtype();
    let body = if t.numel() == 0 {
        let shape = t.shape();
        if shape.len() != 1 {
            suffixes.push(format!("size={}", py_tuple(&shape)));
        }
        if dtype != crate::tensor::default_dtype() {
            suffixes.push(format!("dtype=torch.{}", dtype.name()));
        }
        "[]".to_string()
    } else {
        if !has_default_dtype(dtype) {
            suffixes.push(format!("dtype=torch.{}", dtype.name()));
        }
        tensor_body(t, indent, &opts)
    };
    {
        let ag = t.autograd();
        if let Some(node) = &ag.grad_fn {
            suffixes.push(format!("grad_fn=<{}>", node.name));
        } else if ag.requires_grad {
            suffixes.push("requires_grad=True".to_string());
        }
    }
    add_suffixes(format!("{PREFIX}{body}"), &suffixes, indent, opts.linewidth)
}

/// `tensor_repr` with every continuation line shifted right by `indent` extra spaces
/// (blank separator lines stay empty). PyTorch's own containers and
/// `torch.return_types` paste reprs unchanged (spec §0, §2.4): use `indent = 0` there.
pub fn tensor_repr_indented(t: &Tensor, indent: usize) -> String {
    indent_continuation(&tensor_repr(t), indent)
}

/// Shifts every line after the first by `indent` spaces, leaving empty lines empty.
pub fn indent_continuation(s: &str, indent: usize) -> String {
    if indent == 0 {
        return s.to_string();
    }
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// `torch.return_types.<name>(` layout: one `field=value` per line at column 0,
/// separated by `,\n`, closed by `)` (spec §2.4). Values are already formatted reprs.
pub fn named_tuple_repr(type_name: &str, fields: &[(&str, String)]) -> String {
    let items: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{type_name}(\n{})", items.join(",\n"))
}

/// A Python tuple of ints: `(0, 3)`, `(5,)`, `()`.
pub fn py_tuple(v: &[usize]) -> String {
    match v.len() {
        0 => "()".into(),
        1 => format!("({},)", v[0]),
        _ => format!("({})", v.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// Dtypes printed without a `dtype=` suffix when the tensor is non-empty.
fn has_default_dtype(d: DType) -> bool {
    let def = crate::tensor::default_dtype();
    // The default complex dtype follows the default float dtype (complex64 for float32).
    d == def || d == def.to_complex() || matches!(d, DType::I64 | DType::Bool)
}

/// Suffix wrapping of §1.10: a suffix stays on the line iff it fits with `)` in
/// `linewidth - 1` columns; after a wrap the line holds `indent` spaces and the suffix.
fn add_suffixes(s: String, suffixes: &[String], indent: usize, linewidth: usize) -> String {
    let mut last = s.len() - s.rfind('\n').map_or(0, |p| p + 1) + 2;
    let mut out = s;
    for x in suffixes {
        let n = x.chars().count();
        if last + n + 2 > linewidth {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
            out.push_str(x);
            last = indent + n;
        } else {
            out.push_str(", ");
            out.push_str(x);
            last += n + 2;
        }
    }
    out.push(')');
    out
}

/// BODY of a non-empty tensor at `indent` (the column of its first `[`).
fn tensor_body(t: &Tensor, indent: usize, opts: &PrintOptions) -> String {
    let vis = visible(t, opts.threshold, opts.edgeitems);
    let fmt = ElemFormat::build(t.dtype(), &vis.vals, opts.precision, opts.sci_mode);
    let texts: Vec<String> = vis.vals.iter().map(|v| fmt.format(v)).collect();
    if vis.idx.is_empty() {
        // 0-d: the bare element text, never padded beyond itself.
        return texts.first().map(|s| s.trim_start().to_string()).unwrap_or_default();
    }
    let per_line = |k: usize| (opts.linewidth.saturating_sub(k) / fmt.elem_len()).max(1);
    let mut pos = 0;
    layout(&vis, &texts, 0, indent, opts.edgeitems, &per_line, &mut pos)
}

/// Lays out dimension `dim` (recursion depth = rank, not data size).
fn layout(
    vis: &Visible,
    texts: &[String],
    dim: usize,
    k: usize,
    edge: usize,
    per_line: &dyn Fn(usize) -> usize,
    pos: &mut usize,
) -> String {
    let nd = vis.idx.len();
    let count = vis.idx[dim].len();
    if dim + 1 == nd {
        if vis.gap[dim] && edge == 0 {
            return "[...]".into();
        }
        let mut items: Vec<&str> = Vec::with_capacity(count + 1);
        for i in 0..count {
            if vis.gap[dim] && i == edge {
                items.push(" ...");
            }
            items.push(texts.get(*pos + i).map_or("", |s| s.as_str()));
        }
        *pos += count;
        let n = per_line(k);
        let lines: Vec<String> = items.chunks(n).map(|c| c.join(", ")).collect();
        return format!("[{}]", lines.join(&format!(",\n{}", " ".repeat(k + 1))));
    }
    if vis.gap[dim] && edge == 0 {
        return "[...]".into();
    }
    let mut subs: Vec<String> = Vec::with_capacity(count + 1);
    for i in 0..count {
        if vis.gap[dim] && i == edge {
            subs.push("...".into());
        }
        subs.push(layout(vis, texts, dim + 1, k + 1, edge, per_line, pos));
    }
    let sep = format!(",{}{}", "\n".repeat(nd - dim - 1), " ".repeat(k + 1));
    format!("[{}]", subs.join(&sep))
}

#[cfg(test)]
#[path = "torch_repr_tests.rs"]
mod tests;
