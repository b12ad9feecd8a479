//! `import matplotlib.pyplot as plt` and the calculator's bare `plot`, `scatter`, `hist`
//! and `savefig`: the pyplot state machine (open figures, the current figure and axes)
//! over the figure model in `crate::plot`.
//!
//! When a figure is drawn as text: `plt.show()` draws the open figures to stdout when
//! stdout is a terminal (or `--plots` / `TSR_PLOT=1` asks for it; `TSR_PLOT=0` never),
//! so a script's output equals what Python prints (matplotlib's `show()` prints nothing
//! in a non-interactive run). The bare calls draw at once (unless `TSR_PLOT=0`). In
//! `--format json` a drawn figure is one `{"type":"figure",…}` document. `savefig`
//! writes SVG or PNG with plotters.

pub mod data;
pub mod draw;
pub mod help;
pub mod objects;

pub use help::HELP;

use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::{Error, ExcKind, Result};
use crate::eval::args::{Args, opt_bool, req, to_f64, to_i64};
use crate::eval::builtins::native;
use crate::eval::print::OutputFormat;
use crate::eval::value::{Namespace, NativeFn, Value};
use crate::eval::{Interp, repr};
use crate::plot::model::{Color, Figure, GridStyle, Label, LegendLoc};

use draw::AxRef;
use objects::{AxesGrid, AxesObj, FigureObj, text_value};

/// Whether `plt.show()` draws: on a terminal only (auto), always, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowMode {
    Auto = 0,
    Always = 1,
    Never = 2,
}

/// 255: not set on the command line (then `TSR_PLOT` decides).
static MODE: AtomicU8 = AtomicU8::new(255);

/// Sets the show mode (the `--plots` option).
pub fn set_show_mode(m: ShowMode) {
    MODE.store(m as u8, Ordering::Relaxed);
}

/// The show mode: the command line, else `TSR_PLOT` (`1`/`always`, `0`/`never`), else auto.
pub fn show_mode() -> ShowMode {
    match MODE.load(Ordering::Relaxed) {
        0 => ShowMode::Auto,
        1 => ShowMode::Always,
        2 => ShowMode::Never,
        _ => match std::env::var("TSR_PLOT").ok().as_deref().map(str::trim) {
            Some("1" | "always" | "yes" | "true") => ShowMode::Always,
            Some("0" | "never" | "no" | "false") => ShowMode::Never,
            _ => ShowMode::Auto,
        },
    }
}

fn show_draws() -> bool {
    match show_mode() {
        ShowMode::Always => true,
        ShowMode::Never => false,
        ShowMode::Auto => std::io::stdout().is_terminal(),
    }
}

/// pyplot's state: open figures by number, the current one, and the last one closed (so
/// `savefig` after `show()` or after a bare `plot()` still has a figure to write).
#[derive(Default)]
struct State {
    open: Vec<Rc<RefCell<Figure>>>,
    current: Option<Rc<RefCell<Figure>>>,
    last: Option<Rc<RefCell<Figure>>>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// A new figure (number `num`, else one past the highest open), made current.
fn new_figure(num: Option<usize>) -> Rc<RefCell<Figure>> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let n = num.unwrap_or_else(|| s.open.iter().map(|f| f.borrow().number).max().unwrap_or(0) + 1);
        let f = Rc::new(RefCell::new(Figure::new(n)));
        s.open.push(f.clone());
        s.current = Some(f.clone());
        f
    })
}

/// `plt.gcf()`: the current figure, created if there is none.
fn gcf() -> Rc<RefCell<Figure>> {
    match STATE.with(|s| s.borrow().current.clone()) {
        Some(f) => f,
        None => new_figure(None),
    }
}

/// `plt.gca()`: the current axes of the current figure.
fn gca() -> AxRef {
    let fig = gcf();
    let i = fig.borrow_mut().gca();
    let id = fig.borrow().axes[i].id;
    AxRef { fig, id }
}

