//! The element side of PyTorch's printer, shared by the repr and the tables: which
//! elements are visible (summarisation), and the per-tensor element formatter (int mode,
//! sci mode, common width) of `torch/_tensor_str.py`, as specified in repr.md §1.2–§1.3.

use crate::format::pyfmt::{py_exp, py_fixed};
use crate::tensor::{DType, Scalar, Tensor};

/// Visible indices of one dimension of size `n`: all of them, or the first and last
/// `edge` when summarising and `n > 2 * edge`. The flag says whether a gap exists.
pub fn visible_indices(n: usize, summarize: bool, edge: usize) -> (Vec<usize>, bool) {
    if summarize && n > 2 * edge {
        let mut v: Vec<usize> = (0..edge).collect();
        v.extend(n - edge..n);
        (v, true)
    } else {
        ((0..n).collect(), false)
    }
}

/// `t` itself on the host; a host copy of a device tensor (printing asks for the copy, as
/// PyTorch's repr does). A failed copy unwinds to the interpreter's call boundary.
pub fn printable(t: &Tensor) -> Tensor {
    if !t.on_device_memory() {
        return t.clone();
    }
    crate::backend::host(t).unwrap_or_else(|e| std::panic::panic_any(crate::backend::DeviceFailure(e.msg)))
}

/// The elements at the cartesian product of `idx` (one index list per dimension), in
/// row-major order, read straight from storage (no full copy of a large tensor).
pub fn gather(t: &Tensor, idx: &[Vec<usize>]) -> Vec<Scalar> {
    let t = &printable(t);
    let total: usize = idx.iter().map(|v| v.len()).product();
    if total == 0 {
        return Vec::new();
    }
    crate::dispatch!(t.dtype(), T => t.with_slice::<T, _>(|s, l| {
        use crate::tensor::Element;
        let nd = idx.len();
        let mut out = Vec::with_capacity(total);
        let mut pos = vec![0usize; nd];
        loop {
            let mut off = l.offset;
            for d in 0..nd {
                off += idx[d][pos[d]] * l.strides[d];
            }
            out.push(s[off].to_scalar());
            // Odometer over the index lists.
            let mut d = nd;
            loop {
                if d == 0 {
                    return out;
                }
                d -= 1;
                pos[d] += 1;
                if pos[d] < idx[d].len() {
                    break;
                }
                pos[d] = 0;
            }
        }
    }))
}

/// The visible part of a tensor under given summarisation settings.
pub struct Visible {
    /// Visible indices per dimension.
    pub idx: Vec<Vec<usize>>,
    /// Whether each dimension has a `...` gap (after its first `edge` indices).
    pub gap: Vec<bool>,
    /// Visible elements, row-major over `idx`.
    pub vals: Vec<Scalar>,
}

/// Visible elements with PyTorch's rule: summarise when `numel > threshold`, keeping
/// `edge` items at each end of every dimension longer than `2 * edge`.
pub fn visible(t: &Tensor, threshold: usize, edge: usize) -> Visible {
    let t = &printable(t);
    let summarize = t.numel() > threshold;
    let (idx, gap): (Vec<_>, Vec<_>) =
        t.shape().iter().map(|&n| visible_indices(n, summarize, edge)).unzip();
    let vals = gather(t, &idx);
    Visible { idx, gap, vals }
}

/// The float formatter of §1.3.2 for one set of values (a tensor, or the real or
/// imaginary parts of a complex tensor).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FloatFormat {
    pub int_mode: bool,
    pub sci_mode: bool,
    pub width: usize,
    pub precision: usize,
}

