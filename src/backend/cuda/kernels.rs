//! The CUDA kernels' source (`kernels.cu`, compiled by NVRTC at run time) and the contract
//! between it and the host code in `ops`: the entry-point names, their arguments, and the
//! layout structs passed by value.
//!
//! # ABI
//! Dtype suffixes and C types: `f32` float, `f64` double, `f16` and `bf16` (16-bit structs;
//! NVRTC ships no cuda_fp16.h, so kernels.cu converts them itself), `i64` long long, `i32` int, `i16` short, `i8` signed char, `u8` unsigned
//! char, `b8` bool (1 byte, 0 or 1). Pointers are 64-bit device addresses.
//!
//! `Idx { shape[8], nd }` is the logical shape iterated row-major; `St { stride[8], off }`
//! is one operand: element strides for each dim of `Idx` (0 where broadcast) and its element
//! offset. Element `i` of an operand is at `off + sum_d coord_d(i) * stride[d]`, or at
//! `off + i` when the kernel's `contig` argument is non-zero (the host guarantees every
//! operand is then dense with the iterated shape). Element-wise kernels loop grid-stride, so
//! any `n` works with a capped grid.
//!
//! - `binary_{op}_{dt}(n, Idx, contig, T* out, St, const T* a, St, const T* b, St)`; the
//!   logical ops write `bool* out`. Half types compute in float and round once.
//! - `compare_{op}_{dt}(…, bool* out, …)`, `unary_{op}_{dt}(n, Idx, contig, T* out, St,
//!   const T* a, St)`, `predicate_{op}_{dt}(…, bool* out, …)`, `clamp_{dt}(…, double lo,
//!   double hi, int has_lo, int has_hi)`, `cast_{src}_{dst}`, `where_{dt}(…, const bool* c,
//!   St, const T* a, St, const T* b, St)`, `fill_{dt}(n, T* out, double v, long long iv)`
//!   (integers and bool take `iv`), `arange_{dt}(n, T* out, double start, double step)`.
//! - Reductions over `inner` consecutive logical elements (the reduced dims last in `Idx`)
//!   for each of `outer` outputs, one block of 256 threads per output:
//!   `reduce_{sum,prod,mean}_{dt}(outer, inner, Idx, const T* a, St, O* out)` with `O` the
//!   input type for floats and int64 otherwise (accumulating in float / double / int64);
//!   `reduce_{max,min}_{dt}(…, T* vals, long long* idx)` (either may be null; first index
//!   of the extreme, NaN is the extreme); `reduce_{any,all}_{dt}(…, bool* out)`;
//!   `reduce_var_{dt}(…, T* out, double correction)`.
//! - `softmax_{dt}` / `log_softmax_{dt}(outer, inner, const T* a, T* out)` over the last
//!   dim of a dense `[outer, inner]`.
//! - Indexing with int64 indices (a negative index wraps once; out of range sets `*err`):
//!   `gather_{dt}(n, Idx of index, T* out, const T* src, St, const long long* index, St, int
//!   dim, long long dim_size, int* err)`, `index_select_{dt}(n, Idx of out, T* out, const T*
//!   src, St, const long long* index, int dim, long long dim_size, int* err)`,
//!   `scatter_{dt}(n, Idx of index, T* self, St, const long long* index, St, const T* src,
//!   St, int dim, long long dim_size, int mode /* 1: add */, int* err)`.
//! - Random fills (Philox4x32-10 keyed by the seed; element `i` of a fill at offset `off`
//!   uses counter `off / 4 + i / 4`, lane `i % 4`; normal uses counter `off / 4 + i / 2`,
//!   lanes `2 (i % 2)` and `+1` for Box–Muller): `rand_uniform_{dt}(n, T* out, u64 seed, u64
//!   off, double lo, double hi)`, `rand_normal_{dt}(…, double mean, double std)`,
//!   `rand_int_{dt}(…, long long lo, long long range)`, `bernoulli_{dt}(…, double p)`.

pub const SOURCE: &str = include_str!("kernels.cu");

