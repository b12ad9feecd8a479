//! Files: the only place tsr reads or writes user files. Paths are used as given (relative
//! to the working directory, or absolute); nothing else on disk is touched.
//!
//! Formats, each in its own module, all working on `Tensor`s (the interpreter layer turns
//! values into them and back):
//! - `npy` / `npz`: NumPy's `.npy` format (version 1.0–3.0 headers; dtype, shape, C or
//!   Fortran order) and `.npz` zip archives of `.npy` members (stored or deflated).
//! - `pickle`: the subset of Python's pickle that checkpoints use, with a restricted
//!   ("weights only") unpickler that never runs code: unknown globals are refused.
//! - `torchsave`: PyTorch's own zip checkpoint format (`torch.save` since 1.6), so that files
//!   tsr writes load in real PyTorch and real checkpoints load in tsr.
//! - `safetensors`: Hugging Face's safetensors, through the `safetensors` crate.
//!
//! Every writer is atomic: it writes a temporary file in the destination's directory and
//! renames it over the destination, so a crash never leaves a half-written file. Every reader
//! validates sizes against the file before allocating and raises Python-style exceptions
//! (`ValueError`, `RuntimeError`, `UnpicklingError`, `EOFError`, `FileNotFoundError`…) on
//! corrupt, truncated or hostile input; none panics.

pub mod npy;
pub mod npz;
pub mod pickle;
pub mod safetensors;
pub mod torchsave;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{DType, Tensor};

/// Python's `OSError` subclass and message for a failed file operation on `path`:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`.
pub fn os_error(e: &std::io::Error, path: &str) -> Error {
    let errno = e.raw_os_error();
    let kind = match (e.kind(), errno) {
        (std::io::ErrorKind::NotFound, _) => ExcKind::FileNotFoundError,
        (std::io::ErrorKind::PermissionDenied, _) => ExcKind::PermissionError,
        (_, Some(21)) => ExcKind::IsADirectoryError,
        _ => ExcKind::OSError,
    };
    let text = e.to_string();
    let strerror = match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let quoted = crate::format::pyfmt::str_repr(path);
    match errno {
        Some(n) => Error::new(kind, format!("[Errno {n}] {strerror}: {quoted}")),
        None => Error::new(kind, format!("{strerror}: {quoted}")),
    }
}

/// The whole file at `path` (after checking that its size can be allocated).
pub fn read_file(path: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| os_error(&e, path))?;
    if meta.is_dir() {
        return Err(Error::new(ExcKind::IsADirectoryError, format!("[Errno 21] Is a directory: {}", crate::format::pyfmt::str_repr(path))));
    }
    let len = usize::try_from(meta.len()).map_err(|_| Error::new(ExcKind::MemoryError, ""))?;
    crate::tensor::storage::check_bytes(len)?;
    std::fs::read(path).map_err(|e| os_error(&e, path))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to
/// disk, then renamed over `path`. On any failure the temporary file is removed and `path`
/// is left as it was.
pub fn write_atomic(path: &str, bytes: &[u8]) -> Result<()> {
    let p = Path::new(path);
    if p.is_dir() {
        return Err(Error::new(ExcKind::IsADirectoryError, format!("[Errno 21] Is a directory: {}", crate::format::pyfmt::str_repr(path))));
    }
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Err(e) = std::fs::metadata(dir) {
        return Err(os_error(&e, path));
    }
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| os_error(&e, path))?;
    tmp.write_all(bytes).map_err(|e| os_error(&e, path))?;
    tmp.as_file().sync_all().map_err(|e| os_error(&e, path))?;
    tmp.persist(p).map_err(|e| os_error(&e.error, path))?;
    Ok(())
}

/// `UnpicklingError: msg`.
pub fn unpickling(msg: impl Into<String>) -> Error {
    Error::new(ExcKind::UnpicklingError, msg)
}

/// Little-endian byte encoding of one element type (the layout NumPy, PyTorch and
/// safetensors files use: bool as one byte 0/1, complex as real then imaginary f32).
pub trait Raw: crate::tensor::BufferElem {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    /// Decodes `SIZE` bytes (the caller passes exactly that many).
    fn get(b: &[u8]) -> Self;
}

