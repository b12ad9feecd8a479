//! The calculator's face (`--format table`): a header line (kind · shape · dtype · device
//! · autograd) and box-drawn grids with row/column indices. Element texts, int/sci mode
//! and precision are the torch repr's (one formatter per tensor, print options honoured);
//! grids are summarised with `…` rows/columns to fit the terminal width. Deterministic;
//! with `color = false` no escape codes are emitted.

use crate::format::elements::{ElemFormat, FloatFormat, complex_parts, int_text, visible};
use crate::format::palette::{Role, paint as paint_role};
use crate::format::torch_repr::print_options;
use crate::tensor::{Scalar, Tensor};

/// How a table is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableStyle {
    /// Terminal columns available.
    pub width: usize,
    /// Use ANSI colours (owo-colors).
    pub color: bool,
}

/// What a cell holds, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Num,
    NonFinite,
    True,
    False,
    Gap,
    Label,
}

#[derive(Clone, Debug)]
struct Cell {
    text: String,
    kind: Kind,
}

impl Cell {
    fn gap() -> Cell {
        Cell { text: "…".into(), kind: Kind::Gap }
    }
    fn label(s: String) -> Cell {
        Cell { text: s, kind: Kind::Label }
    }
}

fn paint(text: &str, kind: Kind, color: bool) -> String {
    let role = match kind {
        Kind::Num => Role::Plain,
        Kind::NonFinite => Role::NonFinite,
        Kind::True => Role::True,
        Kind::False => Role::False,
        Kind::Gap => Role::Gap,
        Kind::Label => Role::Dim,
    };
    paint_role(text, role, color)
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// The header line: `tensor · 2×3 · float32 · cpu[ · requires_grad | · grad_fn=<…>]`,
/// each part in its palette role.
fn header(t: &Tensor, color: bool) -> String {
    let shape = t.shape();
    let dims = if shape.is_empty() {
        "scalar".to_string()
    } else {
        shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("×")
    };
    let mut parts = vec![
        paint_role("tensor", Role::Kind, color),
        paint_role(&dims, Role::Shape, color),
        paint_role(t.dtype().name(), Role::DType, color),
        paint_role(&t.device().to_string(), Role::Device, color),
    ];
    let ag = t.autograd();
    if let Some(n) = &ag.grad_fn {
        parts.push(paint_role(&format!("grad_fn=<{}>", n.name), Role::Grad, color));
    } else if ag.requires_grad {
        parts.push(paint_role("requires_grad", Role::Grad, color));
    }
    parts.join(&paint_role(" · ", Role::Dim, color))
}

/// Cell text of one element with the tensor's formatter (unpadded).
fn cell(s: &Scalar, fmt: &ElemFormat) -> Cell {
    match fmt {
        ElemFormat::Int { .. } => {
            let kind = match s {
                Scalar::Bool(true) => Kind::True,
                Scalar::Bool(false) => Kind::False,
                _ => Kind::Num,
            };
            Cell { text: int_text(s), kind }
        }
        ElemFormat::Float(f) => {
            let x = s.to_f64();
            let mut text = f.text(x);
            if !x.is_finite() && f.int_mode && !f.sci_mode {
                // Keep nan/inf aligned with the digits before the trailing `.`.
                text.push(' ');
            }
            Cell { text, kind: if x.is_finite() { Kind::Num } else { Kind::NonFinite } }
        }
        ElemFormat::Complex(rf, imf) => {
            let (re, im) = complex_parts(s);
            let text = complex_text(re, im, rf, imf);
            let kind = if re.is_finite() && im.is_finite() { Kind::Num } else { Kind::NonFinite };
            Cell { text, kind }
        }
    }
}

fn complex_text(re: f64, im: f64, rf: &FloatFormat, imf: &FloatFormat) -> String {
    let r = rf.text(re);
    let i = format!("{}j", imf.text(im));
    if i.starts_with('-') { format!("{r}{i}") } else { format!("{r}+{i}") }
}

/// A box-drawn grid. `rows[r][c]`; `row_labels` (if any) form a first column.
fn render_grid(col_labels: &[Cell], row_labels: Option<&[Cell]>, rows: &[Vec<Cell>], color: bool) -> String {
    let ncols = col_labels.len();
    let mut widths: Vec<usize> = col_labels.iter().map(|c| len(&c.text)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(len(&c.text));
        }
    }
    let lw = row_labels.map(|l| l.iter().map(|c| len(&c.text)).max().unwrap_or(0));
    let all: Vec<usize> = lw.into_iter().chain(widths.iter().copied()).collect();
    let rule = |l: &str, m: &str, r: &str| {
        let segs: Vec<String> = all.iter().map(|w| "─".repeat(w + 2)).collect();
        paint(&format!("{l}{}{r}", segs.join(m)), Kind::Label, color)
    };
    let bar = paint("│", Kind::Label, color);
    let line = |label: Option<&Cell>, cells: &[Cell]| {
        let mut s = bar.clone();
        if let (Some(w), Some(l)) = (lw, label) {
            s.push_str(&format!(" {} {bar}", paint(&pad_left(&l.text, w), l.kind, color)));
        } else if let Some(w) = lw {
            s.push_str(&format!(" {} {bar}", " ".repeat(w)));
        }
        for (c, w) in cells.iter().zip(&widths) {
            let text = if c.kind == Kind::Gap { center(&c.text, *w) } else { pad_left(&c.text, *w) };
            s.push_str(&format!(" {} {bar}", paint(&text, c.kind, color)));
        }
        s
    };
    let mut out = vec![rule("┌", "┬", "┐"), line(None, col_labels), rule("├", "┼", "┤")];
    for (i, r) in rows.iter().enumerate() {
        debug_assert_eq!(r.len(), ncols);
        out.push(line(row_labels.and_then(|l| l.get(i)), r));
    }
    out.push(rule("└", "┴", "┘"));
    out.join("\n")
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(len(s))))
}

