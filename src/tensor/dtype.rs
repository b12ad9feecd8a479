//! Element types: the `DType` tag, the `Element` trait every storage type implements,
//! PyTorch's type promotion, and the `dispatch!` macro that turns a runtime dtype into a
//! monomorphised call (one `match` per op, never per element).

use half::{bf16, f16};
use num_complex::{Complex32, Complex64};

use crate::error::{Error, Result};

/// The element of `complex64` (two float32).
pub type C64 = Complex32;
/// The element of `complex128` (two float64), and Python's `complex`.
pub type C128 = Complex64;

/// A tensor's element type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    U8,
    I8,
    I16,
    I32,
    I64,
    F16,
    BF16,
    F32,
    F64,
    C64,
    C128,
}

/// Promotion category: bool < integral < floating < complex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Bool,
    Integral,
    Floating,
    Complex,
}

impl DType {
    pub const ALL: [DType; 12] = [
        DType::Bool, DType::U8, DType::I8, DType::I16, DType::I32, DType::I64,
        DType::F16, DType::BF16, DType::F32, DType::F64, DType::C64, DType::C128,
    ];

    /// PyTorch's name without the `torch.` prefix (`float32`).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::U8 => "uint8",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F16 => "float16",
            DType::BF16 => "bfloat16",
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::C64 => "complex64",
            DType::C128 => "complex128",
        }
    }

    /// Parses `float32`, `float`, `half`, `long`, … (the attribute names of `torch`).
    /// Every name `from_name` accepts (`torch.NAME`).
    pub const NAMES: &'static [&'static str] = &[
        "bool", "uint8", "int8", "int16", "short", "int32", "int", "int64", "long", "float16", "half",
        "bfloat16", "float32", "float", "float64", "double", "complex64", "cfloat", "complex128", "cdouble",
    ];

    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" => DType::Bool,
            "uint8" => DType::U8,
            "int8" => DType::I8,
            "int16" | "short" => DType::I16,
            "int32" | "int" => DType::I32,
            "int64" | "long" => DType::I64,
            "float16" | "half" => DType::F16,
            "bfloat16" => DType::BF16,
            "float32" | "float" => DType::F32,
            "float64" | "double" => DType::F64,
            "complex64" | "cfloat" => DType::C64,
            "complex128" | "cdouble" => DType::C128,
            _ => return None,
        })
    }

    pub fn category(self) -> Category {
        match self {
            DType::Bool => Category::Bool,
            DType::U8 | DType::I8 | DType::I16 | DType::I32 | DType::I64 => Category::Integral,
            DType::F16 | DType::BF16 | DType::F32 | DType::F64 => Category::Floating,
            DType::C64 | DType::C128 => Category::Complex,
        }
    }

    pub fn is_floating_point(self) -> bool {
        self.category() == Category::Floating
    }
    pub fn is_complex(self) -> bool {
        self.category() == Category::Complex
    }
    /// Integral, bool excluded (PyTorch's `isIntegralType(t, includeBool=false)`).
    pub fn is_integral(self) -> bool {
        self.category() == Category::Integral
    }
    pub fn is_signed(self) -> bool {
        !matches!(self, DType::Bool | DType::U8)
    }

    /// Bytes per element (`element_size()`).
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::U8 | DType::I8 => 1,
            DType::I16 | DType::F16 | DType::BF16 => 2,
            DType::I32 | DType::F32 => 4,
            DType::I64 | DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
        }
    }

    /// The real type of a complex dtype (`x.real.dtype`); other dtypes map to themselves.
    pub fn to_real(self) -> DType {
        match self {
            DType::C64 => DType::F32,
            DType::C128 => DType::F64,
            d => d,
        }
    }

    /// The complex type with this float type's precision (`float64` → `complex128`;
    /// float16/bfloat16/float32 → `complex64`); complex types map to themselves.
    pub fn to_complex(self) -> DType {
        match self {
            DType::F64 | DType::C128 => DType::C128,
            _ => DType::C64,
        }
    }

    /// The dtype that floating-only ops (sqrt, mean, true division) compute in.
    pub fn to_float(self, default: DType) -> DType {
        match self.category() {
            Category::Floating | Category::Complex => self,
            _ => default,
        }
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "torch.{}", self.name())
    }
}

