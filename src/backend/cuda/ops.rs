//! Device kernels behind the tensor ops: the host side of `kernels.cu`. Each function takes
//! tensors already checked and promoted by the op's device-independent front half in
//! `tensor::ops` (shapes, dtype rules, PyTorch's errors), builds the launch (shape, strides,
//! offsets: the ABI in `kernels.rs`) and returns a new device tensor or writes one in place.
//! A dtype or op without a kernel raises NotImplementedError naming both and the device.

#[cfg(feature = "cuda")]
pub use imp::*;

#[cfg(not(feature = "cuda"))]
pub use stub::*;

#[cfg(not(feature = "cuda"))]
mod stub {
    //! Without the `cuda` feature no device tensor can exist; these keep the call sites.
    use crate::error::Result;
    use crate::tensor::Tensor;

    pub fn contiguous(_: &Tensor) -> Result<Tensor> {
        Err(super::super::no_cuda_driver())
    }
}

#[cfg(feature = "cuda")]
mod imp {
    use std::rc::Rc;

    use cudarc::driver::PushKernelArg;

    use super::super::kernels::{Idx, St};
    use super::super::runtime::{fail, items, rows, runtime, DeviceMem, Runtime};
    use crate::error::{Error, Result};
    use crate::tensor::layout::{broadcast_shapes, Layout};
    use crate::tensor::ops::binary::BinaryOp;
    use crate::tensor::ops::compare::CmpOp;
    use crate::tensor::ops::reduce::ReduceOp;
    use crate::tensor::ops::unary::UnaryOp;
    use crate::tensor::storage::Storage;
    use crate::tensor::{DType, Device, Scalar, Tensor};

    /// Builds a launch of kernel `$name` with the argument pushes in `$body` (a block, so
    /// the arguments are borrowed only for the launch) and submits it.
    macro_rules! launch {
        ($rt:expr, $name:expr, $cfg:expr, |$b:ident| $body:block) => {{
            let f = $rt.func($name)?;
            let mut $b = $rt.stream.launch_builder(&f);
            $body
            $rt.run(&mut $b, $cfg)
        }};
    }

    /// Extra scalar arguments after an element-wise kernel's operands.
    enum Extra {
        F64(f64),
        I32(i32),
    }

    // SAFETY: both are `#[repr(C)]` plain-old-data structs mirroring kernels.cu.
    unsafe impl cudarc::driver::DeviceRepr for Idx {}
    unsafe impl cudarc::driver::DeviceRepr for St {}

    const MAX_DIMS: usize = 8;

