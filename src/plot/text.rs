//! The terminal renderer: a figure as text. Lines are drawn in braille dots (2 × 4 per
//! character cell), markers and histogram bars as Unicode glyphs, inside a box-drawn frame
//! with ticks, tick labels, a title, axis labels and a legend. The output depends only on
//! the figure, the width and whether colour is on, so it can be compared byte for byte.

use crate::format::palette::{Role, paint};

use super::model::{Axes, Figure, LegendLoc, LineStyle, Series, SeriesKind};
use super::ticks;

/// One character cell of a panel.
#[derive(Clone, Copy, PartialEq)]
struct Cell {
    ch: char,
    role: Role,
}

const BLANK: Cell = Cell { ch: ' ', role: Role::Plain };

/// A rectangle of cells.
struct Grid {
    w: usize,
    h: usize,
    cells: Vec<Cell>,
}

impl Grid {
    fn new(w: usize, h: usize) -> Grid {
        Grid { w, h, cells: vec![BLANK; w * h] }
    }

    fn set(&mut self, x: usize, y: usize, ch: char, role: Role) {
        if x < self.w && y < self.h {
            self.cells[y * self.w + x] = Cell { ch, role };
        }
    }

    /// Writes `s` from column `x` (clipped to the grid).
    fn text(&mut self, x: usize, y: usize, s: &str, role: Role) {
        for (i, ch) in s.chars().enumerate() {
            self.set(x + i, y, ch, role);
        }
    }

    fn blit(&mut self, other: &Grid, x0: usize, y0: usize) {
        for y in 0..other.h {
            for x in 0..other.w {
                let c = other.cells[y * other.w + x];
                self.set(x0 + x, y0 + y, c.ch, c.role);
            }
        }
    }

    /// The grid as lines (trailing spaces trimmed), colour runs painted when `color`.
    fn to_string(&self, color: bool) -> String {
        let mut out = String::new();
        for y in 0..self.h {
            let row = &self.cells[y * self.w..(y + 1) * self.w];
            let end = row.iter().rposition(|c| c.ch != ' ').map_or(0, |i| i + 1);
            let mut i = 0;
            while i < end {
                let role = row[i].role;
                let mut j = i;
                let mut run = String::new();
                while j < end && (row[j].role == role || row[j].ch == ' ') {
                    run.push(row[j].ch);
                    j += 1;
                }
                // Trailing spaces of a run take no colour.
                let trimmed = run.trim_end_matches(' ');
                let pad = run.len() - trimmed.len();
                out.push_str(&paint(trimmed, role, color));
                out.push_str(&" ".repeat(pad));
                i = j;
            }
            out.push('\n');
        }
        out
    }
}

/// Text lines a figure takes at `width` columns: from the figure's aspect ratio (a
/// character is about twice as tall as wide), kept between 12 and 32.
pub fn figure_lines(fig: &Figure, width: usize) -> usize {
    let aspect = fig.size.1 / fig.size.0.max(1e-9);
    ((width as f64 * aspect * 0.4).round() as usize).clamp(12, 32)
}