fn center(s: &str, w: usize) -> String {
    let n = w.saturating_sub(len(s));
    format!("{}{s}{}", " ".repeat(n - n / 2), " ".repeat(n / 2))
}

/// Keeps the first `e` and last `e` of `n` positions (with a gap) so that
/// `fits(chosen)` holds, starting from all of them; returns positions and the gap index.
fn fit_columns(n: usize, gap: Option<usize>, fits: &dyn Fn(&[usize], Option<usize>) -> bool) -> (Vec<usize>, Option<usize>) {
    let all: Vec<usize> = (0..n).collect();
    if fits(&all, gap) {
        return (all, gap);
    }
    let mut e = n / 2;
    while e > 1 {
        let cols: Vec<usize> = (0..e).chain(n - e..n).collect();
        if fits(&cols, Some(e)) {
            return (cols, Some(e));
        }
        e -= 1;
    }
    if n >= 2 {
        let ends: Vec<usize> = (0..1).chain(n - 1..n).collect();
        if fits(&ends, Some(1)) {
            return (ends, Some(1));
        }
        // Narrower still: the first column and a trailing gap.
        (vec![0], Some(1))
    } else {
        (all, gap)
    }
}

/// Inserts gap markers into a list at `gap`.
fn with_gap<T: Clone>(items: Vec<T>, gap: Option<usize>, marker: T) -> Vec<T> {
    match gap {
        Some(g) if g <= items.len() => {
            let mut v = items;
            v.insert(g, marker);
            v
        }
        _ => items,
    }
}

/// Total printed width of a grid with these column text widths (and a label column).
fn grid_width(label_w: Option<usize>, widths: &[usize]) -> usize {
    1 + label_w.map_or(0, |w| w + 3) + widths.iter().map(|w| w + 3).sum::<usize>()
}