/// Closes `fig` (it stays available to `savefig` as the last figure).
fn close(fig: &Rc<RefCell<Figure>>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.open.retain(|f| !Rc::ptr_eq(f, fig));
        if s.current.as_ref().is_some_and(|c| Rc::ptr_eq(c, fig)) {
            s.current = s.open.last().cloned();
        }
        s.last = Some(fig.clone());
    });
}

/// Draws figures on stdout in the output format (text, or one JSON document each).
pub fn show_figures(interp: &mut Interp, figs: &[Rc<RefCell<Figure>>]) {
    for f in figs {
        let fig = f.borrow();
        let s = match interp.out.format {
            OutputFormat::Json => format!("{}\n", crate::plot::json::figure(&fig).to_line()),
            _ => crate::plot::text::render(&fig, interp.out.width, interp.out.color),
        };
        interp.out.write_str(&s);
    }
}

fn plt_show(interp: &mut Interp, a: Args) -> Result<Value> {
    a.bind::<1>("show", ["block"])?;
    let figs = STATE.with(|s| {
        let mut v = s.borrow().open.clone();
        v.sort_by_key(|f| f.borrow().number);
        v
    });
    if show_draws() {
        show_figures(interp, &figs);
    }
    for f in &figs {
        close(f);
    }
    Ok(Value::None)
}

/// `(w, h)` from `figsize=` parts.
pub fn figsize(w: Option<Value>, h: Option<Value>) -> Result<(f64, f64)> {
    let (w, h) = match (w, h) {
        (Some(v), None) => {
            let items = crate::eval::args::seq_items(&v).ok_or_else(|| Error::type_err("figsize must be a (width, height) tuple"))?;
            if items.len() != 2 {
                return Err(Error::value("figsize must be a (width, height) tuple"));
            }
            (to_f64(&items[0], "width")?, to_f64(&items[1], "height")?)
        }
        (Some(w), Some(h)) => (to_f64(&w, "width")?, to_f64(&h, "height")?),
        _ => return Err(Error::type_err("figsize must be a (width, height) tuple")),
    };
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return Err(Error::value(format!("figure size must be positive finite not ({w}, {h})")));
    }
    Ok((w, h))
}

fn plt_figure(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [num, size, dpi] = a.bind("figure", ["num", "figsize", "dpi"])?;
    let num = match num {
        None | Some(Value::None) => None,
        Some(v) => Some(to_i64(&v, "num")?.max(1) as usize),
    };
    let existing = num.and_then(|n| STATE.with(|s| s.borrow().open.iter().find(|f| f.borrow().number == n).cloned()));
    let fig = match existing {
        Some(f) => {
            STATE.with(|s| s.borrow_mut().current = Some(f.clone()));
            f
        }
        None => new_figure(num),
    };
    if let Some(v) = size.filter(|v| !v.is_none()) {
        fig.borrow_mut().size = figsize(Some(v), None)?;
    }
    if let Some(v) = dpi.filter(|v| !v.is_none()) {
        fig.borrow_mut().dpi = to_f64(&v, "dpi")?.clamp(1.0, 1000.0);
    }
    Ok(FigureObj::value(&fig))
}

/// `subplot(*args)` on `fig`: `()`, `(211)` or `(rows, cols, index)`; returns the axes id.
pub fn subplot_on(fig: &Rc<RefCell<Figure>>, a: Args, fname: &str) -> Result<u64> {
    if let Some((k, _)) = a.kw.first() {
        return Err(data::unsupported_kw(fname, k));
    }
    let ints: Vec<i64> = a
        .pos
        .iter()
        .map(|v| match v {
            Value::Tuple(_) => Err(Error::not_impl(format!("{fname}(): a subplot spanning several cells is not supported by tsr"))),
            v => to_i64(v, "subplot argument"),
        })
        .collect::<Result<_>>()?;
    let (r, c, i) = match ints.as_slice() {
        [] => (1, 1, 1),
        [n] if (111..=999).contains(n) => (n / 100, n / 10 % 10, n % 10),
        [n] => return Err(Error::value(format!("Integer subplot specification must be a three-digit number, not {n}"))),
        [r, c, i] => (*r, *c, *i),
        _ => return Err(Error::type_err(format!("{fname}() takes 1 or 3 positional arguments but {} were given", ints.len()))),
    };
    if r < 1 || c < 1 {
        return Err(Error::value(format!("Number of rows must be a positive integer, not {r}")));
    }
    if i < 1 || i > r * c {
        return Err(Error::value(format!("num must be an integer with 1 <= num <= {}, not {i}", r * c)));
    }
    let mut f = fig.borrow_mut();
    let idx = f.subplot(r as usize, c as usize, i as usize);
    Ok(f.axes[idx].id)
}

