//! Python value formatting: `repr(float)` (shortest round-trip digits, CPython's layout),
//! `repr(str)`, and the format mini-language of `format(value, spec)` / f-strings
//! (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`), with CPython's
//! error texts.

use crate::error::{Error, ExcKind, Result};

/// A value handed to `format_spec`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FmtArg<'a> {
    Int(i64),
    /// A Python int beyond i64.
    BigInt(&'a num_bigint::BigInt),
    Float(f64),
    Str(&'a str),
    Bool(bool),
}

/// CPython `format(x, ".{p}f")` on a double: `nan`, `inf`, `-inf`, otherwise exactly
/// `p` decimals, correctly rounded (ties to even on the exact binary value).
pub fn py_fixed(x: f64, p: usize) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    format!("{:.*}", p, x)
}

/// CPython `format(x, ".{p}e")`: mantissa with `p` decimals, exponent with a sign and at
/// least two digits (`1.0000e-05`, `1.0000e+100`).
pub fn py_exp(x: f64, p: usize) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    fix_exponent(&format!("{:.*e}", p, x))
}

fn nonfinite(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// Rewrites Rust's exponent (`e-5`, `e16`) as Python's (`e-05`, `e+16`).
fn fix_exponent(s: &str) -> String {
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s.to_string(),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, positional for exponents in
/// `-4..16`, otherwise `d.ddde±XX`; `nan`, `inf`, `-inf`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let s = shortest_exp(x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let n = digits.len() as i32;
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if (-4..16).contains(&e) {
        if e >= n - 1 {
            format!("{digits}{}.0", "0".repeat((e - n + 1) as usize))
        } else if e >= 0 {
            let (a, b) = digits.split_at((e + 1) as usize);
            format!("{a}.{b}")
        } else {
            format!("0.{}{digits}", "0".repeat((-e - 1) as usize))
        }
    } else {
        let (a, b) = digits.split_at(1);
        let frac = if b.is_empty() { String::new() } else { format!(".{b}") };
        let es = if e < 0 { '-' } else { '+' };
        format!("{a}{frac}e{es}{:02}", e.abs())
    };
    format!("{sign}{body}")
}

/// Shortest round-trip digits as `d.ddde<exp>`; among candidates of that length, the
/// nearest to the exact value with ties to even (David Gay's rule, which CPython uses;
/// Rust's shortest formatter may pick the other one of two equidistant candidates).
fn shortest_exp(a: f64) -> String {
    let s = format!("{:e}", a);
    let n = s.split('e').next().map_or(1, |m| m.chars().filter(|c| c.is_ascii_digit()).count());
    let nearest = format!("{:.*e}", n.saturating_sub(1), a);
    if nearest.parse::<f64>().ok() == Some(a) { nearest } else { s }
}

/// Python's `repr(str)`: single quotes unless the text contains `'` and no `"`;
/// `\\`, `\n`, `\r`, `\t` and other non-printables escaped.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A parsed format spec.
#[derive(Clone, Copy, Debug, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    z: bool,
    alt: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn value_err(msg: String) -> Error {
    Error::value(msg)
}

fn parse(spec: &str, type_name: &str, default_align: char) -> Result<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        if s.fill.is_none() {
            s.fill = Some('0');
            if s.align.is_none() && default_align == '>' {
                s.align = Some('=');
            }
        }
        i += 1;
    }
    let too_many = || value_err("Too many decimal digits in format string".into());
    let digits = |i: &mut usize| -> Result<Option<usize>> {
        let start = *i;
        let mut v: usize = 0;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(chars[*i] as usize - '0' as usize))
                .filter(|&v| v <= isize::MAX as usize)
                .ok_or_else(too_many)?;
            *i += 1;
        }
        Ok(if *i > start { Some(v) } else { None })
    };
    s.width = digits(&mut i)?.unwrap_or(0);
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
        if i < chars.len() && matches!(chars[i], ',' | '_') {
            return Err(value_err("Cannot specify both ',' and '_'.".into()));
        }
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        match digits(&mut i)? {
            Some(p) => s.precision = Some(p),
            None => return Err(value_err("Format specifier missing precision".into())),
        }
    }
    if chars.len() - i > 1 {
        return Err(value_err(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
    }
    if let Some(g) = s.grouping {
        let ok = match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            let t = s.ty.unwrap_or(' ');
            return Err(value_err(format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    Ok(s)
}

/// Pads `lead` (sign and prefix) plus `body` to the spec's width with its fill/align.
fn pad(s: &Spec, lead: &str, body: &str, default_align: char) -> String {
    let len = lead.chars().count() + body.chars().count();
    let fill = s.fill.unwrap_or(' ');
    if len >= s.width {
        return format!("{lead}{body}");
    }
    let n = s.width - len;
    let f = |k: usize| fill.to_string().repeat(k);
    match s.align.unwrap_or(default_align) {
        '<' => format!("{lead}{body}{}", f(n)),
        '^' => format!("{}{lead}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{lead}{}{body}", f(n)),
        _ => format!("{}{lead}{body}", f(n)),
    }
}

/// CPython's digit grouping: separators every `interval` digits from the right, padding
/// with zeros (and separators) up to `min_width` when zero-filling.
fn group(digits: &str, sep: char, interval: usize, min_width: usize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as isize;
    let mut min_width = min_width as isize;
    let interval = interval as isize;
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = interval.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let start = (remaining - n_chars) as usize;
        let mut g = "0".repeat(n_zeros as usize);
        g.extend(&d[start..remaining as usize]);
        groups.push(g);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Assembles a number: sign, prefix, integer digits (grouped), the rest, then padding.
fn finish_number(s: &Spec, negative: bool, prefix: &str, int_digits: &str, rest: &str, interval: usize) -> String {
    let sign = if negative {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let lead = format!("{sign}{prefix}");
    let grouped = match s.grouping {
        Some(g) => {
            let min_width = if s.fill == Some('0') && s.align == Some('=') {
                s.width.saturating_sub(lead.chars().count() + rest.chars().count())
            } else {
                0
            };
            group(int_digits, g, interval, min_width)
        }
        None => int_digits.to_string(),
    };
    pad(s, &lead, &format!("{grouped}{rest}"), '>')
}

/// `g`-style text of a non-negative finite value with `p` significant digits.
fn general(a: f64, p: usize, alt: bool, add_dot0: bool) -> String {
    let p = p.max(1);
    let x = if a == 0.0 { 0 } else {
        let s = format!("{:.*e}", p - 1, a);
        s.split_once('e').and_then(|(_, e)| e.parse::<i64>().ok()).unwrap_or(0)
    };
    let limit = if add_dot0 { p as i64 - 1 } else { p as i64 };
    let mut out = if x < -4 || x >= limit {
        let m = format!("{:.*e}", p - 1, a);
        let (mant, _) = m.split_once('e').unwrap_or((&m, ""));
        let mut mant = mant.to_string();
        if !alt {
            strip_zeros(&mut mant);
        } else if !mant.contains('.') {
            mant.push('.');
        }
        let es = if x < 0 { '-' } else { '+' };
        format!("{mant}e{es}{:02}", x.abs())
    } else {
        let mut f = format!("{:.*}", (p as i64 - 1 - x).max(0) as usize, a);
        if !alt {
            strip_zeros(&mut f);
        } else if !f.contains('.') {
            f.push('.');
        }
        f
    };
    if add_dot0 && !out.contains('.') && !out.contains('e') {
        out.push_str(".0");
    }
    out
}

fn strip_zeros(s: &mut String) {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
}

fn format_float(x: f64, s: &Spec, type_name: &str) -> Result<String> {
    let ty = s.ty;
    let negative = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    if let Some(c) = ty.filter(|c| !"eEfFgGn%".contains(*c)) {
        return Err(value_err(format!("Unknown format code '{c}' for object of type '{type_name}'")));
    }
    let mut text = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        if ty == Some('%') { format!("{t}%") } else { t.to_string() }
    } else {
        match ty {
            Some('f' | 'F') => {
                let mut t = py_fixed(a, s.precision.unwrap_or(6));
                if s.alt && !t.contains('.') {
                    t.push('.');
                }
                t
            }
            Some('e' | 'E') => {
                let t = py_exp(a, s.precision.unwrap_or(6));
                if s.alt && !t.contains('.') { t.replacen('e', ".e", 1) } else { t }
            }
            Some('g' | 'G' | 'n') => general(a, s.precision.unwrap_or(6), s.alt, false),
            Some('%') => {
                let mut t = py_fixed(a * 100.0, s.precision.unwrap_or(6));
                if s.alt && !t.contains('.') {
                    t.push('.');
                }
                t.push('%');
                t
            }
            None => match s.precision {
                None => {
                    let t = float_repr(a);
                    if s.alt && !t.contains('.') { t.replacen('e', ".e", 1) } else { t }
                }
                Some(p) => general(a, p, s.alt, true),
            },
            Some(c) => {
                return Err(value_err(format!(
                    "Unknown format code '{c}' for object of type '{type_name}'"
                )))
            }
        }
    };
    if upper {
        text = text.to_uppercase();
    }
    // `z`: a negative value that rounds to zero loses its sign.
    let negative = negative
        && !(s.z && text.chars().all(|c| !c.is_ascii_digit() || c == '0') && a.is_finite());
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (int_digits, rest) = text.split_at(split);
    let (int_digits, rest) = if int_digits.is_empty() { (rest, "") } else { (int_digits, rest) };
    if !a.is_finite() {
        // No grouping for nan/inf (zero padding still applies).
        let s = Spec { grouping: None, ..*s };
        return Ok(finish_number(&s, negative, "", &text, "", 3));
    }
    Ok(finish_number(s, negative, "", int_digits, rest, 3))
}

fn format_int(v: i64, s: &Spec, type_name: &str) -> Result<String> {
    format_integer(&num_bigint::BigInt::from(v), s, type_name)
}

fn format_integer(v: &num_bigint::BigInt, s: &Spec, type_name: &str) -> Result<String> {
    use num_traits::{Signed, ToPrimitive};
    match s.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = v.to_f64().filter(|f| f.is_finite()).ok_or_else(|| {
                Error::new(ExcKind::OverflowError, "int too large to convert to float")
            })?;
            return format_float(f, s, type_name);
        }
        Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') | None => {}
        Some(c) => {
            return Err(value_err(format!(
                "Unknown format code '{c}' for object of type '{type_name}'"
            )))
        }
    }
    if s.precision.is_some() {
        return Err(value_err("Precision not allowed in integer format specifier".into()));
    }
    if s.z {
        return Err(value_err(
            "Negative zero coercion (z) not allowed in integer format specifier".into(),
        ));
    }
    let mag = v.abs();
    let (prefix, digits, interval) = match s.ty {
        Some('b') => ("0b", mag.to_str_radix(2), 4),
        Some('o') => ("0o", mag.to_str_radix(8), 4),
        Some('x') => ("0x", mag.to_str_radix(16), 4),
        Some('X') => ("0X", mag.to_str_radix(16).to_uppercase(), 4),
        Some('c') => {
            if s.sign.is_some() {
                return Err(value_err("Sign not allowed with integer format specifier 'c'".into()));
            }
            if s.alt {
                return Err(value_err(
                    "Alternate form (#) not allowed with integer format specifier 'c'".into(),
                ));
            }
            let c = v.to_u32().and_then(char::from_u32).ok_or_else(|| {
                Error::new(ExcKind::OverflowError, "%c arg not in range(0x110000)")
            })?;
            return Ok(pad(s, "", &c.to_string(), '>'));
        }
        _ => ("", mag.to_string(), 3),
    };
    let prefix = if s.alt { prefix } else { "" };
    Ok(finish_number(s, v.is_negative(), prefix, &digits, "", interval))
}

fn format_str(v: &str, s: &Spec) -> Result<String> {
    match s.ty {
        None | Some('s') => {}
        Some(c) => {
            return Err(value_err(format!("Unknown format code '{c}' for object of type 'str'")))
        }
    }
    if s.sign.is_some() {
        return Err(value_err("Sign not allowed in string format specifier".into()));
    }
    if s.z {
        return Err(value_err("Negative zero coercion (z) not allowed in format specifier".into()));
    }
    if s.alt {
        return Err(value_err("Alternate form (#) not allowed in string format specifier".into()));
    }
    if s.align == Some('=') {
        return Err(value_err("'=' alignment not allowed in string format specifier".into()));
    }
    let body: String = match s.precision {
        Some(p) => v.chars().take(p).collect(),
        None => v.to_string(),
    };
    Ok(pad(s, "", &body, '<'))
}

/// Python's `format(value, spec)` (f-strings, `str.format`) with CPython's errors.
/// A bool formats as `True`/`False` with an empty spec and as the int 1/0 otherwise.
pub fn format_spec(v: FmtArg, spec: &str) -> Result<String> {
    match v {
        FmtArg::Int(i) => {
            if spec.is_empty() {
                return Ok(i.to_string());
            }
            format_int(i, &parse(spec, "int", '>')?, "int")
        }
        FmtArg::BigInt(b) => {
            if spec.is_empty() {
                return Ok(b.to_string());
            }
            format_integer(b, &parse(spec, "int", '>')?, "int")
        }
        FmtArg::Bool(b) => {
            if spec.is_empty() {
                return Ok(if b { "True" } else { "False" }.into());
            }
            format_int(b as i64, &parse(spec, "bool", '>')?, "bool")
        }
        FmtArg::Float(x) => {
            if spec.is_empty() {
                return Ok(float_repr(x));
            }
            format_float(x, &parse(spec, "float", '>')?, "float")
        }
        FmtArg::Str(s) => {
            if spec.is_empty() {
                return Ok(s.to_string());
            }
            format_str(s, &parse(spec, "str", '<')?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_layouts() {
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.00001), "1e-05");
        assert_eq!(float_repr(123456789012345678.0), "1.2345678901234568e+17");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(2.5e-5), "2.5e-05");
        assert_eq!(float_repr(5e-324), "5e-324");
        assert_eq!(float_repr(0.1f32 as f64), "0.10000000149011612");
        assert_eq!(float_repr(6.0), "6.0");
    }

    #[test]
    #[allow(clippy::approx_constant)]
    fn spec_examples() {
        let f = |x: f64, s: &str| format_spec(FmtArg::Float(x), s).unwrap();
        let i = |x: i64, s: &str| format_spec(FmtArg::Int(x), s).unwrap();
        // ex166, ex179, ex180, ex182, ex183
        assert_eq!(f(2.5, ".4f"), "2.5000");
        assert_eq!(f(2.5, ".2e"), "2.50e+00");
        assert_eq!(f(2.5, ">8"), "     2.5");
        assert_eq!(f(2.5, "8.3f"), "   2.500");
        assert_eq!(f(2.675, ".2f"), "2.67");
        assert_eq!(f(0.125, ".2f"), "0.12");
        assert_eq!(f(0.5, ".1%"), "50.0%");
        assert_eq!(f(3.14159265, "08.3f"), "0003.142");
        assert_eq!(f(1234.5, ".3"), "1.23e+03");
        assert_eq!(f(100.0, ".3"), "1e+02");
        assert_eq!(f(1.0, ".3"), "1.0");
        assert_eq!(f(123456789.0, ".3g"), "1.23e+08");
        assert_eq!(f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(f(-2.5, "08.2f"), "-0002.50");
        assert_eq!(f(2.5, "*^9"), "***2.5***");
        assert_eq!(f(-0.0, ".1f"), "-0.0");
        assert_eq!(i(7, "05d"), "00007");
        assert_eq!(i(1234567, ","), "1,234,567");
        assert_eq!(format_spec(FmtArg::Bool(true), ">6").unwrap(), "     1");
        assert_eq!(format_spec(FmtArg::Str("loss"), "^10").unwrap(), "   loss   ");
        assert_eq!(
            format_spec(FmtArg::Float(2.5), "3d").unwrap_err().msg,
            "Unknown format code 'd' for object of type 'float'"
        );
    }

    #[test]
    fn str_quoting() {
        assert_eq!(str_repr("a"), "'a'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(str_repr("a\nb\t\\"), "'a\\nb\\t\\\\'");
    }
}