/// `torch.promote_types(a, b)`.
pub fn promote_types(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    let (ca, cb) = (a.category(), b.category());
    if ca != cb {
        // The higher category wins; complex keeps a float64 operand's precision
        // (complex64 with float64 gives complex128).
        let (hi, lo) = if ca > cb { (a, b) } else { (b, a) };
        if hi == C64 && lo == F64 {
            return C128;
        }
        return hi;
    }
    match ca {
        Category::Bool => Bool,
        Category::Complex => if a == C128 || b == C128 { C128 } else { C64 },
        Category::Floating => match (a, b) {
            (F16, BF16) | (BF16, F16) => F32,
            _ => {
                let rank = |d: DType| match d {
                    F16 | BF16 => 0,
                    F32 => 1,
                    _ => 2,
                };
                if rank(a) >= rank(b) { a } else { b }
            }
        },
        Category::Integral => {
            // uint8 mixes with signed types by widening to the next signed width.
            let bits = |d: DType| match d {
                U8 | I8 => 8,
                I16 => 16,
                I32 => 32,
                _ => 64,
            };
            match (a, b) {
                (U8, I8) | (I8, U8) => I16,
                _ => {
                    if bits(a) >= bits(b) { a } else { b }
                }
            }
        }
    }
}

/// How strongly an operand's dtype counts in `result_type`: tensors with dimensions
/// beat zero-dim tensors, which beat Python numbers ("wrapped numbers").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Wrapped,
    ZeroDim,
    Dim,
}

/// Accumulates operands the way PyTorch's `ResultTypeState` does.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResultType {
    dim: Option<DType>,
    zero: Option<DType>,
    wrapped: Option<DType>,
}

impl ResultType {
    /// Adds an operand. For a wrapped Python float pass `DType::F64`: it is replaced by the
    /// default dtype here, as PyTorch does.
    pub fn add(&mut self, dtype: DType, prio: Priority, default_float: DType) -> &mut Self {
        let slot = match prio {
            Priority::Dim => &mut self.dim,
            Priority::ZeroDim => &mut self.zero,
            Priority::Wrapped => &mut self.wrapped,
        };
        let d = match prio {
            Priority::Wrapped if dtype.is_floating_point() => default_float,
            // A Python complex is the default complex dtype.
            Priority::Wrapped if dtype.is_complex() => default_float.to_complex(),
            _ => dtype,
        };
        *slot = Some(match *slot {
            None => d,
            Some(cur) => promote_types(cur, d),
        });
        self
    }

    pub fn result(&self) -> DType {
        let lower = combine(self.zero, self.wrapped);
        combine(self.dim, lower).unwrap_or(DType::F32)
    }
}

fn combine(higher: Option<DType>, lower: Option<DType>) -> Option<DType> {
    let (h, l) = match (higher, lower) {
        (None, l) => return l,
        (h, None) => return h,
        (Some(h), Some(l)) => (h, l),
    };
    Some(if h.is_complex() {
        h
    } else if l.is_complex() {
        // A complex operand of lower priority keeps the higher one's float precision.
        if h.is_floating_point() { h.to_complex() } else { l }
    } else if h.is_floating_point() {
        h
    } else if h == DType::Bool || l.is_floating_point() {
        promote_types(h, l)
    } else {
        h
    })
}

/// A Python number or a single tensor element, dtype-erased.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Complex(C128),
}

impl Scalar {
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        }
    }
    pub fn to_i64(self) -> i64 {
        match self {
            Scalar::Bool(b) => b as i64,
            Scalar::Int(i) => i,
            Scalar::Float(f) => f as i64,
            Scalar::Complex(c) => c.re as i64,
        }
    }
    pub fn to_c128(self) -> C128 {
        match self {
            Scalar::Complex(c) => c,
            other => C128::new(other.to_f64(), 0.0),
        }
    }
    pub fn to_bool(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        }
    }
    /// The dtype a Python number of this kind has as a wrapped number (before the
    /// default-dtype substitution for floats).
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::I64,
            Scalar::Float(_) => DType::F64,
            Scalar::Complex(_) => DType::C128,
        }
    }
}

/// A storage element type. Conversions follow C++ casts as PyTorch uses them:
/// float → int truncates toward zero, int → narrower int wraps.
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + Default + 'static {
    const DTYPE: DType;
    fn to_f64(self) -> f64;
    fn to_i64(self) -> i64;
    fn to_c128(self) -> C128 {
        C128::new(self.to_f64(), 0.0)
    }
    fn to_bool(self) -> bool;
    fn from_f64(v: f64) -> Self;
    fn from_i64(v: i64) -> Self;
    fn from_bool(v: bool) -> Self;
    fn from_c128(v: C128) -> Self {
        Self::from_f64(v.re)
    }
    fn to_scalar(self) -> Scalar;
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => Self::from_bool(b),
            Scalar::Int(i) => Self::from_i64(i),
            Scalar::Float(f) => Self::from_f64(f),
            Scalar::Complex(c) => Self::from_c128(c),
        }
    }
    /// Converts to another element type with PyTorch's cast rules.
    #[inline]
    fn cast<U: Element>(self) -> U {
        match Self::DTYPE.category() {
            Category::Bool => U::from_bool(self.to_bool()),
            Category::Integral => U::from_i64(self.to_i64()),
            Category::Floating => U::from_f64(self.to_f64()),
            Category::Complex => U::from_c128(self.to_c128()),
        }
    }
}

