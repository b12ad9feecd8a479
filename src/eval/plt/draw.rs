//! `plot`, `scatter` and `hist` on one axes: matplotlib's argument rules (x/y/fmt groups,
//! 2-D columns, colour cycles, numpy's histogram binning) turned into model series.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::args::{Args, to_f64, to_i64};
use crate::eval::value::Value;
use crate::eval::{Interp, repr};
use crate::plot::model::{Axes, Color, Figure, Fmt, LineStyle, Marker, Series, SeriesKind};
use crate::tensor::Tensor;

use super::data::{self, Array, to_alpha, to_array, to_color, to_linestyle, to_marker, unknown_kw, unsupported_kw};
use super::objects::Artist;

/// One axes of one figure (axes objects and `plt.gca()` resolve to this).
#[derive(Clone)]
pub struct AxRef {
    pub fig: Rc<RefCell<Figure>>,
    pub id: u64,
}

impl AxRef {
    /// Runs `f` on the axes; an axes removed from its figure (by a later overlapping
    /// `subplot`) is an error.
    pub fn with<R>(&self, f: impl FnOnce(&mut Axes) -> R) -> Result<R> {
        let mut fig = self.fig.borrow_mut();
        let i = fig.axes_index(self.id).ok_or_else(|| Error::runtime("this Axes has been removed from its figure"))?;
        Ok(f(&mut fig.axes[i]))
    }
}

/// Line2D keywords shared by `plot` calls.
#[derive(Default)]
struct LineKw {
    color: Option<(Color, Option<f64>)>,
    label: Option<Value>,
    line: Option<LineStyle>,
    marker: Option<Option<Marker>>,
    linewidth: Option<f64>,
    markersize: Option<f64>,
    alpha: Option<f64>,
}

fn line_kw(interp: &mut Interp, fname: &str, kw: Vec<(Rc<str>, Value)>) -> Result<LineKw> {
    let mut k = LineKw::default();
    for (name, v) in kw {
        match &*name {
            "color" | "c" => k.color = Some(to_color(interp, &v)?),
            "label" => k.label = Some(v),
            "linestyle" | "ls" => k.line = Some(to_linestyle(&v)?),
            "marker" => k.marker = Some(to_marker(&v)?),
            "linewidth" | "lw" => k.linewidth = Some(to_f64(&v, "linewidth")?),
            "markersize" | "ms" => k.markersize = Some(to_f64(&v, "markersize")?),
            "alpha" => k.alpha = to_alpha(&v)?,
            other if data::KNOWN_ARTIST_PROPS.contains(&other) => return Err(unsupported_kw(fname, other)),
            other => return Err(unknown_kw("Line2D", other)),
        }
    }
    Ok(k)
}

/// Labels for `n` datasets from a `label=` value: one string for all, or one each.
fn labels(interp: &mut Interp, v: &Option<Value>, n: usize) -> Result<Vec<Option<String>>> {
    match v {
        None | Some(Value::None) => Ok(vec![None; n]),
        Some(Value::List(_) | Value::Tuple(_)) if n > 1 => {
            let items = crate::eval::args::seq_items(v.as_ref().unwrap_or(&Value::None)).unwrap_or_default();
            if items.len() != n {
                return Err(Error::value(format!(
                    "label must be scalar or have the same length as the input data, but found {} for {n} datasets.",
                    items.len()
                )));
            }
            Ok(items.iter().map(|x| Some(repr::str(interp, x))).collect())
        }
        Some(x) => {
            let s = repr::str(interp, x);
            Ok(vec![Some(s); n])
        }
    }
}

