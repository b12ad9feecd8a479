//! `tqdm` progress bars (`from tqdm import tqdm, trange`, `import tqdm`, `tqdm.auto`, and
//! the bare `tqdm`/`trange`), drawn with indicatif in tqdm's layout:
//! `desc: 45%|████▌     | 45/100 [00:01<00:01, 42.10it/s, loss=0.3]`.
//!
//! Like tqdm the bar goes to stderr, and only when stderr is a terminal: piped or
//! redirected output gets nothing extra. While a bar is drawn, what the loop printed is
//! flushed above it at each step (as `tqdm.write` would), so lines and bar do not mix.

use std::any::Any;
use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::error::{Error, Result};
use crate::eval::args::{Args, opt_bool, to_i64};
use crate::eval::builtins::{method, native};
use crate::eval::iter::{DynIter, ValueIter};
use crate::eval::object::Object;
use crate::eval::value::{Namespace, NativeFn, Value, range_len};
use crate::eval::{Interp, repr};
use crate::help::HelpEntry;

struct State {
    bar: Option<ProgressBar>,
    iterable: Option<Value>,
    total: Option<u64>,
    n: u64,
    desc: String,
    postfix: String,
    unit: String,
    leave: bool,
    closed: bool,
    /// `interp.out.written()` when printed output was last flushed above the bar.
    printed: u64,
}

impl State {
    fn restyle(&self) {
        if let Some(b) = &self.bar {
            b.set_style(style(self.total.is_some(), &self.unit));
            b.set_prefix(if self.desc.is_empty() { String::new() } else { format!("{}: ", self.desc) });
            b.set_message(if self.postfix.is_empty() { String::new() } else { format!(", {}", self.postfix) });
        }
    }

    fn close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        if let Some(b) = &self.bar {
            if self.leave {
                b.abandon();
            } else {
                b.finish_and_clear();
            }
        }
    }
}

/// tqdm's `format_interval`: `MM:SS`, or `H:MM:SS` past an hour.
fn interval(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}") }
}

/// tqdm's rate: `42.10it/s`, `2.50s/it` when slower than one a second, `?it/s` at first.
fn rate(st: &ProgressState, unit: &str) -> String {
    let r = st.per_sec();
    if st.pos() == 0 || !r.is_finite() || r <= 0.0 {
        format!("?{unit}/s")
    } else if r < 1.0 {
        format!("{:5.2}s/{unit}", 1.0 / r)
    } else {
        format!("{r:5.2}{unit}/s")
    }
}

fn style(known_len: bool, unit: &str) -> ProgressStyle {
    let template = if known_len {
        "{prefix}{percent:>3}%|{wide_bar}| {pos}/{len} [{t_elapsed}<{t_eta}, {t_rate}{msg}]"
    } else {
        "{prefix}{pos}{t_unit} [{t_elapsed}, {t_rate}{msg}]"
    };
    let (u1, u2) = (unit.to_string(), unit.to_string());
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("█▉▊▋▌▍▎▏ ")
        .with_key("t_elapsed", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&interval(s.elapsed()));
        })
        .with_key("t_eta", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&if s.pos() == 0 { "?".to_string() } else { interval(s.eta()) });
        })
        .with_key("t_rate", move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&rate(s, &u1));
        })
        .with_key("t_unit", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&u2);
        })
}

/// A tqdm object: wraps an iterable (or counts manual `update`s).
#[derive(Clone)]
pub struct Tqdm(Rc<RefCell<State>>);

/// The number of items of `v` when Python's `len` knows it.
fn len_of(v: &Value) -> Option<u64> {
    Some(match v {
        Value::List(l) => l.borrow().len() as u64,
        Value::Tuple(t) => t.len() as u64,
        Value::Dict(d) => d.borrow().len() as u64,
        Value::Str(s) => s.chars().count() as u64,
        Value::Size(s) => s.len() as u64,
        Value::Range { start, stop, step } => range_len(*start, *stop, *step).max(0) as u64,
        Value::Tensor(t) if t.ndim() > 0 => t.shape()[0] as u64,
        _ => return None,
    })
}

/// Keywords tqdm has that only tune its timing or terminal handling: accepted, no effect.
const TIMING_KW: &[&str] = &["mininterval", "maxinterval", "miniters", "smoothing", "dynamic_ncols", "delay", "ascii", "lock_args"];

