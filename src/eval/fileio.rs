//! The interpreter side of files: `torch.save` / `torch.load` (PyTorch's zip checkpoint
//! format, see `io::torchsave`) and the `safetensors` modules (`safetensors.torch`,
//! `safetensors.numpy`, `safe_open`). NumPy's `np.save`/`np.load` live in `numpy`.
//!
//! Paths are strings used as given: relative to the working directory or absolute. Every
//! write is atomic (temporary file, then rename).

use std::collections::HashMap;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::error::{Error, ExcKind, Result};
use crate::help::HelpEntry;
use crate::io::pickle::{Loaded, Obj, Py};
use crate::io::torchsave::{self, MapLocation, TorchWriter};
use crate::tensor::{Device, Tensor};

use super::args::{req, Args};
use super::builtins::{method, native};
use super::object::Object;
use super::value::{Namespace, NativeFn, Value};
use super::Interp;

/// Nesting deeper than this is refused both ways (Python's recursion limit).
const MAX_DEPTH: usize = 1000;

/// `import safetensors`, `import safetensors.torch`, `import safetensors.numpy`.
pub fn module(name: &str) -> Option<Value> {
    let ns = |name: &'static str, get: fn(&str) -> Option<Value>| Value::Namespace(Rc::new(Namespace { name, get }));
    Some(match name {
        "safetensors" => ns("safetensors", |n| match n {
            "torch" => module("safetensors.torch"),
            "numpy" => module("safetensors.numpy"),
            "safe_open" => Some(native("safe_open", st_safe_open)),
            "__version__" => Some(Value::str("0.8.0")),
            _ => None,
        }),
        "safetensors.torch" => ns("safetensors.torch", |n| {
            let f: NativeFn = match n {
                "save_file" => |i, a| st_save_file(i, a, false),
                "load_file" => |i, a| st_load_file(i, a, false),
                "safe_open" => st_safe_open,
                "save" | "load" | "save_model" | "load_model" => |_, _| {
                    Err(Error::not_impl("safetensors.torch.save/load/save_model/load_model (use save_file and load_file)"))
                },
                _ => return None,
            };
            Some(native(static_name(n), f))
        }),
        "safetensors.numpy" => ns("safetensors.numpy", |n| {
            let f: NativeFn = match n {
                "save_file" => |i, a| st_save_file(i, a, true),
                "load_file" => |i, a| st_load_file(i, a, true),
                _ => return None,
            };
            Some(native(static_name(n), f))
        }),
        _ => return None,
    })
}

fn static_name(n: &str) -> &'static str {
    match n {
        "save_file" => "save_file",
        "load_file" => "load_file",
        "safe_open" => "safe_open",
        _ => "safetensors",
    }
}

/// The torch functions defined here.
pub const TORCH_NAMES: &[&str] = &["save", "load"];
/// The functions of `safetensors`, `safetensors.torch` and `safetensors.numpy`.
pub const SAFETENSORS_NAMES: &[&str] = &["safe_open"];
pub const SAFETENSORS_TORCH_NAMES: &[&str] = &["save_file", "load_file", "safe_open"];
pub const SAFETENSORS_NUMPY_NAMES: &[&str] = &["save_file", "load_file"];

/// `torch.save` and `torch.load` for the torch namespace.
pub fn torch_lookup(name: &str) -> Option<(&'static str, super::value::NativeFn)> {
    Some(match name {
        "save" => ("save", torch_save),
        "load" => ("load", torch_load),
        _ => return None,
    })
}

// ------------------------------------------------------------------ torch.save

