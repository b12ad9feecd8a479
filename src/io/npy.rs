//! NumPy's `.npy` format (numpy.lib.format): the magic `\x93NUMPY`, a version byte pair,
//! a little-endian header length (u16 for 1.0, u32 for 2.0/3.0), then a Python dict literal
//! `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
//! newline so the data starts on a 64-byte boundary, then the raw elements.
//!
//! `write` produces byte-for-byte what `numpy.save` (NumPy 2.x) writes for the same array:
//! C order, little-endian, version 1.0 unless the header needs more than 65535 bytes, and
//! NumPy's spare header space for growing the first axis. `read` accepts what NumPy writes:
//! either byte order, C or Fortran order (a Fortran array loads as a strided view, as in
//! NumPy), versions 1.0–3.0. Dtypes tsr has no storage for (uint16, complex128, strings,
//! objects…) raise clear errors; so do truncated or malformed files.

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{DType, Layout, Storage, Tensor};

pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
const ALIGN: usize = 64;
/// NumPy's `GROWTH_AXIS_MAX_DIGITS`: header room for the growing axis's length.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// NumPy's type string for a tsr dtype (`<f4`, `|b1`); None where NumPy has no such type.
pub fn descr(d: DType) -> Option<&'static str> {
    Some(match d {
        DType::Bool => "|b1",
        DType::U8 => "|u1",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::I32 => "<i4",
        DType::I64 => "<i8",
        DType::F16 => "<f2",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::C64 => "<c8",
        DType::C128 => "<c16",
        DType::BF16 => return None,
    })
}

/// NumPy's name of a type string's dtype, for messages (`complex128`).
fn numpy_name(kind: char, size: usize) -> Option<String> {
    let bits = size.checked_mul(8)?;
    Some(match (kind, size) {
        ('b', 1) => "bool".into(),
        ('i', _) => format!("int{bits}"),
        ('u', _) => format!("uint{bits}"),
        ('f', _) => format!("float{bits}"),
        ('c', _) => format!("complex{bits}"),
        _ => return None,
    })
}

/// Parses a type string: (dtype, big-endian).
fn parse_descr(s: &str) -> Result<(DType, bool)> {
    let bad = || Error::value(format!("descr is not a valid dtype descriptor: {}", crate::format::pyfmt::str_repr(s)));
    let mut chars = s.chars();
    let (order, rest) = match chars.next() {
        Some(c @ ('<' | '>' | '|' | '=')) => (c, chars.as_str()),
        Some(_) => ('=', s),
        None => return Err(bad()),
    };
    let mut rc = rest.chars();
    let kind = rc.next().ok_or_else(bad)?;
    if kind == 'O' {
        return Err(Error::value("Object arrays cannot be loaded when allow_pickle=False"));
    }
    let size: usize = rc.as_str().parse().map_err(|_| bad())?;
    let d = match (kind, size) {
        ('b', 1) => DType::Bool,
        ('u', 1) => DType::U8,
        ('i', 1) => DType::I8,
        ('i', 2) => DType::I16,
        ('i', 4) => DType::I32,
        ('i', 8) => DType::I64,
        ('f', 2) => DType::F16,
        ('f', 4) => DType::F32,
        ('f', 8) => DType::F64,
        ('c', 8) => DType::C64,
        ('c', 16) => DType::C128,
        _ => {
            let name = numpy_name(kind, size).ok_or_else(|| {
                Error::not_impl(format!("numpy dtype {} is not supported by tsr", crate::format::pyfmt::str_repr(s)))
            })?;
            return Err(Error::not_impl(format!("numpy dtype {name} ({}) is not supported by tsr", crate::format::pyfmt::str_repr(s))));
        }
    };
    Ok((d, order == '>' && size > 1))
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The header NumPy writes for an array of `dtype` and `shape` (magic to newline).
pub fn header(dtype: DType, shape: &[usize], fortran: bool) -> Result<Vec<u8>> {
    let d = descr(dtype).ok_or_else(|| Error::type_err(format!("Got unsupported ScalarType {}", scalar_type_name(dtype))))?;
    let order = if fortran { "True" } else { "False" };
    let mut h = format!("{{'descr': '{d}', 'fortran_order': {order}, 'shape': {}, }}", shape_repr(shape));
    let growth = if fortran { shape.last() } else { shape.first() };
    if let Some(n) = growth {
        h.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(n.to_string().len())));
    }
    let build = |len_bytes: usize, major: u8| -> Vec<u8> {
        let pad = ALIGN - (MAGIC.len() + 2 + len_bytes + h.len() + 1) % ALIGN;
        let body = format!("{h}{}\n", " ".repeat(pad % ALIGN));
        let mut out = Vec::with_capacity(MAGIC.len() + 2 + len_bytes + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[major, 0]);
        if len_bytes == 2 {
            out.extend_from_slice(&(body.len() as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        }
        out.extend_from_slice(body.as_bytes());
        out
    };
    let v1 = build(2, 1);
    if v1.len() - 10 <= u16::MAX as usize {
        return Ok(v1);
    }
    Ok(build(4, 2))
}

/// PyTorch's name of a dtype in `numpy()` errors (`BFloat16`).
pub fn scalar_type_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "Bool",
        DType::U8 => "Byte",
        DType::I8 => "Char",
        DType::I16 => "Short",
        DType::I32 => "Int",
        DType::I64 => "Long",
        DType::F16 => "Half",
        DType::BF16 => "BFloat16",
        DType::F32 => "Float",
        DType::F64 => "Double",
        DType::C64 => "ComplexFloat",
        DType::C128 => "ComplexDouble",
    }
}