fn make(interp: &mut Interp, a: Args, fname: &str) -> Result<Value> {
    let mut a = a;
    for k in TIMING_KW {
        a.take_kw(k);
    }
    let unsupported = ["file", "ncols", "nrows", "unit_scale", "unit_divisor", "bar_format", "position", "write_bytes", "colour"];
    if let Some((k, _)) = a.kw.iter().find(|(k, _)| unsupported.contains(&&**k)) {
        return Err(Error::not_impl(format!("{fname}(): the keyword '{k}' is not supported by tsr")));
    }
    let [iterable, desc, total, leave, disable, unit, initial, postfix] =
        a.bind(fname, ["iterable", "desc", "total", "leave", "disable", "unit", "initial", "postfix"])?;
    let iterable = iterable.filter(|v| !v.is_none());
    let total = match total {
        Some(v) if !v.is_none() => Some(crate::eval::args::to_f64(&v, "total")?.max(0.0) as u64),
        _ => iterable.as_ref().and_then(len_of),
    };
    let desc = match desc {
        Some(v) if !v.is_none() => repr::str(interp, &v),
        _ => String::new(),
    };
    let unit = match unit {
        Some(Value::Str(s)) => s.to_string(),
        _ => "it".to_string(),
    };
    let env_off = std::env::var("TQDM_DISABLE").is_ok_and(|v| !v.is_empty() && v != "0" && v.to_lowercase() != "false");
    let disabled = opt_bool(disable, false)? || env_off;
    let initial = match initial {
        Some(v) if !v.is_none() => to_i64(&v, "initial")?.max(0) as u64,
        _ => 0,
    };
    let bar = if disabled || !std::io::stderr().is_terminal() {
        None
    } else {
        // What was printed before the bar appears above it.
        interp.out.flush();
        let b = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        b.set_position(initial);
        Some(b)
    };
    let st = State {
        bar,
        iterable,
        total,
        n: initial,
        desc,
        postfix: String::new(),
        unit,
        leave: opt_bool(leave, true)?,
        closed: false,
        printed: interp.out.written(),
    };
    let t = Tqdm(Rc::new(RefCell::new(st)));
    if let Some(p) = postfix.filter(|p| !p.is_none()) {
        let s = postfix_string(interp, &p, &[])?;
        t.0.borrow_mut().postfix = s;
    }
    t.0.borrow().restyle();
    if let Some(b) = &t.0.borrow().bar {
        b.tick();
    }
    Ok(Value::Object(Rc::new(t)))
}

/// tqdm's `format_num`: floats as `{:.3g}` when that is shorter than `str()`.
fn format_num(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Float(f) => {
            let g = repr::format_value(interp, v, ".3g").unwrap_or_default().replace("e+0", "e+").replace("e-0", "e-");
            let s = repr::str(interp, &Value::Float(*f));
            if g.len() < s.len() { g } else { s }
        }
        Value::Int(_) => {
            let g = repr::format_value(interp, v, ".3g").unwrap_or_default().replace("e+0", "e+").replace("e-0", "e-");
            let s = repr::str(interp, v);
            if g.len() < s.len() { g } else { s }
        }
        other => repr::str(interp, other),
    }
}

/// `set_postfix(ordered_dict=None, **kwargs)` as tqdm writes it: `k=v, k=v`.
fn postfix_string(interp: &mut Interp, dict: &Value, kw: &[(Rc<str>, Value)]) -> Result<String> {
    let mut parts: Vec<(String, Value)> = Vec::new();
    match dict {
        Value::None => {}
        Value::Dict(d) => {
            for (k, v) in d.borrow().iter() {
                parts.push((repr::str(interp, k), v.clone()));
            }
        }
        Value::Str(s) => return Ok(s.to_string()),
        other => return Err(Error::type_err(format!("set_postfix() expects a dict, not {}", other.type_name()))),
    }
    for (k, v) in kw {
        parts.push((k.to_string(), v.clone()));
    }
    Ok(parts.iter().map(|(k, v)| format!("{k}={}", format_num(interp, v))).collect::<Vec<_>>().join(", "))
}

fn this(a: &Args) -> Result<Tqdm> {
    match a.pos.first() {
        Some(Value::Object(o)) => o.as_any().downcast_ref::<Tqdm>().cloned().ok_or_else(|| Error::type_err("expected a tqdm object")),
        _ => Err(Error::type_err("expected a tqdm object")),
    }
}

fn rest(mut a: Args) -> Args {
    if !a.pos.is_empty() {
        a.pos.remove(0);
    }
    a
}

impl Tqdm {
    /// One step done (`update(n)`); what the loop printed since the last step is flushed
    /// above the bar (the bar is redrawn only then, and at indicatif's own rate).
    fn advance(&self, interp: &mut Interp, by: u64) {
        let mut st = self.0.borrow_mut();
        st.n += by;
        if let Some(b) = st.bar.clone() {
            let w = interp.out.written();
            if w != st.printed {
                st.printed = w;
                b.suspend(|| interp.out.flush());
            }
            b.inc(by);
        }
    }
}

