//! The image backend: a figure drawn with the plotters crate to SVG (text) or PNG
//! (an RGB buffer encoded with the `png` crate). Text uses DejaVu Sans — matplotlib's
//! default font — embedded in the binary, so no system font is needed.

use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::element::{Drawable, PointCollection};
use plotters_backend::DrawingErrorKind;
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::model::{self, Axes, Figure, LegendLoc, LineStyle, Marker, Series, SeriesKind};
use super::ticks;

/// The font family every text element uses.
const FONT: &str = "sans-serif";

fn register_font() -> Result<(), String> {
    static DONE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular())
            .map_err(|_| "the embedded font could not be loaded".to_string())
    })
    .clone()
}

/// Sizes in pixels for one resolution: matplotlib's defaults in points, scaled by dpi.
#[derive(Clone, Copy)]
struct Metrics {
    dpi: f64,
}

impl Metrics {
    /// Points to pixels.
    fn pt(&self, p: f64) -> f64 {
        p * self.dpi / 72.0
    }

    /// A font of `p` points. ab_glyph scales by the font's full height (ascent −
    /// descent), which is 1.164 em for DejaVu Sans.
    fn font(&self, p: f64) -> TextStyle<'static> {
        (FONT, self.pt(p) * 1.164).into_font().color(&BLACK)
    }

    fn px(&self, p: f64) -> i32 {
        self.pt(p).round().max(1.0) as i32
    }
}

fn rgb(c: model::Color) -> RGBColor {
    RGBColor(c.r, c.g, c.b)
}

/// The figure as an SVG document.
pub fn svg(fig: &Figure, dpi: f64, face: model::Color) -> Result<String, String> {
    register_font()?;
    let (w, h) = fig.pixels(dpi);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw_figure(&root, fig, Metrics { dpi }, face).map_err(|e| format!("{e:?}"))?;
        root.present().map_err(|e| format!("{e:?}"))?;
    }
    Ok(out)
}

/// PNGs are drawn at this many times their size and averaged down (anti-aliasing).
const SUPERSAMPLE: u32 = 2;

/// The figure as PNG file bytes.
pub fn png(fig: &Figure, dpi: f64, face: model::Color) -> Result<Vec<u8>, String> {
    register_font()?;
    let (w, h) = fig.pixels(dpi);
    let mut raster = super::raster::Raster::new(w * SUPERSAMPLE, h * SUPERSAMPLE, dejavu::sans::regular())
        .ok_or_else(|| "the embedded font could not be loaded".to_string())?;
    raster.snap = SUPERSAMPLE;
    {
        let root = super::raster::Target(&mut raster).into_drawing_area();
        draw_figure(&root, fig, Metrics { dpi: dpi * SUPERSAMPLE as f64 }, face).map_err(|e| format!("{e:?}"))?;
        root.present().map_err(|e| format!("{e:?}"))?;
    }
    let (w, h, buf) = raster.downsample(SUPERSAMPLE);
    let mut bytes = Vec::new();
    {
        let mut enc = ::png::Encoder::new(&mut bytes, w, h);
        enc.set_color(::png::ColorType::Rgb);
        enc.set_depth(::png::BitDepth::Eight);
        // matplotlib records its resolution; so do we (pixels per metre).
        let ppm = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(::png::PixelDimensions { xppu: ppm, yppu: ppm, unit: ::png::Unit::Meter }));
        let mut wr = enc.write_header().map_err(|e| e.to_string())?;
        wr.write_image_data(&buf).map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw_figure<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, fig: &Figure, m: Metrics, face: model::Color) -> DrawResult<DB> {
    root.fill(&rgb(face))?;
    let body = match &fig.suptitle {
        Some(t) => root.titled(&t.text, m.font(t.size.unwrap_or(12.0)))?,
        None => root.clone(),
    };
    let (w, h) = body.dim_in_pixel();
    for ax in &fig.axes {
        let (fx0, fy0, fx1, fy1) = model::slot_rect(ax.slot);
        let x0 = (fx0 * w as f64).round() as u32;
        let y0 = (fy0 * h as f64).round() as u32;
        let pw = ((fx1 * w as f64).round() as u32).saturating_sub(x0).max(1);
        let ph = ((fy1 * h as f64).round() as u32).saturating_sub(y0).max(1);
        let panel = body.clone().shrink((x0, y0), (pw, ph));
        draw_axes(&panel, ax, m)?;
    }
    Ok(())
}

