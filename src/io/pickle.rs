//! The part of Python's pickle that PyTorch checkpoints use (protocol 2), both ways.
//!
//! `Pickler` emits opcodes. `unpickle` is a restricted unpickler modelled on PyTorch's
//! `torch._weights_only_unpickler` (what `torch.load` uses by default since PyTorch 2.6): the
//! same opcode set, and only an allow-list of globals (`collections.OrderedDict`, the tensor
//! rebuild functions, storage types, `torch.Size`, `torch.device`, dtypes). Nothing in a file
//! can make it run code; anything else raises `UnpicklingError` with PyTorch's message.
//!
//! Unpickled containers live in an arena (`Obj`, referenced by `Py::Ref`) so that shared
//! and cyclic structures cost nothing to build or drop; the interpreter turns the arena into
//! values, keeping identity.

use std::rc::Rc;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::{DType, Device, Layout, Storage, Tensor};

use super::unpickling;

// Opcodes (pickletools names).
const MARK: u8 = b'(';
const STOP: u8 = b'.';
const BININT: u8 = b'J';
const BININT1: u8 = b'K';
const BININT2: u8 = b'M';
const NONE: u8 = b'N';
const BINPERSID: u8 = b'Q';
const REDUCE: u8 = b'R';
const SHORT_BINSTRING: u8 = b'U';
const BINUNICODE: u8 = b'X';
const APPEND: u8 = b'a';
const BUILD: u8 = b'b';
const GLOBAL: u8 = b'c';
const EMPTY_DICT: u8 = b'}';
const APPENDS: u8 = b'e';
const BINGET: u8 = b'h';
const LONG_BINGET: u8 = b'j';
const EMPTY_LIST: u8 = b']';
const BINPUT: u8 = b'q';
const LONG_BINPUT: u8 = b'r';
const SETITEM: u8 = b's';
const TUPLE: u8 = b't';
const EMPTY_TUPLE: u8 = b')';
const SETITEMS: u8 = b'u';
const BINFLOAT: u8 = b'G';
const PROTO: u8 = 0x80;
const NEWOBJ: u8 = 0x81;
const TUPLE1: u8 = 0x85;
const TUPLE2: u8 = 0x86;
const TUPLE3: u8 = 0x87;
const NEWTRUE: u8 = 0x88;
const NEWFALSE: u8 = 0x89;
const LONG1: u8 = 0x8a;
const EMPTY_SET: u8 = 0x8f;

/// PyTorch's legacy storage class name for a dtype (`FloatStorage`).
pub fn storage_type_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "BoolStorage",
        DType::U8 => "ByteStorage",
        DType::I8 => "CharStorage",
        DType::I16 => "ShortStorage",
        DType::I32 => "IntStorage",
        DType::I64 => "LongStorage",
        DType::F16 => "HalfStorage",
        DType::BF16 => "BFloat16Storage",
        DType::F32 => "FloatStorage",
        DType::F64 => "DoubleStorage",
        DType::C64 => "ComplexFloatStorage",
        DType::C128 => "ComplexDoubleStorage",
    }
}

/// Emits pickle protocol 2.
pub struct Pickler {
    out: Vec<u8>,
    next_memo: u32,
}

impl Default for Pickler {
    fn default() -> Self {
        Self::new()
    }
}

