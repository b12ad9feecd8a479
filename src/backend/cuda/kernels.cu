// tsr's CUDA kernels, compiled at run time by NVRTC (see kernels.rs for the ABI: every
// entry point, its arguments and the dtype suffixes). Each family is written once as a
// template over the storage type T (and its accumulation type A), and instantiated as
// `extern "C"` entry points by the macros at the end of each section.

// Kernels are compiled on demand, one per NVRTC program: `-DWANT_<name>=~,1` keeps only
// kernel <name> (and `-DWANT_ALL` keeps all of them, for the PTX test), so the first use
// of a kernel costs one small compile instead of all of them.
#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b
#define SECOND(...) SECOND_(__VA_ARGS__)
#define SECOND_(a, b, ...) b
#ifdef WANT_ALL
#define IS_WANTED(name) 1
#else
#define IS_WANTED(name) SECOND(CAT(WANT_, name), 0)
#endif
#define IF_1(...) __VA_ARGS__
#define IF_0(...)
#define IF(c) CAT(IF_, c)
#define KERNEL(name, ...) IF(IS_WANTED(name))(extern "C" __global__ void name __VA_ARGS__)

typedef long long i64;
typedef unsigned long long u64;
typedef unsigned int u32;

// float16 and bfloat16 as their 16 bits (NVRTC ships no cuda_fp16.h): conversions through
// float, rounding to nearest even, NaN kept a NaN.
struct f16 { unsigned short x; };
struct bf16 { unsigned short x; };
__device__ __forceinline__ float h2f(f16 h) { float f; asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h.x)); return f; }
__device__ __forceinline__ f16 f2h(float f) { f16 h; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h.x) : "f"(f)); return h; }
__device__ __forceinline__ float b2f(bf16 b) { return __uint_as_float(((u32)b.x) << 16); }
__device__ __forceinline__ bf16 f2b(float f) {
    u32 u = __float_as_uint(f);
    bf16 b;
    if ((u & 0x7fffffffu) > 0x7f800000u) b.x = (unsigned short)((u >> 16) | 0x40u);
    else b.x = (unsigned short)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
    return b;
}
__device__ __forceinline__ float inf_f() { return __int_as_float(0x7f800000); }

// ---- layout ---------------------------------------------------------------------------

struct Idx { i64 shape[8]; int nd; };          // the logical shape iterated (row-major)
struct St { i64 stride[8]; i64 off; };         // one operand: strides per dim of Idx, offset

__device__ __forceinline__ i64 at(i64 i, const Idx& ix, const St& s) {
    i64 o = s.off;
    for (int d = ix.nd - 1; d >= 0; --d) {
        i64 n = ix.shape[d];
        o += (i % n) * s.stride[d];
        i /= n;
    }
    return o;
}

#define GRID_LOOP(i, n) for (i64 i = (i64)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (i64)blockDim.x * gridDim.x)

// ---- types ----------------------------------------------------------------------------

// Accumulation / compute type: half types compute in float, bool in int.
template <typename T> struct Acc { typedef T type; };
template <> struct Acc<f16> { typedef float type; };
template <> struct Acc<bf16> { typedef float type; };
template <> struct Acc<bool> { typedef int type; };
template <> struct Acc<signed char> { typedef int type; };
template <> struct Acc<unsigned char> { typedef int type; };
template <> struct Acc<short> { typedef int type; };

// Sum/prod accumulation: float for float types, double for double, int64 for the rest.
template <typename T> struct SumAcc { typedef i64 type; };
template <> struct SumAcc<float> { typedef float type; };
template <> struct SumAcc<f16> { typedef float type; };
template <> struct SumAcc<bf16> { typedef float type; };
template <> struct SumAcc<double> { typedef double type; };

template <typename T> struct IsFloat { static const bool v = false; };
template <> struct IsFloat<float> { static const bool v = true; };
template <> struct IsFloat<double> { static const bool v = true; };
template <> struct IsFloat<f16> { static const bool v = true; };
template <> struct IsFloat<bf16> { static const bool v = true; };

// Conversions with PyTorch's rules (through float for the half types; to bool is x != 0).
template <typename D, typename S> struct Cvt { static __device__ __forceinline__ D f(S x) { return (D)x; } };
template <typename S> struct Cvt<f16, S> { static __device__ __forceinline__ f16 f(S x) { return f2h((float)x); } };
template <typename S> struct Cvt<bf16, S> { static __device__ __forceinline__ bf16 f(S x) { return f2b((float)x); } };
template <typename D> struct Cvt<D, f16> { static __device__ __forceinline__ D f(f16 x) { return Cvt<D, float>::f(h2f(x)); } };
template <typename D> struct Cvt<D, bf16> { static __device__ __forceinline__ D f(bf16 x) { return Cvt<D, float>::f(b2f(x)); } };
template <typename S> struct Cvt<bool, S> { static __device__ __forceinline__ bool f(S x) { return x != (S)0; } };
template <> struct Cvt<f16, f16> { static __device__ __forceinline__ f16 f(f16 x) { return x; } };
template <> struct Cvt<bf16, bf16> { static __device__ __forceinline__ bf16 f(bf16 x) { return x; } };
template <> struct Cvt<f16, bf16> { static __device__ __forceinline__ f16 f(bf16 x) { return f2h(b2f(x)); } };
template <> struct Cvt<bf16, f16> { static __device__ __forceinline__ bf16 f(f16 x) { return f2b(h2f(x)); } };
template <> struct Cvt<bool, f16> { static __device__ __forceinline__ bool f(f16 x) { return h2f(x) != 0.0f; } };
template <> struct Cvt<bool, bf16> { static __device__ __forceinline__ bool f(bf16 x) { return b2f(x) != 0.0f; } };
template <> struct Cvt<bool, bool> { static __device__ __forceinline__ bool f(bool x) { return x; } };
template <> struct Cvt<f16, bool> { static __device__ __forceinline__ f16 f(bool x) { return f2h(x ? 1.0f : 0.0f); } };
template <> struct Cvt<bf16, bool> { static __device__ __forceinline__ bf16 f(bool x) { return f2b(x ? 1.0f : 0.0f); } };