impl FloatFormat {
    /// Scans `vals` (already widened to f64). `sci_override` is `PrintOptions::sci_mode`.
    pub fn scan(vals: impl Iterator<Item = f64>, precision: usize, sci_override: Option<bool>) -> Self {
        let mut any = false;
        let (mut amax, mut amin) = (0f64, f64::INFINITY);
        let mut int_mode = true;
        let mut finite = Vec::new();
        for v in vals {
            if v.is_finite() && v != 0.0 {
                any = true;
                let a = v.abs();
                amax = amax.max(a);
                amin = amin.min(a);
                if v != v.ceil() {
                    int_mode = false;
                }
                finite.push(v);
            }
        }
        if !any {
            let sci = sci_override.unwrap_or(false);
            return FloatFormat { int_mode: true, sci_mode: sci, width: 1, precision };
        }
        let auto_sci = amax / amin > 1000.0 || amax > 1e8 || (!int_mode && amin < 1e-4);
        let sci_mode = sci_override.unwrap_or(auto_sci);
        let mut f = FloatFormat { int_mode, sci_mode, width: 1, precision };
        f.width = finite.iter().map(|&v| f.text(v).len()).max().unwrap_or(1).max(1);
        f
    }

    /// Unpadded text of one value.
    pub fn text(&self, x: f64) -> String {
        if self.sci_mode {
            py_exp(x, self.precision)
        } else if self.int_mode {
            let mut s = py_fixed(x, 0);
            if x.is_finite() {
                s.push('.');
            }
            s
        } else {
            py_fixed(x, self.precision)
        }
    }

    /// Text right-justified to the common width.
    pub fn format(&self, x: f64) -> String {
        rjust(self.text(x), self.width)
    }
}

/// Left-pads with spaces to `w` characters; never truncates.
pub fn rjust(s: String, w: usize) -> String {
    let n = s.chars().count();
    if n >= w { s } else { format!("{}{}", " ".repeat(w - n), s) }
}

/// The per-tensor element formatter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ElemFormat {
    /// Integers and bools: `str(value)` right-justified.
    Int { width: usize },
    Float(FloatFormat),
    /// Separate real and imaginary formatters.
    Complex(FloatFormat, FloatFormat),
}

/// Python's `str` of an integer or bool scalar.
pub fn int_text(s: &Scalar) -> String {
    match *s {
        Scalar::Bool(b) => if b { "True".into() } else { "False".into() },
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) => py_fixed(f, 0),
        Scalar::Complex(c) => py_fixed(c.re as f64, 0),
    }
}

impl ElemFormat {
    /// Builds the formatter from the scanned (visible) values of a tensor of `dtype`.
    pub fn build(dtype: DType, vals: &[Scalar], precision: usize, sci: Option<bool>) -> Self {
        if dtype.is_complex() {
            let re = vals.iter().map(|s| complex_parts(s).0);
            let im = vals.iter().map(|s| complex_parts(s).1);
            ElemFormat::Complex(FloatFormat::scan(re, precision, sci), FloatFormat::scan(im, precision, sci))
        } else if dtype.is_floating_point() {
            ElemFormat::Float(FloatFormat::scan(vals.iter().map(|s| s.to_f64()), precision, sci))
        } else {
            let width = vals.iter().map(|s| int_text(s).len()).max().unwrap_or(1).max(1);
            ElemFormat::Int { width }
        }
    }

    /// Characters one element occupies for line wrapping (separator included).
    pub fn elem_len(&self) -> usize {
        match self {
            ElemFormat::Int { width } => width + 2,
            ElemFormat::Float(f) => f.width + 2,
            ElemFormat::Complex(r, i) => r.width + 2 + i.width + 1,
        }
    }

    /// The padded element text as the repr prints it.
    pub fn format(&self, s: &Scalar) -> String {
        match self {
            ElemFormat::Int { width } => rjust(int_text(s), *width),
            ElemFormat::Float(f) => f.format(s.to_f64()),
            ElemFormat::Complex(rf, imf) => {
                let (re, im) = complex_parts(s);
                let r = rf.format(re);
                let i = format!("{}j", imf.format(im));
                let i = i.trim_start_matches(' ');
                if i.starts_with('-') || i.starts_with('+') {
                    format!("{r}{i}")
                } else {
                    format!("{r}+{i}")
                }
            }
        }
    }
}

/// Real and imaginary parts of a scalar, widened to f64.
pub fn complex_parts(s: &Scalar) -> (f64, f64) {
    match *s {
        Scalar::Complex(c) => (c.re as f64, c.im as f64),
        other => (other.to_f64(), 0.0),
    }
}
