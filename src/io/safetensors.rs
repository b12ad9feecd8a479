//! safetensors files (Hugging Face's format: an 8-byte little-endian header length, a JSON
//! header naming each tensor's dtype, shape and byte range, then the raw little-endian data),
//! read and written through the `safetensors` crate.

use std::borrow::Cow;
use std::collections::HashMap;

use safetensors::tensor::{Dtype, SafeTensors, View};

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{DType, Tensor};

fn to_st(d: DType) -> Result<Dtype> {
    Ok(match d {
        DType::Bool => Dtype::BOOL,
        DType::U8 => Dtype::U8,
        DType::I8 => Dtype::I8,
        DType::I16 => Dtype::I16,
        DType::I32 => Dtype::I32,
        DType::I64 => Dtype::I64,
        DType::F16 => Dtype::F16,
        DType::BF16 => Dtype::BF16,
        DType::F32 => Dtype::F32,
        DType::F64 => Dtype::F64,
        DType::C64 => Dtype::C64,
        DType::C128 => return Err(Error::not_impl("safetensors has no complex128 dtype")),
    })
}

fn from_st(d: Dtype) -> Result<DType> {
    Ok(match d {
        Dtype::BOOL => DType::Bool,
        Dtype::U8 => DType::U8,
        Dtype::I8 => DType::I8,
        Dtype::I16 => DType::I16,
        Dtype::I32 => DType::I32,
        Dtype::I64 => DType::I64,
        Dtype::F16 => DType::F16,
        Dtype::BF16 => DType::BF16,
        Dtype::F32 => DType::F32,
        Dtype::F64 => DType::F64,
        Dtype::C64 => DType::C64,
        other => return Err(Error::not_impl(format!("safetensors dtype {other} is not supported by tsr"))),
    })
}

/// A tensor's bytes as the crate's `View`.
struct Bytes {
    dtype: Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl View for &Bytes {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

fn st_error(context: &str, e: safetensors::SafeTensorError) -> Error {
    Error::new(ExcKind::SafetensorError, format!("{context}: {e}"))
}

/// The file bytes for `tensors` (names must be unique), with optional string metadata.
pub fn save(tensors: &[(String, Tensor)], metadata: Option<HashMap<String, String>>) -> Result<Vec<u8>> {
    let views: Vec<(String, Bytes)> = tensors
        .iter()
        .map(|(n, t)| Ok((n.clone(), Bytes { dtype: to_st(t.dtype())?, shape: t.shape().to_vec(), data: super::tensor_bytes(t) })))
        .collect::<Result<_>>()?;
    safetensors::tensor::serialize(views.iter().map(|(n, b)| (n.as_str(), b)), metadata)
        .map_err(|e| st_error("Error while serializing", e))
}

/// The tensors of a safetensors file, in file (offset) order, and its metadata.
pub fn load(bytes: &[u8]) -> Result<(Vec<(String, Tensor)>, Option<HashMap<String, String>>)> {
    let (_, meta) = SafeTensors::read_metadata(bytes).map_err(|e| st_error("Error while deserializing header", e))?;
    let st = SafeTensors::deserialize(bytes).map_err(|e| st_error("Error while deserializing header", e))?;
    let mut out = Vec::new();
    for name in meta.offset_keys() {
        let view = st.tensor(&name).map_err(|e| st_error("Error while deserializing", e))?;
        let dtype = from_st(view.dtype())?;
        let buf = super::buffer_from_bytes(dtype, view.data(), false)?;
        out.push((name, Tensor::from_buffer(buf, view.shape())));
    }
    Ok((out, meta.metadata().clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_dtype() {
        let ts: Vec<(String, Tensor)> = DType::ALL
            .iter()
            .filter(|&&d| d != DType::C128)
            .map(|&d| {
                let t = crate::tensor::ops::from_scalars(
                    &[crate::tensor::Scalar::Int(3), crate::tensor::Scalar::Int(0), crate::tensor::Scalar::Int(1)],
                    &[3, 1],
                    d,
                );
                (d.name().to_string(), t)
            })
            .collect();
        let meta = HashMap::from([("format".to_string(), "pt".to_string())]);
        let bytes = save(&ts, Some(meta.clone())).unwrap();
        let (back, m) = load(&bytes).unwrap();
        assert_eq!(m, Some(meta));
        assert_eq!(back.len(), ts.len());
        for (name, t) in &ts {
            let (_, r) = back.iter().find(|(n, _)| n == name).unwrap();
            assert_eq!(r.dtype(), t.dtype());
            assert_eq!(r.shape(), t.shape());
            assert_eq!(r.to_scalars(), t.to_scalars());
        }
    }

    #[test]
    fn corrupt_files_raise() {
        let good = save(&[("a".into(), Tensor::zeros(&[4], DType::F32).unwrap())], None).unwrap();
        for n in 0..good.len() {
            if let Err(e) = load(&good[..n]) {
                assert_eq!(e.kind, ExcKind::SafetensorError);
            }
        }
        let mut huge = good.clone();
        huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(load(&huge).unwrap_err().kind, ExcKind::SafetensorError);
    }
}