/// `Idx` of kernels.cu: the iterated shape.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Idx {
    pub shape: [i64; 8],
    pub nd: i32,
}

/// `St` of kernels.cu: one operand's strides and offset.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct St {
    pub stride: [i64; 8],
    pub off: i64,
}

pub const FLOATS: &[&str] = &["f32", "f64", "f16", "bf16"];
pub const INTS: &[&str] = &["i64", "i32", "i16", "i8", "u8"];
pub const ALL: &[&str] = &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8", "b8"];

/// Families instantiated per (name, dtypes): the kernel is `{prefix}_{name}_{dt}`, or
/// `{prefix}_{dt}` where the name is empty.
pub const TABLE: &[(&str, &str, &[&str])] = &[
    ("binary", "add", ALL),
    ("binary", "mul", ALL),
    ("binary", "maximum", ALL),
    ("binary", "minimum", ALL),
    ("binary", "sub", &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8"]),
    ("binary", "div", FLOATS),
    ("binary", "pow", FLOATS),
    ("binary", "atan2", FLOATS),
    ("binary", "fmod", &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8"]),
    ("binary", "remainder", &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8"]),
    ("binary", "floor_divide", &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8"]),
    ("binary", "bitwise_and", &["i64", "i32", "i16", "i8", "u8", "b8"]),
    ("binary", "bitwise_or", &["i64", "i32", "i16", "i8", "u8", "b8"]),
    ("binary", "bitwise_xor", &["i64", "i32", "i16", "i8", "u8", "b8"]),
    ("binary", "logical_and", ALL),
    ("binary", "logical_or", ALL),
    ("binary", "logical_xor", ALL),
    ("compare", "eq", ALL),
    ("compare", "ne", ALL),
    ("compare", "lt", ALL),
    ("compare", "le", ALL),
    ("compare", "gt", ALL),
    ("compare", "ge", ALL),
    ("predicate", "isnan", FLOATS),
    ("predicate", "isinf", FLOATS),
    ("predicate", "isfinite", FLOATS),
    ("clamp", "", &["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8"]),
    ("where", "", ALL),
    ("fill", "", ALL),
    ("arange", "", &["f32", "f64", "f16", "bf16", "i64", "i32"]),
    ("reduce", "sum", ALL),
    ("reduce", "prod", ALL),
    ("reduce", "mean", FLOATS),
    ("reduce", "max", ALL),
    ("reduce", "min", ALL),
    ("reduce", "any", ALL),
    ("reduce", "all", ALL),
    ("reduce", "var", FLOATS),
    ("softmax", "", FLOATS),
    ("log_softmax", "", FLOATS),
    ("gather", "", ALL),
    ("index_select", "", ALL),
    ("scatter", "", &["f32", "f64", "i64", "i32"]),
    ("rand_uniform", "", FLOATS),
    ("rand_normal", "", FLOATS),
    ("rand_int", "", &["i64", "i32", "i16", "i8", "u8", "f32", "f64"]),
    ("bernoulli", "", FLOATS),
];

/// Unary ops on float dtypes, on integer dtypes, and on bool (`unary_{op}_{dt}`).
pub const UNARY_FLOAT: &[&str] = &[
    "neg", "abs", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "gelu",
    "gelu_tanh", "silu", "softplus", "log1p", "expm1", "log2", "log10", "exp2", "sinh", "cosh", "asin",
    "acos", "atan", "erf", "erfc", "floor", "ceil", "round", "trunc", "sign", "reciprocal", "square",
    "frac", "logsigmoid",
];
pub const UNARY_INT: &[&str] = &["neg", "abs", "sign", "square", "bitwise_not", "relu"];
pub const UNARY_BOOL: &[&str] = &["logical_not", "bitwise_not"];

/// Every entry point kernels.cu defines (the host asks only for these).
pub fn entry_points() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v = Vec::new();
        for (prefix, name, dts) in TABLE {
            for dt in *dts {
                v.push(if name.is_empty() { format!("{prefix}_{dt}") } else { format!("{prefix}_{name}_{dt}") });
            }
        }
        for (ops, dts) in [(UNARY_FLOAT, FLOATS), (UNARY_INT, INTS), (UNARY_BOOL, &["b8"][..])] {
            for op in ops {
                for dt in dts {
                    v.push(format!("unary_{op}_{dt}"));
                }
            }
        }
        for s in ALL {
            for d in ALL {
                v.push(format!("cast_{s}_{d}"));
            }
        }
        v
    })
}

/// The NVRTC option that keeps only kernel `name` in a compile of `SOURCE`.
pub fn want_option(name: &str) -> String {
    format!("-DWANT_{name}=~,1")
}

/// True when kernels.cu defines `name`.
pub fn has(name: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| entry_points().iter().map(|s| s.as_str()).collect()).contains(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(arch: &'static str, want: &str) -> String {
        let opts = cudarc::nvrtc::CompileOptions { arch: Some(arch), options: vec!["--std=c++17".into(), want.to_string()], ..Default::default() };
        match cudarc::nvrtc::compile_ptx_with_opts(SOURCE, opts) {
            Ok(p) => p.to_src(),
            Err(cudarc::nvrtc::CompileError::CompileError { log, .. }) => panic!("NVRTC ({arch}):\n{}", log.to_string_lossy()),
            Err(e) => panic!("NVRTC ({arch}): {e:?}"),
        }
    }

    fn entries(ptx: &str) -> std::collections::HashSet<&str> {
        ptx.lines()
            .filter_map(|l| l.trim_start().strip_prefix(".visible .entry "))
            .map(|l| l.split('(').next().unwrap_or("").trim())
            .collect()
    }

    fn nvrtc_present() -> bool {
        // SAFETY: probing for the library only runs its initialisers.
        let ok = unsafe { cudarc::nvrtc::sys::is_culib_present() };
        if !ok {
            eprintln!("skipped: NVRTC library not found (install the nvidia-cuda-nvrtc wheel and put its lib/ on LD_LIBRARY_PATH)");
        }
        ok
    }

    /// The whole source compiles to PTX with exactly the entry points the host expects.
    /// Needs only the NVRTC library (no GPU): `.ci/run` installs the nvidia-cuda-nvrtc
    /// wheel and puts it on LD_LIBRARY_PATH; without it the test says so.
    #[test]
    fn kernels_compile_to_ptx() {
        if !nvrtc_present() {
            return;
        }
        let names = entry_points();
        assert_eq!(names.len(), names.iter().collect::<std::collections::HashSet<_>>().len(), "duplicate names");
        let ptx = compile("compute_90", "-DWANT_ALL");
        let found = entries(&ptx);
        for n in names {
            assert!(found.contains(n.as_str()), "kernel {n} missing from the PTX");
        }
        assert_eq!(found.len(), names.len(), "the PTX has entry points the host does not know");
        eprintln!("compute_90: {} kernels compiled to {} bytes of PTX", names.len(), ptx.len());
    }

    /// What the runtime compiles: one kernel per program, selected by `want_option`.
    #[test]
    fn one_kernel_per_program() {
        if !nvrtc_present() {
            return;
        }
        for name in ["binary_add_f32", "cast_bf16_i64", "reduce_max_f16", "softmax_f32", "rand_normal_f64", "scatter_i64"] {
            let t = std::time::Instant::now();
            let ptx = compile("compute_80", &want_option(name));
            let found = entries(&ptx);
            assert_eq!(found.into_iter().collect::<Vec<_>>(), vec![name]);
            eprintln!("{name}: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }

    #[test]
    fn layout_structs_match_the_c_side() {
        // 8 int64 + int32 (padded to 8) and 9 int64: the sizes NVRTC lays out.
        assert_eq!(std::mem::size_of::<Idx>(), 72);
        assert_eq!(std::mem::size_of::<St>(), 72);
        assert!(has("binary_add_f32") && has("cast_b8_bf16") && !has("binary_sub_b8"));
    }
}