template <typename D, typename S> __device__ __forceinline__ D cvt(S x) { return Cvt<D, S>::f(x); }

// Float math by overload (float and double versions).
#define MATH1(name, ff, df) \
    __device__ __forceinline__ float name(float x) { return ff(x); } \
    __device__ __forceinline__ double name(double x) { return df(x); }
MATH1(m_exp, expf, exp) MATH1(m_log, logf, log) MATH1(m_sqrt, sqrtf, sqrt) MATH1(m_rsqrt, rsqrtf, rsqrt)
MATH1(m_sin, sinf, sin) MATH1(m_cos, cosf, cos) MATH1(m_tan, tanf, tan) MATH1(m_tanh, tanhf, tanh)
MATH1(m_log1p, log1pf, log1p) MATH1(m_expm1, expm1f, expm1) MATH1(m_log2, log2f, log2)
MATH1(m_log10, log10f, log10) MATH1(m_exp2, exp2f, exp2) MATH1(m_sinh, sinhf, sinh)
MATH1(m_cosh, coshf, cosh) MATH1(m_asin, asinf, asin) MATH1(m_acos, acosf, acos)
MATH1(m_atan, atanf, atan) MATH1(m_erf, erff, erf) MATH1(m_erfc, erfcf, erfc)
MATH1(m_floor, floorf, floor) MATH1(m_ceil, ceilf, ceil) MATH1(m_rint, rintf, rint)
MATH1(m_trunc, truncf, trunc) MATH1(m_fabs, fabsf, fabs)
__device__ __forceinline__ float m_pow(float x, float y) { return powf(x, y); }
__device__ __forceinline__ double m_pow(double x, double y) { return pow(x, y); }
__device__ __forceinline__ float m_fmod(float x, float y) { return fmodf(x, y); }
__device__ __forceinline__ double m_fmod(double x, double y) { return fmod(x, y); }
__device__ __forceinline__ float m_atan2(float x, float y) { return atan2f(x, y); }
__device__ __forceinline__ double m_atan2(double x, double y) { return atan2(x, y); }

template <typename A> __device__ __forceinline__ bool is_nan(A x) { return x != x; }

// ---- element-wise: binary -------------------------------------------------------------

struct Add { template <typename A> __device__ A operator()(A x, A y) const { return x + y; } };
struct Sub { template <typename A> __device__ A operator()(A x, A y) const { return x - y; } };
struct Mul { template <typename A> __device__ A operator()(A x, A y) const { return x * y; } };
struct Div { template <typename A> __device__ A operator()(A x, A y) const { return x / y; } };
struct Pow { template <typename A> __device__ A operator()(A x, A y) const { return m_pow(x, y); } };
struct Atan2 { template <typename A> __device__ A operator()(A x, A y) const { return m_atan2(x, y); } };
struct Maximum {
    template <typename A> __device__ A operator()(A x, A y) const { return is_nan(x) ? x : is_nan(y) ? y : (x > y ? x : y); }
};
struct Minimum {
    template <typename A> __device__ A operator()(A x, A y) const { return is_nan(x) ? x : is_nan(y) ? y : (x < y ? x : y); }
};
template <bool F> struct ModOps;
template <> struct ModOps<true> {   // floats
    template <typename A> static __device__ A fmod_(A x, A y) { return m_fmod(x, y); }
    template <typename A> static __device__ A rem(A x, A y) {
        A r = m_fmod(x, y);
        if (r != A(0) && ((r < A(0)) != (y < A(0)))) r += y;
        return r;
    }
    template <typename A> static __device__ A floordiv(A x, A y) {
        if (y == A(0)) return x / y;
        A mod = m_fmod(x, y);
        A div = (x - mod) / y;
        if (mod != A(0) && ((y < A(0)) != (mod < A(0)))) div -= A(1);
        A fl;
        if (div != A(0)) {
            fl = m_floor(div);
            if (div - fl > A(0.5)) fl += A(1);
        } else {
            fl = (x / y < A(0)) ? A(-0.0) : A(0.0);
        }
        return fl;
    }
};
template <> struct ModOps<false> {  // integers (division by zero gives 0; the host raises first)
    template <typename A> static __device__ A fmod_(A x, A y) { return y == 0 ? A(0) : x % y; }
    template <typename A> static __device__ A rem(A x, A y) {
        if (y == 0) return 0;
        A r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return r;
    }
    template <typename A> static __device__ A floordiv(A x, A y) {
        if (y == 0) return 0;
        A q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) q -= 1;
        return q;
    }
};
template <bool F> struct Fmod { template <typename A> __device__ A operator()(A x, A y) const { return ModOps<F>::fmod_(x, y); } };
template <bool F> struct Remainder { template <typename A> __device__ A operator()(A x, A y) const { return ModOps<F>::rem(x, y); } };
template <bool F> struct FloorDivide { template <typename A> __device__ A operator()(A x, A y) const { return ModOps<F>::floordiv(x, y); } };
struct BitAnd { template <typename A> __device__ A operator()(A x, A y) const { return x & y; } };
struct BitOr { template <typename A> __device__ A operator()(A x, A y) const { return x | y; } };
struct BitXor { template <typename A> __device__ A operator()(A x, A y) const { return x ^ y; } };