fn pickle_value(w: &mut TorchWriter, v: &Value, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::new(ExcKind::RecursionError, "maximum recursion depth exceeded while pickling an object"));
    }
    match v {
        Value::None => w.p.none(),
        Value::Bool(b) => w.p.bool(*b),
        Value::Int(i) => w.p.int(*i),
        Value::Float(f) => w.p.float(*f),
        Value::Str(s) => w.p.str(s),
        Value::Tensor(t) => w.tensor(t),
        Value::List(l) => {
            w.p.empty_list();
            let items = l.borrow().clone();
            if !items.is_empty() {
                w.p.mark();
                for x in &items {
                    pickle_value(w, x, depth + 1)?;
                }
                w.p.appends();
            }
        }
        Value::Tuple(t) => {
            if t.is_empty() {
                w.p.empty_tuple();
            } else {
                w.p.mark();
                for x in t.iter() {
                    pickle_value(w, x, depth + 1)?;
                }
                w.p.tuple();
            }
        }
        Value::Dict(d) => {
            w.p.empty_dict();
            pickle_items(w, &d.borrow().clone(), depth)?;
        }
        Value::Size(s) => {
            w.p.global("torch", "Size");
            w.p.mark();
            if s.is_empty() {
                w.p.empty_tuple();
            } else {
                w.p.mark();
                for &d in s.iter() {
                    w.p.int(d as i64);
                }
                w.p.tuple();
            }
            w.p.tuple();
            w.p.reduce();
        }
        Value::DType(d) => w.p.global("torch", d.name()),
        Value::Device(d) => {
            w.p.global("torch", "device");
            w.p.mark();
            w.p.str(&d.to_string());
            w.p.tuple();
            w.p.reduce();
        }
        Value::Object(o) => {
            if let Some(od) = o.as_any().downcast_ref::<crate::nn::OrderedDict>() {
                w.p.empty_ordered_dict();
                if let Value::Dict(d) = &od.0 {
                    pickle_items(w, &d.borrow().clone(), depth)?;
                }
            } else if super::numpy::as_ndarray(v).is_some() {
                return Err(Error::not_impl("torch.save of a NumPy array (convert it with torch.from_numpy first)"));
            } else if crate::nn::module::as_module(v).is_some() {
                return Err(Error::not_impl("torch.save of a whole nn.Module (save model.state_dict() instead)"));
            } else {
                return Err(Error::not_impl(format!("torch.save of a '{}' object", o.type_name())));
            }
        }
        other => return Err(Error::not_impl(format!("torch.save of a '{}' object", other.type_name()))),
    }
    Ok(())
}

fn pickle_items(w: &mut TorchWriter, items: &[(Value, Value)], depth: usize) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    w.p.mark();
    for (k, x) in items {
        pickle_value(w, k, depth + 1)?;
        pickle_value(w, x, depth + 1)?;
    }
    w.p.setitems();
    Ok(())
}

fn torch_save(_: &mut Interp, mut a: Args) -> Result<Value> {
    for k in ["pickle_module", "pickle_protocol", "_disable_byteorder_record"] {
        a.take_kw(k);
    }
    let zipfmt = a.take_kw("_use_new_zipfile_serialization");
    let [obj, f] = a.bind("save", ["obj", "f"])?;
    let obj = req(obj, "save", "obj")?;
    let path = match req(f, "save", "f")? {
        Value::Str(s) => s.to_string(),
        _ => {
            return Err(Error::new(
                ExcKind::AttributeError,
                "expected 'f' to be string, path, or a file-like object with a 'write' attribute",
            ))
        }
    };
    if matches!(zipfmt, Some(Value::Bool(false))) {
        return Err(Error::not_impl("torch.save(_use_new_zipfile_serialization=False): tsr writes the zip format only"));
    }
    if let Some(parent) = std::path::Path::new(&path).parent() {
        if !parent.as_os_str().is_empty() && !parent.is_dir() {
            return Err(Error::runtime(format!("Parent directory {} does not exist.", parent.display())));
        }
    }
    let mut w = TorchWriter::new();
    pickle_value(&mut w, &obj, 0)?;
    let bytes = w.finish(&torchsave::archive_name(&path))?;
    crate::io::write_atomic(&path, &bytes)?;
    Ok(Value::None)
}

// ------------------------------------------------------------------ torch.load

/// Turns the unpickled arena into values, keeping shared objects shared.
struct Builder<'a> {
    l: &'a Loaded,
    memo: FxHashMap<usize, Value>,
}