impl Pickler {
    pub fn new() -> Pickler {
        Pickler { out: vec![PROTO, 2], next_memo: 0 }
    }
    pub fn none(&mut self) {
        self.out.push(NONE);
    }
    pub fn bool(&mut self, b: bool) {
        self.out.push(if b { NEWTRUE } else { NEWFALSE });
    }
    pub fn int(&mut self, i: i64) {
        if (0..256).contains(&i) {
            self.out.extend_from_slice(&[BININT1, i as u8]);
        } else if (0..65536).contains(&i) {
            self.out.push(BININT2);
            self.out.extend_from_slice(&(i as u16).to_le_bytes());
        } else if i >= i32::MIN as i64 && i <= i32::MAX as i64 {
            self.out.push(BININT);
            self.out.extend_from_slice(&(i as i32).to_le_bytes());
        } else {
            // LONG1: minimal little-endian two's complement.
            let bytes = i.to_le_bytes();
            let mut n = 8;
            while n > 1 {
                let top = bytes[n - 1];
                let next_sign = bytes[n - 2] & 0x80;
                if (top == 0 && next_sign == 0) || (top == 0xff && next_sign != 0) {
                    n -= 1;
                } else {
                    break;
                }
            }
            self.out.extend_from_slice(&[LONG1, n as u8]);
            self.out.extend_from_slice(&bytes[..n]);
        }
    }
    pub fn float(&mut self, f: f64) {
        self.out.push(BINFLOAT);
        self.out.extend_from_slice(&f.to_be_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.out.push(BINUNICODE);
        self.out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        self.out.extend_from_slice(s.as_bytes());
    }
    pub fn mark(&mut self) {
        self.out.push(MARK);
    }
    /// Ends a tuple begun with `mark`.
    pub fn tuple(&mut self) {
        self.out.push(TUPLE);
    }
    pub fn empty_tuple(&mut self) {
        self.out.push(EMPTY_TUPLE);
    }
    pub fn empty_list(&mut self) {
        self.out.push(EMPTY_LIST);
    }
    /// Ends a run of list items begun with `mark`.
    pub fn appends(&mut self) {
        self.out.push(APPENDS);
    }
    pub fn empty_dict(&mut self) {
        self.out.push(EMPTY_DICT);
    }
    /// Ends a run of key, value pairs begun with `mark`.
    pub fn setitems(&mut self) {
        self.out.push(SETITEMS);
    }
    pub fn global(&mut self, module: &str, name: &str) {
        self.out.push(GLOBAL);
        self.out.extend_from_slice(module.as_bytes());
        self.out.push(b'\n');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'\n');
    }
    pub fn reduce(&mut self) {
        self.out.push(REDUCE);
    }
    pub fn binpersid(&mut self) {
        self.out.push(BINPERSID);
    }
    /// Memoizes the top of the stack; returns its memo index.
    pub fn put(&mut self) -> u32 {
        let i = self.next_memo;
        self.next_memo += 1;
        if i < 256 {
            self.out.extend_from_slice(&[BINPUT, i as u8]);
        } else {
            self.out.push(LONG_BINPUT);
            self.out.extend_from_slice(&i.to_le_bytes());
        }
        i
    }
    pub fn get(&mut self, i: u32) {
        if i < 256 {
            self.out.extend_from_slice(&[BINGET, i as u8]);
        } else {
            self.out.push(LONG_BINGET);
            self.out.extend_from_slice(&i.to_le_bytes());
        }
    }
    /// `collections.OrderedDict()` on the stack.
    pub fn empty_ordered_dict(&mut self) {
        self.global("collections", "OrderedDict");
        self.empty_tuple();
        self.reduce();
    }
    pub fn finish(mut self) -> Vec<u8> {
        self.out.push(STOP);
        self.out
    }
}

/// A value on the unpickler's stack: scalars inline, containers and objects in the arena.
#[derive(Clone, Debug)]
pub enum Py {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Ref(usize),
}

/// The globals the restricted unpickler accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Global {
    OrderedDict,
    RebuildTensor,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    RebuildFromTypeV2,
    StorageType(DType),
    TorchTensor,
    Parameter,
    Size,
    Device,
}

/// An arena object.
#[derive(Debug)]
pub enum Obj {
    List(Vec<Py>),
    Tuple(Vec<Py>),
    Dict(Vec<(Py, Py)>),
    OrderedDict(Vec<(Py, Py)>),
    Global(Global),
    Storage(Rc<Storage>),
    Tensor(Tensor),
    Size(Vec<usize>),
    DType(DType),
    Device(Device),
}

/// The result of unpickling: the arena and the root value.
pub struct Loaded {
    pub arena: Vec<Obj>,
    pub root: Py,
}

/// `persistent_load(pid)`: turns a persistent id (an arena tuple) into an arena object.
pub type PersistentLoad<'a> = dyn FnMut(&[Obj], &Py) -> Result<Obj> + 'a;