/// Renders a figure as text `width` columns wide.
pub fn render(fig: &Figure, width: usize, color: bool) -> String {
    if fig.axes.is_empty() && fig.suptitle.is_none() {
        return String::new();
    }
    let width = width.max(30);
    let (gap_x, gap_y) = (3usize, 1usize);
    let rows = fig.axes.iter().map(|a| a.slot.0).max().unwrap_or(1).max(1);
    let cols = fig.axes.iter().map(|a| a.slot.1).max().unwrap_or(1).max(1);
    // A grid too narrow for readable panels is drawn as a column of full-width ones.
    let stacked = (width + gap_x) / cols < MIN_PANEL_W + gap_x;
    let top = usize::from(fig.suptitle.is_some());
    let body = if stacked {
        fig.axes.len() * (STACKED_H + gap_y)
    } else {
        figure_lines(fig, width).max(rows * MIN_PANEL_H + (rows - 1) * gap_y)
    };
    let mut canvas = Grid::new(width, top + body);
    if let Some(t) = &fig.suptitle {
        let t = fit(&t.text, width);
        canvas.text((width - t.chars().count()) / 2, 0, &t, Role::Title);
    }
    let mut order: Vec<&Axes> = fig.axes.iter().collect();
    if stacked {
        // Reading order: by row, then column.
        order.sort_by(|a, b| {
            let (ra, rb) = (super::model::slot_rect(a.slot), super::model::slot_rect(b.slot));
            ra.1.total_cmp(&rb.1).then(ra.0.total_cmp(&rb.0))
        });
    }
    for (k, ax) in order.into_iter().enumerate() {
        let (x0, x1, y0, y1) = if stacked {
            let y0 = k * (STACKED_H + gap_y);
            (0, width, y0, y0 + STACKED_H)
        } else {
            let (fx0, fy0, fx1, fy1) = super::model::slot_rect(ax.slot);
            let x0 = (fx0 * (width + gap_x) as f64).round() as usize;
            let x1 = ((fx1 * (width + gap_x) as f64).round() as usize).saturating_sub(gap_x).min(width);
            let y0 = (fy0 * (body + gap_y) as f64).round() as usize;
            let y1 = ((fy1 * (body + gap_y) as f64).round() as usize).saturating_sub(gap_y).min(body);
            (x0, x1, y0, y1)
        };
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        let panel = render_axes(ax, x1 - x0, y1 - y0);
        canvas.blit(&panel, x0, top + y0);
    }
    // Drop blank lines at the bottom (a panel shorter than its slot leaves some).
    let mut s = canvas.to_string(color);
    while s.ends_with("\n\n") {
        s.pop();
    }
    if s.trim().is_empty() { String::new() } else { s }
}

/// The narrowest and lowest a subplot panel is drawn side by side with others.
const MIN_PANEL_W: usize = 24;
const MIN_PANEL_H: usize = 10;
/// Lines of each panel when a grid is drawn as a column.
const STACKED_H: usize = 14;

/// `s` cut to `w` characters (with an ellipsis when cut).
fn fit(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        return s.to_string();
    }
    let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
    t.push('…');
    t
}

fn series_role(s: &Series) -> Role {
    Role::Series(s.color.ansi() as u8)
}