impl Builder<'_> {
    fn value(&mut self, p: &Py, depth: usize) -> Result<Value> {
        if depth > MAX_DEPTH {
            return Err(Error::new(ExcKind::RecursionError, "maximum recursion depth exceeded while unpickling an object"));
        }
        let i = match p {
            Py::None => return Ok(Value::None),
            Py::Bool(b) => return Ok(Value::Bool(*b)),
            Py::Int(i) => return Ok(Value::Int(*i)),
            Py::Float(f) => return Ok(Value::Float(*f)),
            Py::Str(s) => return Ok(Value::Str(s.clone())),
            Py::Ref(i) => *i,
        };
        if let Some(v) = self.memo.get(&i) {
            return Ok(v.clone());
        }
        let Some(obj) = self.l.arena.get(i) else {
            return Err(crate::io::unpickling("dangling object reference"));
        };
        let v = match obj {
            Obj::List(items) => {
                let out = Value::list(Vec::new());
                self.memo.insert(i, out.clone());
                let mut vals = Vec::with_capacity(items.len());
                for x in items {
                    vals.push(self.value(x, depth + 1)?);
                }
                if let Value::List(l) = &out {
                    *l.borrow_mut() = vals;
                }
                return Ok(out);
            }
            Obj::Tuple(items) => {
                let mut vals = Vec::with_capacity(items.len());
                for x in items {
                    vals.push(self.value(x, depth + 1)?);
                }
                Value::tuple(vals)
            }
            Obj::Dict(entries) => {
                let out = Value::Dict(Rc::new(std::cell::RefCell::new(Vec::new())));
                self.memo.insert(i, out.clone());
                let items = self.entries(entries, depth)?;
                if let Value::Dict(d) = &out {
                    *d.borrow_mut() = items;
                }
                return Ok(out);
            }
            Obj::OrderedDict(entries) => {
                let items = self.entries(entries, depth)?;
                crate::nn::ordered_dict(items)
            }
            Obj::Tensor(t) => Value::Tensor(t.clone()),
            Obj::Size(s) => Value::Size(s.clone().into()),
            Obj::DType(d) => Value::DType(*d),
            Obj::Device(d) => Value::Device(*d),
            Obj::Storage(_) => return Err(Error::not_impl("loading a bare storage (tsr loads tensors)")),
            Obj::Global(_) => return Err(Error::not_impl("loading a class or function object")),
        };
        self.memo.insert(i, v.clone());
        Ok(v)
    }

    /// Dict entries, a repeated key keeping its first position and last value (as Python).
    fn entries(&mut self, entries: &[(Py, Py)], depth: usize) -> Result<Vec<(Value, Value)>> {
        let mut out: Vec<(Value, Value)> = Vec::with_capacity(entries.len());
        let mut str_pos: FxHashMap<Rc<str>, usize> = FxHashMap::default();
        for (k, x) in entries {
            let kv = self.value(k, depth + 1)?;
            let xv = self.value(x, depth + 1)?;
            match (&kv, k) {
                (Value::Str(s), _) => match str_pos.get(s) {
                    Some(&p) => out[p].1 = xv,
                    None => {
                        str_pos.insert(s.clone(), out.len());
                        out.push((kv, xv));
                    }
                },
                (Value::List(_) | Value::Dict(_), _) => return Err(Error::type_err(format!("unhashable type: '{}'", kv.type_name()))),
                _ => super::ops::dict_insert(&mut out, kv, xv),
            }
        }
        Ok(out)
    }
}

fn map_location(v: Option<Value>) -> Result<MapLocation> {
    let dev = match v {
        None | Some(Value::None) => return Ok(MapLocation::Saved),
        Some(Value::Str(s)) => super::args::parse_device(&s)?,
        Some(Value::Device(d)) => d,
        Some(other) => return Err(Error::not_impl(format!("torch.load(map_location=<{}>) (use 'cpu')", other.type_name()))),
    };
    match dev {
        Device::Cpu => Ok(MapLocation::Cpu),
        Device::Cuda(_) => Err(Error::runtime(
            "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
        )),
    }
}

fn torch_load(_: &mut Interp, mut a: Args) -> Result<Value> {
    for k in ["pickle_module", "weights_only", "mmap", "encoding"] {
        a.take_kw(k);
    }
    let [f, map] = a.bind("load", ["f", "map_location"])?;
    let path = match req(f, "load", "f")? {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(Error::new(
                ExcKind::AttributeError,
                format!(
                    "'{}' object has no attribute 'seek'. You can only torch.load from a file that is seekable. Please pre-load the data into a buffer like io.BytesIO and try to load from it instead.",
                    other.type_name()
                ),
            ))
        }
    };
    let map = map_location(map)?;
    let bytes = crate::io::read_file(&path)?;
    let loaded = torchsave::load(&bytes, map)?;
    Builder { l: &loaded, memo: FxHashMap::default() }.value(&loaded.root, 0)
}