fn plt_subplots(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [rows, cols, sharex, sharey, squeeze, size, dpi] =
        a.bind("subplots", ["nrows", "ncols", "sharex", "sharey", "squeeze", "figsize", "dpi"])?;
    for (name, v) in [("sharex", &sharex), ("sharey", &sharey)] {
        if v.as_ref().is_some_and(|v| v.truthy().unwrap_or(true)) {
            return Err(data::unsupported_kw("subplots", name));
        }
    }
    let r = rows.map(|v| to_i64(&v, "nrows")).transpose()?.unwrap_or(1);
    let c = cols.map(|v| to_i64(&v, "ncols")).transpose()?.unwrap_or(1);
    if r < 1 || c < 1 {
        return Err(Error::value(format!("Number of rows must be a positive integer, not {r}")));
    }
    let fig = new_figure(None);
    if let Some(v) = size.filter(|v| !v.is_none()) {
        fig.borrow_mut().size = figsize(Some(v), None)?;
    }
    if let Some(v) = dpi.filter(|v| !v.is_none()) {
        fig.borrow_mut().dpi = to_f64(&v, "dpi")?.clamp(1.0, 1000.0);
    }
    let mut items = Vec::new();
    for k in 1..=(r * c) as usize {
        let id = {
            let mut f = fig.borrow_mut();
            let i = f.subplot(r as usize, c as usize, k);
            f.axes[i].id
        };
        items.push(AxesObj::value(AxRef { fig: fig.clone(), id }));
    }
    fig.borrow_mut().current = Some(0);
    let squeeze = opt_bool(squeeze, true)?;
    let axes = if squeeze && items.len() == 1 {
        items.remove(0)
    } else {
        let one_d = squeeze && (r == 1 || c == 1);
        Value::Object(Rc::new(AxesGrid { items: Rc::new(items), shape: (r as usize, c as usize), one_d }))
    };
    Ok(Value::tuple(vec![FigureObj::value(&fig), axes]))
}

/// Label text and `fontsize=` from `(label, fontdict=None, *, fontsize=…)`.
fn label_args(interp: &mut Interp, a: Args, fname: &str) -> Result<Label> {
    let mut a = a;
    let size = a.take_kw("fontsize").or_else(|| a.take_kw("size"));
    for k in ["loc", "pad", "labelpad", "y"] {
        if let Some(v) = a.take_kw(k) {
            if !v.is_none() {
                return Err(data::unsupported_kw(fname, k));
            }
        }
    }
    if let Some((k, _)) = a.kw.first() {
        let k = k.to_string();
        return Err(if data::KNOWN_ARTIST_PROPS.contains(&k.as_str()) || ["fontweight", "weight", "color", "fontdict", "fontfamily", "family", "rotation", "ha", "va"].contains(&k.as_str()) {
            data::unsupported_kw(fname, &k)
        } else {
            data::unknown_kw("Text", &k)
        });
    }
    let [label] = a.bind(fname, ["label"])?;
    let text = repr::str(interp, &req(label, fname, "label")?);
    let size = match size {
        Some(v) if !v.is_none() => Some(data::to_fontsize(&v)?),
        _ => None,
    };
    Ok(Label { text, size })
}