// out = op(a, b) computed in T's accumulation type; O is T, or bool for logical ops and
// comparisons.
template <typename T, typename O, typename Op>
__device__ void binary_k(i64 n, Idx ix, int contig, O* out, St so, const T* a, St sa, const T* b, St sb, Op op) {
    typedef typename Acc<T>::type A;
    GRID_LOOP(i, n) {
        i64 oo = contig ? so.off + i : at(i, ix, so);
        i64 oa = contig ? sa.off + i : at(i, ix, sa);
        i64 ob = contig ? sb.off + i : at(i, ix, sb);
        out[oo] = cvt<O>(op(cvt<A>(a[oa]), cvt<A>(b[ob])));
    }
}

#define BINARY(name, sfx, T, OP) \
    KERNEL(binary_##name##_##sfx, (i64 n, Idx ix, int contig, T* out, St so, const T* a, St sa, const T* b, St sb) { \
        binary_k<T, T>(n, ix, contig, out, so, a, sa, b, sb, OP); })

// Logical ops and comparisons write bool.
struct LAnd { template <typename A> __device__ bool operator()(A x, A y) const { return (x != A(0)) && (y != A(0)); } };
struct LOr { template <typename A> __device__ bool operator()(A x, A y) const { return (x != A(0)) || (y != A(0)); } };
struct LXor { template <typename A> __device__ bool operator()(A x, A y) const { return (x != A(0)) != (y != A(0)); } };
struct Eq { template <typename A> __device__ bool operator()(A x, A y) const { return x == y; } };
struct Ne { template <typename A> __device__ bool operator()(A x, A y) const { return x != y; } };
struct Lt { template <typename A> __device__ bool operator()(A x, A y) const { return x < y; } };
struct Le { template <typename A> __device__ bool operator()(A x, A y) const { return x <= y; } };
struct Gt { template <typename A> __device__ bool operator()(A x, A y) const { return x > y; } };
struct Ge { template <typename A> __device__ bool operator()(A x, A y) const { return x >= y; } };

#define TOBOOL(prefix, name, sfx, T, OP) \
    KERNEL(prefix##_##name##_##sfx, (i64 n, Idx ix, int contig, bool* out, St so, const T* a, St sa, const T* b, St sb) { \
        binary_k<T, bool>(n, ix, contig, out, so, a, sa, b, sb, OP); })

// Dtype lists (suffix, C type).
#define FLOATS(M, ...) M(f32, float, __VA_ARGS__) M(f64, double, __VA_ARGS__) M(f16, f16, __VA_ARGS__) M(bf16, bf16, __VA_ARGS__)
#define INTS(M, ...) M(i64, i64, __VA_ARGS__) M(i32, int, __VA_ARGS__) M(i16, short, __VA_ARGS__) M(i8, signed char, __VA_ARGS__) M(u8, unsigned char, __VA_ARGS__)
#define ALL(M, ...) FLOATS(M, __VA_ARGS__) INTS(M, __VA_ARGS__) M(b8, bool, __VA_ARGS__)

#define B_ALL(sfx, T, name, OP) BINARY(name, sfx, T, OP)
ALL(B_ALL, add, Add())
ALL(B_ALL, mul, Mul())
ALL(B_ALL, maximum, Maximum())
ALL(B_ALL, minimum, Minimum())
FLOATS(B_ALL, sub, Sub())
INTS(B_ALL, sub, Sub())
FLOATS(B_ALL, div, Div())
FLOATS(B_ALL, pow, Pow())
FLOATS(B_ALL, atan2, Atan2())
FLOATS(B_ALL, fmod, Fmod<true>())
FLOATS(B_ALL, remainder, Remainder<true>())
FLOATS(B_ALL, floor_divide, FloorDivide<true>())
INTS(B_ALL, fmod, Fmod<false>())
INTS(B_ALL, remainder, Remainder<false>())
INTS(B_ALL, floor_divide, FloorDivide<false>())
INTS(B_ALL, bitwise_and, BitAnd())
INTS(B_ALL, bitwise_or, BitOr())
INTS(B_ALL, bitwise_xor, BitXor())
B_ALL(b8, bool, bitwise_and, BitAnd())
B_ALL(b8, bool, bitwise_or, BitOr())
B_ALL(b8, bool, bitwise_xor, BitXor())