// ------------------------------------------------------------------ safetensors

fn path_of(v: Option<Value>, fname: &str, pname: &str) -> Result<String> {
    match req(v, fname, pname)? {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(Error::type_err(format!("argument '{pname}': '{}' object cannot be converted to 'PyString'", other.type_name()))),
    }
}

fn st_save_file(i: &mut Interp, a: Args, numpy: bool) -> Result<Value> {
    let [tensors, filename, metadata] = a.bind("save_file", ["tensors", "filename", "metadata"])?;
    let tensors = req(tensors, "save_file", "tensors")?;
    let path = path_of(filename, "save_file", "filename")?;
    let entries = crate::nn::dict_entries(i, &tensors)
        .map_err(|_| Error::type_err(format!("expected a dict of tensors, got {}", tensors.type_name())))?;
    let mut named: Vec<(String, Tensor)> = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let t = if numpy {
            super::numpy::as_ndarray(&v)
                .map(|x| x.t.clone())
                .ok_or_else(|| Error::type_err(format!("expected a numpy array for key `{k}`, got {}", v.type_name())))?
        } else {
            match &v {
                Value::Tensor(t) => t.clone(),
                other => return Err(Error::type_err(format!("Key `{k}` is invalid, expected torch.Tensor but received {}", other.type_name()))),
            }
        };
        if !numpy && !t.is_contiguous() {
            return Err(Error::value(format!(
                "You are trying to save a non contiguous tensor: `{k}` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving."
            )));
        }
        named.push((k, t));
    }
    if !numpy {
        let mut groups: Vec<Vec<&str>> = Vec::new();
        let mut by_storage: FxHashMap<usize, usize> = FxHashMap::default();
        for (k, t) in &named {
            let id = Rc::as_ptr(&t.storage()) as usize;
            match by_storage.get(&id) {
                Some(&g) => groups[g].push(k),
                None => {
                    by_storage.insert(id, groups.len());
                    groups.push(vec![k]);
                }
            }
        }
        let shared: Vec<String> = groups
            .iter()
            .filter(|g| g.len() > 1)
            .map(|g| format!("{{{}}}", g.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")))
            .collect();
        if !shared.is_empty() {
            return Err(Error::runtime(format!(
                "Some tensors share memory, this will lead to duplicate memory on disk and potential differences when loading them again: [{}]. A potential way to correctly save your model is to use `save_model`.",
                shared.join(", ")
            )));
        }
    }
    let meta = match metadata {
        None | Some(Value::None) => None,
        Some(m) => {
            let mut out = HashMap::new();
            for (k, v) in crate::nn::dict_entries(i, &m).map_err(|_| Error::type_err("argument 'metadata': expected a dict of str to str"))? {
                match v {
                    Value::Str(s) => {
                        out.insert(k, s.to_string());
                    }
                    other => {
                        return Err(Error::type_err(format!(
                            "argument 'metadata': '{}' object cannot be converted to 'PyString'",
                            other.type_name()
                        )))
                    }
                }
            }
            Some(out)
        }
    };
    let bytes = crate::io::safetensors::save(&named, meta)?;
    crate::io::write_atomic(&path, &bytes)?;
    Ok(Value::None)
}

fn st_device(v: Option<Value>) -> Result<()> {
    match v {
        None | Some(Value::None) => Ok(()),
        Some(Value::Str(s)) if &*s == "cpu" => Ok(()),
        Some(Value::Device(Device::Cpu)) => Ok(()),
        Some(_) => Err(super::torch::no_cuda_driver()),
    }
}

fn st_load_file(_: &mut Interp, a: Args, numpy: bool) -> Result<Value> {
    let (path, device) = if numpy {
        let [f] = a.bind("load_file", ["filename"])?;
        (f, None)
    } else {
        let [f, d] = a.bind("load_file", ["filename", "device"])?;
        (f, d)
    };
    let path = path_of(path, "load_file", "filename")?;
    st_device(device)?;
    let bytes = crate::io::read_file(&path)?;
    let (tensors, _) = crate::io::safetensors::load(&bytes)?;
    let items = tensors
        .into_iter()
        .map(|(k, t)| (Value::str(&k), if numpy { super::numpy::array::array(t) } else { Value::Tensor(t) }))
        .collect();
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(items))))
}