/// One axes as a `pw` × `ph` grid of cells.
fn render_axes(ax: &Axes, pw: usize, ph: usize) -> Grid {
    let mut g = Grid::new(pw, ph);
    let ((x0, x1), (y0, y1)) = ax.limits();
    let (title, xlabel, ylabel) = (ax.title_text(), ax.xlabel_text(), ax.ylabel_text());

    // Rows: [title] [ylabel] top-frame plot… bottom-frame tick-labels [xlabel].
    let fixed = 3 + usize::from(xlabel.is_some());
    let mut head = usize::from(title.is_some()) + usize::from(ylabel.is_some());
    let mut h = ph.saturating_sub(fixed + head);
    if h < 3 && head == 2 {
        head = 1; // title and y label share a line
        h = ph.saturating_sub(fixed + head);
    }
    let h = h.max(1);

    // About one tick every three rows, but at least three ticks where rows allow.
    let (ylo, yhi) = (y0.min(y1), y0.max(y1));
    let mut yn = (h / 3).clamp(2, 10);
    let mut yt = ticks::ticks(ylo, yhi, yn);
    while yt.len() < 3 && yn < (h / 2).min(10) {
        yn += 1;
        yt = ticks::ticks(ylo, yhi, yn);
    }
    let ylabels = ticks::labels(&yt);
    let lw = ylabels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let left = lw + 1; // labels, a space, then the frame
    let w = pw.saturating_sub(left + 2).max(2);

    // x ticks: as many as fit with their labels apart.
    // As many as fit with their labels apart (and at least three when they fit).
    let fits = |t: &[f64], l: &[String]| {
        let widest = l.iter().map(|s| s.chars().count()).max().unwrap_or(1);
        t.len() * (widest + 2) <= w + widest
    };
    let xticks = |n: usize| {
        let t = ticks::ticks(x0.min(x1), x0.max(x1), n);
        let l = ticks::labels(&t);
        (t, l)
    };
    let mut xn = (w / 8).clamp(2, 10);
    let (mut xt, mut xlabels) = xticks(xn);
    while xn > 2 && !fits(&xt, &xlabels) {
        xn -= 1;
        (xt, xlabels) = xticks(xn);
    }
    while xt.len() < 3 && xn < 10 {
        let (t, l) = xticks(xn + 1);
        if !fits(&t, &l) {
            break;
        }
        xn += 1;
        (xt, xlabels) = (t, l);
    }

    let mut row = 0;
    if head == 1 && title.is_some() && ylabel.is_some() {
        let yl = fit(ylabel.unwrap_or(""), pw);
        g.text(0, row, &yl, Role::Plain);
        let t = fit(title.unwrap_or(""), w);
        let start = left + 1 + (w - t.chars().count()) / 2;
        g.text(start.max(yl.chars().count() + 1), row, &t, Role::Title);
        row += 1;
    } else {
        if let Some(t) = title {
            let t = fit(t, w);
            g.text(left + 1 + (w - t.chars().count()) / 2, row, &t, Role::Title);
            row += 1;
        }
        if let Some(y) = ylabel {
            g.text(0, row, &fit(y, pw), Role::Plain);
            row += 1;
        }
    }

    let plot_top = row + 1;
    let mut area = Canvas::new(w, h, (x0, x1), (y0, y1));
    if ax.grid.is_some() {
        area.grid(&xt, &yt);
    }
    for s in ax.draw_order() {
        area.series(s);
    }
    let legend_below = ax.legend.is_some() && !ax.legend_entries().is_empty() && !area.legend(ax);

    // Frame.
    let frame = Role::Dim;
    g.set(left, row, '┌', frame);
    g.set(left + w + 1, row, '┐', frame);
    let bottom = plot_top + h;
    g.set(left, bottom, '└', frame);
    g.set(left + w + 1, bottom, '┘', frame);
    for x in 0..w {
        g.set(left + 1 + x, row, '─', frame);
        g.set(left + 1 + x, bottom, '─', frame);
    }
    for y in 0..h {
        g.set(left, plot_top + y, '│', frame);
        g.set(left + w + 1, plot_top + y, '│', frame);
    }
    let cells = area.cells();
    for y in 0..h {
        for x in 0..w {
            let c = cells[y * w + x];
            g.set(left + 1 + x, plot_top + y, c.ch, c.role);
        }
    }
    for (v, l) in yt.iter().zip(&ylabels) {
        let r = area.row_of(*v);
        g.set(left, plot_top + r, '┤', frame);
        g.text(lw - l.chars().count(), plot_top + r, l, Role::Plain);
    }
    let mut next_free = 0usize;
    for (v, l) in xt.iter().zip(&xlabels) {
        let c = area.col_of(*v);
        g.set(left + 1 + c, bottom, '┬', frame);
        let n = l.chars().count();
        let start = (left + 1 + c).saturating_sub(n / 2).min(pw.saturating_sub(n));
        if start >= next_free {
            g.text(start, bottom + 1, l, Role::Plain);
            next_free = start + n + 1;
        }
    }
    let mut r = bottom + 2;
    if let Some(x) = xlabel {
        let x = fit(x, w);
        g.text(left + 1 + (w - x.chars().count()) / 2, r, &x, Role::Plain);
        r += 1;
    }
    if legend_below {
        let mut x = left + 1;
        for s in ax.legend_entries() {
            let (sample, role) = (sample(s), series_role(s));
            g.text(x, r, &sample, role);
            let label = s.legend_label().unwrap_or("");
            g.text(x + 4, r, label, Role::Plain);
            x += 4 + label.chars().count() + 3;
        }
    }
    g
}