pub fn suptitle(interp: &mut Interp, fig: &Rc<RefCell<Figure>>, a: Args) -> Result<Value> {
    let mut a = a;
    if let Some(t) = a.take_kw("t") {
        a.pos.insert(0, t);
    }
    let l = label_args(interp, a, "suptitle")?;
    let v = text_value(interp, "0.5, 0.98", &l.text);
    fig.borrow_mut().suptitle = Some(l);
    Ok(v)
}

/// `tight_layout()`: tsr's layout is always tight (labels get the room they need), so
/// there is nothing to do; padding arguments are not supported.
pub fn tight_layout(a: Args) -> Result<Value> {
    if let Some((k, _)) = a.kw.first() {
        return Err(data::unsupported_kw("tight_layout", k));
    }
    if !a.pos.is_empty() {
        return Err(data::unsupported_kw("tight_layout", "pad"));
    }
    Ok(Value::None)
}

/// An axes method or the pyplot function acting on the current axes.
pub fn axes_call(interp: &mut Interp, ax: &AxRef, name: &str, a: Args) -> Result<Value> {
    let fname = name;
    match name {
        "plot" => draw::plot(interp, ax, a, fname),
        "scatter" => draw::scatter(interp, ax, a, fname),
        "hist" => draw::hist(interp, ax, a, fname),
        "title" | "set_title" => {
            let l = label_args(interp, a, fname)?;
            let v = text_value(interp, "0.5, 1.0", &l.text);
            ax.with(|x| x.title = Some(l))?;
            Ok(v)
        }
        "xlabel" | "set_xlabel" => {
            let mut a = a;
            if let Some(v) = a.take_kw("xlabel") {
                a.pos.insert(0, v);
            }
            let l = label_args(interp, a, fname)?;
            let v = text_value(interp, "0.5, 0", &l.text);
            ax.with(|x| x.xlabel = Some(l))?;
            Ok(v)
        }
        "ylabel" | "set_ylabel" => {
            let mut a = a;
            if let Some(v) = a.take_kw("ylabel") {
                a.pos.insert(0, v);
            }
            let l = label_args(interp, a, fname)?;
            let v = text_value(interp, "0, 0.5", &l.text);
            ax.with(|x| x.ylabel = Some(l))?;
            Ok(v)
        }
        "get_title" | "get_xlabel" | "get_ylabel" => {
            a.none(fname)?;
            let t = ax.with(|x| match name {
                "get_title" => x.title_text().map(str::to_string),
                "get_xlabel" => x.xlabel_text().map(str::to_string),
                _ => x.ylabel_text().map(str::to_string),
            })?;
            Ok(Value::str(&t.unwrap_or_default()))
        }
        "xlim" | "ylim" | "set_xlim" | "set_ylim" | "get_xlim" | "get_ylim" => lim(ax, name, a),
        "legend" => legend(interp, ax, a),
        "grid" => grid(interp, ax, a),
        "cla" | "clear" => {
            a.none(fname)?;
            ax.with(|x| x.clear())?;
            Ok(Value::None)
        }
        "set" => {
            for (k, v) in a.kw {
                let method = match &*k {
                    "title" => "set_title",
                    "xlabel" => "set_xlabel",
                    "ylabel" => "set_ylabel",
                    "xlim" => "set_xlim",
                    "ylim" => "set_ylim",
                    other => return Err(data::unsupported_kw("set", other)),
                };
                axes_call(interp, ax, method, Args::new(vec![v]))?;
            }
            Ok(Value::None)
        }
        _ => Err(Error::new(ExcKind::AttributeError, format!("'Axes' object has no attribute '{name}'"))),
    }
}