macro_rules! impl_int_element {
    ($($t:ty => $d:ident),*) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            #[inline] fn to_f64(self) -> f64 { self as f64 }
            #[inline] fn to_i64(self) -> i64 { self as i64 }
            #[inline] fn to_bool(self) -> bool { self != 0 }
            #[inline] fn from_f64(v: f64) -> Self {
                // Truncate toward zero; out-of-range values wrap through i64 as C++ does on x86.
                if v.is_nan() { 0 as $t } else { (v as i64) as $t }
            }
            #[inline] fn from_i64(v: i64) -> Self { v as $t }
            #[inline] fn from_bool(v: bool) -> Self { v as $t }
            #[inline] fn to_scalar(self) -> Scalar { Scalar::Int(self as i64) }
        }
    )*};
}
impl_int_element!(u8 => U8, i8 => I8, i16 => I16, i32 => I32, i64 => I64);

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    #[inline]
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    #[inline]
    fn to_i64(self) -> i64 {
        self as i64
    }
    #[inline]
    fn to_bool(self) -> bool {
        self
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    #[inline]
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    #[inline]
    fn from_bool(v: bool) -> Self {
        v
    }
    #[inline]
    fn from_c128(v: C128) -> Self {
        v.re != 0.0 || v.im != 0.0
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
}

macro_rules! impl_float_element {
    ($($t:ty => $d:ident, $to:expr, $from:expr);*) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            #[inline] fn to_f64(self) -> f64 { ($to)(self) }
            #[inline] fn to_i64(self) -> i64 { ($to)(self) as i64 }
            #[inline] fn to_bool(self) -> bool { ($to)(self) != 0.0 }
            #[inline] fn from_f64(v: f64) -> Self { ($from)(v) }
            #[inline] fn from_i64(v: i64) -> Self { ($from)(v as f64) }
            #[inline] fn from_bool(v: bool) -> Self { ($from)(v as u8 as f64) }
            #[inline] fn to_scalar(self) -> Scalar { Scalar::Float(($to)(self)) }
        }
    )*};
}
impl_float_element!(
    f32 => F32, |x: f32| x as f64, |v: f64| v as f32;
    f64 => F64, |x: f64| x, |v: f64| v;
    f16 => F16, |x: f16| x.to_f64(), f16::from_f64;
    bf16 => BF16, |x: bf16| x.to_f64(), bf16::from_f64
);

macro_rules! impl_complex_element {
    ($($t:ty => $d:ident, $r:ty);*) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            #[inline] fn to_f64(self) -> f64 { self.re as f64 }
            #[inline] fn to_i64(self) -> i64 { self.re as i64 }
            #[inline] fn to_c128(self) -> C128 { C128::new(self.re as f64, self.im as f64) }
            #[inline] fn to_bool(self) -> bool { self.re != 0.0 || self.im != 0.0 }
            #[inline] fn from_f64(v: f64) -> Self { <$t>::new(v as $r, 0.0) }
            #[inline] fn from_i64(v: i64) -> Self { <$t>::new(v as $r, 0.0) }
            #[inline] fn from_bool(v: bool) -> Self { <$t>::new(v as u8 as $r, 0.0) }
            #[inline] fn from_c128(v: C128) -> Self { <$t>::new(v.re as $r, v.im as $r) }
            #[inline] fn to_scalar(self) -> Scalar { Scalar::Complex(self.to_c128()) }
        }
    )*};
}
impl_complex_element!(C64 => C64, f32; C128 => C128, f64);

/// `dispatch!(dtype, T => expr)` evaluates `expr` with the type alias `T` bound to the
/// Rust element type of `dtype`. Variants: `dispatch!(float: dtype, T => expr)` for the
/// floating types only (others produce a `TypeError`-free `NotImplementedError` via the
/// `else` arm you give: `dispatch!(float: d, T => e, else => other)`).
#[macro_export]
macro_rules! dispatch {
    ($dt:expr, $T:ident => $body:expr) => {{
        use $crate::tensor::dtype::DType as __D;
        match $dt {
            __D::Bool => { type $T = bool; $body }
            __D::U8 => { type $T = u8; $body }
            __D::I8 => { type $T = i8; $body }
            __D::I16 => { type $T = i16; $body }
            __D::I32 => { type $T = i32; $body }
            __D::I64 => { type $T = i64; $body }
            __D::F16 => { type $T = half::f16; $body }
            __D::BF16 => { type $T = half::bf16; $body }
            __D::F32 => { type $T = f32; $body }
            __D::F64 => { type $T = f64; $body }
            __D::C64 => { type $T = num_complex::Complex32; $body }
            __D::C128 => { type $T = num_complex::Complex64; $body }
        }
    }};
    (real: $dt:expr, $T:ident => $body:expr, else => $other:expr) => {{
        use $crate::tensor::dtype::DType as __D;
        match $dt {
            __D::Bool => { type $T = bool; $body }
            __D::U8 => { type $T = u8; $body }
            __D::I8 => { type $T = i8; $body }
            __D::I16 => { type $T = i16; $body }
            __D::I32 => { type $T = i32; $body }
            __D::I64 => { type $T = i64; $body }
            __D::F16 => { type $T = half::f16; $body }
            __D::BF16 => { type $T = half::bf16; $body }
            __D::F32 => { type $T = f32; $body }
            __D::F64 => { type $T = f64; $body }
            __D::C64 | __D::C128 => $other,
        }
    }};
    (float: $dt:expr, $T:ident => $body:expr, else => $other:expr) => {{
        use $crate::tensor::dtype::DType as __D;
        match $dt {
            __D::F16 => { type $T = half::f16; $body }
            __D::BF16 => { type $T = half::bf16; $body }
            __D::F32 => { type $T = f32; $body }
            __D::F64 => { type $T = f64; $body }
            _ => $other,
        }
    }};
}