fn st_safe_open(_: &mut Interp, a: Args) -> Result<Value> {
    let [f, framework, device] = a.bind("safe_open", ["filename", "framework", "device"])?;
    let path = path_of(f, "safe_open", "filename")?;
    let numpy = match framework {
        Some(Value::Str(s)) if matches!(&*s, "pt" | "torch" | "pytorch") => false,
        Some(Value::Str(s)) if matches!(&*s, "np" | "numpy") => true,
        Some(Value::Str(s)) => return Err(Error::not_impl(format!("safe_open(framework={})", crate::format::pyfmt::str_repr(&s)))),
        _ => return Err(Error::type_err("safe_open() missing required argument 'framework' (pos 2)")),
    };
    st_device(device)?;
    let bytes = crate::io::read_file(&path)?;
    let (tensors, metadata) = crate::io::safetensors::load(&bytes)?;
    Ok(Value::Object(Rc::new(SafeOpen { tensors: Rc::new(tensors), metadata: Rc::new(metadata), numpy })))
}

/// `safe_open(...)`: the file's tensors (read at open), as a context manager.
#[derive(Clone)]
struct SafeOpen {
    tensors: Rc<Vec<(String, Tensor)>>,
    metadata: Rc<Option<HashMap<String, String>>>,
    numpy: bool,
}

fn with_safe(a: &Args) -> Result<SafeOpen> {
    match a.pos.first() {
        Some(Value::Object(o)) => o.as_any().downcast_ref::<SafeOpen>().cloned().ok_or_else(|| Error::type_err("safe_open object expected")),
        _ => Err(Error::type_err("safe_open object expected")),
    }
}

