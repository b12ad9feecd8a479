//! NumPy's printing of arrays and scalars (numpy/_core/arrayprint.py, NumPy 2.x defaults:
//! precision 8, `floatmode='maxprec'`, threshold 1000, edgeitems 3, linewidth 75):
//! `array([1. , 2.5])`, `array([[1, 2],\n       [3, 4]], dtype=int32)`, `np.float32(1.1)`.

use half::f16;

use crate::tensor::dtype::C64;
use crate::tensor::{DType, Scalar, Tensor};

const PRECISION: usize = 8;
const THRESHOLD: usize = 1000;
const EDGEITEMS: usize = 3;
const LINEWIDTH: usize = 75;

/// The shortest decimal digits that read back as `x` in `dtype`'s precision, and the
/// decimal exponent of the first digit (`1.5` → ("15", 0)). `x` is finite.
fn shortest(x: f64, dtype: DType) -> (String, i32) {
    let s = match dtype {
        DType::F32 | DType::C64 => format!("{:e}", x as f32),
        DType::F16 => {
            let h = f16::from_f64(x);
            let mut found = format!("{:e}", x);
            for p in 0..17 {
                let s = format!("{:.*e}", p, x);
                if s.parse::<f64>().map(f16::from_f64) == Ok(h) {
                    found = s;
                    break;
                }
            }
            found
        }
        _ => format!("{:e}", x),
    };
    split_exp(&s)
}

/// `-1.25e3` → ("125", 3) (sign dropped).
fn split_exp(s: &str) -> (String, i32) {
    let s = s.trim_start_matches('-');
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0').to_string();
    let digits = if digits.is_empty() { "0".to_string() } else { digits };
    (digits, e.parse().unwrap_or(0))
}

/// Dragon4 positional, unique digits but at most `PRECISION` fractional digits:
/// (integer part with sign, fractional digits).
fn positional(x: f64, dtype: DType, plus: bool) -> (String, String) {
    let neg = x.is_sign_negative();
    let sign = if neg { "-" } else if plus { "+" } else { "" };
    let (digits, exp) = shortest(x, dtype);
    let frac_needed = (digits.len() as i32 - 1 - exp).max(0) as usize;
    let (int, frac) = if frac_needed > PRECISION {
        let s = format!("{:.*}", PRECISION, x.abs());
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        (i.to_string(), f.trim_end_matches('0').to_string())
    } else if digits == "0" {
        ("0".to_string(), String::new())
    } else if exp >= 0 {
        let e = exp as usize;
        if digits.len() > e + 1 {
            (digits[..e + 1].to_string(), digits[e + 1..].to_string())
        } else {
            (format!("{digits}{}", "0".repeat(e + 1 - digits.len())), String::new())
        }
    } else {
        ("0".to_string(), format!("{}{digits}", "0".repeat((-exp - 1) as usize)))
    };
    (format!("{sign}{int}"), frac)
}

/// Dragon4 scientific, unique digits but at most `PRECISION` fractional mantissa digits:
/// (integer digit with sign, fractional digits, exponent).
fn scientific(x: f64, dtype: DType, plus: bool) -> (String, String, i32) {
    let neg = x.is_sign_negative();
    let sign = if neg { "-" } else if plus { "+" } else { "" };
    let (mut digits, mut exp) = shortest(x, dtype);
    if digits.len() > PRECISION + 1 {
        let (d, e) = split_exp(&format!("{:.*e}", PRECISION, x.abs()));
        digits = d;
        exp = e;
    }
    (format!("{sign}{}", &digits[..1]), digits[1..].to_string(), exp)
}

/// NumPy's `FloatingFormat` for one array's values.
struct FloatFormat {
    dtype: DType,
    exp: bool,
    plus: bool,
    pad_left: usize,
    pad_right: usize,
    precision: usize,
    exp_size: usize,
}