/// A legend sample: three cells showing the line style and marker.
fn sample(s: &Series) -> String {
    if s.kind == SeriesKind::Bars {
        return "███".into();
    }
    let line = match s.line {
        LineStyle::None => ' ',
        LineStyle::Solid => '─',
        LineStyle::Dashed => '╌',
        LineStyle::DashDot => '─',
        LineStyle::Dotted => '┈',
    };
    let mid = match (s.marker, s.line) {
        (Some(m), _) => m.glyph(),
        (None, LineStyle::DashDot) => '·',
        (None, _) => line,
    };
    [line, mid, line].iter().collect()
}

/// The plotting area: braille dots and glyphs per cell.
struct Canvas {
    w: usize,
    h: usize,
    xr: (f64, f64),
    yr: (f64, f64),
    bits: Vec<u8>,
    glyph: Vec<Option<char>>,
    role: Vec<Role>,
    grid: Vec<u8>,
}

/// Braille dot bits by (column, row) inside a cell.
const DOT: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

impl Canvas {
    fn new(w: usize, h: usize, xr: (f64, f64), yr: (f64, f64)) -> Canvas {
        let n = w * h;
        Canvas { w, h, xr, yr, bits: vec![0; n], glyph: vec![None; n], role: vec![Role::Plain; n], grid: vec![0; n] }
    }

    /// A data x as a dot column (may lie outside the canvas).
    fn px(&self, x: f64) -> f64 {
        let (a, b) = self.xr;
        (x - a) / (b - a) * (2 * self.w - 1) as f64
    }

    fn py(&self, y: f64) -> f64 {
        let (a, b) = self.yr;
        (b - y) / (b - a) * (4 * self.h - 1) as f64
    }

    fn col_of(&self, x: f64) -> usize {
        ((self.px(x).round().max(0.0) as usize) / 2).min(self.w - 1)
    }

    fn row_of(&self, y: f64) -> usize {
        ((self.py(y).round().max(0.0) as usize) / 4).min(self.h - 1)
    }

    fn dot(&mut self, x: i64, y: i64, role: Role) {
        if x < 0 || y < 0 || x >= 2 * self.w as i64 || y >= 4 * self.h as i64 {
            return;
        }
        let (cx, cy) = (x as usize / 2, y as usize / 4);
        let i = cy * self.w + cx;
        self.bits[i] |= DOT[x as usize % 2][y as usize % 4];
        self.role[i] = role;
    }

    fn put_glyph(&mut self, cx: usize, cy: usize, ch: char, role: Role) {
        if cx < self.w && cy < self.h {
            let i = cy * self.w + cx;
            self.glyph[i] = Some(ch);
            self.role[i] = role;
        }
    }

    fn occupied(&self, i: usize) -> bool {
        self.bits[i] != 0 || self.glyph[i].is_some()
    }

    /// Dotted grid lines at the ticks (shown only in otherwise empty cells).
    fn grid(&mut self, xt: &[f64], yt: &[f64]) {
        for &x in xt {
            let px = self.px(x).round() as i64;
            if px < 0 || px >= 2 * self.w as i64 {
                continue;
            }
            for py in (1..4 * self.h as i64).step_by(4) {
                let i = (py as usize / 4) * self.w + px as usize / 2;
                self.grid[i] |= DOT[px as usize % 2][py as usize % 4];
            }
        }
        for &y in yt {
            let py = self.py(y).round() as i64;
            if py < 0 || py >= 4 * self.h as i64 {
                continue;
            }
            for px in (0..2 * self.w as i64).step_by(4) {
                let i = (py as usize / 4) * self.w + px as usize / 2;
                self.grid[i] |= DOT[px as usize % 2][py as usize % 4];
            }
        }
    }

