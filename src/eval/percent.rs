//! Python's printf-style string formatting: `'%.4f' % loss`, `'%s: %d' % (name, n)`,
//! `'%(k)s' % mapping`, with CPython's conversions and error messages. Each conversion is
//! turned into a `format()` spec and done by `format::pyfmt`, so the two agree.

use super::value::Value;
use super::Interp;
use crate::error::{Error, Result};
use crate::format::pyfmt::{self, FmtArg};

/// The arguments of one `%` operation.
enum Source<'a> {
    Seq(Vec<Value>, usize),
    Map(&'a Value),
}

/// `fmt % args`.
pub fn format(interp: &mut Interp, fmt: &str, args: &Value) -> Result<String> {
    let mut src = match args {
        Value::Tuple(t) => Source::Seq(t.to_vec(), 0),
        Value::Dict(_) => Source::Map(args),
        other => Source::Seq(vec![other.clone()], 0),
    };
    let is_map = matches!(src, Source::Map(_));
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    let mut used_map = false;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let incomplete = || Error::value("incomplete format");
        // Mapping key.
        let mut key: Option<String> = None;
        if chars.get(i) == Some(&'(') {
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth > 0 {
                return Err(Error::value("incomplete format key"));
            }
            key = Some(chars[i + 1..j - 1].iter().collect());
            i = j;
        }
        let mut flags = Flags::default();
        while let Some(&f) = chars.get(i) {
            match f {
                '-' => flags.left = true,
                '+' => flags.plus = true,
                ' ' => flags.space = true,
                '#' => flags.alt = true,
                '0' => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        let next_arg = |src: &mut Source| -> Result<Value> {
            match src {
                Source::Seq(v, k) => {
                    let a = v.get(*k).cloned().ok_or_else(|| Error::type_err("not enough arguments for format string"))?;
                    *k += 1;
                    Ok(a)
                }
                Source::Map(_) => Err(Error::type_err("format requires a mapping")),
            }
        };
        let mut number = |i: &mut usize, src: &mut Source| -> Result<Option<usize>> {
            if chars.get(*i) == Some(&'*') {
                *i += 1;
                return match next_arg(src)? {
                    Value::Int(n) => {
                        if n < 0 {
                            flags.left = true;
                        }
                        Ok(Some(n.unsigned_abs() as usize))
                    }
                    _ => Err(Error::type_err("* wants int")),
                };
            }
            let s = *i;
            while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            if *i == s {
                return Ok(None);
            }
            chars[s..*i].iter().collect::<String>().parse().map(Some).map_err(|_| Error::value("width too big"))
        };
        let width = number(&mut i, &mut src)?;
        let mut prec = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            prec = Some(number(&mut i, &mut src)?.unwrap_or(0));
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else { return Err(incomplete()) };
        i += 1;
        if ty == '%' && key.is_none() {
            out.push('%');
            continue;
        }
        let arg = match &key {
            Some(k) => match &src {
                Source::Map(m) => {
                    used_map = true;
                    super::ops::getitem(interp, m, &Value::str(k))?
                }
                Source::Seq(..) => return Err(Error::type_err("format requires a mapping")),
            },
            None => next_arg(&mut src)?,
        };
        let spec = Spec { flags, width, prec };
        out.push_str(&convert(interp, ty, &arg, &spec, start)?);
    }
    if let Source::Seq(v, k) = &src {
        if *k < v.len() && !is_map {
            return Err(Error::type_err("not all arguments converted during string formatting"));
        }
    }
    let _ = used_map;
    Ok(out)
}

#[derive(Clone, Copy, Default)]
struct Flags {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
}

struct Spec {
    flags: Flags,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    /// The `format()` spec for a numeric conversion of type `ty`.
    fn numeric(&self, ty: char, with_prec: bool) -> String {
        let f = self.flags;
        let mut s = String::new();
        if f.left {
            s.push('<');
        }
        if f.plus {
            s.push('+');
        } else if f.space {
            s.push(' ');
        }
        if f.alt {
            s.push('#');
        }
        if f.zero && !f.left {
            s.push('0');
        }
        if let Some(w) = self.width {
            s.push_str(&w.to_string());
        }
        if with_prec {
            s.push('.');
            s.push_str(&self.prec.unwrap_or(6).to_string());
        }
        s.push(ty);
        s
    }

    fn pad_str(&self, body: &str) -> String {
        let body: String = match self.prec {
            Some(p) => body.chars().take(p).collect(),
            None => body.to_string(),
        };
        let n = body.chars().count();
        let w = self.width.unwrap_or(0);
        if n >= w {
            return body;
        }
        let fill = " ".repeat(w - n);
        if self.flags.left { format!("{body}{fill}") } else { format!("{fill}{body}") }
    }
}

fn type_name_of(v: &Value) -> String {
    v.type_name()
}

/// The number a `%d`-style conversion formats: ints as they are, floats truncated, one-element
/// tensors through int(); None when the value is not a real number.
fn as_int(interp: &mut Interp, v: &Value, index_only: bool) -> Result<Option<Value>> {
    Ok(match v {
        Value::Int(_) | Value::BigInt(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(*b as i64)),
        Value::Float(f) if !index_only => {
            if !f.is_finite() {
                return Err(Error::new(
                    crate::error::ExcKind::OverflowError,
                    if f.is_nan() { "cannot convert float NaN to integer" } else { "cannot convert float infinity to integer" },
                ));
            }
            Some(super::builtins::float_to_int(f.trunc()))
        }
        Value::Tensor(t) if !index_only || !t.dtype().is_floating_point() => {
            let call = super::builtins::lookup("int").ok_or_else(|| Error::runtime("int"))?;
            Some(interp.call(&call, super::args::Args::new(vec![v.clone()]))?)
        }
        Value::Object(o) => match o.as_scalar() {
            Some(crate::tensor::Scalar::Int(i)) => Some(Value::Int(i)),
            Some(crate::tensor::Scalar::Float(f)) if !index_only => Some(super::builtins::float_to_int(f.trunc())),
            _ => None,
        },
        _ => None,
    })
}

fn as_float(v: &Value) -> Result<Option<f64>> {
    Ok(match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as u8 as f64),
        Value::BigInt(b) => Some(super::bigint::to_f64(b)?),
        Value::Tensor(_) | Value::Object(_) => match super::args::to_f64(v, "float()") {
            Ok(f) => Some(f),
            Err(e) if e.kind == crate::error::ExcKind::TypeError => None,
            Err(e) => return Err(e),
        },
        _ => None,
    })
}

