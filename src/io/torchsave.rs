//! `torch.save` / `torch.load` files in PyTorch's own format (the zip format PyTorch has
//! written since 1.6), so checkpoints move both ways between tsr and PyTorch.
//!
//! The file is a zip archive of stored (uncompressed) records under one folder, named after
//! the file (`model.pt` → `model/`), each record's data aligned to 64 bytes:
//! - `model/data.pkl`: the saved object, pickled with protocol 2. A tensor is
//!   `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
//!   OrderedDict())`, where `storage` is a persistent id `('storage', torch.FloatStorage,
//!   '0', 'cpu', numel)`; an `nn.Parameter` wraps that in `torch._utils._rebuild_parameter`;
//!   a state_dict is a `collections.OrderedDict`.
//! - `model/data/0`, `model/data/1`, …: each storage's bytes, little-endian. Views of one
//!   storage share one record, and load back sharing one storage again.
//! - `model/byteorder` (`little`), `model/version` (`3`), `model/.format_version` (`1`),
//!   `model/.storage_alignment` (`64`).
//!
//! Loading reads any such archive (whatever the folder name) through the restricted
//! unpickler in `pickle`, so a file can never run code. Legacy (pre-1.6) files, sparse and
//! quantized tensors and tensor subclasses are refused with `NotImplementedError`.

use std::io::{Cursor, Read, Write};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{Device, Storage, Tensor};
#[cfg(test)]
use crate::tensor::DType;

use super::pickle::{self, Global, Loaded, Obj, Pickler, Py};

/// Builds a checkpoint: the caller pickles its object through `p` and calls `tensor` for
/// each tensor; `finish` packs the archive.
pub struct TorchWriter {
    pub p: Pickler,
    storages: Vec<Rc<Storage>>,
    storage_keys: FxHashMap<usize, usize>,
    tensor_memo: FxHashMap<usize, u32>,
    /// Keeps every pickled tensor alive so the addresses used as keys stay unique.
    tensors: Vec<Tensor>,
}

impl Default for TorchWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl TorchWriter {
    pub fn new() -> TorchWriter {
        TorchWriter {
            p: Pickler::new(),
            storages: Vec::new(),
            storage_keys: FxHashMap::default(),
            tensor_memo: FxHashMap::default(),
            tensors: Vec::new(),
        }
    }

    fn int_tuple(&mut self, v: &[usize]) {
        if v.is_empty() {
            self.p.empty_tuple();
            return;
        }
        self.p.mark();
        for &x in v {
            self.p.int(x as i64);
        }
        self.p.tuple();
    }

    /// Pickles a tensor (the same tensor object twice is one object in the file).
    pub fn tensor(&mut self, t: &Tensor) {
        let id = Rc::as_ptr(&t.0) as usize;
        if let Some(&m) = self.tensor_memo.get(&id) {
            self.p.get(m);
            return;
        }
        let (is_param, requires_grad) = {
            let a = t.autograd();
            (a.is_parameter, a.requires_grad)
        };
        if is_param {
            self.p.global("torch._utils", "_rebuild_parameter");
            self.p.mark();
        }
        self.p.global("torch._utils", "_rebuild_tensor_v2");
        self.p.mark();
        let storage = t.storage();
        let sid = Rc::as_ptr(&storage) as usize;
        let key = match self.storage_keys.get(&sid) {
            Some(&k) => k,
            None => {
                let k = self.storages.len();
                self.storages.push(storage.clone());
                self.storage_keys.insert(sid, k);
                k
            }
        };
        // Persistent id: ('storage', torch.FloatStorage, '0', 'cpu', numel).
        self.p.mark();
        self.p.str("storage");
        self.p.global("torch", pickle::storage_type_name(t.dtype()));
        self.p.str(&key.to_string());
        self.p.str(&storage.device().to_string());
        self.p.int(storage.len() as i64);
        self.p.tuple();
        self.p.binpersid();
        self.p.int(t.offset() as i64);
        self.int_tuple(&t.shape());
        self.int_tuple(&t.strides());
        self.p.bool(requires_grad && !is_param);
        self.p.empty_ordered_dict();
        self.p.tuple();
        self.p.reduce();
        if is_param {
            self.p.bool(requires_grad);
            self.p.empty_ordered_dict();
            self.p.tuple();
            self.p.reduce();
        }
        let m = self.p.put();
        self.tensor_memo.insert(id, m);
        self.tensors.push(t.clone());
    }