    fn series(&mut self, s: &Series) {
        let role = series_role(s);
        match s.kind {
            SeriesKind::Bars => self.bars(s, role),
            SeriesKind::Line | SeriesKind::Scatter => {
                if s.kind == SeriesKind::Line && s.line != LineStyle::None {
                    self.polyline(s, role);
                }
                if let Some(m) = s.marker {
                    for (&x, &y) in s.x.iter().zip(&s.y) {
                        if !(x.is_finite() && y.is_finite()) {
                            continue;
                        }
                        let (px, py) = (self.px(x).round(), self.py(y).round());
                        if px < 0.0 || py < 0.0 || px >= (2 * self.w) as f64 || py >= (4 * self.h) as f64 {
                            continue;
                        }
                        self.put_glyph(px as usize / 2, py as usize / 4, m.glyph(), role);
                    }
                }
            }
        }
    }

    /// Straight segments between consecutive finite points; NaN breaks the line.
    fn polyline(&mut self, s: &Series, role: Role) {
        let pattern = s.line.pattern();
        let mut step = 0usize;
        let pts: Vec<(f64, f64)> = s.x.iter().zip(&s.y).map(|(&x, &y)| (self.px(x), self.py(y))).collect();
        for win in pts.windows(2) {
            let ((ax, ay), (bx, by)) = (win[0], win[1]);
            if !(ax.is_finite() && ay.is_finite() && bx.is_finite() && by.is_finite()) {
                continue;
            }
            let bounds = (-1.0, -1.0, (2 * self.w) as f64, (4 * self.h) as f64);
            let Some(((ax, ay), (bx, by))) = clip((ax, ay), (bx, by), bounds) else { continue };
            let (mut x, mut y) = (ax.round() as i64, ay.round() as i64);
            let (ex, ey) = (bx.round() as i64, by.round() as i64);
            let (dx, dy) = ((ex - x).abs(), -(ey - y).abs());
            let (sx, sy) = (if x < ex { 1 } else { -1 }, if y < ey { 1 } else { -1 });
            let mut err = dx + dy;
            loop {
                if pattern.is_none_or(|p| p[step % p.len()]) {
                    self.dot(x, y, role);
                }
                step += 1;
                if x == ex && y == ey {
                    break;
                }
                let e2 = 2 * err;
                if e2 >= dy {
                    err += dy;
                    x += sx;
                }
                if e2 <= dx {
                    err += dx;
                    y += sy;
                }
            }
            // The shared end point is drawn again by the next segment.
            step = step.saturating_sub(1);
        }
    }

    /// Bars as block glyphs, eighths at the top; a column shows the tallest bar it covers.
    fn bars(&mut self, s: &Series, role: Role) {
        const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let (xa, xb) = self.xr;
        let (ya, yb) = self.yr;
        for c in 0..self.w {
            let lo = xa + c as f64 / self.w as f64 * (xb - xa);
            let hi = xa + (c + 1) as f64 / self.w as f64 * (xb - xa);
            let mut top: Option<f64> = None;
            for (i, &hgt) in s.y.iter().enumerate() {
                let (e0, e1) = (s.x[i].min(s.x[i + 1]), s.x[i].max(s.x[i + 1]));
                // The bar covers the column's centre, or lies inside the column.
                let mid = (lo + hi) / 2.0;
                if (e0 <= mid && mid < e1) || (e0 >= lo && e1 <= hi) || (i + 1 == s.y.len() && mid == e1) {
                    top = Some(top.map_or(hgt, |t: f64| t.max(hgt)));
                }
            }
            let Some(top) = top.filter(|t| t.is_finite()) else { continue };
            let base = 0f64.clamp(ya, yb);
            let eighths = |v: f64| ((v - ya) / (yb - ya) * (self.h * 8) as f64).round().clamp(0.0, (self.h * 8) as f64) as usize;
            let (b, t) = (eighths(base.min(top)), eighths(base.max(top)));
            for r in 0..self.h {
                // Rows from the bottom.
                let (r0, r1) = (r * 8, r * 8 + 8);
                let filled_top = t.min(r1);
                if filled_top <= r0 || b >= r1 {
                    continue;
                }
                let n = filled_top - r0.max(b);
                if n == 0 {
                    continue;
                }
                let ch = if b > r0 { if n >= 4 { '█' } else { continue } } else { BLOCKS[n - 1] };
                self.put_glyph(c, self.h - 1 - r, ch, role);
            }
        }
    }