macro_rules! impl_raw {
    ($($t:ty),*) => {$(
        impl Raw for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline]
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            #[inline]
            fn get(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(&b[..std::mem::size_of::<$t>()]);
                <$t>::from_le_bytes(a)
            }
        }
    )*};
}
impl_raw!(u8, i8, i16, i32, i64, f32, f64, half::f16, half::bf16);

impl Raw for bool {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(self as u8);
    }
    fn get(b: &[u8]) -> Self {
        b[0] != 0
    }
}

macro_rules! impl_raw_complex {
    ($($t:ty => $r:ty),*) => {$(
        impl Raw for $t {
            const SIZE: usize = 2 * std::mem::size_of::<$r>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.re.to_le_bytes());
                out.extend_from_slice(&self.im.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                let h = std::mem::size_of::<$r>();
                <$t>::new(<$r>::get(&b[..h]), <$r>::get(&b[h..2 * h]))
            }
        }
    )*};
}
impl_raw_complex!(crate::tensor::dtype::C64 => f32, crate::tensor::dtype::C128 => f64);

/// The elements of `t` in row-major (C) order as little-endian bytes.
pub fn tensor_bytes(t: &Tensor) -> Vec<u8> {
    crate::dispatch!(t.dtype(), T => {
        let v = t.to_vec::<T>();
        let mut out = Vec::with_capacity(v.len() * <T as Raw>::SIZE);
        for x in v {
            x.put(&mut out);
        }
        out
    })
}

/// The whole storage buffer of `t` (every element, whatever the view) as little-endian bytes.
pub fn storage_bytes(s: &crate::tensor::Storage) -> Vec<u8> {
    let b = s.data();
    crate::dispatch!(b.dtype(), T => {
        let v = b.as_slice::<T>();
        let mut out = Vec::with_capacity(v.len() * <T as Raw>::SIZE);
        for &x in v {
            x.put(&mut out);
        }
        out
    })
}

/// A buffer of `dtype` decoded from `bytes` (whose length must be a multiple of the element
/// size; `big_endian` swaps each element first).
pub fn buffer_from_bytes(dtype: DType, bytes: &[u8], big_endian: bool) -> Result<crate::tensor::Buffer> {
    let size = dtype.itemsize();
    if bytes.len() % size != 0 {
        return Err(Error::value(format!("buffer size {} is not a multiple of the element size {size}", bytes.len())));
    }
    crate::tensor::storage::check_bytes(bytes.len())?;
    Ok(crate::dispatch!(dtype, T => {
        let n = bytes.len() / size;
        let mut v: Vec<T> = Vec::with_capacity(n);
        let mut tmp = [0u8; 16];
        for chunk in bytes.chunks_exact(size) {
            if big_endian {
                // Complex values swap each part separately.
                let part = if dtype.is_complex() { size / 2 } else { size };
                for (k, c) in chunk.chunks_exact(part).enumerate() {
                    for (j, &b) in c.iter().rev().enumerate() {
                        tmp[k * part + j] = b;
                    }
                }
                v.push(<T as Raw>::get(&tmp[..size]));
            } else {
                v.push(<T as Raw>::get(chunk));
            }
        }
        <T as crate::tensor::BufferElem>::wrap(v)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_read_like_python() {
        let e = read_file("definitely/not/here.npy").unwrap_err();
        assert_eq!(e.kind, ExcKind::FileNotFoundError);
        assert_eq!(e.msg, "[Errno 2] No such file or directory: 'definitely/not/here.npy'");
        let e = read_file(".").unwrap_err();
        assert_eq!(e.kind, ExcKind::IsADirectoryError);
        assert_eq!(e.msg, "[Errno 21] Is a directory: '.'");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.bin");
        let p = path.to_str().unwrap();
        write_atomic(p, b"one").unwrap();
        write_atomic(p, b"two!").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two!");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let e = write_atomic(dir.path().join("no/such/dir.bin").to_str().unwrap(), b"x").unwrap_err();
        assert_eq!(e.kind, ExcKind::FileNotFoundError);
    }
}
