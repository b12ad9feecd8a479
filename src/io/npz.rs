//! NumPy's `.npz` archives: a zip file with one `.npy` member per array (`numpy.savez`
//! stores them, `numpy.savez_compressed` deflates them).

use std::io::{Cursor, Read, Write};

use crate::error::{Error, ExcKind, Result};
use crate::tensor::Tensor;

/// Whether `bytes` start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The archive bytes for `arrays` (member `NAME.npy` for each name).
pub fn write(arrays: &[(String, Tensor)], compress: bool) -> Result<Vec<u8>> {
    let zerr = |e: zip::result::ZipError| Error::new(ExcKind::OSError, format!("failed writing zip archive: {e}"));
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if compress { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method).large_file(false);
    for (name, t) in arrays {
        let data = super::npy::write(t)?;
        let opts = if data.len() > u32::MAX as usize / 2 { opts.large_file(true) } else { opts };
        z.start_file(format!("{name}.npy"), opts).map_err(zerr)?;
        z.write_all(&data).map_err(|e| Error::new(ExcKind::OSError, e.to_string()))?;
    }
    Ok(z.finish().map_err(zerr)?.into_inner())
}

fn bad_zip(e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::InvalidArchive(_) => Error::new(ExcKind::BadZipFile, "File is not a zip file"),
        other => Error::new(ExcKind::BadZipFile, other.to_string()),
    }
}

/// The arrays of an `.npz` archive in member order, named without `.npy`. Members that are
/// not `.npy` files are skipped.
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Tensor)>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad_zip)?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(bad_zip)?;
        let name = f.name().map_err(bad_zip)?.to_string();
        let Some(key) = name.strip_suffix(".npy") else { continue };
        let size = usize::try_from(f.size()).map_err(|_| Error::new(ExcKind::MemoryError, ""))?;
        crate::tensor::storage::check_bytes(size)?;
        let mut data = Vec::with_capacity(size.min(1 << 30));
        f.by_ref().take(size as u64).read_to_end(&mut data).map_err(|e| Error::new(ExcKind::BadZipFile, e.to_string()))?;
        out.push((key.to_string(), super::npy::read(&data)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::DType;

    #[test]
    fn round_trip_stored_and_deflated() {
        let a = Tensor::from_vec(vec![1i64, 2, 3], &[3]);
        let b = Tensor::from_vec(vec![0.5f32; 64], &[8, 8]);
        for compress in [false, true] {
            let bytes = write(&[("a".into(), a.clone()), ("b".into(), b.clone())], compress).unwrap();
            let back = read(&bytes).unwrap();
            assert_eq!(back[0].0, "a");
            assert_eq!(back[0].1.to_vec::<i64>(), vec![1, 2, 3]);
            assert_eq!(back[1].1.dtype(), DType::F32);
            assert_eq!(back[1].1.shape().to_vec(), vec![8, 8]);
        }
    }

    #[test]
    fn corrupt_archives_raise() {
        let good = write(&[("a".into(), Tensor::from_vec(vec![1i64, 2, 3], &[3]))], true).unwrap();
        assert_eq!(read(b"PK\x03\x04junk").unwrap_err().kind, ExcKind::BadZipFile);
        for n in 0..good.len() {
            let _ = read(&good[..n]);
            let mut b = good.clone();
            b[n] ^= 0x55;
            let _ = read(&b);
        }
    }
}