    /// Draws the legend box inside the area if it fits; false when it does not.
    fn legend(&mut self, ax: &Axes) -> bool {
        let entries = ax.legend_entries();
        let label_w = entries.iter().map(|s| s.legend_label().unwrap_or("").chars().count()).max().unwrap_or(0);
        let (bw, bh) = (label_w + 8, entries.len() + 2);
        if bw > self.w || bh > self.h {
            return false;
        }
        let loc = ax.legend.unwrap_or(LegendLoc::Best);
        let (w, h) = (self.w, self.h);
        let place = |l: LegendLoc| -> (usize, usize) {
            use LegendLoc::*;
            let (left, cx, right) = (0, (w - bw) / 2, w - bw);
            let (topy, cy, boty) = (0, (h - bh) / 2, h - bh);
            match l {
                Best | UpperRight => (right, topy),
                UpperLeft => (left, topy),
                LowerLeft => (left, boty),
                LowerRight => (right, boty),
                Right | CenterRight => (right, cy),
                CenterLeft => (left, cy),
                LowerCenter => (cx, boty),
                UpperCenter => (cx, topy),
                Center => (cx, cy),
            }
        };
        let (x0, y0) = if loc == LegendLoc::Best {
            use LegendLoc::*;
            let candidates = [UpperRight, UpperLeft, LowerLeft, LowerRight, CenterRight, CenterLeft, LowerCenter, UpperCenter, Center];
            let cost = |(x, y): (usize, usize)| -> usize {
                (y..y + bh).flat_map(|r| (x..x + bw).map(move |c| r * w + c)).filter(|&i| self.occupied(i)).count()
            };
            let mut best = place(UpperRight);
            let mut best_cost = cost(best);
            for l in candidates {
                let p = place(l);
                let c = cost(p);
                if c < best_cost {
                    best = p;
                    best_cost = c;
                }
            }
            best
        } else {
            place(loc)
        };
        let dim = Role::Dim;
        for y in 0..bh {
            for x in 0..bw {
                let i = (y0 + y) * w + x0 + x;
                self.bits[i] = 0;
                self.grid[i] = 0;
                let edge = match (x, y) {
                    (0, 0) => Some('╭'),
                    (_, 0) if x == bw - 1 => Some('╮'),
                    (0, _) if y == bh - 1 => Some('╰'),
                    _ if x == bw - 1 && y == bh - 1 => Some('╯'),
                    (_, 0) => Some('─'),
                    _ if y == bh - 1 => Some('─'),
                    (0, _) => Some('│'),
                    _ if x == bw - 1 => Some('│'),
                    _ => None,
                };
                self.glyph[i] = Some(edge.unwrap_or(' '));
                self.role[i] = if edge.is_some() { dim } else { Role::Plain };
            }
        }
        for (k, s) in entries.iter().enumerate() {
            let y = y0 + 1 + k;
            for (j, ch) in sample(s).chars().enumerate() {
                let i = y * w + x0 + 2 + j;
                self.glyph[i] = Some(ch);
                self.role[i] = series_role(s);
            }
            for (j, ch) in s.legend_label().unwrap_or("").chars().enumerate() {
                let i = y * w + x0 + 6 + j;
                self.glyph[i] = Some(ch);
                self.role[i] = Role::Plain;
            }
        }
        true
    }