    /// The kernel-name suffix of a dtype.
    fn sfx(d: DType) -> Result<&'static str> {
        Ok(match d {
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::I64 => "i64",
            DType::I32 => "i32",
            DType::I16 => "i16",
            DType::I8 => "i8",
            DType::U8 => "u8",
            DType::Bool => "b8",
            DType::C64 | DType::C128 => {
                return Err(Error::not_impl(format!(
                    "complex tensors on CUDA ({})",
                    crate::tensor::dtype::scalar_type_name(d)
                )))
            }
        })
    }

    /// The CUDA device of `t` (callers only pass device tensors).
    fn dev_index(t: &Tensor) -> usize {
        match t.device() {
            Device::Cuda(i) => i,
            Device::Cpu => 0,
        }
    }

    /// The kernel `base_sfx`, or PyTorch-style NotImplementedError for its dtype.
    fn kernel(base: &str, d: DType) -> Result<String> {
        let name = format!("{base}_{}", sfx(d)?);
        if !super::super::kernels::has(&name) {
            return Err(Error::not_impl(format!(
                "\"{base}_cuda\" not implemented for '{}'",
                crate::tensor::dtype::scalar_type_name(d)
            )));
        }
        Ok(name)
    }

    fn idx(shape: &[usize]) -> Result<Idx> {
        if shape.len() > MAX_DIMS {
            return Err(Error::not_impl(format!("CUDA kernels on tensors of more than {MAX_DIMS} dimensions")));
        }
        let mut ix = Idx::default();
        for (d, &s) in shape.iter().enumerate() {
            ix.shape[d] = s as i64;
        }
        ix.nd = shape.len() as i32;
        Ok(ix)
    }

    /// `t`'s strides broadcast (right-aligned, stride 0 where it has size 1 or no dim) to
    /// `shape`, with its offset.
    fn st(t: &Tensor, shape: &[usize]) -> St {
        let l = t.layout();
        let mut s = St { off: l.offset as i64, ..Default::default() };
        let k = shape.len() - l.shape.len();
        for (d, (&size, &stride)) in l.shape.iter().zip(l.strides.iter()).enumerate() {
            s.stride[k + d] = if size == 1 { 0 } else { stride as i64 };
        }
        s
    }

    fn contig_st(shape: &[usize]) -> St {
        let mut s = St::default();
        let mut acc = 1i64;
        for d in (0..shape.len()).rev() {
            s.stride[d] = acc;
            acc *= shape[d] as i64;
        }
        s
    }

    fn is_dense(t: &Tensor, shape: &[usize]) -> bool {
        t.is_contiguous() && *t.shape() == *shape
    }

    /// The device pointer of `t`'s storage.
    fn ptr(t: &Tensor) -> u64 {
        t.view().storage.device_mem().map_or(0, |m| m.ptr())
    }

    fn wrap(m: DeviceMem, shape: &[usize]) -> Tensor {
        Tensor::from_view(Rc::new(Storage::on_device(m)), Layout::contiguous(shape))
    }

    /// A 0-d CPU operand (a Python number or `torch.tensor(2.)`) as a device scalar of
    /// `dtype` (a one-element fill); a device tensor of another dtype cast to `dtype`.
    fn on(rt: &Runtime, t: &Tensor, dtype: DType) -> Result<Tensor> {
        if t.device() == Device::Cpu {
            let v = t.item()?;
            return Ok(wrap(fill_mem(rt, dtype, 1, v)?, &[]));
        }
        if t.dtype() != dtype { cast(t, dtype) } else { Ok(t.clone()) }
    }

    fn rt_of(ts: &[&Tensor]) -> Result<Rc<Runtime>> {
        let i = ts.iter().find(|t| t.device() != Device::Cpu).map_or(0, |t| dev_index(t));
        runtime(i)
    }

    /// Device memory of `n` elements of `dtype`, every one `v`.
    pub fn fill_mem(rt: &Runtime, dtype: DType, n: usize, v: Scalar) -> Result<DeviceMem> {
        let m = rt.alloc(dtype, n)?;
        let name = kernel("fill", dtype)?;
        let (f, i) = (v.to_f64(), v.to_i64());
        let (nn, p) = (n as i64, m.ptr());
        if n > 0 {
            launch!(rt, &name, items(n), |b| {
                b.arg(&nn).arg(&p).arg(&f).arg(&i);
            })?;
        }
        Ok(m)
    }

    /// `torch.full(shape, v, device=cuda:i)`.
    pub fn full(shape: &[usize], v: Scalar, dtype: DType, index: usize) -> Result<Tensor> {
        let rt = runtime(index)?;
        let n = shape.iter().product();
        Ok(wrap(fill_mem(&rt, dtype, n, v)?, shape))
    }

    /// `torch.arange` values `start + i * step` on the device.
    pub fn arange(n: usize, start: f64, step: f64, dtype: DType, index: usize) -> Result<Tensor> {
        let rt = runtime(index)?;
        let m = rt.alloc(dtype, n)?;
        let name = kernel("arange", dtype)?;
        let (nn, p) = (n as i64, m.ptr());
        if n > 0 {
            launch!(rt, &name, items(n), |b| {
                b.arg(&nn).arg(&p).arg(&start).arg(&step);
            })?;
        }
        Ok(wrap(m, &[n]))
    }

    /// A contiguous copy of `t` converted to `dtype` (the strided copy when equal).
    pub fn cast(t: &Tensor, dtype: DType) -> Result<Tensor> {
        let rt = rt_of(&[t])?;
        let shape = t.shape();
        let n = t.numel();
        let m = rt.alloc(dtype, n)?;
        let name = format!("cast_{}_{}", sfx(t.dtype())?, sfx(dtype)?);
        let (ix, so, sa) = (idx(&shape)?, contig_st(&shape), st(t, &shape));
        let contig = i32::from(t.is_contiguous());
        let (nn, po, pa) = (n as i64, m.ptr(), ptr(t));
        if n > 0 {
            launch!(rt, &name, items(n), |b| {
                b.arg(&nn).arg(&ix).arg(&contig).arg(&po).arg(&so).arg(&pa).arg(&sa);
            })?;
        }
        Ok(wrap(m, &shape))
    }

    /// `t` when it owns its whole storage contiguously, else a dense copy (for downloads).
    pub fn contiguous(t: &Tensor) -> Result<Tensor> {
        let whole = {
            let v = t.view();
            v.layout.is_contiguous() && v.layout.offset == 0 && v.layout.numel() == v.storage.len()
        };
        if whole { Ok(t.clone()) } else { cast(t, t.dtype()) }
    }

    /// Infallible-path casts (`Tensor::cast`): a device failure unwinds to `backend::guard`.
    pub fn cast_or_unwind(t: &Tensor, dtype: DType) -> Tensor {
        cast(t, dtype).unwrap_or_else(|e| fail(e))
    }

    fn binary_name(op: BinaryOp) -> Result<&'static str> {
        use BinaryOp::*;
        Ok(match op {
            Add => "add",
            Sub => "sub",
            Mul => "mul",
            Div => "div",
            FloorDiv => "floor_divide",
            Remainder => "remainder",
            Fmod => "fmod",
            Pow => "pow",
            Maximum => "maximum",
            Minimum => "minimum",
            Atan2 => "atan2",
            BitAnd => "bitwise_and",
            BitOr => "bitwise_or",
            BitXor => "bitwise_xor",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
            Hypot | LShift | RShift => return Err(Error::not_impl(format!("{op:?} on CUDA tensors"))),
        })
    }

    /// Launches an element-wise kernel over `shape` writing `out` (at its own layout) from
    /// `ins` (each broadcast to `shape`).
    fn ew(rt: &Runtime, name: &str, shape: &[usize], out: &Tensor, ins: &[&Tensor], extra: &[Extra]) -> Result<()> {
        let n: usize = shape.iter().product();
        if n == 0 {
            return Ok(());
        }
        let ix = idx(shape)?;
        let contig = i32::from(is_dense(out, shape) && ins.iter().all(|t| is_dense(t, shape)));
        let so = st(out, shape);
        let sts: Vec<St> = ins.iter().map(|t| st(t, shape)).collect();
        let ptrs: Vec<u64> = ins.iter().map(|t| ptr(t)).collect();
        let (nn, po) = (n as i64, ptr(out));
        launch!(rt, name, items(n), |b| {
            b.arg(&nn).arg(&ix).arg(&contig).arg(&po).arg(&so);
            for (p, s) in ptrs.iter().zip(&sts) {
                b.arg(p).arg(s);
            }
            for e in extra {
                match e {
                    Extra::F64(x) => b.arg(x),
                    Extra::I32(x) => b.arg(x),
                };
            }
        })?;
        out.view().storage.bump_version();
        Ok(())
    }

    fn empty(rt: &Runtime, dtype: DType, shape: &[usize]) -> Result<Tensor> {
        Ok(wrap(rt.alloc(dtype, shape.iter().product())?, shape))
    }

    /// `a OP b` in the compute dtype `cd` (both already promoted by the caller).
    pub fn binary(op: BinaryOp, a: &Tensor, b: &Tensor, cd: DType) -> Result<Tensor> {
        let rt = rt_of(&[a, b])?;
        let shape = broadcast_shapes(&a.shape(), &b.shape())?;
        let (a, b) = (on(&rt, a, cd)?, on(&rt, b, cd)?);
        let logical = matches!(op, BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor);
        let out = empty(&rt, if logical { DType::Bool } else { cd }, &shape)?;
        let name = kernel(&format!("binary_{}", binary_name(op)?), cd)?;
        ew(&rt, &name, &shape, &out, &[&a, &b], &[])?;
        Ok(out)
    }

    /// `a OP= b` in place (a's dtype; the caller checked the cast rule).
    pub fn binary_inplace(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<()> {
        let rt = rt_of(&[a, b])?;
        let shape = a.shape();
        let b = on(&rt, b, a.dtype())?;
        let name = kernel(&format!("binary_{}", binary_name(op)?), a.dtype())?;
        ew(&rt, &name, &shape, a, &[a, &b], &[])
    }

    /// `dst.copy_(src)` (src broadcast to dst, converted to dst's dtype).
    pub fn copy_into(dst: &Tensor, src: &Tensor) -> Result<()> {
        let rt = rt_of(&[dst, src])?;
        let shape = dst.shape();
        let src = if src.device() == Device::Cpu && src.ndim() > 0 {
            crate::backend::to_device(src, dst.device())?
        } else {
            on(&rt, src, src.dtype())?
        };
        let name = format!("cast_{}_{}", sfx(src.dtype())?, sfx(dst.dtype())?);
        ew(&rt, &name, &shape, dst, &[&src], &[])
    }

    /// `a OP b` element-wise into bool (both promoted to `common`).
    pub fn compare(op: CmpOp, a: &Tensor, b: &Tensor, common: DType) -> Result<Tensor> {
        let rt = rt_of(&[a, b])?;
        let shape = broadcast_shapes(&a.shape(), &b.shape())?;
        let (a, b) = (on(&rt, a, common)?, on(&rt, b, common)?);
        let out = empty(&rt, DType::Bool, &shape)?;
        let opn = match op {
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
        };
        ew(&rt, &kernel(&format!("compare_{opn}"), common)?, &shape, &out, &[&a, &b], &[])?;
        Ok(out)
    }

    /// `torch.where(c, a, b)` with a and b in `common`.
    pub fn where_(c: &Tensor, a: &Tensor, b: &Tensor, common: DType) -> Result<Tensor> {
        let rt = rt_of(&[c, a, b])?;
        let shape = broadcast_shapes(&broadcast_shapes(&c.shape(), &a.shape())?, &b.shape())?;
        let (c, a, b) = (on(&rt, c, DType::Bool)?, on(&rt, a, common)?, on(&rt, b, common)?);
        let out = empty(&rt, common, &shape)?;
        ew(&rt, &kernel("where", common)?, &shape, &out, &[&c, &a, &b], &[])?;
        Ok(out)
    }

    fn unary_name(op: UnaryOp) -> Option<(&'static str, &'static str)> {
        use UnaryOp::*;
        // (family, op): predicates write bool.
        Some(match op {
            Neg => ("unary", "neg"),
            Abs => ("unary", "abs"),
            Sign => ("unary", "sign"),
            Sqrt => ("unary", "sqrt"),
            Rsqrt => ("unary", "rsqrt"),
            Exp => ("unary", "exp"),
            Exp2 => ("unary", "exp2"),
            Expm1 => ("unary", "expm1"),
            Log => ("unary", "log"),
            Log2 => ("unary", "log2"),
            Log10 => ("unary", "log10"),
            Log1p => ("unary", "log1p"),
            Sin => ("unary", "sin"),
            Cos => ("unary", "cos"),
            Tan => ("unary", "tan"),
            Asin => ("unary", "asin"),
            Acos => ("unary", "acos"),
            Atan => ("unary", "atan"),
            Sinh => ("unary", "sinh"),
            Cosh => ("unary", "cosh"),
            Tanh => ("unary", "tanh"),
            Sigmoid => ("unary", "sigmoid"),
            LogSigmoid => ("unary", "logsigmoid"),
            Relu => ("unary", "relu"),
            Gelu => ("unary", "gelu"),
            GeluTanh => ("unary", "gelu_tanh"),
            Silu => ("unary", "silu"),
            Softplus => ("unary", "softplus"),
            Erf => ("unary", "erf"),
            Erfc => ("unary", "erfc"),
            Floor => ("unary", "floor"),
            Ceil => ("unary", "ceil"),
            Round => ("unary", "round"),
            Trunc => ("unary", "trunc"),
            Frac => ("unary", "frac"),
            Reciprocal => ("unary", "reciprocal"),
            Square => ("unary", "square"),
            BitNot => ("unary", "bitwise_not"),
            LogicalNot => ("unary", "logical_not"),
            IsNan => ("predicate", "isnan"),
            IsInf => ("predicate", "isinf"),
            IsFinite => ("predicate", "isfinite"),
            _ => return None,
        })
    }

    /// `op(a)` with `a` already in the op's compute dtype (the caller's dtype rules).
    pub fn unary(op: UnaryOp, a: &Tensor) -> Result<Tensor> {
        let rt = rt_of(&[a])?;
        let Some((fam, name)) = unary_name(op) else {
            return Err(Error::not_impl(format!("{op:?} on CUDA tensors")));
        };
        let shape = a.shape();
        let out_dt = if fam == "predicate" || op == UnaryOp::LogicalNot { DType::Bool } else { a.dtype() };
        let out = empty(&rt, out_dt, &shape)?;
        ew(&rt, &kernel(&format!("{fam}_{name}"), a.dtype())?, &shape, &out, &[a], &[])?;
        Ok(out)
    }

    /// `op_(a)` in place.
    pub fn unary_inplace(op: UnaryOp, a: &Tensor) -> Result<()> {
        let rt = rt_of(&[a])?;
        let Some(("unary", name)) = unary_name(op) else {
            return Err(Error::not_impl(format!("{op:?}_ on CUDA tensors")));
        };
        let shape = a.shape();
        ew(&rt, &kernel(&format!("unary_{name}"), a.dtype())?, &shape, a, &[a], &[])
    }

    /// `a.clamp(lo, hi)` with scalar bounds.
    pub fn clamp(a: &Tensor, lo: Option<f64>, hi: Option<f64>) -> Result<Tensor> {
        let rt = rt_of(&[a])?;
        let shape = a.shape();
        let out = empty(&rt, a.dtype(), &shape)?;
        let (l, h) = (lo.unwrap_or(0.0), hi.unwrap_or(0.0));
        let (hl, hh) = (i32::from(lo.is_some()), i32::from(hi.is_some()));
        ew(&rt, &kernel("clamp", a.dtype())?, &shape, &out, &[a], &[Extra::F64(l), Extra::F64(h), Extra::I32(hl), Extra::I32(hh)])?;
        Ok(out)
    }

    /// `a` viewed with the dims in `mask` moved last: (kept shape, outer, inner, Idx, St).
    fn split_reduce(a: &Tensor, mask: &[bool]) -> Result<(Vec<usize>, usize, usize, Idx, St)> {
        let l = a.layout();
        let mut order: Vec<usize> = (0..l.shape.len()).filter(|&d| !mask[d]).collect();
        let kept: Vec<usize> = order.iter().map(|&d| l.shape[d]).collect();
        order.extend((0..l.shape.len()).filter(|&d| mask[d]));
        let shape: Vec<usize> = order.iter().map(|&d| l.shape[d]).collect();
        let mut s = St { off: l.offset as i64, ..Default::default() };
        for (k, &d) in order.iter().enumerate() {
            s.stride[k] = l.strides[d] as i64;
        }
        let outer: usize = kept.iter().product();
        let inner: usize = (0..l.shape.len()).filter(|&d| mask[d]).map(|d| l.shape[d]).product();
        Ok((kept, outer, inner, idx(&shape)?, s))
    }

    fn out_shape(a: &Tensor, mask: &[bool], keepdim: bool) -> Vec<usize> {
        crate::tensor::ops::reduce::reduced_shape(&a.shape(), mask, keepdim).to_vec()
    }

    /// Sum/mean/prod/amax/amin/any/all over the dims in `mask`; `out_dt` as the caller's
    /// dtype rules decided (the kernel's output dtype: int64 for integer sums).
    pub fn reduce(op: ReduceOp, a: &Tensor, mask: &[bool], keepdim: bool, out_dt: DType) -> Result<Tensor> {
        let rt = rt_of(&[a])?;
        let (_, outer, inner, ix, sa) = split_reduce(a, mask)?;
        let shape = out_shape(a, mask, keepdim);
        let (name, dt) = match op {
            ReduceOp::Sum => ("reduce_sum", out_dt),
            ReduceOp::Mean => ("reduce_mean", out_dt),
            ReduceOp::Prod => ("reduce_prod", out_dt),
            ReduceOp::Amax => ("reduce_max", a.dtype()),
            ReduceOp::Amin => ("reduce_min", a.dtype()),
            ReduceOp::Any => ("reduce_any", DType::Bool),
            ReduceOp::All => ("reduce_all", DType::Bool),
            other => return Err(Error::not_impl(format!("{other:?} reductions on CUDA tensors"))),
        };
        // The kernels accumulate in the input's family and write the family's output type.
        let kin = if matches!(op, ReduceOp::Sum | ReduceOp::Mean | ReduceOp::Prod) && a.dtype().is_floating_point() {
            on(&rt, a, out_dt)?
        } else {
            a.clone()
        };
        let sa = if kin.same(a) { sa } else { split_reduce(&kin, mask)?.4 };
        let kdt = if matches!(op, ReduceOp::Sum | ReduceOp::Prod) && !kin.dtype().is_floating_point() { DType::I64 } else { dt };
        let out = empty(&rt, kdt, &shape)?;
        let kname = kernel(name, kin.dtype())?;
        let (o, i, pa, po, null) = (outer as i64, inner as i64, ptr(&kin), ptr(&out), 0u64);
        if outer > 0 {
            launch!(rt, &kname, rows(outer), |b| {
                b.arg(&o).arg(&i).arg(&ix).arg(&pa).arg(&sa).arg(&po);
                if matches!(op, ReduceOp::Amax | ReduceOp::Amin) {
                    b.arg(&null);
                }
            })?;
        }
        if kdt != out_dt { cast(&out, out_dt) } else { Ok(out) }
    }

    /// `max(dim)`/`min(dim)` values and int64 indices, or only the indices (`argmax`).
    pub fn max_min_dim(a: &Tensor, dim: usize, keepdim: bool, max: bool) -> Result<(Tensor, Tensor)> {
        let rt = rt_of(&[a])?;
        let mut mask = vec![false; a.ndim()];
        if !mask.is_empty() {
            mask[dim] = true;
        }
        let (_, outer, inner, ix, sa) = split_reduce(a, &mask)?;
        let shape = out_shape(a, &mask, keepdim);
        let vals = empty(&rt, a.dtype(), &shape)?;
        let inds = empty(&rt, DType::I64, &shape)?;
        let kname = kernel(if max { "reduce_max" } else { "reduce_min" }, a.dtype())?;
        let (o, i, pa, pv, pi) = (outer as i64, inner as i64, ptr(a), ptr(&vals), ptr(&inds));
        if outer > 0 {
            launch!(rt, &kname, rows(outer), |b| {
                b.arg(&o).arg(&i).arg(&ix).arg(&pa).arg(&sa).arg(&pv).arg(&pi);
            })?;
        }
        Ok((vals, inds))
    }

    /// Softmax or log-softmax over the last dim of a contiguous copy of `a` (dim moved last
    /// by the caller when needed).
    pub fn softmax_last(a: &Tensor, log: bool) -> Result<Tensor> {
        let rt = rt_of(&[a])?;
        let a = if a.is_contiguous() { a.clone() } else { cast(a, a.dtype())? };
        let shape = a.shape();
        let inner = *shape.last().unwrap_or(&1);
        let outer = if inner == 0 { 0 } else { a.numel() / inner };
        let out = empty(&rt, a.dtype(), &shape)?;
        let kname = kernel(if log { "log_softmax" } else { "softmax" }, a.dtype())?;
        let off = a.offset() as u64 * a.dtype().itemsize() as u64;
        let (o, i, pa, po) = (outer as i64, inner as i64, ptr(&a) + off, ptr(&out));
        if outer > 0 {
            launch!(rt, &kname, rows(outer), |b| {
                b.arg(&o).arg(&i).arg(&pa).arg(&po);
            })?;
        }
        Ok(out)
    }

    /// Random fills: `uniform(lo, hi)`, `normal(mean, std)`, `int(lo, range)`, `bernoulli(p)`.
    pub enum Dist {
        Uniform(f64, f64),
        Normal(f64, f64),
        Int(i64, i64),
        Bernoulli(f64),
    }

    pub fn random(shape: &[usize], dtype: DType, index: usize, dist: Dist) -> Result<Tensor> {
        let rt = runtime(index)?;
        let n: usize = shape.iter().product();
        let m = rt.alloc(dtype, n)?;
        let base = match dist {
            Dist::Uniform(..) => "rand_uniform",
            Dist::Normal(..) => "rand_normal",
            Dist::Int(..) => "rand_int",
            Dist::Bernoulli(_) => "bernoulli",
        };
        let kname = kernel(base, dtype)?;
        let (seed, offset) = rt.rng_advance(n as u64 * 2);
        let (nn, p) = (n as i64, m.ptr());
        if n > 0 {
            launch!(rt, &kname, items(n), |b| {
                b.arg(&nn).arg(&p).arg(&seed).arg(&offset);
                match &dist {
                    Dist::Uniform(x, y) | Dist::Normal(x, y) => {
                        b.arg(x).arg(y);
                    }
                    Dist::Int(x, y) => {
                        b.arg(x).arg(y);
                    }
                    Dist::Bernoulli(x) => {
                        b.arg(x);
                    }
                };
            })?;
        }
        Ok(wrap(m, shape))
    }

    fn check_err_flag(rt: &Runtime, err: &DeviceMem, what: &str) -> Result<()> {
        let flag = rt_download_i32(rt, err)?;
        if flag != 0 {
            return Err(Error::runtime(format!(
                "CUDA error: device-side assert triggered ({what}: index out of bounds)"
            )));
        }
        Ok(())
    }

    fn rt_download_i32(rt: &Runtime, m: &DeviceMem) -> Result<i32> {
        let b = super::super::runtime::download_mem(rt, m)?;
        Ok(b.as_slice::<i32>()[0])
    }

    fn err_flag(rt: &Runtime) -> Result<DeviceMem> {
        fill_mem(rt, DType::I32, 1, Scalar::Int(0))
    }

    /// `torch.gather(a, dim, index)`.
    pub fn gather(a: &Tensor, dim: usize, index: &Tensor) -> Result<Tensor> {
        let rt = rt_of(&[a, index])?;
        let shape = index.shape();
        let out = empty(&rt, a.dtype(), &shape)?;
        let err = err_flag(&rt)?;
        let kname = kernel("gather", a.dtype())?;
        let (n, ix) = (index.numel() as i64, idx(&shape)?);
        let (po, pa, sa, pi, si) = (ptr(&out), ptr(a), st_same_rank(a), ptr(index), st(index, &shape));
        let (d, size, pe) = (dim as i32, a.shape()[dim] as i64, err.ptr());
        if n > 0 {
            launch!(rt, &kname, items(n as usize), |b| {
                b.arg(&n).arg(&ix).arg(&po).arg(&pa).arg(&sa).arg(&pi).arg(&si).arg(&d).arg(&size).arg(&pe);
            })?;
        }
        check_err_flag(&rt, &err, "gather")?;
        Ok(out)
    }

    /// Strides of `t` for its own dims (no broadcasting).
    fn st_same_rank(t: &Tensor) -> St {
        let l = t.layout();
        let mut s = St { off: l.offset as i64, ..Default::default() };
        for (d, &stride) in l.strides.iter().enumerate() {
            s.stride[d] = stride as i64;
        }
        s
    }

    /// `torch.index_select(a, dim, index)` (index 1-D int64 on the device).
    pub fn index_select(a: &Tensor, dim: usize, index: &Tensor) -> Result<Tensor> {
        let rt = rt_of(&[a, index])?;
        let index = if index.dtype() == DType::I64 && index.is_contiguous() && index.offset() == 0 { index.clone() } else { cast(index, DType::I64)? };
        let mut shape = a.shape().to_vec();
        shape[dim] = index.numel();
        let out = empty(&rt, a.dtype(), &shape)?;
        let err = err_flag(&rt)?;
        let kname = kernel("index_select", a.dtype())?;
        let n = out.numel() as i64;
        let (ix, po, pa, sa, pi) = (idx(&shape)?, ptr(&out), ptr(a), st_same_rank(a), ptr(&index));
        let (d, size, pe) = (dim as i32, a.shape()[dim] as i64, err.ptr());
        if n > 0 {
            launch!(rt, &kname, items(n as usize), |b| {
                b.arg(&n).arg(&ix).arg(&po).arg(&pa).arg(&sa).arg(&pi).arg(&d).arg(&size).arg(&pe);
            })?;
        }
        check_err_flag(&rt, &err, "index_select")?;
        Ok(out)
    }

    /// `self_.scatter_(dim, index, src)` (add: `scatter_add_`), in place.
    pub fn scatter_(self_: &Tensor, dim: usize, index: &Tensor, src: &Tensor, add: bool) -> Result<()> {
        let rt = rt_of(&[self_, index, src])?;
        let shape = index.shape();
        let err = err_flag(&rt)?;
        let kname = kernel("scatter", self_.dtype())?;
        let n = index.numel() as i64;
        let src = on(&rt, src, self_.dtype())?;
        let (ix, ps, ss, pi, si) = (idx(&shape)?, ptr(self_), st_same_rank(self_), ptr(index), st(index, &shape));
        let (pr, sr) = (ptr(&src), if src.ndim() == 0 { St::default() } else { st_same_rank(&src) });
        let (d, size, mode, pe) = (dim as i32, self_.shape()[dim] as i64, i32::from(add), err.ptr());
        if n > 0 {
            launch!(rt, &kname, items(n as usize), |b| {
                b.arg(&n).arg(&ix).arg(&ps).arg(&ss).arg(&pi).arg(&si).arg(&pr).arg(&sr).arg(&d).arg(&size).arg(&mode).arg(&pe);
            })?;
        }
        self_.view().storage.bump_version();
        check_err_flag(&rt, &err, "scatter")
    }

    #[cfg(test)]
    pub fn test_st(t: &Tensor, shape: &[usize]) -> St {
        st(t, shape)
    }
    #[cfg(test)]
    pub fn test_split_reduce(a: &Tensor, mask: &[bool]) -> (Vec<usize>, usize, usize, Idx, St) {
        split_reduce(a, mask).unwrap()
    }
    #[cfg(test)]
    pub fn test_binary_name(op: BinaryOp) -> &'static str {
        binary_name(op).unwrap()
    }
    #[cfg(test)]
    pub fn test_unary_name(op: UnaryOp) -> Option<(&'static str, &'static str)> {
        unary_name(op)
    }
    #[cfg(test)]
    pub fn test_sfx(d: DType) -> &'static str {
        sfx(d).unwrap()
    }

    /// Matrix products on cuBLAS: `a` (.., m, k) @ `b` (.., k, n) with batch dims already
    /// broadcast to `batch` by the caller; operands are made dense when their strides are
    /// not a plain (possibly transposed) matrix layout.
    pub fn matmul(a: &Tensor, b: &Tensor, m: usize, k: usize, n: usize, batch: &[usize], out_shape: &[usize]) -> Result<Tensor> {
        use cudarc::cublas::sys::{cublasComputeType_t as CT, cublasGemmAlgo_t, cublasOperation_t as Op, cudaDataType as DT};
        let rt = rt_of(&[a, b])?;
        let dt = a.dtype();
        let (ty, ct) = match dt {
            DType::F32 => (DT::CUDA_R_32F, if super::super::allow_tf32() { CT::CUBLAS_COMPUTE_32F_FAST_TF32 } else { CT::CUBLAS_COMPUTE_32F }),
            DType::F64 => (DT::CUDA_R_64F, CT::CUBLAS_COMPUTE_64F),
            DType::F16 => (DT::CUDA_R_16F, CT::CUBLAS_COMPUTE_32F),
            DType::BF16 => (DT::CUDA_R_16BF, CT::CUBLAS_COMPUTE_32F),
            other => {
                return Err(Error::runtime(format!(
                    "\"addmm_cuda\" not implemented for '{}'",
                    crate::tensor::dtype::scalar_type_name(other)
                )))
            }
        };
        let nb: usize = batch.iter().product();
        // Dense [nb, rows, cols] copies of both (expanded batch dims materialised).
        let dense = |t: &Tensor, rows: usize, cols: usize| -> Result<Tensor> {
            let mut full = batch.to_vec();
            full.extend([rows, cols]);
            let sizes: Vec<i64> = full.iter().map(|&d| d as i64).collect();
            let e = crate::tensor::ops::movement::expand(t, &sizes)?;
            if e.is_contiguous() { Ok(e) } else { cast(&e, dt) }
        };
        let (a, b) = (dense(a, m, k)?, dense(b, k, n)?);
        let out = empty(&rt, dt, out_shape)?;
        if nb * m * n == 0 {
            return Ok(out);
        }
        if k == 0 {
            return full(out_shape, Scalar::Float(0.0), dt, rt.index);
        }
        let isz = dt.itemsize() as u64;
        let (pa, pb, pc) = (ptr(&a) + a.offset() as u64 * isz, ptr(&b) + b.offset() as u64 * isz, ptr(&out));
        // Row-major C = A B is column-major C^T = B^T A^T.
        let (one32, zero32, one64, zero64) = (1.0f32, 0.0f32, 1.0f64, 0.0f64);
        let (alpha, beta): (*const std::ffi::c_void, *const std::ffi::c_void) = if dt == DType::F64 {
            (&one64 as *const f64 as _, &zero64 as *const f64 as _)
        } else {
            (&one32 as *const f32 as _, &zero32 as *const f32 as _)
        };
        rt.with_blas(|blas| {
            // SAFETY: the pointers address dense [nb, m, k], [nb, k, n] and [nb, m, n]
            // device arrays of `dt`; alpha/beta live until the call returns.
            unsafe {
                cudarc::cublas::result::gemm_strided_batched_ex(
                    *blas.handle(), Op::CUBLAS_OP_N, Op::CUBLAS_OP_N,
                    n as i32, m as i32, k as i32, alpha,
                    pb as *const _, ty, n as i32, (k * n) as i64,
                    pa as *const _, ty, k as i32, (m * k) as i64,
                    beta, pc as *mut _, ty, n as i32, (m * n) as i64,
                    nb as i32, ct, cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
                )
            }
            .map_err(|e| Error::runtime(format!("CUDA error: {e:?} in cublasGemmStridedBatchedEx")))
        })?;
        out.view().storage.bump_version();
        Ok(out)
    }
}