/// `xlim()` / `xlim(lo, hi)` / `xlim((lo, hi))` / `xlim(left=…, right=…)` (and y).
fn lim(ax: &AxRef, name: &str, a: Args) -> Result<Value> {
    let is_x = name.contains('x');
    let (lo_name, hi_name) = if is_x { ("left", "right") } else { ("bottom", "top") };
    let getter = name.starts_with("get_");
    let [lo, hi] = if getter { [None, None] } else { a.bind(name, [lo_name, hi_name])? };
    let (lo, hi) = match (lo, hi) {
        (Some(v @ (Value::Tuple(_) | Value::List(_))), None) => {
            let items = crate::eval::args::seq_items(&v).unwrap_or_default();
            if items.len() != 2 {
                return Err(Error::value("too many values to unpack (expected 2)"));
            }
            (Some(items[0].clone()), Some(items[1].clone()))
        }
        other => other,
    };
    let num = |v: Option<Value>| -> Result<Option<f64>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => to_f64(&v, "limit").map(Some),
        }
    };
    let (lo, hi) = (num(lo)?, num(hi)?);
    let out = ax.with(|x| {
        if lo.is_some() || hi.is_some() {
            let cur = if is_x { &mut x.xlim } else { &mut x.ylim };
            if lo.is_some() {
                cur.0 = lo;
            }
            if hi.is_some() {
                cur.1 = hi;
            }
        }
        let ((x0, x1), (y0, y1)) = x.limits();
        if is_x { (x0, x1) } else { (y0, y1) }
    })?;
    Ok(Value::tuple(vec![Value::Float(out.0), Value::Float(out.1)]))
}

/// `legend()`, `legend(labels)`, `legend(handles, labels)` with `loc=`.
fn legend(interp: &mut Interp, ax: &AxRef, mut a: Args) -> Result<Value> {
    let loc = match a.take_kw("loc") {
        Some(v) if !v.is_none() => data::to_loc(&v)?,
        _ => LegendLoc::Best,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(data::unsupported_kw("legend", k));
    }
    let labels = match a.pos.len() {
        0 => None,
        1 => Some(a.pos[0].clone()),
        2 => return Err(Error::not_impl("legend(handles, labels) is not supported by tsr; pass label= to the plotting calls")),
        n => return Err(Error::type_err(format!("legend() takes 0-2 positional arguments but {n} were given"))),
    };
    let labels: Option<Vec<String>> = match labels {
        None => None,
        Some(v) => {
            let items = crate::eval::args::seq_items(&v).ok_or_else(|| Error::type_err("legend() labels must be a list of strings"))?;
            Some(items.iter().map(|x| repr::str(interp, x)).collect())
        }
    };
    ax.with(|x| {
        if let Some(ls) = labels {
            for (s, l) in x.series.iter_mut().zip(ls) {
                s.label = Some(l);
            }
        }
        x.legend = Some(loc);
    })?;
    Ok(objects::Artist::value("matplotlib.legend.Legend", None))
}

/// `grid(visible=None, which='major', axis='both', **line_props)`.
fn grid(interp: &mut Interp, ax: &AxRef, mut a: Args) -> Result<Value> {
    let mut style = GridStyle::default();
    let mut touched = false;
    for (k, v) in std::mem::take(&mut a.kw) {
        match &*k {
            "alpha" => style.alpha = data::to_alpha(&v)?.unwrap_or(1.0),
            "color" | "c" => style.color = data::to_color(interp, &v)?.0,
            "linestyle" | "ls" => style.line = data::to_linestyle(&v)?,
            "linewidth" | "lw" => style.linewidth = to_f64(&v, "linewidth")?,
            "visible" | "b" => {
                a.pos.insert(0, v);
                continue;
            }
            "which" | "axis" => {
                if !matches!(&v, Value::Str(s) if matches!(&**s, "major" | "both")) {
                    return Err(data::unsupported_kw("grid", &k));
                }
                continue;
            }
            other => return Err(data::unsupported_kw("grid", other)),
        }
        touched = true;
    }
    let [visible, which, axis] = a.bind("grid", ["visible", "which", "axis"])?;
    for v in [which, axis].into_iter().flatten() {
        if !matches!(&v, Value::Str(s) if matches!(&**s, "major" | "both")) {
            return Err(Error::not_impl("grid(): only the major grid on both axes is supported by tsr"));
        }
    }
    let visible = match visible {
        None | Some(Value::None) => None,
        Some(v) => Some(v.truthy()?),
    };
    ax.with(|x| {
        let on = visible.unwrap_or(touched || x.grid.is_none());
        x.grid = on.then_some(style);
    })?;
    Ok(Value::None)
}