    /// The archive bytes; `name` is the record folder (PyTorch uses the file's stem).
    pub fn finish(self, name: &str) -> Result<Vec<u8>> {
        let pkl = self.p.finish();
        let zerr = |e: zip::result::ZipError| Error::runtime(format!("failed writing zip archive: {e}"));
        let ioerr = |e: std::io::Error| Error::runtime(format!("failed writing zip archive: {e}"));
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .with_alignment(64);
        let record = |z: &mut zip::ZipWriter<Cursor<Vec<u8>>>, path: &str, data: &[u8]| -> Result<()> {
            z.start_file(format!("{name}/{path}"), opts).map_err(zerr)?;
            z.write_all(data).map_err(ioerr)
        };
        record(&mut z, "data.pkl", &pkl)?;
        record(&mut z, ".format_version", b"1")?;
        record(&mut z, ".storage_alignment", b"64")?;
        record(&mut z, "byteorder", b"little")?;
        for (k, s) in self.storages.iter().enumerate() {
            record(&mut z, &format!("data/{k}"), &super::storage_bytes(s))?;
        }
        record(&mut z, "version", b"3\n")?;
        Ok(z.finish().map_err(zerr)?.into_inner())
    }
}

/// The record folder name PyTorch uses for a file path: its stem (`m.pt` → `m`).
pub fn archive_name(path: &str) -> String {
    let stem = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let clean: String = stem.chars().filter(|c| !c.is_control() && *c != '/' && *c != '\\').collect();
    if clean.is_empty() { "archive".into() } else { clean }
}

fn stream_error(what: &str) -> Error {
    Error::runtime(format!(
        "PytorchStreamReader failed reading zip archive: {what}. This is an internal miniz error. If you are seeing this error, there is a high likelihood that your checkpoint file is corrupted. This can happen if the checkpoint was not saved properly, was transferred incorrectly, or the file was modified after saving."
    ))
}

/// One record's bytes, with its declared size checked before allocating.
fn read_record(z: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>> {
    let mut f = z.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => {
            Error::runtime(format!("PytorchStreamReader failed locating file {}: file not found", name.split_once('/').map_or(name, |x| x.1)))
        }
        other => stream_error(&other.to_string()),
    })?;
    let size = usize::try_from(f.size()).map_err(|_| Error::new(ExcKind::MemoryError, ""))?;
    crate::tensor::storage::check_bytes(size)?;
    let mut out = Vec::with_capacity(size.min(1 << 30));
    f.by_ref().take(size as u64).read_to_end(&mut out).map_err(|e| stream_error(&e.to_string()))?;
    if out.len() != size {
        return Err(stream_error("file read failed"));
    }
    Ok(out)
}

/// Where `torch.load` puts storages saved on another device.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapLocation {
    /// As saved (CUDA storages then fail: tsr has no CUDA).
    Saved,
    Cpu,
}