impl Object for Tqdm {
    fn type_name(&self) -> &str {
        "tqdm"
    }
    fn repr(&self, _interp: &mut Interp) -> String {
        let st = self.0.borrow();
        let desc = if st.desc.is_empty() { String::new() } else { format!("{}: ", st.desc) };
        match st.total {
            Some(t) => {
                let pct = if t == 0 { 100 } else { (st.n * 100 / t).min(100) };
                format!("{desc}{pct:>3}%| | {}/{t}", st.n)
            }
            None => format!("{desc}{}{}", st.n, st.unit),
        }
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let recv = Value::Object(Rc::new(self.clone()));
        {
            let st = self.0.borrow();
            match name {
                "n" => return Ok(Some(Value::Int(st.n as i64))),
                "total" => return Ok(Some(st.total.map_or(Value::None, |t| Value::Int(t as i64)))),
                "desc" => return Ok(Some(Value::str(&st.desc))),
                "disable" => return Ok(Some(Value::Bool(st.bar.is_none()))),
                "iterable" => return Ok(Some(st.iterable.clone().unwrap_or(Value::None))),
                _ => {}
            }
        }
        let (n, f): (&'static str, NativeFn) = match name {
            "update" => ("update", |i, a| {
                let t = this(&a)?;
                let [n] = rest(a).bind("update", ["n"])?;
                let n = match n {
                    Some(v) if !v.is_none() => crate::eval::args::to_f64(&v, "n")?.max(0.0) as u64,
                    _ => 1,
                };
                t.advance(i, n);
                Ok(Value::None)
            }),
            "close" => ("close", |_, a| {
                let t = this(&a)?;
                rest(a).none("close")?;
                t.0.borrow_mut().close();
                Ok(Value::None)
            }),
            "set_description" | "set_description_str" => ("set_description", |i, a| {
                let t = this(&a)?;
                let [d, _refresh] = rest(a).bind("set_description", ["desc", "refresh"])?;
                let d = match d {
                    Some(v) if !v.is_none() => repr::str(i, &v),
                    _ => String::new(),
                };
                let mut st = t.0.borrow_mut();
                st.desc = d;
                st.restyle();
                Ok(Value::None)
            }),
            "set_postfix" => ("set_postfix", |i, a| {
                let t = this(&a)?;
                let mut a = rest(a);
                a.take_kw("refresh");
                let kw = std::mem::take(&mut a.kw);
                let [d] = a.bind("set_postfix", ["ordered_dict"])?;
                let s = postfix_string(i, &d.unwrap_or(Value::None), &kw)?;
                let mut st = t.0.borrow_mut();
                st.postfix = s;
                st.restyle();
                Ok(Value::None)
            }),
            "set_postfix_str" => ("set_postfix_str", |i, a| {
                let t = this(&a)?;
                let [s, _refresh] = rest(a).bind("set_postfix_str", ["s", "refresh"])?;
                let s = s.map(|v| repr::str(i, &v)).unwrap_or_default();
                let mut st = t.0.borrow_mut();
                st.postfix = s;
                st.restyle();
                Ok(Value::None)
            }),
            "refresh" => ("refresh", |_, a| {
                let t = this(&a)?;
                if let Some(b) = &t.0.borrow().bar {
                    b.tick();
                }
                Ok(Value::None)
            }),
            "reset" => ("reset", |_, a| {
                let t = this(&a)?;
                let [total] = rest(a).bind("reset", ["total"])?;
                let mut st = t.0.borrow_mut();
                if let Some(v) = total.filter(|v| !v.is_none()) {
                    st.total = Some(crate::eval::args::to_f64(&v, "total")?.max(0.0) as u64);
                }
                st.n = 0;
                if let Some(b) = &st.bar {
                    b.reset();
                    match st.total {
                        Some(t) => b.set_length(t),
                        None => b.unset_length(),
                    }
                }
                st.restyle();
                Ok(Value::None)
            }),
            _ => return Ok(None),
        };
        Ok(Some(method(n, f, &recv)))
    }
    fn enter(&self, _interp: &mut Interp) -> Result<Value> {
        Ok(Value::Object(Rc::new(self.clone())))
    }
    fn exit(&self, _interp: &mut Interp) -> Result<()> {
        self.0.borrow_mut().close();
        Ok(())
    }
    /// The wrapped items without counting them (for `len()`).
    fn iter(&self, interp: &mut Interp) -> Result<Vec<Value>> {
        let it = self.0.borrow().iterable.clone();
        match it {
            Some(v) => interp.collect(&v),
            None => Err(Error::type_err("'NoneType' object is not iterable")),
        }
    }
    fn lazy_iter(&self, interp: &mut Interp) -> Result<Option<Box<dyn DynIter>>> {
        let it = self.0.borrow().iterable.clone();
        let inner = match it {
            Some(v) => interp.iterate(&v)?,
            None => return Err(Error::type_err("'NoneType' object is not iterable")),
        };
        Ok(Some(Box::new(TqdmIter { t: self.clone(), inner, started: false })))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Iteration through a tqdm: counts an item when the next one is asked for (the loop
/// body has run), closes the bar when the items run out or the loop is left.
struct TqdmIter {
    t: Tqdm,
    inner: ValueIter,
    started: bool,
}

impl DynIter for TqdmIter {
    fn next(&mut self, interp: &mut Interp) -> Result<Option<Value>> {
        if self.started {
            self.t.advance(interp, 1);
        }
        self.started = true;
        let item = self.inner.next(interp)?;
        if item.is_none() {
            self.t.0.borrow_mut().close();
        }
        Ok(item)
    }
}

impl Drop for TqdmIter {
    fn drop(&mut self) {
        if let Ok(mut st) = self.t.0.try_borrow_mut() {
            st.close();
        }
    }
}

fn trange(interp: &mut Interp, mut a: Args) -> Result<Value> {
    // trange(stop) / trange(start, stop[, step]) plus tqdm's keywords.
    let n = a.pos.len().min(3);
    let ints: Vec<i64> = a.pos.drain(..n).map(|v| to_i64(&v, "trange() argument")).collect::<Result<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(Error::type_err("trange expected at least 1 argument, got 0")),
    };
    if step == 0 {
        return Err(Error::value("range() arg 3 must not be zero"));
    }
    a.pos.insert(0, Value::Range { start, stop, step });
    make(interp, a, "trange")
}

/// The functions of `tqdm` (also bare builtins).
pub const NAMES: &[&str] = &["tqdm", "trange"];

/// The bare `tqdm` and `trange`.
pub fn builtin(name: &str) -> Option<Value> {
    match name {
        "tqdm" => Some(native("tqdm", |i, a| make(i, a, "tqdm"))),
        "trange" => Some(native("trange", trange)),
        _ => None,
    }
}

fn tqdm_attr(name: &str) -> Option<Value> {
    match name {
        "tqdm" | "trange" => builtin(name),
        "auto" | "notebook" | "std" | "autonotebook" => module("tqdm.auto"),
        "__version__" => Some(Value::str("4.70.1")),
        _ => None,
    }
}

/// `import tqdm`, `tqdm.auto`, `tqdm.notebook`, `tqdm.std` (all the same text bar).
pub fn module(name: &str) -> Option<Value> {
    let n: &'static str = match name {
        "tqdm" => "tqdm",
        "tqdm.auto" => "tqdm.auto",
        "tqdm.notebook" => "tqdm.notebook",
        "tqdm.std" => "tqdm.std",
        "tqdm.autonotebook" => "tqdm.autonotebook",
        _ => return None,
    };
    Some(Value::Namespace(Rc::new(Namespace { name: n, get: tqdm_attr })))
}

pub static HELP: &[HelpEntry] = &[
    HelpEntry {
        name: "tqdm",
        signature: "tqdm(iterable=None, desc=None, total=None, leave=True, disable=False, unit='it', initial=0, postfix=None) -> tqdm",
        summary: "Wraps an iterable with a progress bar (percentage, count, elapsed<remaining, rate) drawn on stderr when it is a terminal; nothing is printed otherwise. Has update(n), set_description(), set_postfix(**kw), close(), and works as a context manager.",
        example: "from tqdm import tqdm\ntotal = 0\nfor i in tqdm(range(100), desc='sum'):\n    total += i\nprint(total)",
    },
    HelpEntry {
        name: "trange",
        signature: "trange([start,] stop[, step], **tqdm_kwargs) -> tqdm",
        summary: "tqdm(range(...)): a progress bar over a range of ints.",
        example: "from tqdm import trange\nfor epoch in trange(3, desc='epochs'):\n    pass\nprint('trained')",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tqdm_intervals() {
        assert_eq!(interval(Duration::from_secs(5)), "00:05");
        assert_eq!(interval(Duration::from_secs(125)), "02:05");
        assert_eq!(interval(Duration::from_secs(3725)), "1:02:05");
    }
}