impl FloatFormat {
    fn new(vals: &[f64], dtype: DType, plus: bool) -> FloatFormat {
        let finite: Vec<f64> = vals.iter().copied().filter(|v| v.is_finite()).collect();
        let nonzero: Vec<f64> = finite.iter().filter(|v| **v != 0.0).map(|v| v.abs()).collect();
        let mut exp = false;
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            // Compared in the array's own precision, as NumPy does.
            let (max, min) = match dtype {
                DType::F32 | DType::C64 => (max as f32 as f64, min as f32 as f64),
                _ => (max, min),
            };
            exp = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
        }
        let mut f = FloatFormat { dtype, exp, plus, pad_left: 0, pad_right: 0, precision: 0, exp_size: 0 };
        if finite.is_empty() {
            // Nothing to measure.
        } else if exp {
            let parts: Vec<(String, String, i32)> = finite.iter().map(|&x| scientific(x, dtype, plus)).collect();
            f.precision = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            f.exp_size = parts.iter().map(|p| format!("{:02}", p.2.abs()).len()).max().unwrap_or(2);
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let parts: Vec<(String, String)> = finite.iter().map(|&x| positional(x, dtype, plus)).collect();
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
        }
        if finite.len() != vals.len() {
            let neginf = plus || vals.iter().any(|v| v.is_infinite() && *v < 0.0);
            let offset = f.pad_right + 1;
            f.pad_left = f.pad_left.max(3usize.saturating_sub(offset)).max((3 + neginf as usize).saturating_sub(offset));
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let s = if x.is_nan() {
                if self.plus { "+nan".to_string() } else { "nan".to_string() }
            } else if x < 0.0 {
                "-inf".to_string()
            } else if self.plus {
                "+inf".to_string()
            } else {
                "inf".to_string()
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{s:>width$}");
        }
        if self.exp {
            let (int, mut frac, e) = scientific(x, self.dtype, self.plus);
            while frac.len() < self.precision {
                frac.push('0');
            }
            let esign = if e < 0 { '-' } else { '+' };
            let ed = format!("{:0w$}", e.abs(), w = self.exp_size);
            let pl = self.pad_left;
            format!("{int:>pl$}.{frac}e{esign}{ed}")
        } else {
            let (int, frac) = positional(x, self.dtype, self.plus);
            let (pl, pr) = (self.pad_left, self.pad_right);
            format!("{int:>pl$}.{frac:<pr$}")
        }
    }
}

/// How elements print: one formatter per array, from the values shown.
enum ElemFormat {
    Bool { zero_d: bool },
    Int { width: usize },
    Float(FloatFormat),
    Complex(FloatFormat, FloatFormat),
}

impl ElemFormat {
    fn new(vals: &[Scalar], dtype: DType, zero_d: bool) -> ElemFormat {
        match dtype {
            DType::Bool => ElemFormat::Bool { zero_d },
            DType::C64 => {
                let re: Vec<f64> = vals.iter().map(|s| complex_of(*s).re as f64).collect();
                let im: Vec<f64> = vals.iter().map(|s| complex_of(*s).im as f64).collect();
                ElemFormat::Complex(FloatFormat::new(&re, dtype, false), FloatFormat::new(&im, dtype, true))
            }
            d if d.is_floating_point() => {
                let v: Vec<f64> = vals.iter().map(|s| s.to_f64()).collect();
                ElemFormat::Float(FloatFormat::new(&v, dtype, false))
            }
            _ => {
                let width = vals.iter().map(|s| s.to_i64().to_string().len()).max().unwrap_or(0);
                ElemFormat::Int { width }
            }
        }
    }

    fn format(&self, s: Scalar) -> String {
        match self {
            ElemFormat::Bool { zero_d } => match (s.to_bool(), zero_d) {
                (true, true) => "True".into(),
                (true, false) => " True".into(),
                (false, _) => "False".into(),
            },
            ElemFormat::Int { width } => format!("{:>width$}", s.to_i64(), width = *width),
            ElemFormat::Float(f) => f.format(s.to_f64()),
            ElemFormat::Complex(r, i) => {
                let c = complex_of(s);
                let re = r.format(c.re as f64);
                let im = i.format(c.im as f64);
                let sp = im.trim_end().len();
                format!("{re}{}j{}", &im[..sp], &im[sp..])
            }
        }
    }
}

fn complex_of(s: Scalar) -> C64 {
    match s {
        Scalar::Complex(c) => C64::new(c.re as f32, c.im as f32),
        other => C64::new(other.to_f64() as f32, 0.0),
    }
}

/// The element at a multi-index.
struct Elems {
    vals: Vec<Scalar>,
    shape: Vec<usize>,
}

impl Elems {
    fn get(&self, index: &[usize]) -> Scalar {
        let mut off = 0;
        for (i, &d) in index.iter().zip(&self.shape) {
            off = off * d + i;
        }
        self.vals[off]
    }
}