fn lookup_global(module: &str, name: &str) -> Option<Obj> {
    let g = match (module, name) {
        ("collections", "OrderedDict") => Global::OrderedDict,
        ("torch._utils", "_rebuild_tensor") => Global::RebuildTensor,
        ("torch._utils", "_rebuild_tensor_v2") => Global::RebuildTensorV2,
        ("torch._utils", "_rebuild_parameter") => Global::RebuildParameter,
        ("torch._utils", "_rebuild_parameter_with_state") => Global::RebuildParameterWithState,
        ("torch._tensor", "_rebuild_from_type_v2") => Global::RebuildFromTypeV2,
        ("torch", "Tensor") => Global::TorchTensor,
        ("torch.nn.parameter", "Parameter") => Global::Parameter,
        ("torch", "Size") => Global::Size,
        ("torch", "device") => Global::Device,
        ("torch", n) => {
            if let Some(d) = DType::ALL.iter().copied().find(|d| storage_type_name(*d) == n) {
                Global::StorageType(d)
            } else if let Some(d) = DType::ALL.iter().copied().find(|d| d.name() == n) {
                return Some(Obj::DType(d));
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(Obj::Global(g))
}

/// Globals PyTorch's allow-list has but tsr cannot represent.
fn known_unsupported(module: &str, name: &str) -> bool {
    matches!(
        (module, name),
        ("collections", "Counter")
            | ("torch.serialization", "_get_layout")
            | ("_codecs", "encode")
            | ("builtins", "bytearray")
            | ("builtins", "set")
            | ("builtins", "complex")
    ) || (module == "torch._utils" && name.starts_with("_rebuild_"))
        || (module == "torch" && (name.ends_with("Storage") || name.starts_with("uint") || name.starts_with("float8") || name.starts_with("complex") || name.starts_with("per_")))
}

struct Unpickler<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<Py>,
    metastack: Vec<Vec<Py>>,
    memo: rustc_hash::FxHashMap<u32, Py>,
    arena: Vec<Obj>,
}

/// Arena and stack limits: far above any real checkpoint, far below what exhausts memory.
const MAX_OBJECTS: usize = 10_000_000;

impl<'a> Unpickler<'a> {
    fn read(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.data.len() - self.pos < n {
            return Err(Error::new(ExcKind::EOFError, ""));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.read(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.read(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn line(&mut self) -> Result<&'a str> {
        let rest = &self.data[self.pos..];
        let n = rest.iter().position(|&c| c == b'\n').ok_or_else(|| Error::new(ExcKind::EOFError, ""))?;
        self.pos += n + 1;
        std::str::from_utf8(&rest[..n]).map_err(|_| unpickling("GLOBAL names must be utf-8"))
    }
    fn pop(&mut self) -> Result<Py> {
        self.stack.pop().ok_or_else(|| unpickling("unpickling stack underflow"))
    }
    fn top(&self) -> Result<&Py> {
        self.stack.last().ok_or_else(|| unpickling("unpickling stack underflow"))
    }
    fn pop_mark(&mut self) -> Result<Vec<Py>> {
        let prev = self.metastack.pop().ok_or_else(|| unpickling("could not find MARK"))?;
        Ok(std::mem::replace(&mut self.stack, prev))
    }
    fn alloc(&mut self, o: Obj) -> Result<Py> {
        if self.arena.len() >= MAX_OBJECTS {
            return Err(unpickling("pickle data holds too many objects"));
        }
        self.arena.push(o);
        Ok(Py::Ref(self.arena.len() - 1))
    }
    fn push_obj(&mut self, o: Obj) -> Result<()> {
        let p = self.alloc(o)?;
        self.stack.push(p);
        Ok(())
    }
    fn obj(&self, p: &Py) -> Option<&Obj> {
        match p {
            Py::Ref(i) => self.arena.get(*i),
            _ => None,
        }
    }
    fn type_of(&self, p: &Py) -> String {
        let name = match p {
            Py::None => "NoneType",
            Py::Bool(_) => "bool",
            Py::Int(_) => "int",
            Py::Float(_) => "float",
            Py::Str(_) => "str",
            Py::Ref(_) => match self.obj(p) {
                Some(Obj::List(_)) => "list",
                Some(Obj::Tuple(_)) => "tuple",
                Some(Obj::Dict(_)) => "dict",
                Some(Obj::OrderedDict(_)) => "collections.OrderedDict",
                Some(Obj::Tensor(_)) => "torch.Tensor",
                Some(Obj::Storage(_)) => "torch.storage.TypedStorage",
                Some(Obj::Size(_)) => "torch.Size",
                Some(Obj::DType(_)) => "torch.dtype",
                Some(Obj::Device(_)) => "torch.device",
                Some(Obj::Global(_)) | None => "type",
            },
        };
        format!("<class '{name}'>")
    }

    fn run(&mut self, persistent: &mut PersistentLoad<'_>) -> Result<Py> {
        loop {
            let op = match self.read(1) {
                Ok(b) => b[0],
                Err(e) => return Err(e),
            };
            match op {
                GLOBAL => {
                    let module = self.line()?.to_string();
                    let name = self.line()?.to_string();
                    let full = format!("{module}.{name}");
                    if matches!(module.as_str(), "sys" | "os" | "posix" | "nt" | "subprocess" | "builtins" | "__builtin__")
                        && !known_unsupported(&module, &name)
                    {
                        let shown = full.strip_prefix("builtins.").unwrap_or(&full);
                        if module == "builtins" || module == "__builtin__" {
                            return Err(unsupported_global(shown));
                        }
                        return Err(unpickling(format!(
                            "Trying to load unsupported GLOBAL {full} whose module {module} is blocked."
                        )));
                    }
                    match lookup_global(&module, &name) {
                        Some(o) => self.push_obj(o)?,
                        None if known_unsupported(&module, &name) => {
                            return Err(Error::not_impl(format!("loading {full} (tsr has no such type)")));
                        }
                        None => return Err(unsupported_global(&full)),
                    }
                }
                NEWOBJ => {
                    let args = self.pop()?;
                    let cls = self.pop()?;
                    let r = self.call(&cls, &args, "NEWOBJ")?;
                    self.stack.push(r);
                }
                REDUCE => {
                    let args = self.pop()?;
                    let f = self.pop()?;
                    let r = self.call(&f, &args, "REDUCE")?;
                    self.stack.push(r);
                }
                BUILD => {
                    let _state = self.pop()?;
                    let inst = self.top()?.clone();
                    match self.obj(&inst) {
                        // OrderedDict attributes (a state_dict's `_metadata`) and tensor
                        // state carry nothing tsr keeps.
                        Some(Obj::OrderedDict(_) | Obj::Tensor(_)) => {}
                        _ => {
                            return Err(unpickling(format!(
                                "Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got {}",
                                self.type_of(&inst)
                            )))
                        }
                    }
                }
                APPEND => {
                    let item = self.pop()?;
                    let l = self.top()?.clone();
                    let t = self.type_of(&l);
                    match &l {
                        Py::Ref(i) => match &mut self.arena[*i] {
                            Obj::List(v) => v.push(item),
                            _ => return Err(unpickling(format!("Can only append to lists, but got {t}"))),
                        },
                        _ => return Err(unpickling(format!("Can only append to lists, but got {t}"))),
                    }
                }
                APPENDS => {
                    let items = self.pop_mark()?;
                    let l = self.top()?.clone();
                    let t = self.type_of(&l);
                    match &l {
                        Py::Ref(i) => match &mut self.arena[*i] {
                            Obj::List(v) => v.extend(items),
                            _ => return Err(unpickling(format!("Can only extend lists, but got {t}"))),
                        },
                        _ => return Err(unpickling(format!("Can only extend lists, but got {t}"))),
                    }
                }
                SETITEM | SETITEMS => {
                    let items = if op == SETITEM {
                        let v = self.pop()?;
                        let k = self.pop()?;
                        vec![k, v]
                    } else {
                        self.pop_mark()?
                    };
                    let d = self.top()?.clone();
                    let name = if op == SETITEM { "SETITEM" } else { "SETITEMS" };
                    let t = self.type_of(&d);
                    let entries = match &d {
                        Py::Ref(i) => match &mut self.arena[*i] {
                            Obj::Dict(v) | Obj::OrderedDict(v) => Some(v),
                            _ => None,
                        },
                        _ => None,
                    };
                    let Some(entries) = entries else {
                        return Err(unpickling(format!(
                            "Can only {name} for dict, collections.OrderedDict, collections.Counter, but got {t}"
                        )));
                    };
                    let mut it = items.into_iter();
                    // Duplicate keys are resolved (last one wins) when values are built.
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        entries.push((k, v));
                    }
                }
                MARK => {
                    let cur = std::mem::take(&mut self.stack);
                    self.metastack.push(cur);
                }
                TUPLE => {
                    let items = self.pop_mark()?;
                    self.push_obj(Obj::Tuple(items))?;
                }
                TUPLE1 | TUPLE2 | TUPLE3 => {
                    let n = (op - TUPLE1 + 1) as usize;
                    if self.stack.len() < n {
                        return Err(unpickling("unpickling stack underflow"));
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    self.push_obj(Obj::Tuple(items))?;
                }
                NONE => self.stack.push(Py::None),
                NEWFALSE => self.stack.push(Py::Bool(false)),
                NEWTRUE => self.stack.push(Py::Bool(true)),
                EMPTY_TUPLE => self.push_obj(Obj::Tuple(Vec::new()))?,
                EMPTY_LIST => self.push_obj(Obj::List(Vec::new()))?,
                EMPTY_DICT => self.push_obj(Obj::Dict(Vec::new()))?,
                EMPTY_SET => return Err(Error::not_impl("loading a Python set (tsr has no set type)")),
                BININT => {
                    let b = self.read(4)?;
                    self.stack.push(Py::Int(i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64));
                }
                BININT1 => {
                    let b = self.u8()?;
                    self.stack.push(Py::Int(b as i64));
                }
                BININT2 => {
                    let b = self.read(2)?;
                    self.stack.push(Py::Int(u16::from_le_bytes([b[0], b[1]]) as i64));
                }
                BINFLOAT => {
                    let b = self.read(8)?;
                    let mut a = [0u8; 8];
                    a.copy_from_slice(b);
                    self.stack.push(Py::Float(f64::from_be_bytes(a)));
                }
                BINUNICODE => {
                    let n = self.u32()? as usize;
                    let b = self.read(n)?;
                    let s = std::str::from_utf8(b).map_err(|_| unpickling("'utf-8' codec can't decode string"))?;
                    self.stack.push(Py::Str(Rc::from(s)));
                }
                SHORT_BINSTRING => {
                    let n = self.u8()? as usize;
                    let b = self.read(n)?;
                    let s: String = b.iter().map(|&c| c as char).collect();
                    self.stack.push(Py::Str(Rc::from(s.as_str())));
                }
                BINPERSID => {
                    let pid = self.pop()?;
                    let ok = match self.obj(&pid) {
                        Some(Obj::Tuple(items)) => matches!(items.first(), Some(Py::Str(s)) if &**s == "storage"),
                        _ => matches!(pid, Py::Int(_)),
                    };
                    if !ok {
                        let what = match self.obj(&pid) {
                            Some(Obj::Tuple(items)) => match items.first() {
                                Some(p) => self.type_of(p),
                                None => "<class 'NoneType'>".into(),
                            },
                            _ => self.type_of(&pid),
                        };
                        return Err(unpickling(match self.obj(&pid) {
                            Some(Obj::Tuple(_)) => format!("Only persistent_load of storage is allowed, but got {what}"),
                            _ => format!("persistent_load id must be tuple or int, but got {what}"),
                        }));
                    }
                    let o = persistent(&self.arena, &pid)?;
                    self.push_obj(o)?;
                }
                BINGET | LONG_BINGET => {
                    let i = if op == BINGET { self.u8()? as u32 } else { self.u32()? };
                    let v = self.memo.get(&i).cloned().ok_or_else(|| Error::new(ExcKind::KeyError, i.to_string()))?;
                    self.stack.push(v);
                }
                BINPUT | LONG_BINPUT => {
                    let i = if op == BINPUT { self.u8()? as u32 } else { self.u32()? };
                    let v = self.top()?.clone();
                    self.memo.insert(i, v);
                }
                LONG1 => {
                    let n = self.u8()? as usize;
                    let b = self.read(n)?;
                    self.stack.push(Py::Int(decode_long(b)?));
                }
                PROTO => {
                    self.u8()?;
                }
                STOP => return self.pop(),
                other => return Err(unpickling(format!("Unsupported operand {other}"))),
            }
            if self.stack.len() + self.metastack.len() > MAX_OBJECTS {
                return Err(unpickling("pickle stack too deep"));
            }
        }
    }

    fn tuple_items(&self, p: &Py) -> Option<Vec<Py>> {
        match self.obj(p) {
            Some(Obj::Tuple(v)) => Some(v.clone()),
            _ => None,
        }
    }

    fn ints(&self, p: &Py, what: &str) -> Result<Vec<i64>> {
        let items = match self.obj(p) {
            Some(Obj::Tuple(v) | Obj::List(v)) => v.clone(),
            Some(Obj::Size(s)) => s.iter().map(|&d| Py::Int(d as i64)).collect(),
            _ => return Err(unpickling(format!("{what} must be a tuple of ints"))),
        };
        items
            .iter()
            .map(|x| match x {
                Py::Int(i) => Ok(*i),
                _ => Err(unpickling(format!("{what} must be a tuple of ints"))),
            })
            .collect()
    }

    fn call(&mut self, f: &Py, args: &Py, op: &str) -> Result<Py> {
        let g = match self.obj(f) {
            Some(Obj::Global(g)) => *g,
            _ => {
                return Err(unpickling(if op == "NEWOBJ" {
                    format!("Can only create new object for nn.Parameter or classes allowlisted via `add_safe_globals` but got {}", self.type_of(f))
                } else {
                    format!("Trying to call reduce for unrecognized function {}", self.type_of(f))
                }))
            }
        };
        let a = self.tuple_items(args).ok_or_else(|| unpickling(format!("{op} arguments must be a tuple")))?;
        match g {
            Global::OrderedDict => {
                let mut entries = Vec::new();
                if let Some(src) = a.first() {
                    let pairs = match self.obj(src) {
                        Some(Obj::List(v) | Obj::Tuple(v)) => v.clone(),
                        Some(Obj::Dict(d) | Obj::OrderedDict(d)) => {
                            let d = d.clone();
                            return self.alloc(Obj::OrderedDict(d));
                        }
                        _ => return Err(unpickling("OrderedDict() argument must be a sequence of pairs")),
                    };
                    for p in pairs {
                        match self.tuple_items(&p).as_deref() {
                            Some([k, v]) => entries.push((k.clone(), v.clone())),
                            _ => return Err(unpickling("OrderedDict() argument must be a sequence of pairs")),
                        }
                    }
                }
                self.alloc(Obj::OrderedDict(entries))
            }
            Global::RebuildTensor | Global::RebuildTensorV2 => {
                if a.len() < 4 {
                    return Err(unpickling("_rebuild_tensor_v2 expects (storage, offset, size, stride, …)"));
                }
                let storage = match self.obj(&a[0]) {
                    Some(Obj::Storage(s)) => s.clone(),
                    _ => return Err(unpickling("_rebuild_tensor_v2: the first argument must be a storage")),
                };
                let offset = match a[1] {
                    Py::Int(i) if i >= 0 => i as usize,
                    _ => return Err(unpickling("_rebuild_tensor_v2: storage offset must be a non-negative int")),
                };
                let size = self.ints(&a[2], "size")?;
                let stride = self.ints(&a[3], "stride")?;
                let requires_grad = g == Global::RebuildTensorV2 && matches!(a.get(4), Some(Py::Bool(true)));
                let t = rebuild_tensor(storage, offset, &size, &stride)?;
                if requires_grad {
                    check_grad_dtype(&t)?;
                    t.autograd_mut().requires_grad = true;
                }
                self.alloc(Obj::Tensor(t))
            }
            Global::RebuildParameter | Global::RebuildParameterWithState | Global::Parameter => {
                let t = match a.first().and_then(|p| self.obj(p)) {
                    Some(Obj::Tensor(t)) => t.clone(),
                    _ => return Err(unpickling("_rebuild_parameter: the first argument must be a tensor")),
                };
                let rg = !matches!(a.get(1), Some(Py::Bool(false)));
                if rg {
                    check_grad_dtype(&t)?;
                }
                let mut m = t.autograd_mut();
                m.requires_grad = rg;
                m.is_parameter = true;
                drop(m);
                self.alloc(Obj::Tensor(t))
            }
            Global::RebuildFromTypeV2 => {
                // (func, new_type, args, state): plain tensors and Parameters only.
                if a.len() < 3 {
                    return Err(unpickling("_rebuild_from_type_v2 expects (func, type, args, state)"));
                }
                let ty = match self.obj(&a[1]) {
                    Some(Obj::Global(t)) => *t,
                    _ => return Err(unpickling("_rebuild_from_type_v2: unsupported type")),
                };
                let r = self.call(&a[0], &a[2], "REDUCE")?;
                if ty == Global::Parameter {
                    if let Some(Obj::Tensor(t)) = self.obj(&r) {
                        t.autograd_mut().is_parameter = true;
                    }
                } else if ty != Global::TorchTensor {
                    return Err(Error::not_impl("loading tensor subclasses"));
                }
                Ok(r)
            }
            Global::Size => {
                let dims = match a.first() {
                    Some(p) => self.ints(p, "torch.Size")?,
                    None => Vec::new(),
                };
                if dims.iter().any(|&d| d < 0) {
                    return Err(unpickling("torch.Size dimensions must be non-negative"));
                }
                self.alloc(Obj::Size(dims.into_iter().map(|d| d as usize).collect()))
            }
            Global::Device => {
                let d = match a.as_slice() {
                    [Py::Str(s)] => device_from_str(s)?,
                    [Py::Str(s), Py::Int(i)] if &**s == "cuda" && *i >= 0 => Device::Cuda(*i as usize),
                    [Py::Str(s), Py::Int(_)] => device_from_str(s)?,
                    _ => return Err(unpickling("torch.device expects a string")),
                };
                self.alloc(Obj::Device(d))
            }
            Global::StorageType(_) | Global::TorchTensor => Err(Error::not_impl("loading legacy tensor or storage objects")),
        }
    }
}

/// `cpu`, `cuda`, `cuda:N` (the locations checkpoints name).
pub fn device_from_str(s: &str) -> Result<Device> {
    match s.split_once(':') {
        None if s == "cpu" => Ok(Device::Cpu),
        None if s == "cuda" => Ok(Device::Cuda(0)),
        Some(("cuda", i)) => i.parse().map(Device::Cuda).map_err(|_| Error::runtime(format!("Invalid device string: '{s}'"))),
        _ => Err(Error::not_impl(format!("device {} is not supported by tsr", crate::format::pyfmt::str_repr(s)))),
    }
}

fn check_grad_dtype(t: &Tensor) -> Result<()> {
    if !(t.dtype().is_floating_point() || t.dtype().is_complex()) {
        return Err(Error::runtime("Only Tensors of floating point and complex dtype can require gradients"));
    }
    Ok(())
}

/// A tensor view over `storage`, with PyTorch's bounds check.
pub fn rebuild_tensor(storage: Rc<Storage>, offset: usize, size: &[i64], stride: &[i64]) -> Result<Tensor> {
    if size.len() != stride.len() {
        return Err(Error::runtime(format!(
            "mismatch in length of strides and shape: {} vs {}",
            stride.len(),
            size.len()
        )));
    }
    if size.iter().chain(stride).any(|&d| d < 0) {
        return Err(Error::runtime("setStorage: sizes and strides must be non-negative"));
    }
    let shape: Vec<usize> = size.iter().map(|&d| d as usize).collect();
    let strides: Vec<usize> = stride.iter().map(|&d| d as usize).collect();
    let numel = crate::tensor::layout::numel(&shape)?;
    let need = if numel == 0 {
        0
    } else {
        shape
            .iter()
            .zip(&strides)
            .try_fold(offset, |acc, (&d, &s)| (d - 1).checked_mul(s).and_then(|x| acc.checked_add(x)))
            .and_then(|x| x.checked_add(1))
            .ok_or_else(|| Error::runtime("setStorage: storage size calculation overflowed"))?
    };
    let itemsize = storage.dtype().itemsize();
    if need > storage.len() {
        return Err(Error::runtime(format!(
            "setStorage: sizes {}, strides {}, storage offset {offset}, and itemsize {itemsize} requiring a storage size of {} are out of bounds for storage of size {}",
            crate::tensor::layout::fmt_shape(&shape),
            crate::tensor::layout::fmt_shape(&strides),
            need * itemsize,
            storage.len() * itemsize
        )));
    }
    let mut layout = Layout::contiguous(&shape);
    layout.strides = strides.into_iter().collect();
    layout.offset = offset;
    Ok(Tensor::from_view(storage, layout))
}

fn unsupported_global(full: &str) -> Error {
    unpickling(format!(
        "Unsupported global: GLOBAL {full} was not an allowed global by default. Please use `torch.serialization.add_safe_globals([{full}])` or the `torch.serialization.safe_globals([{full}])` context manager to allowlist this global if you trust this class/function."
    ))
}

/// Python's `decode_long`: little-endian two's complement; tsr ints are 64-bit.
fn decode_long(b: &[u8]) -> Result<i64> {
    if b.is_empty() {
        return Ok(0);
    }
    let neg = b[b.len() - 1] & 0x80 != 0;
    let fill = if neg { 0xff } else { 0 };
    if b.len() > 8 && b[8..].iter().any(|&x| x != fill) {
        return Err(Error::new(ExcKind::OverflowError, "Python int too large to convert to C long"));
    }
    let mut a = [fill; 8];
    let n = b.len().min(8);
    a[..n].copy_from_slice(&b[..n]);
    let v = i64::from_le_bytes(a);
    if (v < 0) != neg {
        return Err(Error::new(ExcKind::OverflowError, "Python int too large to convert to C long"));
    }
    Ok(v)
}

/// Runs the restricted unpickler over `data`.
pub fn unpickle(data: &[u8], persistent: &mut PersistentLoad<'_>) -> Result<Loaded> {
    let mut u = Unpickler {
        data,
        pos: 0,
        stack: Vec::new(),
        metastack: Vec::new(),
        memo: Default::default(),
        arena: Vec::new(),
    };
    let root = u.run(persistent)?;
    Ok(Loaded { arena: u.arena, root })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_persistent() -> impl FnMut(&[Obj], &Py) -> Result<Obj> {
        |_, _| Err(unpickling("unsupported persistent id encountered"))
    }

    #[test]
    fn scalars_and_containers_round_trip() {
        let mut p = Pickler::new();
        p.empty_dict();
        p.mark();
        p.str("a");
        p.int(-5);
        p.str("b");
        p.int(1 << 40);
        p.str("c");
        p.float(1.5);
        p.str("d");
        p.mark();
        p.none();
        p.bool(true);
        p.int(300);
        p.tuple();
        p.setitems();
        let bytes = p.finish();
        let l = unpickle(&bytes, &mut no_persistent()).unwrap();
        let Py::Ref(i) = l.root else { panic!("root is a dict") };
        let Obj::Dict(d) = &l.arena[i] else { panic!("dict") };
        assert_eq!(d.len(), 4);
        assert!(matches!(d[0].1, Py::Int(-5)));
        assert!(matches!(d[1].1, Py::Int(x) if x == 1 << 40));
        assert!(matches!(d[2].1, Py::Float(x) if x == 1.5));
    }

    #[test]
    fn long_encoding() {
        for v in [i64::MIN, -129, -128, 1 << 31, 1 << 40, i64::MAX] {
            let mut p = Pickler::new();
            p.int(v);
            let l = unpickle(&p.finish(), &mut no_persistent()).unwrap();
            assert!(matches!(l.root, Py::Int(x) if x == v), "{v}");
        }
        assert!(decode_long(&[0; 9]).is_ok());
        assert_eq!(decode_long(&[1, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap_err().kind, ExcKind::OverflowError);
    }

    #[test]
    fn hostile_pickles_are_refused() {
        let cases: Vec<(&[u8], &str)> = vec![
            (b"\x80\x02cos\nsystem\n(S'ls'\ntR.", "Trying to load unsupported GLOBAL os.system whose module os is blocked."),
            (b"\x80\x02cbuiltins\neval\n.", "Unsupported global: GLOBAL eval was not an allowed global"),
            (b"\x80\x02cfoo\nbar\n.", "Unsupported global: GLOBAL foo.bar was not an allowed global"),
            (b"\x80\x02K\x01K\x02a.", "Can only append to lists, but got <class 'int'>"),
            (b"\x80\x02\x8c\x01a.", "Unsupported operand 140"),
            (b"\x80\x02X\x01\x00\x00\x00aQ.", "persistent_load id must be tuple or int"),
            (b"\x80\x02e.", "could not find MARK"),
            (b"\x80\x02.", "unpickling stack underflow"),
        ];
        for (bytes, msg) in cases {
            let e = match unpickle(bytes, &mut no_persistent()) {
                Ok(_) => panic!("{bytes:?} loaded"),
                Err(e) => e,
            };
            assert_eq!(e.kind, ExcKind::UnpicklingError, "{bytes:?}: {e}");
            assert!(e.msg.contains(msg), "{bytes:?}: {}", e.msg);
        }
        // Truncated input and missing memo entries.
        assert_eq!(unpickle(b"\x80\x02X\xff\x00\x00\x00ab", &mut no_persistent()).err().unwrap().kind, ExcKind::EOFError);
        assert_eq!(unpickle(b"\x80\x02h\x07.", &mut no_persistent()).err().unwrap().kind, ExcKind::KeyError);
        assert_eq!(unpickle(b"", &mut no_persistent()).err().unwrap().kind, ExcKind::EOFError);
    }

    #[test]
    fn self_referencing_list_is_built() {
        // l = []; l.append(l)
        let bytes = b"\x80\x02]q\x00h\x00a.";
        let l = unpickle(bytes, &mut no_persistent()).unwrap();
        let Py::Ref(i) = l.root else { panic!("list") };
        let Obj::List(v) = &l.arena[i] else { panic!("list") };
        assert!(matches!(v[0], Py::Ref(j) if j == i));
    }

    #[test]
    fn rebuild_checks_bounds() {
        let s = Rc::new(Storage::new(crate::tensor::Buffer::zeros(DType::F32, 4)));
        assert!(rebuild_tensor(s.clone(), 0, &[2, 2], &[2, 1]).is_ok());
        let e = rebuild_tensor(s.clone(), 1, &[2, 2], &[2, 1]).unwrap_err();
        assert!(e.msg.contains("out of bounds for storage of size 16"), "{}", e.msg);
        assert!(rebuild_tensor(s.clone(), 0, &[i64::MAX, 2], &[i64::MAX, 1]).is_err());
        assert!(rebuild_tensor(s, 0, &[0, 5], &[5, 1]).is_ok());
    }
}