/// `savefig(fname, dpi=None, format=None, facecolor=None, bbox_inches=None, …)` of `fig`,
/// else the current figure, else the last one shown or closed.
pub fn savefig(interp: &mut Interp, fig: Option<&Rc<RefCell<Figure>>>, a: Args, fname: &str) -> Result<Value> {
    let mut a = a;
    for k in ["bbox_inches", "pad_inches"] {
        // The layout is always tight: 'tight' (and its padding) changes nothing.
        if let Some(v) = a.take_kw(k) {
            if k == "bbox_inches" && !(v.is_none() || matches!(&v, Value::Str(s) if &**s == "tight")) {
                return Err(data::unsupported_kw(fname, k));
            }
        }
    }
    let [path, dpi, format, facecolor, transparent] = a.bind(fname, ["fname", "dpi", "format", "facecolor", "transparent"])?;
    let path = match req(path, fname, "fname")? {
        Value::Str(s) => s.to_string(),
        other => return Err(Error::type_err(format!("savefig() expected a file name, not '{}'", other.type_name()))),
    };
    if opt_bool(transparent, false)? {
        return Err(data::unsupported_kw(fname, "transparent"));
    }
    let face = match facecolor {
        Some(v) if !v.is_none() && !matches!(&v, Value::Str(s) if &**s == "auto") => data::to_color(interp, &v)?.0,
        _ => Color::rgb(255, 255, 255),
    };
    let ext = std::path::Path::new(&path).extension().map(|e| e.to_string_lossy().to_lowercase());
    let (fmt, path) = match (format, ext) {
        (Some(Value::Str(f)), _) => (f.to_lowercase(), path),
        (_, Some(e)) => (e, path),
        (_, None) => ("png".to_string(), format!("{path}.png")),
    };
    let supported = ["avif", "eps", "gif", "jpeg", "jpg", "pdf", "pgf", "png", "ps", "raw", "rgba", "svg", "svgz", "tif", "tiff", "webp"];
    if !supported.contains(&fmt.as_str()) {
        return Err(Error::value(format!("Format '{fmt}' is not supported (supported formats: {})", supported.join(", "))));
    }
    if fmt != "png" && fmt != "svg" {
        return Err(Error::not_impl(format!("savefig(): the '{fmt}' format is not supported by tsr (png and svg are)")));
    }
    let fig = match fig {
        Some(f) => f.clone(),
        None => STATE.with(|s| {
            let s = s.borrow();
            s.current.clone().or_else(|| s.last.clone())
        })
        .unwrap_or_else(gcf),
    };
    let f = fig.borrow();
    let dpi = match dpi {
        None | Some(Value::None) => f.dpi,
        Some(Value::Str(s)) if &*s == "figure" => f.dpi,
        Some(v) => to_f64(&v, "dpi")?,
    };
    if !(dpi > 0.0 && dpi.is_finite()) || f.pixels(dpi).0 as f64 * f.pixels(dpi).1 as f64 > 16e6 {
        return Err(Error::value(format!("dpi {dpi} gives an image that is too large or empty")));
    }
    let bytes = match fmt.as_str() {
        "svg" => crate::plot::image::svg(&f, dpi, face).map(String::into_bytes),
        _ => crate::plot::image::png(&f, dpi, face),
    }
    .map_err(|e| Error::runtime(format!("savefig failed: {e}")))?;
    std::fs::write(&path, bytes).map_err(|e| io_error(&e, &path))?;
    Ok(Value::None)
}