#define TB(sfx, T, prefix, name, OP) TOBOOL(prefix, name, sfx, T, OP)
ALL(TB, binary, logical_and, LAnd())
ALL(TB, binary, logical_or, LOr())
ALL(TB, binary, logical_xor, LXor())
ALL(TB, compare, eq, Eq())
ALL(TB, compare, ne, Ne())
ALL(TB, compare, lt, Lt())
ALL(TB, compare, le, Le())
ALL(TB, compare, gt, Gt())
ALL(TB, compare, ge, Ge())

// ---- element-wise: unary --------------------------------------------------------------

#define UFN(Name, expr) struct Name { template <typename A> __device__ A operator()(A x) const { return expr; } };
UFN(Neg, -x) UFN(Abs, x < A(0) ? -x : x) UFN(Sign, A((x > A(0)) - (x < A(0)))) UFN(Square, x * x)
UFN(Exp, m_exp(x)) UFN(Log, m_log(x)) UFN(Sqrt, m_sqrt(x)) UFN(Rsqrt, m_rsqrt(x)) UFN(Sin, m_sin(x))
UFN(Cos, m_cos(x)) UFN(Tan, m_tan(x)) UFN(Tanh, m_tanh(x)) UFN(Log1p, m_log1p(x)) UFN(Expm1, m_expm1(x))
UFN(Log2, m_log2(x)) UFN(Log10, m_log10(x)) UFN(Exp2, m_exp2(x)) UFN(Sinh, m_sinh(x)) UFN(Cosh, m_cosh(x))
UFN(Asin, m_asin(x)) UFN(Acos, m_acos(x)) UFN(Atan, m_atan(x)) UFN(Erf, m_erf(x)) UFN(Erfc, m_erfc(x))
UFN(Floor, m_floor(x)) UFN(Ceil, m_ceil(x)) UFN(Round, m_rint(x)) UFN(Trunc, m_trunc(x))
UFN(Frac, x - m_trunc(x)) UFN(Reciprocal, A(1) / x)
UFN(Sigmoid, A(1) / (A(1) + m_exp(-x)))
UFN(Relu, x <= A(0) ? A(0) : x)
UFN(Gelu, A(0.5) * x * (A(1) + m_erf(x * A(0.70710678118654752440))))
UFN(GeluTanh, A(0.5) * x * (A(1) + m_tanh(A(0.79788456080286535588) * (x + A(0.044715) * x * x * x))))
UFN(Silu, x / (A(1) + m_exp(-x)))
UFN(Softplus, x > A(20) ? x : m_log1p(m_exp(x)))
UFN(LogSigmoid, (x < A(0) ? x : A(0)) - m_log1p(m_exp(-m_fabs(x))))
UFN(BitNot, ~x)
struct LogicalNot { template <typename A> __device__ A operator()(A x) const { return A(x == A(0)); } };

// out = op(a) in T's accumulation type; O is T, or bool for the predicates.
template <typename T, typename O, typename Op>
__device__ void unary_k(i64 n, Idx ix, int contig, O* out, St so, const T* a, St sa, Op op) {
    typedef typename Acc<T>::type A;
    GRID_LOOP(i, n) {
        i64 oo = contig ? so.off + i : at(i, ix, so);
        i64 oa = contig ? sa.off + i : at(i, ix, sa);
        out[oo] = cvt<O>(op(cvt<A>(a[oa])));
    }
}
#define UNARY(sfx, T, name, OP) \
    KERNEL(unary_##name##_##sfx, (i64 n, Idx ix, int contig, T* out, St so, const T* a, St sa) { \
        unary_k<T, T>(n, ix, contig, out, so, a, sa, OP); })

FLOATS(UNARY, neg, Neg()) FLOATS(UNARY, abs, Abs()) FLOATS(UNARY, exp, Exp()) FLOATS(UNARY, log, Log())
FLOATS(UNARY, sqrt, Sqrt()) FLOATS(UNARY, rsqrt, Rsqrt()) FLOATS(UNARY, sin, Sin()) FLOATS(UNARY, cos, Cos())
FLOATS(UNARY, tan, Tan()) FLOATS(UNARY, tanh, Tanh()) FLOATS(UNARY, sigmoid, Sigmoid()) FLOATS(UNARY, relu, Relu())
FLOATS(UNARY, gelu, Gelu()) FLOATS(UNARY, gelu_tanh, GeluTanh()) FLOATS(UNARY, silu, Silu())
FLOATS(UNARY, softplus, Softplus()) FLOATS(UNARY, log1p, Log1p()) FLOATS(UNARY, expm1, Expm1())
FLOATS(UNARY, log2, Log2()) FLOATS(UNARY, log10, Log10()) FLOATS(UNARY, exp2, Exp2()) FLOATS(UNARY, sinh, Sinh())
FLOATS(UNARY, cosh, Cosh()) FLOATS(UNARY, asin, Asin()) FLOATS(UNARY, acos, Acos()) FLOATS(UNARY, atan, Atan())
FLOATS(UNARY, erf, Erf()) FLOATS(UNARY, erfc, Erfc()) FLOATS(UNARY, floor, Floor()) FLOATS(UNARY, ceil, Ceil())
FLOATS(UNARY, round, Round()) FLOATS(UNARY, trunc, Trunc()) FLOATS(UNARY, sign, Sign())
FLOATS(UNARY, reciprocal, Reciprocal()) FLOATS(UNARY, square, Square()) FLOATS(UNARY, frac, Frac())
FLOATS(UNARY, logsigmoid, LogSigmoid())
INTS(UNARY, neg, Neg()) INTS(UNARY, abs, Abs()) INTS(UNARY, sign, Sign()) INTS(UNARY, square, Square())
INTS(UNARY, bitwise_not, BitNot()) INTS(UNARY, relu, Relu())
UNARY(b8, bool, logical_not, LogicalNot())
UNARY(b8, bool, bitwise_not, LogicalNot())