/// The `.npy` bytes of `t` (what `numpy.save` writes for the same array): Fortran order
/// for a column-major (and not row-major) array, as NumPy does, else C order.
pub fn write(t: &Tensor) -> Result<Vec<u8>> {
    let reversed: Vec<i64> = (0..t.ndim() as i64).rev().collect();
    let transposed = crate::tensor::ops::movement::permute(t, &reversed)?;
    let fortran = t.ndim() > 1 && !t.is_contiguous() && transposed.is_contiguous();
    let mut out = header(t.dtype(), &t.shape(), fortran)?;
    out.extend_from_slice(&super::tensor_bytes(if fortran { &transposed } else { t }));
    Ok(out)
}

/// The parsed header dict.
struct Header {
    dtype: DType,
    big_endian: bool,
    fortran: bool,
    shape: Vec<usize>,
}

/// A tiny reader for the header's Python literal (a dict of str keys to str, bool or a
/// tuple of ints): exactly what `ast.literal_eval` accepts in headers NumPy writes.
struct Lit<'a> {
    s: &'a [u8],
    i: usize,
}

enum LitVal {
    Str(String),
    Bool(bool),
    Tuple(Vec<i64>),
    Other,
}

impl<'a> Lit<'a> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn string(&mut self) -> Option<String> {
        self.ws();
        let q = *self.s.get(self.i)?;
        if q != b'\'' && q != b'"' {
            return None;
        }
        let start = self.i + 1;
        let end = start + self.s[start..].iter().position(|&c| c == q)?;
        self.i = end + 1;
        String::from_utf8(self.s[start..end].to_vec()).ok()
    }
    fn int(&mut self) -> Option<i64> {
        self.ws();
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i]).ok()?.parse().ok()
    }
    fn value(&mut self) -> Option<LitVal> {
        self.ws();
        match *self.s.get(self.i)? {
            b'\'' | b'"' => self.string().map(LitVal::Str),
            b'(' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    if self.eat(b')') {
                        return Some(LitVal::Tuple(v));
                    }
                    v.push(self.int()?);
                    if !self.eat(b',') {
                        return if self.eat(b')') { Some(LitVal::Tuple(v)) } else { None };
                    }
                }
            }
            _ => {
                let rest = &self.s[self.i..];
                for (word, val) in [(&b"True"[..], Some(true)), (b"False", Some(false)), (b"None", None)] {
                    if rest.starts_with(word) {
                        self.i += word.len();
                        return Some(val.map_or(LitVal::Other, LitVal::Bool));
                    }
                }
                // Lists (structured dtypes) and anything else: skip to the next key.
                let mut depth = 0i32;
                while let Some(&c) = self.s.get(self.i) {
                    match c {
                        b'[' | b'(' | b'{' => depth += 1,
                        b']' | b')' | b'}' if depth > 0 => depth -= 1,
                        b',' | b'}' if depth == 0 => break,
                        _ => {}
                    }
                    self.i += 1;
                }
                Some(LitVal::Other)
            }
        }
    }
}