/// Tick positions plotters will use for `n` labels, with our label format for them.
fn tick_labels(lo: f64, hi: f64, n: usize) -> Vec<(f64, String)> {
    let r: RangedCoordf64 = (lo..hi).into();
    let kp = r.key_points(n);
    // matplotlib writes negative numbers with a real minus sign (U+2212).
    let labels = ticks::labels(&kp).into_iter().map(|l| match l.strip_prefix('-') {
        Some(r) => format!("\u{2212}{r}"),
        None => l,
    });
    kp.into_iter().zip(labels).collect()
}

fn label_for(table: &[(f64, String)], v: f64) -> String {
    table
        .iter()
        .min_by(|a, b| (a.0 - v).abs().total_cmp(&(b.0 - v).abs()))
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

fn draw_axes<DB: DrawingBackend>(panel: &DrawingArea<DB, Shift>, ax: &Axes, m: Metrics) -> DrawResult<DB> {
    let ((x0, x1), (y0, y1)) = ax.limits();
    let (pw, ph) = panel.dim_in_pixel();
    let tick_font = m.font(10.0);
    let nx = ((pw as f64 / m.pt(55.0)) as usize).clamp(2, 10);
    let ny = ((ph as f64 / m.pt(30.0)) as usize).clamp(2, 10);
    let xt = tick_labels(x0, x1, nx);
    let yt = tick_labels(y0, y1, ny);
    let size = |l: &Option<model::Label>, default: f64| l.as_ref().and_then(|l| l.size).unwrap_or(default);
    let (xl_size, yl_size, title_size) = (size(&ax.xlabel, 10.0), size(&ax.ylabel, 10.0), size(&ax.title, 12.0));
    let widest = yt
        .iter()
        .map(|(_, l)| panel.estimate_text_size(l, &tick_font).map(|(w, _)| w).unwrap_or(0))
        .max()
        .unwrap_or(0) as f64;
    let tick = m.pt(3.5);
    let y_area = widest + tick * 3.0 + if ax.ylabel_text().is_some() { m.pt(yl_size * 1.2) * 1.4 } else { 0.0 };
    let x_area = m.pt(12.0) + tick * 3.0 + if ax.xlabel_text().is_some() { m.pt(xl_size * 1.2) * 1.4 } else { 0.0 };

    let mut b = ChartBuilder::on(panel);
    b.margin_left(m.px(6.0))
        .margin_right(m.px(14.0))
        .margin_top(m.px(if ax.title_text().is_some() { 4.0 } else { 10.0 }))
        .margin_bottom(m.px(4.0))
        .x_label_area_size(x_area.round() as u32)
        .y_label_area_size(y_area.round() as u32);
    if let Some(t) = ax.title_text() {
        b.caption(t, m.font(title_size));
    }
    let mut chart = b.build_cartesian_2d(x0..x1, y0..y1)?;

    let fx = |v: &f64| label_for(&xt, *v);
    let fy = |v: &f64| label_for(&yt, *v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(nx)
        .y_labels(ny)
        .x_label_formatter(&fx)
        .y_label_formatter(&fy)
        .label_style(tick_font.clone())
        .axis_desc_style(m.font(xl_size))
        .axis_style(BLACK.stroke_width(m.px(0.8) as u32))
        .set_all_tick_mark_size(tick.round() as u32)
        .disable_mesh();
    if let Some(x) = ax.xlabel_text() {
        mesh.x_desc(x);
    }
    if let Some(y) = ax.ylabel_text() {
        mesh.y_desc(y);
    }
    mesh.draw()?;

    // Grid lines at the ticks, below the data.
    if let Some(g) = &ax.grid {
        let style = ShapeStyle { color: rgb(g.color).mix(g.alpha), filled: false, stroke_width: m.px(g.linewidth).max(1) as u32 };
        let area = chart.plotting_area().strip_coord_spec();
        let (bx, by) = chart.plotting_area().get_base_pixel();
        let mut lines: Vec<[(f64, f64); 2]> = Vec::new();
        for (v, _) in &xt {
            let (a, _) = chart.backend_coord(&(*v, y0));
            lines.push([((a - bx) as f64, 0.0), ((a - bx) as f64, (area.dim_in_pixel().1 - 1) as f64)]);
        }
        for (v, _) in &yt {
            let (_, c) = chart.backend_coord(&(x0, *v));
            lines.push([(0.0, (c - by) as f64), ((area.dim_in_pixel().0 - 1) as f64, (c - by) as f64)]);
        }
        for l in lines {
            for piece in dash(&l, g.line, m.pt(g.linewidth).max(1.0)) {
                area.draw(&PathElement::new(piece, style))?;
            }
        }
    }

    for s in ax.draw_order() {
        draw_series(&mut chart, s, m)?;
    }
    // matplotlib's box: all four spines.
    let area = chart.plotting_area().strip_coord_spec();
    let (aw, ah) = area.dim_in_pixel();
    area.draw(&Rectangle::new([(0, 0), (aw as i32 - 1, ah as i32 - 1)], BLACK.stroke_width(m.px(0.8) as u32)))?;

    if ax.legend.is_some() && !ax.legend_entries().is_empty() {
        for s in ax.legend_entries() {
            legend_entry(&mut chart, s, m)?;
        }
        let loc = match ax.legend {
            Some(LegendLoc::Best) | None => best_loc(ax),
            Some(l) => l,
        };
        use SeriesLabelPosition as P;
        let pos = match loc {
            LegendLoc::Best | LegendLoc::UpperRight => P::UpperRight,
            LegendLoc::UpperLeft => P::UpperLeft,
            LegendLoc::LowerLeft => P::LowerLeft,
            LegendLoc::LowerRight => P::LowerRight,
            LegendLoc::Right | LegendLoc::CenterRight => P::MiddleRight,
            LegendLoc::CenterLeft => P::MiddleLeft,
            LegendLoc::LowerCenter => P::LowerMiddle,
            LegendLoc::UpperCenter => P::UpperMiddle,
            LegendLoc::Center => P::MiddleMiddle,
        };
        chart
            .configure_series_labels()
            .position(pos)
            .margin(m.px(6.0))
            .legend_area_size(m.px(22.0))
            .label_font(m.font(10.0))
            .background_style(WHITE.mix(0.8))
            .border_style(RGBColor(0xcc, 0xcc, 0xcc))
            .draw()?;
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn draw_series<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, s: &Series, m: Metrics) -> DrawResult<DB> {
    let color = rgb(s.color).mix(s.alpha);
    let lw = m.pt(s.linewidth).max(1.0);
    let line_style = ShapeStyle { color, filled: false, stroke_width: lw.round().max(1.0) as u32 };
    // matplotlib's markers have an edge of 1 pt around the face.
    let radius = m.pt(s.markersize) / 2.0 + m.pt(0.5);
    match s.kind {
        SeriesKind::Bars => {
            let edge = s.edgecolor.map(|ec| ShapeStyle { color: rgb(ec).mix(s.alpha), filled: false, stroke_width: m.px(s.linewidth).max(1) as u32 });
            let area = chart.plotting_area();
            for (i, &h) in s.y.iter().enumerate().filter(|(_, h)| h.is_finite()) {
                area.draw(&Rectangle::new([(s.x[i], 0.0), (s.x[i + 1], h)], color.filled()))?;
                if let Some(e) = edge {
                    area.draw(&Rectangle::new([(s.x[i], 0.0), (s.x[i + 1], h)], e))?;
                }
            }
        }
        SeriesKind::Line | SeriesKind::Scatter => {
            if s.kind == SeriesKind::Line && s.line != LineStyle::None {
                // Backend pixels of the data, split at non-finite values, then dashed.
                let mut paths: Vec<Vec<(i32, i32)>> = Vec::new();
                for run in s.x.iter().zip(&s.y).collect::<Vec<_>>().split(|(x, y)| !(x.is_finite() && y.is_finite())) {
                    let px: Vec<(f64, f64)> = run
                        .iter()
                        .map(|(x, y)| {
                            let (a, b) = chart.backend_coord(&(**x, **y));
                            (a as f64, b as f64)
                        })
                        .collect();
                    paths.extend(dash(&px, s.line, lw));
                }
                let area = chart.plotting_area().strip_coord_spec();
                let (bx, by) = chart.plotting_area().get_base_pixel();
                for p in &paths {
                    let local: Vec<(i32, i32)> = p.iter().map(|&(a, b)| (a - bx, b - by)).collect();
                    area.draw(&PathElement::new(local, line_style))?;
                }
            }
            if let Some(mk) = s.marker {
                let area = chart.plotting_area();
                for (&x, &y) in s.x.iter().zip(&s.y).filter(|(x, y)| x.is_finite() && y.is_finite()) {
                    area.draw(&Mark { at: [(x, y)], marker: Some(mk), radius, color, sample: None })?;
                }
            }
        }
    }
    Ok(())
}

/// Registers `s` in plotters' legend with its sample (no drawing).
fn legend_entry<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, s: &Series, m: Metrics) -> DrawResult<DB> {
    let Some(label) = s.legend_label().map(str::to_string) else { return Ok(()) };
    let color = rgb(s.color).mix(s.alpha);
    let lw = m.pt(s.linewidth).max(1.0);
    let line_style = ShapeStyle { color, filled: false, stroke_width: lw.round().max(1.0) as u32 };
    let radius = m.pt(s.markersize) / 2.0 + m.pt(0.5);
    let len = (lw * 12.0).max(m.pt(20.0)) as i32;
    let sample = (len, s.kind.clone(), s.line, line_style, lw);
    let marker = s.marker;
    let legend = move |c: (i32, i32)| Mark { at: [c], marker, radius, color, sample: Some(sample.clone()) };
    chart.draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?.label(label).legend(legend);
    Ok(())
}

/// A point-anchored mark drawn straight on the backend: a marker at a data point, or a
/// legend sample (a short line dashed as the series is, its marker, or a bar patch).
/// Concrete (not a boxed element), so it works with borrowed backends.
#[derive(Clone)]
struct Mark<C> {
    at: [C; 1],
    marker: Option<Marker>,
    radius: f64,
    color: RGBAColor,
    /// Legend samples only: the sample's length in pixels and what it shows.
    sample: Option<(i32, SeriesKind, LineStyle, ShapeStyle, f64)>,
}

impl<'b, C> PointCollection<'b, C> for &'b Mark<C> {
    type Point = &'b C;
    type IntoIter = &'b [C; 1];
    fn point_iter(self) -> Self::IntoIter {
        &self.at
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for Mark<C> {
    fn draw<I: Iterator<Item = (i32, i32)>>(&self, mut pos: I, b: &mut DB, _: (u32, u32)) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some((x, y)) = pos.next() else { return Ok(()) };
        let mut centre = (x, y);
        if let Some((len, kind, line, style, lw)) = &self.sample {
            centre = (x + len / 2, y);
            if *kind == SeriesKind::Bars {
                return b.draw_rect((x, y - len / 4), (x + len, y + len / 4), &self.color.filled(), true);
            }
            if *kind == SeriesKind::Line && *line != LineStyle::None {
                for piece in dash(&[(x as f64, y as f64), ((x + len) as f64, y as f64)], *line, *lw) {
                    b.draw_path(piece, style)?;
                }
            }
        }
        match self.marker {
            Some(mk) => draw_marker(b, mk, centre, self.radius, self.color),
            None => Ok(()),
        }
    }
}

/// matplotlib's dash patterns, in multiples of the line width.
fn pattern(line: LineStyle) -> &'static [f64] {
    match line {
        LineStyle::Dashed => &[3.7, 1.6],
        LineStyle::DashDot => &[6.4, 1.6, 1.0, 1.6],
        LineStyle::Dotted => &[1.0, 1.65],
        _ => &[],
    }
}

/// The "on" pieces of the polyline `pts` for `line`'s dash pattern, as polylines (a
/// dash that turns a corner stays one piece). Solid lines come back whole.
fn dash(pts: &[(f64, f64)], line: LineStyle, lw: f64) -> Vec<Vec<(i32, i32)>> {
    let ip = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    let pat = pattern(line);
    if pat.is_empty() {
        return vec![pts.iter().map(|&p| ip(p)).collect()];
    }
    let mut out = Vec::new();
    let mut cur: Vec<(i32, i32)> = Vec::new();
    let (mut idx, mut rem) = (0usize, pat[0] * lw);
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let at = |t: f64| (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
        let mut t = 0.0;
        while t < len {
            let take = rem.min(len - t);
            if idx % 2 == 0 {
                if cur.is_empty() {
                    cur.push(ip(at(t)));
                }
                cur.push(ip(at(t + take)));
            }
            t += take;
            rem -= take;
            if rem <= 1e-9 {
                if idx % 2 == 0 && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                idx = (idx + 1) % pat.len();
                rem = pat[idx] * lw;
            }
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// A marker shape centred on `c` (backend pixels), matplotlib's shapes.
fn draw_marker<DB: DrawingBackend>(b: &mut DB, mk: Marker, c: (i32, i32), r: f64, color: RGBAColor) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let fill = color.filled();
    // About matplotlib's 1 pt marker edge for a default-sized marker.
    let stroke = ShapeStyle { color, filled: false, stroke_width: (r / 4.5).round().max(1.0) as u32 };
    let p = |dx: f64, dy: f64| (c.0 + dx.round() as i32, c.1 + dy.round() as i32);
    let regular = |n: usize, rot: f64, rr: f64| -> Vec<(i32, i32)> {
        (0..n)
            .map(|k| {
                let a = rot + k as f64 * std::f64::consts::TAU / n as f64;
                p(rr * a.sin(), -rr * a.cos())
            })
            .collect()
    };
    use std::f64::consts::{FRAC_PI_2, PI};
    let poly = match mk {
        Marker::Circle => return b.draw_circle(c, r.round().max(1.0) as u32, &fill, true),
        Marker::Point => return b.draw_circle(c, (r * 0.5).round().max(1.0) as u32, &fill, true),
        Marker::Pixel => return b.draw_pixel(c, color.to_backend_color()),
        Marker::Square => return b.draw_rect(p(-r * 0.9, -r * 0.9), p(r * 0.9, r * 0.9), &fill, true),
        Marker::Plus => {
            b.draw_line(p(-r, 0.0), p(r, 0.0), &stroke)?;
            return b.draw_line(p(0.0, -r), p(0.0, r), &stroke);
        }
        Marker::X => {
            b.draw_line(p(-r * 0.8, -r * 0.8), p(r * 0.8, r * 0.8), &stroke)?;
            return b.draw_line(p(-r * 0.8, r * 0.8), p(r * 0.8, -r * 0.8), &stroke);
        }
        Marker::VLine => return b.draw_line(p(0.0, -r), p(0.0, r), &stroke),
        Marker::HLine => return b.draw_line(p(-r, 0.0), p(r, 0.0), &stroke),
        Marker::TriangleUp => regular(3, 0.0, r * 1.1),
        Marker::TriangleDown => regular(3, PI, r * 1.1),
        Marker::TriangleLeft => regular(3, -FRAC_PI_2, r * 1.1),
        Marker::TriangleRight => regular(3, FRAC_PI_2, r * 1.1),
        Marker::Diamond => regular(4, 0.0, r * 1.1),
        Marker::ThinDiamond => vec![p(0.0, -r * 1.1), p(r * 0.6, 0.0), p(0.0, r * 1.1), p(-r * 0.6, 0.0)],
        Marker::Pentagon => regular(5, 0.0, r * 1.05),
        Marker::Hexagon => regular(6, 0.0, r * 1.05),
        Marker::Star => (0..10)
            .map(|k| {
                let a = k as f64 * PI / 5.0;
                let rr = if k % 2 == 0 { r * 1.2 } else { r * 0.5 };
                p(rr * a.sin(), -rr * a.cos())
            })
            .collect(),
    };
    b.fill_polygon(poly, &fill)
}

/// matplotlib's `loc='best'` for images: the corner whose legend-sized box covers the
/// fewest data points (lines sampled along their segments, bars over their area).
fn best_loc(ax: &Axes) -> LegendLoc {
    let ((x0, x1), (y0, y1)) = ax.limits();
    let norm = |x: f64, y: f64| ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0));
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for s in ax.draw_order() {
        match s.kind {
            SeriesKind::Bars => {
                for (i, &h) in s.y.iter().enumerate() {
                    for k in 0..=8 {
                        for j in 0..=8 {
                            let x = s.x[i] + (s.x[i + 1] - s.x[i]) * k as f64 / 8.0;
                            pts.push(norm(x, h * j as f64 / 8.0));
                        }
                    }
                }
            }
            _ => {
                let p: Vec<(f64, f64)> = s.x.iter().zip(&s.y).filter(|(x, y)| x.is_finite() && y.is_finite()).map(|(&x, &y)| norm(x, y)).collect();
                for w in p.windows(2) {
                    for k in 0..16 {
                        let t = k as f64 / 16.0;
                        pts.push((w[0].0 + (w[1].0 - w[0].0) * t, w[0].1 + (w[1].1 - w[0].1) * t));
                    }
                }
                pts.extend(p.last().copied());
            }
        }
    }
    let n = ax.legend_entries().len() as f64;
    let (bw, bh) = (0.35, (0.07 * n + 0.05).min(0.6));
    use LegendLoc::*;
    let boxes = [
        (UpperRight, (1.0 - bw, 1.0 - bh)),
        (UpperLeft, (0.0, 1.0 - bh)),
        (LowerLeft, (0.0, 0.0)),
        (LowerRight, (1.0 - bw, 0.0)),
        (CenterRight, (1.0 - bw, 0.5 - bh / 2.0)),
        (CenterLeft, (0.0, 0.5 - bh / 2.0)),
        (LowerCenter, (0.5 - bw / 2.0, 0.0)),
        (UpperCenter, (0.5 - bw / 2.0, 1.0 - bh)),
        (Center, (0.5 - bw / 2.0, 0.5 - bh / 2.0)),
    ];
    let mut best = (UpperRight, usize::MAX);
    for (loc, (bx, by)) in boxes {
        let c = pts.iter().filter(|(x, y)| *x >= bx && *x <= bx + bw && *y >= by && *y <= by + bh).count();
        if c < best.1 {
            best = (loc, c);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_along_a_segment() {
        let d = dash(&[(0.0, 0.0), (100.0, 0.0)], LineStyle::Dashed, 2.0);
        // period 10.6 px: 10 dashes over 100 px, the last one cut.
        assert_eq!(d.len(), 10, "{d:?}");
        assert_eq!(d[0], vec![(0, 0), (7, 0)]);
        assert_eq!(d[1], vec![(11, 0), (18, 0)]);
        // A dash turning a corner stays one polyline.
        let d = dash(&[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0)], LineStyle::Dashed, 2.0);
        assert_eq!(d[0], vec![(0, 0), (4, 0), (4, 3)]);
        assert_eq!(dash(&[(0.0, 0.0), (5.0, 5.0)], LineStyle::Solid, 2.0).len(), 1);
    }
}