impl Object for SafeOpen {
    fn type_name(&self) -> &str {
        "safe_open"
    }
    fn getattr(&self, _interp: &mut Interp, name: &str) -> Result<Option<Value>> {
        let (n, f): (&'static str, NativeFn) = match name {
            "keys" => ("keys", |_, a| {
                let s = with_safe(&a)?;
                let mut k: Vec<&String> = s.tensors.iter().map(|(n, _)| n).collect();
                k.sort();
                Ok(Value::list(k.into_iter().map(|n| Value::str(n)).collect()))
            }),
            "offset_keys" => ("offset_keys", |_, a| {
                let s = with_safe(&a)?;
                Ok(Value::list(s.tensors.iter().map(|(n, _)| Value::str(n)).collect()))
            }),
            "get_tensor" => ("get_tensor", |_, a| {
                let s = with_safe(&a)?;
                let [_, k] = a.bind("get_tensor", ["self", "name"])?;
                let k = match req(k, "get_tensor", "name")? {
                    Value::Str(k) => k,
                    other => return Err(Error::type_err(format!("argument 'name': '{}' object cannot be converted to 'PyString'", other.type_name()))),
                };
                match s.tensors.iter().find(|(n, _)| **n == *k) {
                    Some((_, t)) => Ok(if s.numpy { super::numpy::array::array(t.clone()) } else { Value::Tensor(t.clone()) }),
                    None => Err(Error::new(ExcKind::SafetensorError, format!("File does not contain tensor {k}"))),
                }
            }),
            "metadata" => ("metadata", |_, a| {
                let s = with_safe(&a)?;
                Ok(match &*s.metadata {
                    None => Value::None,
                    Some(m) => {
                        let mut items: Vec<(&String, &String)> = m.iter().collect();
                        items.sort();
                        Value::Dict(Rc::new(std::cell::RefCell::new(items.into_iter().map(|(k, v)| (Value::str(k), Value::str(v))).collect())))
                    }
                })
            }),
            _ => return Ok(None),
        };
        Ok(Some(method(n, f, &Value::Object(Rc::new(self.clone())))))
    }
    fn enter(&self, _interp: &mut Interp) -> Result<Value> {
        Ok(Value::Object(Rc::new(self.clone())))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Help entries for torch.save/load, the NumPy bridge on tensors and safetensors.
pub static HELP: &[HelpEntry] = &[
    HelpEntry {
        name: "torch.save",
        signature: "torch.save(obj, f)",
        summary: "Writes tensors, numbers, strings, lists, tuples, dicts and state_dicts to `f` in PyTorch's own zip format (real torch.load reads it). The file is written atomically.",
        example: "import torch\ntorch.save({'w': torch.ones(2), 'step': 3}, 'help_ckpt.pt')\nprint(torch.load('help_ckpt.pt'))",
    },
    HelpEntry {
        name: "torch.load",
        signature: "torch.load(f, map_location=None, weights_only=True) -> object",
        summary: "Reads a torch.save file (tsr's or PyTorch's). Like PyTorch's weights_only loading it only rebuilds tensors and plain containers: a file can never run code.",
        example: "import torch\nm = torch.nn.Linear(2, 1)\ntorch.save(m.state_dict(), 'help_m.pt')\nprint(m.load_state_dict(torch.load('help_m.pt')))",
    },
    HelpEntry {
        name: "torch.from_numpy",
        signature: "torch.from_numpy(ndarray) -> Tensor",
        summary: "A tensor sharing the array's memory (same dtype: float64 stays float64); writes through either are seen by both.",
        example: "import numpy as np\nimport torch\na = np.array([1, 2, 3])\nt = torch.from_numpy(a)\na[0] = 10\nprint(t)",
    },
    HelpEntry {
        name: "Tensor.numpy",
        signature: "Tensor.numpy(force=False) -> ndarray",
        summary: "A NumPy array sharing the tensor's memory (not for tensors that require grad: detach first).",
        example: "import torch\nt = torch.arange(3.)\na = t.numpy()\nt.add_(1)\nprint(repr(a))",
    },
    HelpEntry {
        name: "safetensors.torch.save_file",
        signature: "safetensors.torch.save_file(tensors: dict[str, Tensor], filename, metadata=None)",
        summary: "Writes a dict of contiguous, non-shared tensors to a .safetensors file (atomically).",
        example: "from safetensors.torch import save_file, load_file\nimport torch\nsave_file({'w': torch.eye(2)}, 'help_w.safetensors', metadata={'format': 'pt'})\nprint(load_file('help_w.safetensors'))",
    },
    HelpEntry {
        name: "safetensors.torch.load_file",
        signature: "safetensors.torch.load_file(filename, device='cpu') -> dict[str, Tensor]",
        summary: "Reads every tensor of a .safetensors file, in file order.",
        example: "from safetensors.torch import save_file, load_file\nimport torch\nsave_file({'b': torch.zeros(2, dtype=torch.bfloat16)}, 'help_b.safetensors')\nprint(load_file('help_b.safetensors')['b'].dtype)",
    },
    HelpEntry {
        name: "safetensors.safe_open",
        signature: "safetensors.safe_open(filename, framework='pt', device='cpu')",
        summary: "Opens a .safetensors file as a context manager: keys(), get_tensor(name), metadata().",
        example: "import torch\nfrom safetensors import safe_open\nfrom safetensors.torch import save_file\nsave_file({'x': torch.ones(1)}, 'help_o.safetensors')\nwith safe_open('help_o.safetensors', framework='pt') as f:\n    print(f.keys(), f.get_tensor('x'))",
    },
    HelpEntry {
        name: "safetensors.torch.safe_open",
        signature: "safetensors.torch.safe_open(filename, framework='pt', device='cpu')",
        summary: "`safetensors.safe_open`, also reachable from `safetensors.torch`.",
        example: "import torch\nfrom safetensors.torch import save_file, safe_open\nsave_file({'x': torch.ones(1)}, 'help_p.safetensors')\nwith safe_open('help_p.safetensors', framework='pt') as f:\n    print(f.keys())",
    },
    HelpEntry {
        name: "safetensors.numpy.save_file",
        signature: "safetensors.numpy.save_file(arrays: dict[str, ndarray], filename, metadata=None)",
        summary: "Writes a dict of NumPy arrays to a .safetensors file.",
        example: "import numpy as np\nfrom safetensors.numpy import save_file, load_file\nsave_file({'a': np.arange(3)}, 'help_n.safetensors')\nprint(load_file('help_n.safetensors'))",
    },
    HelpEntry {
        name: "safetensors.numpy.load_file",
        signature: "safetensors.numpy.load_file(filename) -> dict[str, ndarray]",
        summary: "Reads a .safetensors file into NumPy arrays.",
        example: "import numpy as np\nfrom safetensors.numpy import save_file, load_file\nsave_file({'a': np.ones(2, dtype=np.float32)}, 'help_m.safetensors')\nprint(load_file('help_m.safetensors')['a'].dtype)",
    },
];