#[cfg(all(test, feature = "cuda"))]
mod tests {
    //! The host half of the ABI, checked without a GPU: the launch layouts the ops build
    //! from tensor layouts, and that every kernel name they can ask for exists.
    use super::imp::*;
    use crate::backend::cuda::kernels::has;
    use crate::tensor::ops::binary::BinaryOp;
    use crate::tensor::ops::unary::UnaryOp;
    use crate::tensor::{DType, Tensor};

    const DTS: [DType; 10] = [DType::F32, DType::F64, DType::F16, DType::BF16, DType::I64, DType::I32, DType::I16, DType::I8, DType::U8, DType::Bool];

    #[test]
    fn broadcast_strides_and_reduce_order() {
        // A [3, 1] column broadcast to [2, 3, 4]: stride 0 for the new and the size-1 dims.
        let t = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3, 1]);
        let s = test_st(&t, &[2, 3, 4]);
        assert_eq!(&s.stride[..3], &[0, 1, 0]);
        // A transposed [4, 3] view reduced over dim 0: the reduced dim goes last.
        let a = crate::tensor::ops::movement::transpose(&Tensor::from_vec((0..12).map(|x| x as f32).collect(), &[3, 4]), 0, 1).unwrap();
        let (kept, outer, inner, ix, st) = test_split_reduce(&a, &[true, false]);
        assert_eq!((kept, outer, inner), (vec![3], 3, 4));
        assert_eq!(&ix.shape[..2], &[3, 4]);
        assert_eq!(&st.stride[..2], &[4, 1]);
    }

    #[test]
    fn every_kernel_the_ops_ask_for_exists() {
        use BinaryOp::*;
        for op in [Add, Sub, Mul, Div, FloorDiv, Remainder, Fmod, Pow, Maximum, Minimum, Atan2, BitAnd, BitOr, BitXor, LogicalAnd, LogicalOr, LogicalXor] {
            let name = test_binary_name(op);
            let float = !matches!(op, BitAnd | BitOr | BitXor);
            if float {
                assert!(has(&format!("binary_{name}_f32")) && has(&format!("binary_{name}_bf16")), "{name}");
            }
            if !matches!(op, Div | Pow | Atan2) {
                assert!(has(&format!("binary_{name}_i64")), "{name}");
            }
        }
        for op in [UnaryOp::Exp, UnaryOp::Tanh, UnaryOp::Relu, UnaryOp::Gelu, UnaryOp::GeluTanh, UnaryOp::Silu, UnaryOp::Softplus,
                   UnaryOp::LogSigmoid, UnaryOp::Round, UnaryOp::Frac, UnaryOp::Rsqrt, UnaryOp::Square, UnaryOp::IsNan, UnaryOp::IsFinite] {
            let (fam, name) = test_unary_name(op).unwrap();
            assert!(has(&format!("{fam}_{name}_f16")), "{fam}_{name}");
        }
        for s in DTS {
            for d in DTS {
                assert!(has(&format!("cast_{}_{}", test_sfx(s), test_sfx(d))));
            }
            for k in ["fill", "where", "gather", "index_select", "reduce_sum", "reduce_max", "reduce_min", "reduce_any", "compare_lt"] {
                assert!(has(&format!("{k}_{}", test_sfx(s))), "{k} {s:?}");
            }
        }
        assert!(has("softmax_bf16") && has("log_softmax_f64") && has("rand_normal_f16") && has("scatter_f32"));
    }
}