struct IsNan { template <typename A> __device__ bool operator()(A x) const { return x != x; } };
struct IsInf { template <typename A> __device__ bool operator()(A x) const { return isinf(x); } };
struct IsFinite { template <typename A> __device__ bool operator()(A x) const { return isfinite(x); } };

#define PRED(sfx, T, name, OP) \
    KERNEL(predicate_##name##_##sfx, (i64 n, Idx ix, int contig, bool* out, St so, const T* a, St sa) { \
        unary_k<T, bool>(n, ix, contig, out, so, a, sa, OP); })
FLOATS(PRED, isnan, IsNan()) FLOATS(PRED, isinf, IsInf()) FLOATS(PRED, isfinite, IsFinite())

// clamp(x, lo, hi) = min(max(x, lo), hi); NaN stays NaN.
template <typename T>
__device__ void clamp_k(i64 n, Idx ix, int contig, T* out, St so, const T* a, St sa, double lo, double hi, int has_lo, int has_hi) {
    typedef typename Acc<T>::type A;
    A l = cvt<A>(lo), h = cvt<A>(hi);
    GRID_LOOP(i, n) {
        i64 oo = contig ? so.off + i : at(i, ix, so);
        i64 oa = contig ? sa.off + i : at(i, ix, sa);
        A x = cvt<A>(a[oa]);
        if (!is_nan(x)) {
            if (has_lo && x < l) x = l;
            if (has_hi && x > h) x = h;
        }
        out[oo] = cvt<T>(x);
    }
}
#define CLAMP(sfx, T, _) \
    KERNEL(clamp_##sfx, (i64 n, Idx ix, int contig, T* out, St so, const T* a, St sa, double lo, double hi, int has_lo, int has_hi) { \
        clamp_k<T>(n, ix, contig, out, so, a, sa, lo, hi, has_lo, has_hi); })
FLOATS(CLAMP, _) INTS(CLAMP, _)

// ---- casts, where, fills ----------------------------------------------------------------

template <typename S, typename D>
__device__ void cast_k(i64 n, Idx ix, int contig, D* out, St so, const S* a, St sa) {
    GRID_LOOP(i, n) {
        i64 oo = contig ? so.off + i : at(i, ix, so);
        i64 oa = contig ? sa.off + i : at(i, ix, sa);
        out[oo] = cvt<D>(a[oa]);
    }
}
#define CAST2(dsfx, D, ssfx, S) \
    KERNEL(cast_##ssfx##_##dsfx, (i64 n, Idx ix, int contig, D* out, St so, const S* a, St sa) { \
        cast_k<S, D>(n, ix, contig, out, so, a, sa); })
// A second copy of the dtype list: a macro cannot expand inside its own expansion.
#define ALL2(M, ...) M(f32, float, __VA_ARGS__) M(f64, double, __VA_ARGS__) M(f16, f16, __VA_ARGS__) M(bf16, bf16, __VA_ARGS__) \
    M(i64, i64, __VA_ARGS__) M(i32, int, __VA_ARGS__) M(i16, short, __VA_ARGS__) M(i8, signed char, __VA_ARGS__) \
    M(u8, unsigned char, __VA_ARGS__) M(b8, bool, __VA_ARGS__)
#define CAST_FROM(ssfx, S, _) ALL2(CAST2, ssfx, S)
ALL(CAST_FROM, _)

template <typename T>
__device__ void where_k(i64 n, Idx ix, int contig, T* out, St so, const bool* c, St sc, const T* a, St sa, const T* b, St sb) {
    GRID_LOOP(i, n) {
        i64 oo = contig ? so.off + i : at(i, ix, so);
        i64 oc = contig ? sc.off + i : at(i, ix, sc);
        i64 oa = contig ? sa.off + i : at(i, ix, sa);
        i64 ob = contig ? sb.off + i : at(i, ix, sb);
        out[oo] = c[oc] ? a[oa] : b[ob];
    }
}
#define WHERE(sfx, T, _) \
    KERNEL(where_##sfx, (i64 n, Idx ix, int contig, T* out, St so, const bool* c, St sc, const T* a, St sa, const T* b, St sb) { \
        where_k<T>(n, ix, contig, out, so, c, sc, a, sa, b, sb); })
ALL(WHERE, _)

template <typename T>
__device__ void fill_k(i64 n, T* out, double v, i64 iv) {
    T x = IsFloat<T>::v ? cvt<T>(v) : cvt<T>(iv);
    GRID_LOOP(i, n) { out[i] = x; }
}
#define FILL(sfx, T, _) KERNEL(fill_##sfx, (i64 n, T* out, double v, i64 iv) { fill_k<T>(n, out, v, iv); })
ALL(FILL, _)

#define ARANGE(sfx, T, _) \
    KERNEL(arange_##sfx, (i64 n, T* out, double start, double step) { \
        GRID_LOOP(i, n) { out[i] = cvt<T>(start + (double)i * step); } })