/// `dispatch_complex!(dtype, R => expr)` evaluates `expr` with `R` bound to the real part's
/// type of a complex dtype (`f32` for complex64, `f64` for complex128), so kernels are
/// written once over `num_complex::Complex<R>`; other dtypes take the `else` arm.
#[macro_export]
macro_rules! dispatch_complex {
    ($dt:expr, $R:ident => $body:expr, else => $other:expr) => {{
        use $crate::tensor::dtype::DType as __D;
        match $dt {
            __D::C64 => { type $R = f32; $body }
            __D::C128 => { type $R = f64; $body }
            _ => $other,
        }
    }};
}

/// Error for an op that has no kernel for a dtype, in PyTorch's words
/// (`"addmm_impl_cpu_" not implemented for 'Int'`).
pub fn not_implemented_for(op: &str, dtype: DType) -> Error {
    Error::new(crate::error::ExcKind::NotImplementedError, format!("\"{op}\" not implemented for '{}'", scalar_type_name(dtype)))
}

/// PyTorch's C++ ScalarType name (`Float`, `Long`, `ComplexFloat`), used in many messages.
pub fn scalar_type_name(dtype: DType) -> &'static str {
    match dtype {
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

/// C++ type names as `caffe2::TypeMeta` prints them in PyTorch messages ("from is out of
/// bounds for float", masked_fill_ and matmul dtype errors).
pub fn type_meta_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "bool",
        DType::U8 => "unsigned char",
        DType::I8 => "signed char",
        DType::I16 => "short int",
        DType::I32 => "int",
        DType::I64 => "long int",
        DType::F16 => "c10::Half",
        DType::BF16 => "c10::BFloat16",
        DType::F32 => "float",
        DType::F64 => "double",
        DType::C64 => "c10::complex<float>",
        DType::C128 => "c10::complex<double>",
    }
}

pub fn check<T>(cond: bool, f: impl FnOnce() -> Error, ok: T) -> Result<T> {
    if cond { Ok(ok) } else { Err(f()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn promote_table() {
        assert_eq!(promote_types(U8, I8), I16);
        assert_eq!(promote_types(I32, F16), F16);
        assert_eq!(promote_types(F16, BF16), F32);
        assert_eq!(promote_types(Bool, I32), I32);
        assert_eq!(promote_types(I64, F32), F32);
        assert_eq!(promote_types(F64, F32), F64);
    }

    #[test]
    fn wrapped_numbers_do_not_upcast() {
        let mut r = ResultType::default();
        r.add(I32, Priority::Dim, F32).add(I64, Priority::Wrapped, F32);
        assert_eq!(r.result(), I32);
        let mut r = ResultType::default();
        r.add(I64, Priority::Dim, F32).add(F64, Priority::Wrapped, F32);
        assert_eq!(r.result(), F32);
        let mut r = ResultType::default();
        r.add(F16, Priority::Dim, F32).add(F64, Priority::ZeroDim, F32);
        assert_eq!(r.result(), F16);
        let mut r = ResultType::default();
        r.add(I32, Priority::Dim, F32).add(F64, Priority::ZeroDim, F32);
        assert_eq!(r.result(), F64);
        let mut r = ResultType::default();
        r.add(Bool, Priority::Dim, F32).add(I64, Priority::Wrapped, F32);
        assert_eq!(r.result(), I64);
    }

    #[test]
    fn casts_truncate() {
        assert_eq!((-2.7f32).cast::<i64>(), -2);
        assert_eq!((300i64).cast::<u8>(), 44);
        assert_eq!((-1i64).cast::<u8>(), 255);
        assert!((2i32).cast::<bool>());
    }
}