/// The values printed when summarizing: the first and last `EDGEITEMS` along long axes.
fn leading_trailing(e: &Elems, summarize: bool) -> Vec<Scalar> {
    fn rec(e: &Elems, idx: &mut Vec<usize>, summarize: bool, out: &mut Vec<Scalar>) {
        if idx.len() == e.shape.len() {
            out.push(e.get(idx));
            return;
        }
        let n = e.shape[idx.len()];
        let ids: Vec<usize> = if summarize && n > 2 * EDGEITEMS {
            (0..EDGEITEMS).chain(n - EDGEITEMS..n).collect()
        } else {
            (0..n).collect()
        };
        for i in ids {
            idx.push(i);
            rec(e, idx, summarize, out);
            idx.pop();
        }
    }
    let mut out = Vec::new();
    rec(e, &mut Vec::new(), summarize, &mut out);
    out
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, next_prefix: &str) {
    let needs_wrap = line.len() + word.len() > width && line.len() > next_prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_prefix.to_string();
    }
    line.push_str(word);
}

/// NumPy's `_formatArray`.
fn format_array(e: &Elems, f: &ElemFormat, width: usize, next_prefix: &str, sep: &str, summarize: bool) -> String {
    fn rec(e: &Elems, f: &ElemFormat, idx: &mut Vec<usize>, hanging: &str, width: usize, sep: &str, summarize: bool) -> String {
        let axis = idx.len();
        let left = e.shape.len() - axis;
        if left == 0 {
            return f.format(e.get(idx));
        }
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let n = e.shape[axis];
        let show_summary = summarize && 2 * EDGEITEMS < n;
        let (leading, trailing) = if show_summary { (EDGEITEMS, EDGEITEMS) } else { (0, n) };
        let mut s = String::new();
        if left == 1 {
            let elem_width = width.saturating_sub(sep.trim_end().len().max(1));
            let mut line = hanging.to_string();
            for i in 0..leading {
                idx.push(i);
                let word = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(sep);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(sep);
            }
            for i in (2..=trailing).rev() {
                idx.push(n - i);
                let word = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(sep);
            }
            if n > 0 {
                idx.push(n - 1);
                let word = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
            }
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(left - 1));
            for i in 0..leading {
                idx.push(i);
                let nested = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                s.push_str(&format!("{hanging}{nested}{line_sep}"));
            }
            if show_summary {
                s.push_str(&format!("{hanging}...{line_sep}"));
            }
            for i in (2..=trailing).rev() {
                idx.push(n - i);
                let nested = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                s.push_str(&format!("{hanging}{nested}{line_sep}"));
            }
            if n > 0 {
                idx.push(n - 1);
                let nested = rec(e, f, idx, &next_hanging, next_width, sep, summarize);
                idx.pop();
                s.push_str(&format!("{hanging}{nested}"));
            }
        }
        format!("[{}]", &s[hanging.len().min(s.len())..])
    }
    rec(e, f, &mut Vec::new(), next_prefix, width, sep, summarize)
}

/// NumPy's `array2string` body (without `array(`…`)`).
fn array2string(t: &Tensor, sep: &str, prefix: &str, suffix_len: usize) -> String {
    let shape = t.shape().to_vec();
    if t.numel() == 0 {
        return "[]".into();
    }
    let e = Elems { vals: t.to_scalars(), shape: shape.clone() };
    let summarize = t.numel() > THRESHOLD;
    let shown = leading_trailing(&e, summarize);
    let f = ElemFormat::new(&shown, t.dtype(), shape.is_empty());
    let next_prefix = format!(" {}", " ".repeat(prefix.len()));
    format_array(&e, &f, LINEWIDTH - suffix_len, &next_prefix, sep, summarize)
}

/// NumPy's dtype name (`float32`).
pub fn dtype_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "bool",
        other => other.name(),
    }
}