/// `plot(*args, **kwargs)`: returns the Line2D objects it added.
pub fn plot(interp: &mut Interp, ax: &AxRef, args: Args, fname: &str) -> Result<Value> {
    let kw = line_kw(interp, fname, args.kw)?;
    let mut rest = args.pos;
    let mut groups: Vec<Vec<Value>> = Vec::new();
    while !rest.is_empty() {
        let take = rest.len().min(2);
        let mut this: Vec<Value> = rest.drain(..take).collect();
        if matches!(rest.first(), Some(Value::Str(_))) {
            this.push(rest.remove(0));
        }
        groups.push(this);
    }
    let mut lines = Vec::new();
    for mut g in groups {
        let fmt = match g.last() {
            Some(Value::Str(s)) => {
                let f = Fmt::parse(s).map_err(Error::value)?;
                g.pop();
                f
            }
            _ => Fmt::default(),
        };
        let (x, y) = match g.len() {
            1 => {
                let y = at_least_1d(to_array(&g[0])?);
                let n = y.rows();
                (Array { shape: vec![n], data: (0..n).map(|i| i as f64).collect() }, y)
            }
            2 => (at_least_1d(to_array(&g[0])?), at_least_1d(to_array(&g[1])?)),
            _ => continue,
        };
        if x.shape.len() > 2 || y.shape.len() > 2 {
            return Err(Error::value(format!(
                "x and y can be no greater than 2D, but have shapes {} and {}",
                x.shape_str(),
                y.shape_str()
            )));
        }
        if x.rows() != y.rows() {
            return Err(Error::value(format!(
                "x and y must have same first dimension, but have shapes {} and {}",
                x.shape_str(),
                y.shape_str()
            )));
        }
        let (xc, yc) = (x.columns(), y.columns());
        if xc.len() != yc.len() && xc.len() != 1 && yc.len() != 1 {
            return Err(Error::value(format!("x has {} columns but y has {} columns", xc.len(), yc.len())));
        }
        let n = xc.len().max(yc.len());
        let labels = labels(interp, &kw.label, n)?;
        for (j, label) in labels.into_iter().enumerate() {
            let xs = xc[j.min(xc.len() - 1)].clone();
            let ys = yc[j.min(yc.len() - 1)].clone();
            let marker = kw.marker.unwrap_or(fmt.marker);
            let line = kw.line.or(fmt.line).unwrap_or(if fmt.marker.is_some() && kw.marker.is_none() { LineStyle::None } else { LineStyle::Solid });
            let (color_kw, fmt_color) = (kw.color, fmt.color);
            let series = ax.with(|a| {
                let (color, carried) = match (color_kw, fmt_color) {
                    (Some(c), _) => c,
                    (None, Some(c)) => (c, None),
                    (None, None) => (a.next_line_color(), None),
                };
                let s = Series {
                    kind: SeriesKind::Line,
                    x: xs,
                    y: ys,
                    label: label.clone().or_else(|| Some(format!("_child{}", a.series.len()))),
                    color,
                    marker,
                    line,
                    alpha: kw.alpha.or(carried).unwrap_or(1.0),
                    linewidth: kw.linewidth.unwrap_or(1.5),
                    markersize: kw.markersize.unwrap_or(6.0),
                    edgecolor: None,
                };
                a.series.push(s);
            });
            series?;
            lines.push(Artist::value("matplotlib.lines.Line2D", None));
        }
    }
    Ok(Value::list(lines))
}

fn at_least_1d(a: Array) -> Array {
    if a.shape.is_empty() { Array { shape: vec![1], data: a.data } } else { a }
}