/// Python's exception for a failed file write.
fn io_error(e: &std::io::Error, path: &str) -> Error {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => Error::new(ExcKind::FileNotFoundError, format!("[Errno 2] No such file or directory: '{path}'")),
        K::PermissionDenied => Error::new(ExcKind::OSError, format!("[Errno 13] Permission denied: '{path}'")),
        _ if std::path::Path::new(path).is_dir() => Error::new(ExcKind::OSError, format!("[Errno 21] Is a directory: '{path}'")),
        _ => Error::new(ExcKind::OSError, format!("{e}: '{path}'")),
    }
}

fn plt_close(_interp: &mut Interp, a: Args) -> Result<Value> {
    let [fig] = a.bind("close", ["fig"])?;
    let targets: Vec<Rc<RefCell<Figure>>> = match fig {
        None | Some(Value::None) => STATE.with(|s| s.borrow().current.clone()).into_iter().collect(),
        Some(Value::Str(s)) if &*s == "all" => STATE.with(|s| s.borrow().open.clone()),
        Some(Value::Object(o)) if o.as_any().downcast_ref::<FigureObj>().is_some() => {
            o.as_any().downcast_ref::<FigureObj>().map(|f| f.0.clone()).into_iter().collect()
        }
        Some(Value::Int(n)) => STATE.with(|s| s.borrow().open.iter().filter(|f| f.borrow().number as i64 == n).cloned().collect()),
        Some(other) => return Err(Error::type_err(format!("close() argument must be a Figure, an int, a string, or None, not {}", other.type_name()))),
    };
    for f in &targets {
        close(f);
    }
    Ok(Value::None)
}

/// Keywords of the bare calculator calls that pyplot sets with separate calls.
const BARE_KW: [&str; 3] = ["title", "xlabel", "ylabel"];

/// The bare `plot`/`scatter`/`hist`: a new figure with one axes, drawn at once.
fn bare(interp: &mut Interp, mut a: Args, which: &str) -> Result<Value> {
    let mut labels = Vec::new();
    for k in BARE_KW {
        if let Some(v) = a.take_kw(k) {
            labels.push((k, v));
        }
    }
    let fig = new_figure(None);
    let id = {
        let mut f = fig.borrow_mut();
        let i = f.gca();
        f.axes[i].id
    };
    let ax = AxRef { fig: fig.clone(), id };
    let r = axes_call(interp, &ax, which, a);
    if let Err(e) = r {
        close(&fig);
        return Err(e);
    }
    for (k, v) in labels {
        axes_call(interp, &ax, k, Args::new(vec![v]))?;
    }
    ax.with(|x| {
        if !x.legend_entries().is_empty() {
            x.legend = Some(LegendLoc::Best);
        }
    })?;
    if show_mode() != ShowMode::Never {
        show_figures(interp, std::slice::from_ref(&fig));
    }
    close(&fig);
    Ok(Value::None)
}

/// The calculator's bare names: `plot`, `scatter`, `hist`, `savefig`.
pub fn builtin(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "plot" => |i, a| bare(i, a, "plot"),
        "scatter" => |i, a| bare(i, a, "scatter"),
        "hist" => |i, a| bare(i, a, "hist"),
        "savefig" => |i, a| savefig(i, None, a, "savefig"),
        _ => return None,
    };
    Some(native(static_name(name), f))
}

fn static_name(name: &str) -> &'static str {
    PYPLOT_NAMES.iter().find(|n| **n == name).copied().unwrap_or("pyplot")
}

/// The calculator's bare plotting functions.
pub const BARE_NAMES: &[&str] = &["plot", "scatter", "hist", "savefig"];

/// The pyplot functions tsr provides.
pub const PYPLOT_NAMES: &[&str] = &[
    "plot", "scatter", "hist", "savefig", "show", "figure", "subplot", "subplots", "title", "xlabel", "ylabel",
    "legend", "grid", "xlim", "ylim", "tight_layout", "suptitle", "close", "clf", "cla", "gcf", "gca",
];