/// Reads a checkpoint written by `torch.save` (tsr's or PyTorch's).
pub fn load(bytes: &[u8], map: MapLocation) -> Result<Loaded> {
    if bytes.is_empty() {
        return Err(Error::new(ExcKind::EOFError, "Ran out of input"));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        if bytes[0] == 0x80 && bytes.len() > 1 && bytes[1] <= 5 {
            return Err(Error::not_impl(
                "loading the legacy (pre-1.6) torch.save format: re-save the file with a current PyTorch",
            ));
        }
        let c = bytes[0];
        let shown = if (0x20..0x7f).contains(&c) { (c as char).to_string() } else { format!("\\x{c:02x}") };
        return Err(super::unpickling(format!("invalid load key, '{shown}'.")));
    }
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
        zip::result::ZipError::InvalidArchive(_) => stream_error("failed finding central directory"),
        other => stream_error(&other.to_string()),
    })?;
    let first = z.file_names().find_map(|n| n.ok().map(|n| n.to_string())).ok_or_else(|| stream_error("archive is empty"))?;
    let prefix = first.split('/').next().unwrap_or("").to_string();
    let pkl = read_record(&mut z, &format!("{prefix}/data.pkl"))?;
    let big_endian = match read_record(&mut z, &format!("{prefix}/byteorder")) {
        Ok(b) => match &b[..] {
            b"little" => false,
            b"big" => true,
            _ => return Err(Error::value(format!("Unknown endianness type: {}", String::from_utf8_lossy(&b)))),
        },
        Err(_) => false,
    };
    let mut cache: FxHashMap<String, Rc<Storage>> = FxHashMap::default();
    let mut persistent = |arena: &[Obj], pid: &Py| -> Result<Obj> {
        let items = match pid {
            Py::Ref(i) => match arena.get(*i) {
                Some(Obj::Tuple(v)) => v.clone(),
                _ => return Err(super::unpickling("unsupported persistent id encountered")),
            },
            _ => return Err(super::unpickling("unsupported persistent id encountered")),
        };
        let [_, ty, Py::Str(key), Py::Str(location), Py::Int(numel)] = items.as_slice() else {
            return Err(super::unpickling("a storage id must be ('storage', type, key, location, numel)"));
        };
        let dtype = match ty {
            Py::Ref(i) => match arena.get(*i) {
                Some(Obj::Global(Global::StorageType(d))) => *d,
                _ => return Err(Error::not_impl("loading untyped storages")),
            },
            _ => return Err(super::unpickling("a storage type must be a torch storage class")),
        };
        if *numel < 0 {
            return Err(super::unpickling("storage size must be non-negative"));
        }
        let device = pickle::device_from_str(location)?;
        if matches!(device, Device::Cuda(_)) && map == MapLocation::Saved {
            return Err(Error::runtime(
                "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
            ));
        }
        if let Some(s) = cache.get(&**key) {
            if s.dtype() != dtype {
                return Err(Error::not_impl("one storage viewed with two dtypes"));
            }
            return Ok(Obj::Storage(s.clone()));
        }
        let need = (*numel as usize).checked_mul(dtype.itemsize()).ok_or_else(|| Error::new(ExcKind::MemoryError, ""))?;
        let data = read_record(&mut z, &format!("{prefix}/data/{key}"))?;
        if data.len() < need {
            return Err(Error::runtime(format!(
                "storage {key} holds {} bytes but {numel} elements of {} need {need}",
                data.len(),
                dtype
            )));
        }
        let buf = super::buffer_from_bytes(dtype, &data[..need], big_endian)?;
        let s = Rc::new(Storage::new(buf));
        cache.insert(key.to_string(), s.clone());
        Ok(Obj::Storage(s))
    };
    pickle::unpickle(&pkl, &mut persistent).map_err(|e| {
        if e.kind == ExcKind::UnpicklingError {
            Error::new(ExcKind::UnpicklingError, format!("Weights only load failed. WeightsUnpickler error: {}", e.msg))
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_one(t: &Tensor) -> Vec<u8> {
        let mut w = TorchWriter::new();
        w.tensor(t);
        w.finish("t").unwrap()
    }

    fn root_tensor(l: &Loaded) -> Tensor {
        match &l.root {
            Py::Ref(i) => match &l.arena[*i] {
                Obj::Tensor(t) => t.clone(),
                other => panic!("not a tensor: {other:?}"),
            },
            other => panic!("not a tensor: {other:?}"),
        }
    }

    #[test]
    fn every_dtype_round_trips() {
        for d in DType::ALL {
            let t = crate::tensor::ops::from_scalars(
                &[crate::tensor::Scalar::Int(1), crate::tensor::Scalar::Int(0), crate::tensor::Scalar::Int(2), crate::tensor::Scalar::Int(7)],
                &[2, 2],
                d,
            );
            let l = load(&save_one(&t), MapLocation::Saved).unwrap();
            let r = root_tensor(&l);
            assert_eq!(r.dtype(), d);
            assert_eq!(r.shape().to_vec(), vec![2, 2]);
            assert_eq!(r.to_scalars(), t.to_scalars());
        }
    }

    #[test]
    fn data_records_are_aligned() {
        let bytes = save_one(&Tensor::zeros(&[3], DType::F32).unwrap());
        let mut z = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let names: Vec<String> = z.file_names().map(|n| n.unwrap().to_string()).collect();
        assert_eq!(names, ["t/data.pkl", "t/.format_version", "t/.storage_alignment", "t/byteorder", "t/data/0", "t/version"]);
        let f = z.by_name("t/data/0").unwrap();
        assert_eq!(f.data_start().unwrap() % 64, 0);
    }

    /// A hand-made archive whose pickle is `pkl` and whose data/0 record holds `data`.
    fn archive(pkl: &[u8], data: &[u8]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("x/data.pkl", opts).unwrap();
        z.write_all(pkl).unwrap();
        z.start_file("x/data/0", opts).unwrap();
        z.write_all(data).unwrap();
        z.finish().unwrap().into_inner()
    }

    fn tensor_pickle(numel: i64, size: &[i64]) -> Vec<u8> {
        let mut p = Pickler::new();
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark();
        p.str("storage");
        p.global("torch", "FloatStorage");
        p.str("0");
        p.str("cpu");
        p.int(numel);
        p.tuple();
        p.binpersid();
        p.int(0);
        p.mark();
        for &d in size {
            p.int(d);
        }
        p.tuple();
        p.mark();
        p.int(1);
        p.tuple();
        p.bool(false);
        p.empty_ordered_dict();
        p.tuple();
        p.reduce();
        p.finish()
    }

    #[test]
    fn hostile_sizes_raise() {
        // A storage claiming far more elements than its record holds.
        let e = load(&archive(&tensor_pickle(1 << 40, &[4]), &[0; 16]), MapLocation::Saved).err().unwrap();
        assert!(matches!(e.kind, ExcKind::RuntimeError | ExcKind::MemoryError), "{e}");
        let e = load(&archive(&tensor_pickle(i64::MAX, &[4]), &[0; 16]), MapLocation::Saved).err().unwrap();
        assert!(matches!(e.kind, ExcKind::RuntimeError | ExcKind::MemoryError), "{e}");
        // A view reaching past its storage.
        let e = load(&archive(&tensor_pickle(4, &[5]), &[0; 16]), MapLocation::Saved).err().unwrap();
        assert!(e.msg.contains("out of bounds for storage of size 16"), "{e}");
        // A negative element count.
        let e = load(&archive(&tensor_pickle(-1, &[1]), &[0; 16]), MapLocation::Saved).err().unwrap();
        assert_eq!(e.kind, ExcKind::UnpicklingError);
        // And a well-formed one loads.
        let l = load(&archive(&tensor_pickle(4, &[4]), &1.5f32.to_le_bytes().repeat(4)), MapLocation::Saved).unwrap();
        assert_eq!(root_tensor(&l).to_vec::<f32>(), vec![1.5; 4]);
    }

    #[test]
    fn corrupt_archives_raise() {
        let good = save_one(&Tensor::zeros(&[3], DType::F32).unwrap());
        let e = load(&good[..good.len() / 2], MapLocation::Saved).err().unwrap();
        assert_eq!(e.kind, ExcKind::RuntimeError);
        assert!(e.msg.starts_with("PytorchStreamReader failed reading zip archive: failed finding central directory"), "{}", e.msg);
        assert_eq!(load(b"", MapLocation::Saved).err().unwrap().kind, ExcKind::EOFError);
        let e = load(b"hello", MapLocation::Saved).err().unwrap();
        assert_eq!((e.kind, e.msg.as_str()), (ExcKind::UnpicklingError, "invalid load key, 'h'."));
        // Every truncation and every single-byte corruption fails cleanly or loads.
        for n in (0..good.len()).step_by(7) {
            let _ = load(&good[..n], MapLocation::Saved);
            let mut b = good.clone();
            b[n] ^= 0xff;
            let _ = load(&b, MapLocation::Saved);
        }
    }
}
