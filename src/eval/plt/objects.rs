//! The matplotlib objects scripts hold: `Figure` (from `plt.figure()`/`plt.subplots()`),
//! `Axes` (from `plt.subplot()`, `plt.gca()`, `fig.add_subplot()`), grids of axes (the
//! array `plt.subplots(2, 2)` returns) and the artists the drawing calls return
//! (`Line2D`, `Text`, …), which only have their matplotlib repr.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::args::{Args, to_i64};
use crate::eval::builtins::method;
use crate::eval::object::Object;
use crate::eval::value::{NativeFn, Value};
use crate::eval::{Interp, repr};
use crate::plot::model::Figure;

use super::draw::AxRef;

/// An object that is only its repr (`Line2D`, `Text`, `Legend`, `BarContainer`).
pub struct Artist {
    name: &'static str,
    repr: Option<String>,
}

impl Artist {
    /// `repr=None` gives Python's default `<name object at 0x…>`.
    pub fn value(name: &'static str, repr: Option<String>) -> Value {
        Value::Object(Rc::new(Artist { name, repr }))
    }
}

impl Object for Artist {
    fn type_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        match &self.repr {
            Some(r) => r.clone(),
            None => format!("<{} object at {:#x}>", self.name, self as *const Artist as usize),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Text(x, y, 'text')` as matplotlib prints a title or axis label.
pub fn text_value(interp: &mut Interp, pos: &str, text: &str) -> Value {
    let r = repr::repr(interp, &Value::str(text));
    Artist::value("matplotlib.text.Text", Some(format!("Text({pos}, {r})")))
}

/// A `Figure`.
#[derive(Clone)]
pub struct FigureObj(pub Rc<RefCell<Figure>>);

impl FigureObj {
    pub fn value(fig: &Rc<RefCell<Figure>>) -> Value {
        Value::Object(Rc::new(FigureObj(fig.clone())))
    }
}

fn this_fig(a: &Args) -> Result<Rc<RefCell<Figure>>> {
    match a.pos.first() {
        Some(Value::Object(o)) => match o.as_any().downcast_ref::<FigureObj>() {
            Some(f) => Ok(f.0.clone()),
            None => Err(Error::type_err("descriptor requires a 'Figure' object")),
        },
        _ => Err(Error::type_err("descriptor requires a 'Figure' object")),
    }
}

/// The arguments without the bound receiver.
fn rest(mut a: Args) -> Args {
    if !a.pos.is_empty() {
        a.pos.remove(0);
    }
    a
}

impl Object for FigureObj {
    fn type_name(&self) -> &str {
        "Figure"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        let f = self.0.borrow();
        let (w, h) = f.pixels(f.dpi);
        let n = f.axes.len();
        format!("<Figure size {w}x{h} with {n} Axes>")
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = Value::Object(Rc::new(self.clone()));
        let f: NativeFn = match name {
            "number" => return Ok(Some(Value::Int(self.0.borrow().number as i64))),
            "axes" => {
                let ids: Vec<u64> = self.0.borrow().axes.iter().map(|a| a.id).collect();
                return Ok(Some(Value::list(ids.into_iter().map(|id| AxesObj::value(AxRef { fig: self.0.clone(), id })).collect())));
            }
            "savefig" => |i, a| {
                let f = this_fig(&a)?;
                super::savefig(i, Some(&f), rest(a), "savefig")
            },
            "suptitle" => |i, a| {
                let f = this_fig(&a)?;
                super::suptitle(i, &f, rest(a))
            },
            "tight_layout" => |_, a| {
                this_fig(&a)?;
                super::tight_layout(rest(a))
            },
            "show" => |i, a| {
                let f = this_fig(&a)?;
                rest(a).bind::<1>("show", ["warn"])?;
                super::show_figures(i, &[f]);
                Ok(Value::None)
            },
            "add_subplot" | "gca" => |_, a| {
                let f = this_fig(&a)?;
                let name = if a.pos.len() > 1 || !a.kw.is_empty() { "add_subplot" } else { "gca" };
                let id = super::subplot_on(&f, rest(a), name)?;
                Ok(AxesObj::value(AxRef { fig: f, id }))
            },
            "clf" | "clear" => |_, a| {
                let f = this_fig(&a)?;
                rest(a).none("clf")?;
                let mut fig = f.borrow_mut();
                fig.axes.clear();
                fig.current = None;
                fig.suptitle = None;
                Ok(Value::None)
            },
            "set_size_inches" => |_, a| {
                let f = this_fig(&a)?;
                let [w, h] = rest(a).bind("set_size_inches", ["w", "h"])?;
                let size = super::figsize(w, h)?;
                f.borrow_mut().size = size;
                Ok(Value::None)
            },
            "get_size_inches" => |_, a| {
                let f = this_fig(&a)?;
                let (w, h) = f.borrow().size;
                Ok(Value::tuple(vec![Value::Float(w), Value::Float(h)]))
            },
            _ => return Ok(None),
        };
        Ok(Some(method(leak(name), f, &recv)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `name` as the `&'static str` a builtin carries (one of the method names here).
fn leak(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "savefig", "suptitle", "tight_layout", "show", "add_subplot", "gca", "clf", "clear", "set_size_inches",
        "get_size_inches", "flatten", "ravel", "tolist", "__getitem__",
    ];
    NAMES.iter().find(|n| **n == name).copied().unwrap_or("method")
}

/// An `Axes`.
#[derive(Clone)]
pub struct AxesObj(pub AxRef);

impl AxesObj {
    pub fn value(ax: AxRef) -> Value {
        Value::Object(Rc::new(AxesObj(ax)))
    }
}

fn this_ax(a: &Args) -> Result<AxRef> {
    match a.pos.first() {
        Some(Value::Object(o)) => match o.as_any().downcast_ref::<AxesObj>() {
            Some(x) => Ok(x.0.clone()),
            None => Err(Error::type_err("descriptor requires an 'Axes' object")),
        },
        _ => Err(Error::type_err("descriptor requires an 'Axes' object")),
    }
}

/// Axes methods: each is `super::axes_call` with matplotlib's method name.
macro_rules! axes_methods {
    ($name:expr, $($m:literal),*) => {
        match $name {
            $($m => Some(($m, (|i: &mut Interp, a: Args| {
                let ax = this_ax(&a)?;
                super::axes_call(i, &ax, $m, rest(a))
            }) as NativeFn)),)*
            _ => None,
        }
    };
}

impl Object for AxesObj {
    fn type_name(&self) -> &str {
        "Axes"
    }
    fn repr(&self, interp: &mut Interp) -> String {
        let fields = self
            .0
            .with(|a| {
                let mut parts = Vec::new();
                if let Some(t) = a.title_text() {
                    parts.push(("title", t.to_string()));
                }
                if let Some(t) = a.xlabel_text() {
                    parts.push(("xlabel", t.to_string()));
                }
                if let Some(t) = a.ylabel_text() {
                    parts.push(("ylabel", t.to_string()));
                }
                parts
            })
            .unwrap_or_default();
        let shown: Vec<String> = fields
            .into_iter()
            .map(|(k, v)| {
                let r = repr::repr(interp, &Value::str(&v));
                if k == "title" { format!("title={{'center': {r}}}") } else { format!("{k}={r}") }
            })
            .collect();
        format!("<Axes: {}>", shown.join(", "))
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = Value::Object(Rc::new(self.clone()));
        if name == "figure" {
            return Ok(Some(FigureObj::value(&self.0.fig)));
        }
        let f = axes_methods!(
            name, "plot", "scatter", "hist", "set_title", "set_xlabel", "set_ylabel", "get_title", "get_xlabel",
            "get_ylabel", "set_xlim", "set_ylim", "get_xlim", "get_ylim", "legend", "grid", "cla", "clear", "set"
        );
        Ok(f.map(|(n, f)| method(n, f, &recv)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The array of axes `plt.subplots(r, c)` returns: `axes[i]`, `axes[i, j]`, `axes.flat`,
/// `axes.flatten()`, iteration by rows, `axes.shape`.
#[derive(Clone)]
pub struct AxesGrid {
    pub items: Rc<Vec<Value>>,
    /// (rows, cols); a 1-D grid has rows == 1 and `one_d` set.
    pub shape: (usize, usize),
    pub one_d: bool,
}

impl AxesGrid {
    fn index(&self, interp: &mut Interp, key: &Value) -> Result<Value> {
        let norm = |i: i64, n: usize, axis: usize| -> Result<usize> {
            let j = if i < 0 { i + n as i64 } else { i };
            if j < 0 || j >= n as i64 {
                return Err(Error::index(format!("index {i} is out of bounds for axis {axis} with size {n}")));
            }
            Ok(j as usize)
        };
        let (r, c) = self.shape;
        match key {
            Value::Tuple(t) if t.len() == 2 && !self.one_d => {
                let i = norm(to_i64(&t[0], "index")?, r, 0)?;
                let j = norm(to_i64(&t[1], "index")?, c, 1)?;
                Ok(self.items[i * c + j].clone())
            }
            Value::Tuple(_) => Err(Error::index("too many indices for array")),
            k => {
                let i = to_i64(k, "index")?;
                if self.one_d {
                    Ok(self.items[norm(i, self.items.len(), 0)?].clone())
                } else {
                    let row = norm(i, r, 0)?;
                    let items = self.items[row * c..(row + 1) * c].to_vec();
                    let _ = interp;
                    Ok(Value::Object(Rc::new(AxesGrid { items: Rc::new(items), shape: (1, c), one_d: true })))
                }
            }
        }
    }
}

fn this_grid(a: &Args) -> Result<AxesGrid> {
    match a.pos.first() {
        Some(Value::Object(o)) => match o.as_any().downcast_ref::<AxesGrid>() {
            Some(g) => Ok(g.clone()),
            None => Err(Error::type_err("expected an array of Axes")),
        },
        _ => Err(Error::type_err("expected an array of Axes")),
    }
}

impl Object for AxesGrid {
    fn type_name(&self) -> &str {
        "ndarray"
    }
    fn repr(&self, interp: &mut Interp) -> String {
        let r: Vec<String> = self.items.iter().map(|v| repr::repr(interp, v)).collect();
        if self.one_d {
            format!("array([{}], dtype=object)", r.join(", "))
        } else {
            let c = self.shape.1;
            let rows: Vec<String> = r.chunks(c).map(|ch| format!("[{}]", ch.join(", "))).collect();
            format!("array([{}], dtype=object)", rows.join(",\n       "))
        }
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = Value::Object(Rc::new(self.clone()));
        let f: NativeFn = match name {
            "flat" => return Ok(Some(Value::list(self.items.to_vec()))),
            "shape" => {
                let s = if self.one_d { vec![Value::Int(self.items.len() as i64)] } else { vec![Value::Int(self.shape.0 as i64), Value::Int(self.shape.1 as i64)] };
                return Ok(Some(Value::tuple(s)));
            }
            "size" => return Ok(Some(Value::Int(self.items.len() as i64))),
            "flatten" | "ravel" | "tolist" => |_, a| Ok(Value::list(this_grid(&a)?.items.to_vec())),
            "__getitem__" => |i, a| {
                let g = this_grid(&a)?;
                let key = a.pos.get(1).cloned().unwrap_or(Value::None);
                g.index(i, &key)
            },
            _ => return Ok(None),
        };
        Ok(Some(method(leak(name), f, &recv)))
    }
    fn iter(&self, interp: &mut Interp) -> Result<Vec<Value>> {
        if self.one_d {
            return Ok(self.items.to_vec());
        }
        (0..self.shape.0).map(|r| self.index(interp, &Value::Int(r as i64))).collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