fn parse_header(text: &str) -> Result<Header> {
    let cannot = || Error::value(format!("Cannot parse header: {}", crate::format::pyfmt::str_repr(text)));
    let mut p = Lit { s: text.as_bytes(), i: 0 };
    if !p.eat(b'{') {
        return Err(Error::value(format!("Header is not a dictionary: {}", crate::format::pyfmt::str_repr(text.trim_end()))));
    }
    let mut items: Vec<(String, LitVal)> = Vec::new();
    loop {
        if p.eat(b'}') {
            break;
        }
        let k = p.string().ok_or_else(cannot)?;
        if !p.eat(b':') {
            return Err(cannot());
        }
        let v = p.value().ok_or_else(cannot)?;
        items.push((k, v));
        if !p.eat(b',') {
            if p.eat(b'}') {
                break;
            }
            return Err(cannot());
        }
    }
    let mut keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] {
        let q: Vec<String> = keys.iter().map(|k| crate::format::pyfmt::str_repr(k)).collect();
        return Err(Error::value(format!("Header does not contain the correct keys: [{}]", q.join(", "))));
    }
    let get = |name: &str| items.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let shape = match get("shape") {
        Some(LitVal::Tuple(v)) if v.iter().all(|&d| d >= 0) => v.iter().map(|&d| d as usize).collect(),
        _ => return Err(Error::value("shape is not valid")),
    };
    let fortran = match get("fortran_order") {
        Some(LitVal::Bool(b)) => *b,
        _ => return Err(Error::value("fortran_order is not a valid bool")),
    };
    let (dtype, big_endian) = match get("descr") {
        Some(LitVal::Str(s)) => parse_descr(s)?,
        _ => return Err(Error::not_impl("structured numpy dtypes (a list 'descr') are not supported by tsr")),
    };
    Ok(Header { dtype, big_endian, fortran, shape })
}

/// Whether `bytes` start like a `.npy` file.
pub fn is_npy(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Reads a `.npy` file's bytes into a tensor (C order contiguous, or a Fortran-order view).
pub fn read(bytes: &[u8]) -> Result<Tensor> {
    if bytes.len() < MAGIC.len() + 2 {
        if bytes.is_empty() {
            return Err(Error::new(ExcKind::EOFError, "No data left in file"));
        }
        return Err(Error::value(format!(
            "EOF: reading magic string, expected {} bytes got {}",
            MAGIC.len() + 2,
            bytes.len()
        )));
    }
    if !is_npy(bytes) {
        return Err(Error::value(format!(
            "the magic string is not correct; expected b'\\x93NUMPY', got {}",
            py_bytes_repr(&bytes[..6])
        )));
    }
    let (major, minor) = (bytes[6], bytes[7]);
    let len_bytes = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => return Err(Error::value(format!("we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"))),
    };
    let rest = &bytes[8..];
    if rest.len() < len_bytes {
        return Err(Error::value(format!("EOF: reading array header length, expected {len_bytes} bytes got {}", rest.len())));
    }
    let hlen = if len_bytes == 2 {
        u16::from_le_bytes([rest[0], rest[1]]) as usize
    } else {
        u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize
    };
    let rest = &rest[len_bytes..];
    if rest.len() < hlen {
        return Err(Error::value(format!("EOF: reading array header, expected {hlen} bytes got {}", rest.len())));
    }
    let text = if major == 3 {
        std::str::from_utf8(&rest[..hlen]).map_err(|_| Error::value("Cannot parse header: invalid utf-8"))?.to_string()
    } else {
        // latin1: every byte is a character.
        rest[..hlen].iter().map(|&b| b as char).collect()
    };
    let h = parse_header(&text)?;
    let data = &rest[hlen..];
    let numel = h.shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    let need = numel.and_then(|n| n.checked_mul(h.dtype.itemsize()));
    let (Some(numel), Some(need)) = (numel, need) else {
        return Err(Error::value(format!("shape is not valid: {}", shape_repr(&h.shape))));
    };
    if data.len() < need {
        let got = data.len() / h.dtype.itemsize();
        return Err(Error::value(format!(
            "Failed to read all data for array. Expected {} = {numel} elements, could only read {got} elements. (file seems not fully written?)",
            shape_repr(&h.shape)
        )));
    }
    let buf = super::buffer_from_bytes(h.dtype, &data[..need], h.big_endian)?;
    let storage = Rc::new(Storage::new(buf));
    let layout = if h.fortran {
        // Column-major: stride 1 on the first axis.
        let mut strides = Vec::with_capacity(h.shape.len());
        let mut acc = 1usize;
        for &d in &h.shape {
            strides.push(acc);
            acc = acc.saturating_mul(d.max(1));
        }
        let mut l = Layout::contiguous(&h.shape);
        l.strides = strides.into_iter().collect();
        l
    } else {
        Layout::contiguous(&h.shape)
    };
    Ok(Tensor::from_view(storage, layout))
}