FLOATS(ARANGE, _) ARANGE(i64, i64, _) ARANGE(i32, int, _)

// ---- reductions -----------------------------------------------------------------------
// One block of 256 threads per output (grid-stride over outputs); the logical element
// (o, r) is o * inner + r through Idx/St, with the reduced dims last.

#define RT 256

template <typename A, typename F>
__device__ A block_reduce(A v, A* sh, F f) {
    sh[threadIdx.x] = v;
    __syncthreads();
    for (int s = RT / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) sh[threadIdx.x] = f(sh[threadIdx.x], sh[threadIdx.x + s]);
        __syncthreads();
    }
    A r = sh[0];
    __syncthreads();
    return r;
}


// Output of sum/prod/mean: the input type for floats, int64 otherwise (as PyTorch).
template <bool C, typename X, typename Y> struct Pick { typedef X type; };
template <typename X, typename Y> struct Pick<false, X, Y> { typedef Y type; };
template <typename T> struct SumOut { typedef typename Pick<IsFloat<T>::v, T, i64>::type type; };

// kind: 0 sum, 1 prod, 2 mean.
template <typename T, int kind>
__device__ void reduce_acc_k(i64 outer, i64 inner, Idx ix, const T* a, St sa, typename SumOut<T>::type* out) {
    typedef typename SumAcc<T>::type A;
    __shared__ A sh[RT];
    for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
        A acc = kind == 1 ? A(1) : A(0);
        for (i64 r = threadIdx.x; r < inner; r += RT) {
            A x = cvt<A>(a[at(o * inner + r, ix, sa)]);
            acc = kind == 1 ? acc * x : acc + x;
        }
        A tot = kind == 1 ? block_reduce(acc, sh, Mul()) : block_reduce(acc, sh, Add());
        if (threadIdx.x == 0) {
            if (kind == 2) tot = tot / A(inner);
            out[o] = cvt<typename SumOut<T>::type>(tot);
        }
    }
}
#define RED_ACC(sfx, T, name, kind) \
    KERNEL(reduce_##name##_##sfx, (i64 outer, i64 inner, Idx ix, const T* a, St sa, SumOut<T>::type* out) { \
        reduce_acc_k<T, kind>(outer, inner, ix, a, sa, out); })
ALL(RED_ACC, sum, 0)
ALL(RED_ACC, prod, 1)
FLOATS(RED_ACC, mean, 2)

// max/min with the first index of the extreme; a NaN is the extreme (first NaN reported).
template <typename T, bool MAX>
__device__ void reduce_ext_k(i64 outer, i64 inner, Idx ix, const T* a, St sa, T* vals, i64* idx) {
    typedef typename Acc<T>::type A;
    __shared__ A shv[RT];
    __shared__ i64 shi[RT];
    for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
        A best = A(0);
        i64 bi = -1;
        for (i64 r = threadIdx.x; r < inner; r += RT) {
            A x = cvt<A>(a[at(o * inner + r, ix, sa)]);
            bool take;
            if (bi < 0) take = true;
            else if (is_nan(best)) take = false;
            else if (is_nan(x)) take = true;
            else take = MAX ? (x > best) : (x < best);
            if (take) { best = x; bi = r; }
        }
        shv[threadIdx.x] = best;
        shi[threadIdx.x] = bi;
        __syncthreads();
        for (int s = RT / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) {
                A v2 = shv[threadIdx.x + s];
                i64 i2 = shi[threadIdx.x + s];
                A v1 = shv[threadIdx.x];
                i64 i1 = shi[threadIdx.x];
                bool take;
                if (i2 < 0) take = false;
                else if (i1 < 0) take = true;
                else if (is_nan(v1) || is_nan(v2)) take = is_nan(v2) && (!is_nan(v1) || i2 < i1);
                else if (v2 == v1) take = i2 < i1;
                else take = MAX ? (v2 > v1) : (v2 < v1);
                if (take) { shv[threadIdx.x] = v2; shi[threadIdx.x] = i2; }
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            if (vals) vals[o] = cvt<T>(shv[0]);
            if (idx) idx[o] = shi[0] < 0 ? 0 : shi[0];
        }
        __syncthreads();
    }
}
#define RED_EXT(sfx, T, name, MAXV) \
    KERNEL(reduce_##name##_##sfx, (i64 outer, i64 inner, Idx ix, const T* a, St sa, T* vals, i64* idx) { \
        reduce_ext_k<T, MAXV>(outer, inner, ix, a, sa, vals, idx); })
ALL(RED_EXT, max, true)
ALL(RED_EXT, min, false)

template <typename T, bool ALLV>
__device__ void reduce_bool_k(i64 outer, i64 inner, Idx ix, const T* a, St sa, bool* out) {
    __shared__ int sh[RT];
    for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
        int acc = ALLV ? 1 : 0;
        for (i64 r = threadIdx.x; r < inner; r += RT) {
            bool x = cvt<bool>(a[at(o * inner + r, ix, sa)]);
            acc = ALLV ? (acc && x) : (acc || x);
        }
        int tot = ALLV ? block_reduce(acc, sh, Mul()) : block_reduce(acc != 0 ? 1 : 0, sh, Add());
        if (threadIdx.x == 0) out[o] = tot != 0;
    }
}
#define RED_BOOL(sfx, T, name, ALLV) \
    KERNEL(reduce_##name##_##sfx, (i64 outer, i64 inner, Idx ix, const T* a, St sa, bool* out) { \
        reduce_bool_k<T, ALLV>(outer, inner, ix, a, sa, out); })