/// `scatter(x, y, s=None, c=None, marker=None, ..., alpha=None, label=None, color=None)`.
pub fn scatter(interp: &mut Interp, ax: &AxRef, mut args: Args, fname: &str) -> Result<Value> {
    let mut extra = Vec::new();
    for name in ["label", "color"] {
        if let Some(v) = args.take_kw(name) {
            extra.push((name, v));
        }
    }
    let mut unsupported = None;
    args.kw.retain(|(k, _)| {
        let keep = ["x", "y", "s", "c", "marker", "alpha"].contains(&&**k);
        if !keep && unsupported.is_none() {
            unsupported = Some(k.to_string());
        }
        keep
    });
    if let Some(k) = unsupported {
        return Err(if data::KNOWN_ARTIST_PROPS.contains(&k.as_str()) { unsupported_kw(fname, &k) } else { unknown_kw("PathCollection", &k) });
    }
    let [x, y, s, c, marker, cmap, norm, vmin, vmax, alpha] =
        args.bind(fname, ["x", "y", "s", "c", "marker", "cmap", "norm", "vmin", "vmax", "alpha"])?;
    for (name, v) in [("cmap", &cmap), ("norm", &norm), ("vmin", &vmin), ("vmax", &vmax)] {
        if v.as_ref().is_some_and(|v| !v.is_none()) {
            return Err(unsupported_kw(fname, name));
        }
    }
    let x = to_array(&crate::eval::args::req(x, fname, "x")?)?;
    let y = to_array(&crate::eval::args::req(y, fname, "y")?)?;
    if x.data.len() != y.data.len() {
        return Err(Error::value("x and y must be the same size"));
    }
    let size = match s {
        None | Some(Value::None) => 36.0,
        Some(v @ (Value::Int(_) | Value::Float(_))) => to_f64(&v, "s")?,
        Some(_) => return Err(Error::not_impl("scatter(): per-point sizes (s= with an array) are not supported by tsr")),
    };
    let mut color: Option<(Color, Option<f64>)> = None;
    match c {
        None | Some(Value::None) => {}
        Some(v @ Value::Str(_)) => color = Some(to_color(interp, &v)?),
        Some(v @ (Value::Tuple(_) | Value::List(_))) => match to_color(interp, &v) {
            Ok(col) => color = Some(col),
            Err(_) => return Err(Error::not_impl("scatter(): colour-mapped points (c= with values) are not supported by tsr")),
        },
        Some(_) => return Err(Error::not_impl("scatter(): colour-mapped points (c= with values) are not supported by tsr")),
    }
    let mut label = None;
    for (name, v) in extra {
        match name {
            "label" => label = Some(v),
            _ => color = Some(to_color(interp, &v)?),
        }
    }
    let marker = match marker {
        None | Some(Value::None) => Some(Marker::Circle),
        Some(m) => to_marker(&m)?,
    };
    let alpha = match alpha {
        Some(a) => to_alpha(&a)?,
        None => None,
    };
    let label = labels(interp, &label, 1)?.pop().flatten();
    ax.with(|a| {
        let (color, carried) = color.unwrap_or_else(|| (a.next_patch_color(), None));
        a.series.push(Series {
            kind: SeriesKind::Scatter,
            x: x.data,
            y: y.data,
            label: label.or_else(|| Some(format!("_child{}", a.series.len()))),
            color,
            marker,
            line: LineStyle::None,
            alpha: alpha.or(carried).unwrap_or(1.0),
            linewidth: 1.0,
            markersize: size.max(0.0).sqrt(),
            edgecolor: None,
        });
    })?;
    Ok(Artist::value("matplotlib.collections.PathCollection", None))
}

/// numpy's `histogram`: counts of `x` in `bins` (an int or edges) over `range`.
pub fn histogram(x: &[f64], bins: &BinSpec, range: Option<(f64, f64)>, weights: Option<&[f64]>) -> Result<(Vec<f64>, Vec<f64>)> {
    let data: Vec<(f64, f64)> = x
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_nan())
        .map(|(i, &v)| (v, weights.map_or(1.0, |w| w[i])))
        .collect();
    match bins {
        BinSpec::Count(n) => {
            let n = *n;
            let (mut lo, mut hi) = match range {
                Some(r) => r,
                None if data.is_empty() => (0.0, 1.0),
                None => data.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &(v, _)| (l.min(v), h.max(v))),
            };
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::value(format!("autodetected range of [{lo}, {hi}] is not finite")));
            }
            if lo == hi {
                lo -= 0.5;
                hi += 0.5;
            }
            // numpy's linspace: i * step + lo, the last edge exactly hi.
            let step = (hi - lo) / n as f64;
            let edges: Vec<f64> = (0..=n).map(|i| if i == n { hi } else { i as f64 * step + lo }).collect();
            let mut counts = vec![0.0; n];
            let norm = n as f64 / (hi - lo);
            for &(v, w) in &data {
                if v < lo || v > hi {
                    continue;
                }
                // numpy: the float index, then corrections against the exact edges.
                let mut i = ((v - lo) * norm) as usize;
                if i == n {
                    i -= 1;
                }
                if v < edges[i] {
                    i = i.saturating_sub(1);
                } else if i + 1 < n && v >= edges[i + 1] {
                    i += 1;
                }
                counts[i] += w;
            }
            Ok((counts, edges))
        }
        BinSpec::Edges(edges) => {
            let n = edges.len().saturating_sub(1);
            let mut counts = vec![0.0; n];
            for &(v, w) in &data {
                if n == 0 || v < edges[0] || v > edges[n] {
                    continue;
                }
                // searchsorted(edges, v, 'right') - 1, with the last edge inclusive.
                let i = edges.partition_point(|&e| e <= v).saturating_sub(1).min(n - 1);
                counts[i] += w;
            }
            Ok((counts, edges.clone()))
        }
    }
}