/// pyplot functions tutorials use that tsr does not draw: calling one raises
/// NotImplementedError (rather than AttributeError, which would suggest a typo).
pub const NOT_SUPPORTED: &[&str] = &[
    "bar", "barh", "imshow", "pie", "fill_between", "errorbar", "axhline", "axvline", "text", "annotate", "xticks",
    "yticks", "xscale", "yscale", "axis", "colorbar", "contour", "contourf", "pause", "ion", "ioff", "semilogy",
    "semilogx", "loglog", "step", "stem", "boxplot", "violinplot", "twinx", "subplots_adjust", "margins", "matshow",
    "hexbin", "quiver", "stackplot", "hlines", "vlines", "draw", "clim", "rc",
];

fn pyplot_attr(name: &str) -> Option<Value> {
    let f: NativeFn = match name {
        "plot" => |i, a| axes_call(i, &gca(), "plot", a),
        "scatter" => |i, a| axes_call(i, &gca(), "scatter", a),
        "hist" => |i, a| axes_call(i, &gca(), "hist", a),
        "title" => |i, a| axes_call(i, &gca(), "title", a),
        "xlabel" => |i, a| axes_call(i, &gca(), "xlabel", a),
        "ylabel" => |i, a| axes_call(i, &gca(), "ylabel", a),
        "legend" => |i, a| axes_call(i, &gca(), "legend", a),
        "grid" => |i, a| axes_call(i, &gca(), "grid", a),
        "xlim" => |i, a| axes_call(i, &gca(), "xlim", a),
        "ylim" => |i, a| axes_call(i, &gca(), "ylim", a),
        "cla" => |i, a| axes_call(i, &gca(), "cla", a),
        "show" => plt_show,
        "figure" => plt_figure,
        "subplots" => plt_subplots,
        "subplot" => |_, a| {
            let fig = gcf();
            let id = subplot_on(&fig, a, "subplot")?;
            Ok(AxesObj::value(AxRef { fig, id }))
        },
        "savefig" => |i, a| savefig(i, None, a, "savefig"),
        "tight_layout" => |_, a| tight_layout(a),
        "suptitle" => |i, a| suptitle(i, &gcf(), a),
        "close" => plt_close,
        "clf" => |_, a| {
            a.none("clf")?;
            let fig = gcf();
            let mut f = fig.borrow_mut();
            f.axes.clear();
            f.current = None;
            f.suptitle = None;
            Ok(Value::None)
        },
        "gcf" => |_, a| {
            a.none("gcf")?;
            Ok(FigureObj::value(&gcf()))
        },
        "gca" => |_, a| {
            a.none("gca")?;
            Ok(AxesObj::value(gca()))
        },
        other if NOT_SUPPORTED.contains(&other) => {
            let n = NOT_SUPPORTED.iter().find(|n| **n == other).copied().unwrap_or("pyplot");
            return Some(native(n, |_, _| {
                Err(Error::not_impl("this matplotlib.pyplot function is not supported by tsr (plot, scatter, hist, subplots and labels are)"))
            }));
        }
        _ => return None,
    };
    Some(native(static_name(name), f))
}

fn matplotlib_attr(name: &str) -> Option<Value> {
    match name {
        "pyplot" => module("matplotlib.pyplot"),
        // Choosing a backend changes nothing: tsr draws text and writes files itself.
        "use" => Some(native("use", |_, a| {
            a.bind::<2>("use", ["backend", "force"])?;
            Ok(Value::None)
        })),
        _ => None,
    }
}

/// `import matplotlib` / `import matplotlib.pyplot`.
pub fn module(name: &str) -> Option<Value> {
    let (n, get): (&'static str, fn(&str) -> Option<Value>) = match name {
        "matplotlib" => ("matplotlib", matplotlib_attr),
        "matplotlib.pyplot" => ("matplotlib.pyplot", pyplot_attr),
        _ => return None,
    };
    Some(Value::Namespace(Rc::new(Namespace { name: n, get })))
}

#[cfg(test)]
mod tests;