ALL(RED_BOOL, any, false)
ALL(RED_BOOL, all, true)

template <typename T>
__device__ void reduce_var_k(i64 outer, i64 inner, Idx ix, const T* a, St sa, T* out, double correction) {
    typedef typename SumAcc<T>::type A;
    __shared__ A sh[RT];
    for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
        A s = 0;
        for (i64 r = threadIdx.x; r < inner; r += RT) s += cvt<A>(a[at(o * inner + r, ix, sa)]);
        A mean = block_reduce(s, sh, Add()) / A(inner);
        A q = 0;
        for (i64 r = threadIdx.x; r < inner; r += RT) {
            A d = cvt<A>(a[at(o * inner + r, ix, sa)]) - mean;
            q += d * d;
        }
        A tot = block_reduce(q, sh, Add());
        if (threadIdx.x == 0) {
            double den = (double)inner - correction;
            out[o] = cvt<T>(den > 0 ? (A)(tot / A(den)) : (A)(tot * (A)inf_f()));
        }
    }
}
#define RED_VAR(sfx, T, _) \
    KERNEL(reduce_var_##sfx, (i64 outer, i64 inner, Idx ix, const T* a, St sa, T* out, double correction) { \
        reduce_var_k<T>(outer, inner, ix, a, sa, out, correction); })
FLOATS(RED_VAR, _)

// ---- softmax over the last dim of a contiguous [outer, inner] ---------------------------

struct FMax { template <typename A> __device__ A operator()(A x, A y) const { return (x != x || x > y) ? x : y; } };

template <typename T, bool LOG>
__device__ void softmax_k(i64 outer, i64 inner, const T* a, T* out) {
    typedef typename SumAcc<T>::type A;
    __shared__ A sh[RT];
    for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
        const T* row = a + o * inner;
        T* orow = out + o * inner;
        A m = -(A)inf_f();
        for (i64 r = threadIdx.x; r < inner; r += RT) m = FMax()(cvt<A>(row[r]), m);
        m = block_reduce(m, sh, FMax());
        A s = 0;
        for (i64 r = threadIdx.x; r < inner; r += RT) s += m_exp(cvt<A>(row[r]) - m);
        s = block_reduce(s, sh, Add());
        A ls = m_log(s);
        for (i64 r = threadIdx.x; r < inner; r += RT) {
            A x = cvt<A>(row[r]) - m;
            orow[r] = cvt<T>(LOG ? x - ls : m_exp(x) / s);
        }
    }
}
#define SOFTMAX(sfx, T, _) \
    KERNEL(softmax_##sfx, (i64 outer, i64 inner, const T* a, T* out) { softmax_k<T, false>(outer, inner, a, out); }) \
    KERNEL(log_softmax_##sfx, (i64 outer, i64 inner, const T* a, T* out) { softmax_k<T, true>(outer, inner, a, out); })
FLOATS(SOFTMAX, _)

// ---- indexing -------------------------------------------------------------------------
// Index values are int64; a negative one is wrapped once; out of range sets *err and skips.

__device__ __forceinline__ bool wrap_index(i64& v, i64 size, int* err) {
    if (v < 0) v += size;
    if (v < 0 || v >= size) { atomicExch(err, 1); return false; }
    return true;
}

// Offset of element i of Idx in an operand with strides `s`, the coordinate of `dim` replaced.
__device__ __forceinline__ i64 at_with(i64 i, const Idx& ix, const St& s, int dim, i64 v) {
    i64 o = s.off;
    for (int d = ix.nd - 1; d >= 0; --d) {
        i64 n = ix.shape[d];
        i64 c = i % n;
        i /= n;
        o += (d == dim ? v : c) * s.stride[d];
    }
    return o;
}

template <typename T>
__device__ void gather_k(i64 n, Idx ix, T* out, const T* src, St ss, const i64* index, St si, int dim, i64 size, int* err) {
    GRID_LOOP(i, n) {
        i64 v = index[at(i, ix, si)];
        if (!wrap_index(v, size, err)) continue;
        out[i] = src[at_with(i, ix, ss, dim, v)];
    }
}
#define GATHER(sfx, T, _) \
    KERNEL(gather_##sfx, (i64 n, Idx ix, T* out, const T* src, St ss, const i64* index, St si, int dim, i64 size, int* err) { \
        gather_k<T>(n, ix, out, src, ss, index, si, dim, size, err); })
ALL(GATHER, _)

template <typename T>
__device__ void index_select_k(i64 n, Idx ix, T* out, const T* src, St ss, const i64* index, int dim, i64 size, int* err) {
    GRID_LOOP(i, n) {
        // The coordinate of `dim` in the output picks the index entry.
        i64 rest = i, c = 0;
        for (int d = ix.nd - 1; d >= 0; --d) {
            i64 k = rest % ix.shape[d];
            rest /= ix.shape[d];
            if (d == dim) c = k;
        }
        i64 v = index[c];
        if (!wrap_index(v, size, err)) continue;
        out[i] = src[at_with(i, ix, ss, dim, v)];
    }
}
#define INDEX_SELECT(sfx, T, _) \
    KERNEL(index_select_##sfx, (i64 n, Idx ix, T* out, const T* src, St ss, const i64* index, int dim, i64 size, int* err) { \
        index_select_k<T>(n, ix, out, src, ss, index, dim, size, err); })