pub enum BinSpec {
    Count(usize),
    Edges(Vec<f64>),
}

/// `hist(x, bins=10, range=None, density=False, weights=None, ..., color=None, label=None)`:
/// returns `(n, bins, patches)` with `n` and `bins` as float64 tensors.
pub fn hist(interp: &mut Interp, ax: &AxRef, mut args: Args, fname: &str) -> Result<Value> {
    let mut style: Vec<(String, Value)> = Vec::new();
    for name in ["alpha", "edgecolor", "ec", "linewidth", "lw", "label", "color"] {
        if let Some(v) = args.take_kw(name) {
            style.push((name.to_string(), v));
        }
    }
    for (k, _) in &args.kw {
        let known = ["x", "bins", "range", "density", "weights", "cumulative", "bottom", "histtype", "align", "orientation", "rwidth", "log", "stacked"];
        if !known.contains(&&**k) {
            return Err(if data::KNOWN_ARTIST_PROPS.contains(&&**k) { unsupported_kw(fname, k) } else { unknown_kw("Rectangle", k) });
        }
    }
    let [x, bins, range, density, weights, cumulative, bottom, histtype, align, orientation, rwidth, log, color, label, stacked] = args.bind(
        fname,
        ["x", "bins", "range", "density", "weights", "cumulative", "bottom", "histtype", "align", "orientation", "rwidth", "log", "color", "label", "stacked"],
    )?;
    let set = |v: &Option<Value>| v.as_ref().is_some_and(|v| !v.is_none() && !matches!(v, Value::Bool(false)));
    for (name, v) in [("cumulative", &cumulative), ("bottom", &bottom), ("rwidth", &rwidth), ("log", &log), ("stacked", &stacked)] {
        if set(v) {
            return Err(unsupported_kw(fname, name));
        }
    }
    if let Some(Value::Str(h)) = &histtype {
        if !matches!(&**h, "bar" | "stepfilled") {
            return Err(Error::not_impl(format!("{fname}(): histtype='{h}' is not supported by tsr (bar and stepfilled are)")));
        }
    }
    if let Some(Value::Str(a)) = &align {
        if &**a != "mid" {
            return Err(Error::not_impl(format!("{fname}(): align='{a}' is not supported by tsr")));
        }
    }
    if let Some(Value::Str(o)) = &orientation {
        if &**o != "vertical" {
            return Err(Error::not_impl(format!("{fname}(): orientation='{o}' is not supported by tsr")));
        }
    }
    let xa = to_array(&crate::eval::args::req(x, fname, "x")?)?;
    if xa.shape.len() > 1 && xa.shape[1] != 1 || xa.shape.len() > 2 {
        return Err(Error::not_impl(format!("{fname}(): several datasets at once (2-D input {}) are not supported by tsr", xa.shape_str())));
    }
    let weights = match weights {
        None | Some(Value::None) => None,
        Some(w) => {
            let w = to_array(&w)?;
            if w.data.len() != xa.data.len() {
                return Err(Error::value("weights should have the same shape as x"));
            }
            Some(w.data)
        }
    };
    let spec = match bins {
        None | Some(Value::None) => BinSpec::Count(10),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => {
            let n = to_i64(&v, "bins")?;
            if n <= 0 {
                return Err(Error::value("`bins` must be positive, when an integer"));
            }
            if n > 10_000_000 {
                return Err(Error::value(format!("bins={n} is more than tsr draws (at most 10000000)")));
            }
            BinSpec::Count(n as usize)
        }
        Some(Value::Str(s)) => return Err(Error::not_impl(format!("{fname}(): bins='{s}' (a binning rule) is not supported by tsr; give a count or edges"))),
        Some(v) => {
            let e = to_array(&v)?.data;
            if e.windows(2).any(|w| w[1] < w[0]) {
                return Err(Error::value("`bins` must increase monotonically, when an array"));
            }
            BinSpec::Edges(e)
        }
    };
    let range = match range {
        None | Some(Value::None) => None,
        Some(r) => {
            let items = crate::eval::args::seq_items(&r).unwrap_or_default();
            if items.len() != 2 {
                return Err(Error::value("too many values to unpack (expected 2)"));
            }
            let (lo, hi) = (to_f64(&items[0], "range")?, to_f64(&items[1], "range")?);
            if lo > hi {
                return Err(Error::value("max must be larger than min in range parameter."));
            }
            Some((lo, hi))
        }
    };
    let (mut counts, edges) = histogram(&xa.data, &spec, range, weights.as_deref())?;
    if crate::eval::args::opt_bool(density, false)? {
        let total: f64 = counts.iter().sum();
        for (i, c) in counts.iter_mut().enumerate() {
            *c /= total * (edges[i + 1] - edges[i]);
        }
    }
    let mut color_v = color.map(|c| ("color".to_string(), c));
    let (mut alpha, mut edge, mut lw, mut label_v) = (None, None, 1.0, label);
    for (name, v) in style {
        match name.as_str() {
            "alpha" => alpha = to_alpha(&v)?,
            "edgecolor" | "ec" => edge = if v.is_none() { None } else { Some(to_color(interp, &v)?.0) },
            "linewidth" | "lw" => lw = to_f64(&v, "linewidth")?,
            "label" => label_v = Some(v),
            _ => color_v = Some((name, v)),
        }
    }
    let color = match color_v {
        Some((_, v)) if !v.is_none() => Some(to_color(interp, &v)?),
        _ => None,
    };
    let label = labels(interp, &label_v, 1)?.pop().flatten();
    let nbars = counts.len();
    let (cx, ex) = (counts.clone(), edges.clone());
    ax.with(|a| {
        let (color, carried) = color.unwrap_or_else(|| (a.next_patch_color(), None));
        a.series.push(Series {
            kind: SeriesKind::Bars,
            x: ex,
            y: cx,
            label: label.or_else(|| Some(format!("_child{}", a.series.len()))),
            color,
            marker: None,
            line: LineStyle::Solid,
            alpha: alpha.or(carried).unwrap_or(1.0),
            linewidth: lw,
            markersize: 6.0,
            edgecolor: edge,
        });
    })?;
    let n = Value::Tensor(Tensor::from_vec(counts, &[nbars]));
    let b = Value::Tensor(Tensor::from_vec(edges, &[nbars + 1]));
    let patches = Artist::value("BarContainer", Some(format!("<BarContainer object of {nbars} artists>")));
    Ok(Value::tuple(vec![n, b, patches]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_histogram() {
        let x = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 10.0];
        let (n, e) = histogram(&x, &BinSpec::Count(4), None, None).unwrap();
        assert_eq!(n, vec![6.0, 0.0, 0.0, 1.0]);
        assert_eq!(e, vec![1.0, 3.25, 5.5, 7.75, 10.0]);
        let (n, e) = histogram(&[1.0, 2.0, f64::NAN], &BinSpec::Count(10), None, None).unwrap();
        assert_eq!(n.iter().sum::<f64>(), 2.0);
        assert_eq!((n[0], n[9], e[0], e[10]), (1.0, 1.0, 1.0, 2.0));
        let (n, e) = histogram(&[], &BinSpec::Count(2), None, None).unwrap();
        assert_eq!((n, e), (vec![0.0, 0.0], vec![0.0, 0.5, 1.0]));
        let (n, _) = histogram(&[0.0, 1.0, 1.0, 2.0], &BinSpec::Edges(vec![0.0, 1.0, 2.0]), None, Some(&[1.0, 2.0, 3.0, 4.0])).unwrap();
        assert_eq!(n, vec![1.0, 9.0]);
        let (n, e) = histogram(&[5.0, 5.0], &BinSpec::Count(2), None, None).unwrap();
        assert_eq!((n, e), (vec![0.0, 2.0], vec![4.5, 5.0, 5.5]));
        // Values on the edges fall where numpy puts them (its edges are i * 0.1 + 0,
        // so 0.3 lies below the edge 0.30000000000000004).
        let x: Vec<f64> = (0..=10).map(|i| i as f64 / 10.0).collect();
        let (n, _) = histogram(&x, &BinSpec::Count(10), None, None).unwrap();
        assert_eq!(n, vec![1.0, 1.0, 2.0, 0.0, 1.0, 2.0, 1.0, 0.0, 1.0, 2.0]);
    }
}