/// Python's repr of a bytes object (`b'hello '`, `b'\x00\x01'`).
pub fn py_bytes_repr(b: &[u8]) -> String {
    let mut s = String::from("b'");
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\'' => s.push_str("\\'"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push('\'');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_matches_numpy() {
        // numpy.save(f, numpy.arange(3)): 128 bytes of header.
        let h = header(DType::I64, &[3], false).unwrap();
        assert_eq!(h.len(), 128);
        let text = std::str::from_utf8(&h[10..]).unwrap();
        assert!(text.starts_with("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }"));
        assert!(text.ends_with(" \n"));
        assert_eq!(&h[6..10], &[1, 0, 118, 0]);
        let h0 = header(DType::Bool, &[], false).unwrap();
        assert!(std::str::from_utf8(&h0[10..]).unwrap().starts_with("{'descr': '|b1', 'fortran_order': False, 'shape': (), }"));
        assert_eq!(h0.len() % 64, 0);
    }

    #[test]
    fn round_trip_every_dtype() {
        for d in DType::ALL {
            if d == DType::BF16 {
                assert!(write(&Tensor::zeros(&[2], d).unwrap()).is_err());
                continue;
            }
            let t = crate::tensor::ops::from_scalars(
                &[crate::tensor::Scalar::Int(1), crate::tensor::Scalar::Int(0), crate::tensor::Scalar::Int(3)],
                &[3],
                d,
            );
            let b = write(&t).unwrap();
            let r = read(&b).unwrap();
            assert_eq!(r.dtype(), d);
            assert_eq!(r.to_scalars(), t.to_scalars());
        }
    }

    #[test]
    fn fortran_and_big_endian() {
        let mut b = b"\x93NUMPY\x01\x00".to_vec();
        let h = "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }         \n";
        b.extend_from_slice(&(h.len() as u16).to_le_bytes());
        b.extend_from_slice(h.as_bytes());
        for v in [0i16, 3, 1, 4, 2, 5] {
            b.extend_from_slice(&v.to_be_bytes());
        }
        let t = read(&b).unwrap();
        assert_eq!(t.shape().to_vec(), vec![2, 3]);
        assert_eq!(t.to_vec::<i16>(), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn corrupt_files_raise() {
        let good = write(&Tensor::zeros(&[3], DType::I64).unwrap()).unwrap();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "No data left in file"),
            (good[..20].to_vec(), "EOF: reading array header, expected 118 bytes got 10"),
            (good[..good.len() - 5].to_vec(), "Failed to read all data for array. Expected (3,) = 3 elements, could only read 2 elements. (file seems not fully written?)"),
            (b"hello world".to_vec(), "the magic string is not correct; expected b'\\x93NUMPY', got b'hello '"),
        ];
        for (bytes, msg) in cases {
            let e = read(&bytes).unwrap_err();
            assert_eq!(e.msg, msg);
        }
        for h in [
            "{'descr': '<i8', 'fortran_order': False}",
            "{'descr': '<i8', 'fortran_order': 1, 'shape': (3,)}",
            "{'descr': '<i8', 'fortran_order': False, 'shape': (-3,)}",
            "{'descr': '<q9', 'fortran_order': False, 'shape': (3,)}",
            "[1, 2]",
            "{'descr': '<i8', 'fortran_order': False, 'shape': (3,",
            "{'descr': '<i8', 'fortran_order': False, 'shape': (99999999999, 99999999999, 99999999999)}",
        ] {
            let mut b = b"\x93NUMPY\x01\x00".to_vec();
            b.extend_from_slice(&(h.len() as u16).to_le_bytes());
            b.extend_from_slice(h.as_bytes());
            b.extend_from_slice(&[0; 24]);
            let e = read(&b).unwrap_err();
            assert!(matches!(e.kind, ExcKind::ValueError | ExcKind::NotImplementedError), "{h}: {e}");
        }
    }
}