ALL(INDEX_SELECT, _)

__device__ __forceinline__ void atomic_add(float* p, float v) { atomicAdd(p, v); }
__device__ __forceinline__ void atomic_add(double* p, double v) { atomicAdd(p, v); }
__device__ __forceinline__ void atomic_add(int* p, int v) { atomicAdd(p, v); }
__device__ __forceinline__ void atomic_add(i64* p, i64 v) { atomicAdd((u64*)p, (u64)v); }

template <typename T>
__device__ void scatter_k(i64 n, Idx ix, T* self, St sself, const i64* index, St si, const T* src, St ssrc, int dim, i64 size, int mode, int* err) {
    GRID_LOOP(i, n) {
        i64 v = index[at(i, ix, si)];
        if (!wrap_index(v, size, err)) continue;
        T x = src[at(i, ix, ssrc)];
        T* p = self + at_with(i, ix, sself, dim, v);
        if (mode) atomic_add(p, x); else *p = x;
    }
}
#define SCATTER(sfx, T, _) \
    KERNEL(scatter_##sfx, (i64 n, Idx ix, T* self, St sself, const i64* index, St si, const T* src, St ssrc, int dim, i64 size, int mode, int* err) { \
        scatter_k<T>(n, ix, self, sself, index, si, src, ssrc, dim, size, mode, err); })
SCATTER(f32, float, _) SCATTER(f64, double, _) SCATTER(i64, i64, _) SCATTER(i32, int, _)

// ---- random fills: Philox4x32-10 --------------------------------------------------------
// Element i of a fill at offset `off` (a multiple of 4) uses the 128-bit block with counter
// off / 4 + i / 4 (uniform, int, bernoulli: lane i % 4) or off / 4 + i / 2 (normal: lanes
// 2 (i % 2) and 2 (i % 2) + 1 for Box-Muller); the key is the seed.

__device__ uint4 philox(u64 seed, u64 ctr) {
    uint4 c = make_uint4((u32)ctr, (u32)(ctr >> 32), 0u, 0u);
    u32 k0 = (u32)seed, k1 = (u32)(seed >> 32);
    for (int r = 0; r < 10; ++r) {
        u32 hi0 = __umulhi(0xD2511F53u, c.x), lo0 = 0xD2511F53u * c.x;
        u32 hi1 = __umulhi(0xCD9E8D57u, c.z), lo1 = 0xCD9E8D57u * c.z;
        c = make_uint4(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c;
}
__device__ __forceinline__ u32 lane(uint4 v, int k) { return k == 0 ? v.x : k == 1 ? v.y : k == 2 ? v.z : v.w; }
__device__ __forceinline__ double unit(u32 x) { return (double)(x >> 8) * (1.0 / 16777216.0); }   // [0, 1)

#define RAND_UNIFORM(sfx, T, _) \
    KERNEL(rand_uniform_##sfx, (i64 n, T* out, u64 seed, u64 off, double lo, double hi) { \
        GRID_LOOP(i, n) { double u = unit(lane(philox(seed, off / 4 + (u64)i / 4), (int)(i % 4))); out[i] = cvt<T>(lo + u * (hi - lo)); } })
FLOATS(RAND_UNIFORM, _)

#define RAND_NORMAL(sfx, T, _) \
    KERNEL(rand_normal_##sfx, (i64 n, T* out, u64 seed, u64 off, double mean, double std) { \
        GRID_LOOP(i, n) { \
            uint4 v = philox(seed, off / 4 + (u64)i / 2); \
            int k = 2 * (int)(i % 2); \
            double u1 = ((double)(lane(v, k) >> 8) + 1.0) * (1.0 / 16777216.0); \
            double u2 = unit(lane(v, k + 1)); \
            double z = sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2); \
            out[i] = cvt<T>(mean + std * z); } })
FLOATS(RAND_NORMAL, _)

#define RAND_INT(sfx, T, _) \
    KERNEL(rand_int_##sfx, (i64 n, T* out, u64 seed, u64 off, i64 lo, i64 range) { \
        GRID_LOOP(i, n) { u32 x = lane(philox(seed, off / 4 + (u64)i / 4), (int)(i % 4)); out[i] = cvt<T>(lo + (i64)(x % (u64)range)); } })
RAND_INT(i64, i64, _) RAND_INT(i32, int, _) RAND_INT(i16, short, _) RAND_INT(i8, signed char, _)
RAND_INT(u8, unsigned char, _) RAND_INT(f32, float, _) RAND_INT(f64, double, _)

#define BERNOULLI(sfx, T, _) \
    KERNEL(bernoulli_##sfx, (i64 n, T* out, u64 seed, u64 off, double p) { \
        GRID_LOOP(i, n) { double u = unit(lane(philox(seed, off / 4 + (u64)i / 4), (int)(i % 4))); out[i] = cvt<T>(u < p ? 1.0 : 0.0); } })
FLOATS(BERNOULLI, _)