/// `repr(a)`: `array([1, 2, 3])`, `array([1., 2.], dtype=float32)`.
pub fn array_repr(t: &Tensor) -> String {
    let prefix = "array(";
    let body = array2string(t, ", ", prefix, 1);
    let shape = t.shape().to_vec();
    let mut extras = Vec::new();
    if (t.numel() == 0 && shape != [0]) || t.numel() > THRESHOLD {
        extras.push(format!("shape={}", crate::io::npy::shape_repr(&shape)));
    }
    let implied = matches!(t.dtype(), DType::I64 | DType::F64 | DType::Bool);
    if !implied || t.numel() == 0 {
        extras.push(format!("dtype={}", dtype_name(t.dtype())));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let arr = format!("{prefix}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = arr.len() - arr.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + extra.len() + 1 > LINEWIDTH { format!("\n{}", " ".repeat(prefix.len())) } else { " ".into() };
    format!("{arr}{spacer}{extra}")
}

/// `str(a)`: `[1 2 3]`; a 0-d array prints as its scalar.
pub fn array_str(t: &Tensor) -> String {
    if t.ndim() == 0 {
        return scalar_str(t);
    }
    array2string(t, " ", "", 0)
}

/// A float the way Python's `repr(float)` writes it, with the shortest digits of `dtype`.
fn py_float(x: f64, dtype: DType) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let (digits, exp) = shortest(x, dtype);
    if digits == "0" {
        return format!("{sign}0.0");
    }
    if (-4..16).contains(&exp) {
        let (int, frac) = positional(x.abs(), dtype, false);
        let frac = if frac.is_empty() { "0".to_string() } else { frac };
        format!("{sign}{int}.{frac}")
    } else {
        let m = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits.clone() };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}

fn complex_str(c: C64) -> String {
    let part = |x: f32| {
        let s = py_float(x as f64, DType::F32);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", part(c.im));
    }
    let sign = if c.im < 0.0 || (c.im == 0.0 && c.im.is_sign_negative()) || c.im.is_nan() && c.im.is_sign_negative() { "-" } else { "+" };
    format!("({}{}{}j)", part(c.re), sign, part(c.im.abs()))
}

/// `str(s)` of a NumPy scalar (the 0-d tensor `t`): `1.5`, `3`, `True`, `(1+2j)`.
pub fn scalar_str(t: &Tensor) -> String {
    let Ok(s) = t.item() else { return String::new() };
    match (t.dtype(), s) {
        (DType::Bool, s) => if s.to_bool() { "True" } else { "False" }.into(),
        (_, Scalar::Complex(c)) => complex_str(C64::new(c.re as f32, c.im as f32)),
        (d, s) if d.is_floating_point() => py_float(s.to_f64(), d),
        (_, s) => s.to_i64().to_string(),
    }
}

/// `repr(s)` of a NumPy scalar: `np.float64(1.5)`, `np.int64(3)`, `np.True_`.
pub fn scalar_repr(t: &Tensor) -> String {
    if t.dtype() == DType::Bool {
        return if t.item().map(|s| s.to_bool()).unwrap_or(false) { "np.True_".into() } else { "np.False_".into() };
    }
    let s = scalar_str(t);
    let inner = if t.dtype() == DType::C64 { s.trim_start_matches('(').trim_end_matches(')').to_string() } else { s };
    format!("np.{}({inner})", dtype_name(t.dtype()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(v: &[f64], shape: &[usize]) -> Tensor {
        Tensor::from_vec(v.to_vec(), shape)
    }

    #[test]
    fn reprs_match_numpy() {
        // Recorded from NumPy 2.4.
        assert_eq!(array_repr(&Tensor::from_vec(vec![1i64, 2, 3], &[3])), "array([1, 2, 3])");
        assert_eq!(array_repr(&f64s(&[1.0, 2.5], &[2])), "array([1. , 2.5])");
        assert_eq!(array_repr(&Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], &[2, 2])), "array([[1., 2.],\n       [3., 4.]], dtype=float32)");
        assert_eq!(array_repr(&Tensor::from_vec(vec![true, false], &[2])), "array([ True, False])");
        assert_eq!(array_repr(&Tensor::from_vec(vec![true], &[])), "array(True)");
        assert_eq!(array_repr(&f64s(&[1.5], &[])), "array(1.5)");
        assert_eq!(array_repr(&Tensor::from_vec(vec![2i32], &[])), "array(2, dtype=int32)");
        assert_eq!(array_repr(&f64s(&[], &[0])), "array([], dtype=float64)");
        assert_eq!(array_repr(&f64s(&[], &[0, 3])), "array([], shape=(0, 3), dtype=float64)");
        assert_eq!(array_repr(&f64s(&[1e-5, 1.5e10], &[2])), "array([1.0e-05, 1.5e+10])");
        assert_eq!(array_repr(&f64s(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.0], &[4])), "array([ nan,  inf, -inf,   1.])");
        assert_eq!(array_repr(&Tensor::from_vec(vec![C64::new(1.0, 2.0), C64::new(3.0, -1.0)], &[2])), "array([1.+2.j, 3.-1.j], dtype=complex64)");
        let big: Vec<i64> = (0..2000).collect();
        assert_eq!(array_repr(&Tensor::from_vec(big, &[2000])), "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))");
        let r: Vec<f64> = (0..30).map(|i| i as f64).collect();
        assert_eq!(
            array_repr(&f64s(&r, &[30])),
            "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n       26., 27., 28., 29.])"
        );
        assert_eq!(
            array_str(&f64s(&r, &[30])),
            "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]"
        );
        assert_eq!(array_str(&Tensor::from_vec(vec![1i64, 2, 3, 4], &[2, 2])), "[[1 2]\n [3 4]]");
        assert_eq!(array_repr(&f64s(&[1.0 / 3.0, 100.0], &[2])), "array([  0.33333333, 100.        ])");
        assert_eq!(array_repr(&f64s(&[1e8], &[1])), "array([1.e+08])");
        assert_eq!(array_repr(&f64s(&[0.0001, 1.0], &[2])), "array([1.e-04, 1.e+00])");
        assert_eq!(array_repr(&f64s(&[-0.0, 1e-3], &[2])), "array([-0.   ,  0.001])");
        assert_eq!(array_repr(&f64s(&[1.123456789, 2.0], &[2])), "array([1.12345679, 2.        ])");
        assert_eq!(array_repr(&Tensor::from_vec(vec![f16::from_f64(0.1), f16::from_f64(0.2)], &[2])), "array([0.1, 0.2], dtype=float16)");
        assert_eq!(array_repr(&Tensor::from_vec(vec![0.30000001192092896f32], &[1])), "array([0.3], dtype=float32)");
        let z = vec![0.0f64; 8];
        assert_eq!(array_repr(&f64s(&z, &[2, 2, 2])), "array([[[0., 0.],\n        [0., 0.]],\n\n       [[0., 0.],\n        [0., 0.]]])");
        let m: Vec<f64> = (0..12).map(|i| i as f64 * 1000.5).collect();
        assert_eq!(
            array_repr(&f64s(&m, &[2, 6])),
            "array([[    0. ,  1000.5,  2001. ,  3001.5,  4002. ,  5002.5],\n       [ 6003. ,  7003.5,  8004. ,  9004.5, 10005. , 11005.5]])"
        );
        let rows: Vec<i64> = (0..400).flat_map(|_| [1, 2, 3]).collect();
        assert_eq!(
            array_repr(&Tensor::from_vec(rows, &[400, 3])),
            "array([[1, 2, 3],\n       [1, 2, 3],\n       [1, 2, 3],\n       ...,\n       [1, 2, 3],\n       [1, 2, 3],\n       [1, 2, 3]], shape=(400, 3))"
        );
    }

    #[test]
    fn scalars_match_numpy() {
        assert_eq!(scalar_repr(&Tensor::from_vec(vec![1.1f32], &[])), "np.float32(1.1)");
        assert_eq!(scalar_repr(&Tensor::from_vec(vec![3i64], &[])), "np.int64(3)");
        assert_eq!(scalar_repr(&Tensor::from_vec(vec![true], &[])), "np.True_");
        assert_eq!(scalar_repr(&f64s(&[3.0], &[])), "np.float64(3.0)");
        assert_eq!(scalar_repr(&f64s(&[1e16], &[])), "np.float64(1e+16)");
        assert_eq!(scalar_repr(&f64s(&[1e-5], &[])), "np.float64(1e-05)");
        assert_eq!(scalar_repr(&f64s(&[123456789012345.6], &[])), "np.float64(123456789012345.6)");
        assert_eq!(scalar_repr(&Tensor::from_vec(vec![C64::new(1.0, 2.0)], &[])), "np.complex64(1+2j)");
        assert_eq!(scalar_str(&Tensor::from_vec(vec![C64::new(1.5, -2.0)], &[])), "(1.5-2j)");
    }
}