    fn cells(&self) -> Vec<Cell> {
        (0..self.w * self.h)
            .map(|i| {
                if let Some(ch) = self.glyph[i] {
                    Cell { ch, role: self.role[i] }
                } else if self.bits[i] != 0 {
                    Cell { ch: braille(self.bits[i]), role: self.role[i] }
                } else if self.grid[i] != 0 {
                    Cell { ch: braille(self.grid[i]), role: Role::Dim }
                } else {
                    BLANK
                }
            })
            .collect()
    }
}

fn braille(bits: u8) -> char {
    char::from_u32(0x2800 + bits as u32).unwrap_or(' ')
}

/// Liang–Barsky clipping of a segment to the rectangle (x0, y0, x1, y1).
fn clip(a: (f64, f64), b: (f64, f64), r: (f64, f64, f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - r.0), (dx, r.2 - a.0), (-dy, a.1 - r.1), (dy, r.3 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

#[cfg(test)]
mod tests {
    use super::super::model::{Color, Marker};
    use super::*;

    fn line(x: Vec<f64>, y: Vec<f64>) -> Series {
        Series {
            kind: SeriesKind::Line,
            x,
            y,
            label: None,
            color: Color::CYCLE[0],
            marker: None,
            line: LineStyle::Solid,
            alpha: 1.0,
            linewidth: 1.5,
            markersize: 6.0,
            edgecolor: None,
        }
    }

    fn fig_with(series: Vec<Series>) -> Figure {
        let mut f = Figure::new(1);
        let i = f.gca();
        f.axes[i].series = series;
        f
    }

    #[test]
    fn diagonal_line_is_braille_inside_a_frame() {
        let f = fig_with(vec![line(vec![0.0, 1.0], vec![0.0, 1.0])]);
        let s = render(&f, 40, false);
        assert!(s.contains('┌') && s.contains('┘'), "{s}");
        assert!(s.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)), "{s}");
        assert!(!s.contains('\x1b'));
        // Deterministic.
        assert_eq!(s, render(&f, 40, false));
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() <= 40));
    }

    #[test]
    fn colour_only_when_asked() {
        let f = fig_with(vec![line(vec![0.0, 1.0], vec![0.0, 1.0])]);
        assert!(render(&f, 40, true).contains("\x1b["));
    }

    #[test]
    fn markers_and_bars_are_glyphs() {
        let mut s = line(vec![0.0, 1.0, 2.0], vec![1.0, 2.0, 0.5]);
        s.kind = SeriesKind::Scatter;
        s.line = LineStyle::None;
        s.marker = Some(Marker::Circle);
        let out = render(&fig_with(vec![s]), 50, false);
        assert_eq!(out.matches('•').count(), 3, "{out}");
        let mut b = line(vec![0.0, 1.0, 2.0], vec![3.0, 1.0]);
        b.kind = SeriesKind::Bars;
        let out = render(&fig_with(vec![b]), 50, false);
        assert!(out.contains('█'), "{out}");
    }

    #[test]
    fn narrow_grids_stack_their_panels() {
        let mut f = Figure::new(1);
        for k in 1..=4 {
            let i = f.subplot(2, 2, k);
            f.axes[i].series.push(line(vec![0.0, 1.0], vec![k as f64, 0.0]));
        }
        // 4 frames side by side at 80 columns, one above the other at 40.
        let wide = render(&f, 80, false);
        assert_eq!(wide.lines().filter(|l| l.contains('┌')).count(), 2, "{wide}");
        let narrow = render(&f, 40, false);
        assert_eq!(narrow.lines().filter(|l| l.contains('┌')).count(), 4, "{narrow}");
        assert!(narrow.lines().all(|l| l.chars().count() <= 40));
        assert_eq!(render(&Figure::new(2), 80, false), "");
    }

    #[test]
    fn clipping() {
        assert_eq!(clip((-10.0, 0.0), (10.0, 0.0), (0.0, -1.0, 5.0, 1.0)), Some(((0.0, 0.0), (5.0, 0.0))));
        assert_eq!(clip((-10.0, 5.0), (10.0, 5.0), (0.0, -1.0, 5.0, 1.0)), None);
    }
}