/// A tensor as a human-readable table.
pub fn tensor_table(t: &Tensor, style: &TableStyle) -> String {
    let opts = print_options();
    let head = header(t, style.color);
    if t.numel() == 0 {
        return format!("{head}\n{}", paint_role("(empty)", Role::Dim, style.color));
    }
    let vis = visible(t, opts.threshold, opts.edgeitems);
    let fmt = ElemFormat::build(t.dtype(), &vis.vals, opts.precision, opts.sci_mode);
    let cells: Vec<Cell> = vis.vals.iter().map(|v| cell(v, &fmt)).collect();
    let nd = vis.idx.len();
    if nd == 0 {
        let c = &cells[0];
        return format!("{head}\n{}", paint(&c.text, c.kind, style.color));
    }
    let gap_of = |d: usize| if vis.gap[d] { Some(opts.edgeitems) } else { None };
    if nd == 1 {
        return format!("{head}\n{}", vector_grid(&vis.idx[0], gap_of(0), &cells, style));
    }
    // Leading dims: one grid per visible index combination, with `⋮` for gaps.
    let (r_idx, c_idx) = (&vis.idx[nd - 2], &vis.idx[nd - 1]);
    let block = r_idx.len() * c_idx.len();
    let lead = &vis.idx[..nd - 2];
    let nblocks: usize = lead.iter().map(|v| v.len()).product();
    // Column widths shared by all blocks, so stacked grids line up.
    let nc = c_idx.len();
    let mut col_w: Vec<usize> = c_idx.iter().map(|c| len(&c.to_string())).collect();
    for (i, c) in cells.iter().enumerate() {
        col_w[i % nc] = col_w[i % nc].max(len(&c.text));
    }
    let mut out = vec![head];
    let mut pos = vec![0usize; nd - 2];
    for b in 0..nblocks {
        if b > 0 {
            // Advance the odometer; a gap is crossed where a summarised dim jumps.
            let mut d = nd - 2;
            let mut crossed = false;
            while d > 0 {
                d -= 1;
                pos[d] += 1;
                if pos[d] < lead[d].len() {
                    crossed |= vis.gap[d] && pos[d] == opts.edgeitems;
                    break;
                }
                pos[d] = 0;
            }
            if crossed {
                out.push(paint("⋮", Kind::Gap, style.color));
            }
        }
        if nd > 2 {
            let idx: Vec<String> = pos.iter().enumerate().map(|(d, &p)| lead[d][p].to_string()).collect();
            out.push(paint_role(&format!("[{}, :, :]", idx.join(", ")), Role::Label, style.color));
        }
        let blk = &cells[b * block..(b + 1) * block];
        out.push(matrix_grid(r_idx, gap_of(nd - 2), c_idx, gap_of(nd - 1), blk, &col_w, style));
    }
    out.join("\n")
}

/// 1-D: index row over value row, wrapped into several grids when too wide.
fn vector_grid(idx: &[usize], gap: Option<usize>, cells: &[Cell], style: &TableStyle) -> String {
    let labels: Vec<Cell> = with_gap(idx.iter().map(|i| Cell::label(i.to_string())).collect(), gap, Cell::gap());
    let vals: Vec<Cell> = with_gap(cells.to_vec(), gap, Cell::gap());
    let w = labels.iter().chain(&vals).map(|c| len(&c.text)).max().unwrap_or(1);
    let per = ((style.width.saturating_sub(1)) / (w + 3)).max(1);
    let mut grids = Vec::new();
    for (ls, vs) in labels.chunks(per).zip(vals.chunks(per)) {
        // Uniform widths so stacked grids line up.
        let ls: Vec<Cell> = ls
            .iter()
            .map(|c| {
                let text = if c.kind == Kind::Gap { center(&c.text, w) } else { pad_left(&c.text, w) };
                Cell { text, kind: c.kind }
            })
            .collect();
        grids.push(render_grid(&ls, None, &[vs.to_vec()], style.color));
    }
    grids.join("\n")
}

/// 2-D block with row and column indices, columns elided to fit the width.
fn matrix_grid(
    r_idx: &[usize],
    r_gap: Option<usize>,
    c_idx: &[usize],
    c_gap: Option<usize>,
    blk: &[Cell],
    col_w: &[usize],
    style: &TableStyle,
) -> String {
    let nc = c_idx.len();
    let row_labels: Vec<Cell> = with_gap(r_idx.iter().map(|i| Cell::label(i.to_string())).collect(), r_gap, Cell::gap());
    let label_w = row_labels.iter().map(|c| len(&c.text)).max().unwrap_or(1);
    let fits = |cols: &[usize], gap: Option<usize>| {
        let mut ws: Vec<usize> = cols.iter().map(|&c| col_w[c]).collect();
        if gap.is_some() {
            ws.push(1);
        }
        grid_width(Some(label_w), &ws) <= style.width
    };
    let (cols, gap) = fit_columns(nc, c_gap, &fits);
    let col_labels = with_gap(
        cols.iter().map(|&c| Cell::label(pad_left(&c_idx[c].to_string(), col_w[c]))).collect(),
        gap,
        Cell::gap(),
    );
    let mut rows: Vec<Vec<Cell>> = (0..r_idx.len())
        .map(|r| with_gap(cols.iter().map(|&c| blk[r * nc + c].clone()).collect(), gap, Cell::gap()))
        .collect();
    if let Some(g) = r_gap {
        rows.insert(g.min(rows.len()), vec![Cell::gap(); col_labels.len()]);
    }
    render_grid(&col_labels, Some(&row_labels), &rows, style.color)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