fn convert(interp: &mut Interp, ty: char, arg: &Value, spec: &Spec, at: usize) -> Result<String> {
    match ty {
        's' => Ok(spec.pad_str(&super::repr::str(interp, arg))),
        'r' => Ok(spec.pad_str(&super::repr::repr(interp, arg))),
        'a' => Ok(spec.pad_str(&ascii(&super::repr::repr(interp, arg)))),
        'c' => {
            let ch = match arg {
                Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                Value::Str(_) => return Err(Error::type_err("%c requires an int or a unicode character, not a string of length 2")),
                Value::Int(i) => char::from_u32(u32::try_from(*i).unwrap_or(u32::MAX))
                    .ok_or_else(|| Error::new(crate::error::ExcKind::OverflowError, "%c arg not in range(0x110000)"))?
                    .to_string(),
                other => {
                    return Err(Error::type_err(format!("%c requires an int or a unicode character, not {}", type_name_of(other))))
                }
            };
            Ok(spec.pad_str(&ch))
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let index_only = matches!(ty, 'x' | 'X' | 'o');
            let Some(v) = as_int(interp, arg, index_only)? else {
                let what = if index_only { "an integer" } else { "a real number" };
                return Err(Error::type_err(format!("%{ty} format: {what} is required, not {}", type_name_of(arg))));
            };
            let fty = match ty {
                'x' => 'x',
                'X' => 'X',
                'o' => 'o',
                _ => 'd',
            };
            if let Some(p) = spec.prec {
                // A precision is a minimum digit count: pad the digits, then the field.
                let big = super::bigint::as_big(&v).unwrap_or_default();
                let mut digits = match fty {
                    'x' => big.magnitude().to_str_radix(16),
                    'X' => big.magnitude().to_str_radix(16).to_uppercase(),
                    'o' => big.magnitude().to_str_radix(8),
                    _ => big.magnitude().to_string(),
                };
                while digits.len() < p {
                    digits.insert(0, '0');
                }
                let prefix = if spec.flags.alt { match fty { 'x' => "0x", 'X' => "0X", 'o' => "0o", _ => "" } } else { "" };
                let sign = if big.sign() == num_bigint::Sign::Minus { "-" } else if spec.flags.plus { "+" } else if spec.flags.space { " " } else { "" };
                let body = format!("{sign}{prefix}{digits}");
                let w = spec.width.unwrap_or(0);
                return Ok(if body.len() >= w {
                    body
                } else if spec.flags.left {
                    format!("{body}{}", " ".repeat(w - body.len()))
                } else if spec.flags.zero {
                    format!("{sign}{prefix}{}{digits}", "0".repeat(w - body.len()))
                } else {
                    format!("{}{body}", " ".repeat(w - body.len()))
                });
            }
            let s = spec.numeric(fty, false);
            match &v {
                Value::Int(i) => pyfmt::format_spec(FmtArg::Int(*i), &s),
                Value::BigInt(b) => pyfmt::format_spec(FmtArg::BigInt(b), &s),
                _ => Ok(super::repr::str(interp, &v)),
            }
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let Some(f) = as_float(arg)? else {
                return Err(Error::type_err(format!("must be real number, not {}", type_name_of(arg))));
            };
            pyfmt::format_spec(FmtArg::Float(f), &spec.numeric(ty, true))
        }
        other => Err(Error::value(format!(
            "unsupported format character '{other}' (0x{:x}) at index {}",
            other as u32,
            at + 1 + spec_len_hint(spec)
        ))),
    }
}

/// Characters between `%` and the conversion type (for the error's index).
fn spec_len_hint(spec: &Spec) -> usize {
    let f = spec.flags;
    [f.left, f.plus, f.space, f.alt, f.zero].iter().filter(|&&b| b).count()
        + spec.width.map_or(0, |w| w.to_string().len())
        + spec.prec.map_or(0, |p| 1 + p.to_string().len())
}

/// Python's `ascii()` of a repr: non-ASCII characters as `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
pub fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}
