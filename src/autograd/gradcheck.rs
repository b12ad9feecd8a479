//! Numerical gradient checks (float64 central differences) for every node the
//! differentiable layer can create; a test fails when a registered name has no check.

use super::engine;
use super::index_ops::{self as ix, SplitKind};
use super::more_ops as mo;
use super::ops::*;
use super::reduce_ops as ro;
use crate::tensor::ops::reduce::NormOrd;
use crate::error::Result;
use crate::tensor::ops::index::TensorIndex;
use crate::tensor::ops::reduce::ReduceOp;
use crate::tensor::ops::unary::UnaryOp as U;
use crate::tensor::ops::binary::BinaryOp as B;
use crate::tensor::{DType, Scalar, Tensor};

type F = Box<dyn Fn(&[Tensor]) -> Result<Tensor>>;

fn inp(shape: &[usize], base: f64, positive: bool) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| {
            let x = base + 0.37 * i as f64 - 0.11 * (i * i % 5) as f64;
            if positive { 0.2 + (x.abs() % 0.7) } else { x }
        })
        .collect();
    Tensor::from_vec(v, shape)
}

fn wn(x: f64) -> Tensor {
    Tensor::wrapped(Scalar::Float(x))
}

fn u(op: U) -> F {
    Box::new(move |x| unary(op, &x[0]))
}

/// (node name, function, input shapes, positive inputs).
fn cases() -> Vec<(&'static str, F, Vec<Vec<usize>>, bool)> {
    let s = |v: &[usize]| v.to_vec();
    let mut c: Vec<(&'static str, F, Vec<Vec<usize>>, bool)> = vec![
        ("SqueezeBackward4", Box::new(|x| matmul(&x[0], &x[1])), vec![s(&[3]), s(&[3, 2])], false),
        ("LeakyReluBackward0", Box::new(|x| super::act_ops::leaky_relu(&x[0], 0.1)), vec![s(&[2, 3])], false),
        ("EluBackward0", Box::new(|x| super::act_ops::elu(&x[0], 1.3)), vec![s(&[2, 3])], false),
        ("HardtanhBackward0", Box::new(|x| super::act_ops::hardtanh(&x[0], -0.5, 0.9)), vec![s(&[2, 3])], false),
        ("SoftplusBackward0", Box::new(|x| super::act_ops::softplus(&x[0], 2.0, 1.5)), vec![s(&[2, 3])], false),
        ("MseLossBackward0", Box::new(|x| crate::nn::functional::mse_loss(&x[0], &x[1], crate::nn::functional::Reduction::Mean)), vec![s(&[2, 3]), s(&[2, 3])], false),
        ("NllLossBackward0", Box::new(|x| {
            let t = Tensor::from_vec(vec![2i64, 0], &[2]);
            crate::nn::functional::nll_loss(&x[0], &t, None, -100, crate::nn::functional::Reduction::Mean)
        }), vec![s(&[2, 3])], false),
        ("BinaryCrossEntropyBackward0", Box::new(|x| {
            let t = Tensor::from_vec(vec![0.0f64, 1.0, 0.3, 0.8], &[4]);
            crate::nn::functional::binary_cross_entropy(&x[0], &t, None, crate::nn::functional::Reduction::Sum)
        }), vec![s(&[4])], true),
        ("BinaryCrossEntropyWithLogitsBackward0", Box::new(|x| {
            let t = Tensor::from_vec(vec![0.0f64, 1.0, 0.3, 0.8], &[4]);
            crate::nn::functional::bce_with_logits(&x[0], &t, None, None, crate::nn::functional::Reduction::Mean)
        }), vec![s(&[4])], false),
        ("DivBackward1", Box::new(|x| {
            let p = Tensor::from_vec(vec![0.2f64, 0.3, 0.5, 0.1, 0.6, 0.3], &[2, 3]);
            crate::nn::functional::cross_entropy(&x[0], &p, None, -100, crate::nn::functional::Reduction::Mean, 0.0)
        }), vec![s(&[2, 3])], false),
        ("AddBackward0", Box::new(|x| add(&x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("SubBackward0", Box::new(|x| sub(&x[0], &x[1])), vec![s(&[2, 3]), s(&[2, 1])], false),
        ("MulBackward0", Box::new(|x| mul(&x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("DivBackward0", Box::new(|x| div(&x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], true),
        ("PowBackward0", Box::new(|x| binary(B::Pow, &x[0], &wn(2.5))), vec![s(&[4])], true),
        ("PowBackward1", Box::new(|x| binary(B::Pow, &x[0], &x[1])), vec![s(&[4]), s(&[4])], true),
        ("PowBackward2", Box::new(|x| binary(B::Pow, &wn(1.7), &x[0])), vec![s(&[4])], false),
        ("MmBackward0", Box::new(|x| mm(&x[0], &x[1])), vec![s(&[2, 3]), s(&[3, 4])], false),
        ("MvBackward0", Box::new(|x| mv(&x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("DotBackward0", Box::new(|x| dot(&x[0], &x[1])), vec![s(&[3]), s(&[3])], false),
        ("UnsafeViewBackward0", Box::new(|x| matmul(&x[0], &x[1])), vec![s(&[2, 2, 3]), s(&[3, 2])], false),
        ("SumBackward0", Box::new(|x| reduce(ReduceOp::Sum, &x[0], None, false, None)), vec![s(&[2, 3])], false),
        ("SumBackward1", Box::new(|x| reduce(ReduceOp::Sum, &x[0], Some(&[1]), false, None)), vec![s(&[2, 3])], false),
        ("MeanBackward0", Box::new(|x| reduce(ReduceOp::Mean, &x[0], None, false, None)), vec![s(&[2, 3])], false),
        ("MeanBackward1", Box::new(|x| reduce(ReduceOp::Mean, &x[0], Some(&[0]), true, None)), vec![s(&[2, 3])], false),
        ("MaxBackward1", Box::new(|x| max_all(&x[0], true)), vec![s(&[5])], false),
        ("MinBackward1", Box::new(|x| max_all(&x[0], false)), vec![s(&[5])], false),
        ("MaxBackward0", Box::new(|x| Ok(max_dim(&x[0], 1, false, true)?.0)), vec![s(&[2, 3])], false),
        ("MinBackward0", Box::new(|x| Ok(max_dim(&x[0], 0, true, false)?.0)), vec![s(&[2, 3])], false),
        ("ViewBackward0", Box::new(|x| view(&x[0], &[3, 2])), vec![s(&[2, 3])], false),
        ("TransposeBackward0", Box::new(|x| transpose(&x[0], 0, 1)), vec![s(&[2, 3])], false),
        ("TBackward0", Box::new(|x| t(&x[0])), vec![s(&[2, 3])], false),
        ("PermuteBackward0", Box::new(|x| permute(&x[0], &[2, 0, 1])), vec![s(&[2, 3, 2])], false),
        ("ExpandBackward0", Box::new(|x| expand(&x[0], &[2, 3, 4])), vec![s(&[3, 1])], false),
        ("SqueezeBackward0", Box::new(|x| squeeze(&x[0], None)), vec![s(&[2, 1, 3])], false),
        ("SqueezeBackward1", Box::new(|x| squeeze(&x[0], Some(&[1]))), vec![s(&[2, 1, 3])], false),
        ("SqueezeBackward2", Box::new(|x| squeeze(&x[0], Some(&[1, 3]))), vec![s(&[2, 1, 3, 1])], false),
        ("AliasBackward0", Box::new(|x| index(&x[0], &[TensorIndex::Ellipsis])), vec![s(&[2, 3])], false),
        ("UnsqueezeBackward0", Box::new(|x| unsqueeze(&x[0], 1)), vec![s(&[2, 3])], false),
        ("IndexBackward0", Box::new(|x| {
            index(&x[0], &[TensorIndex::Tensor(Tensor::from_vec(vec![0i64, 2, 0], &[3]))])
        }), vec![s(&[3, 2])], false),
        ("SelectBackward0", Box::new(|x| select(&x[0], 1, 2)), vec![s(&[2, 3])], false),
        ("SliceBackward0", Box::new(|x| narrow(&x[0], 0, 1, 2)), vec![s(&[4, 2])], false),
        ("CatBackward0", Box::new(|x| cat(&[x[0].clone(), x[1].clone()], 1)), vec![s(&[2, 1]), s(&[2, 3])], false),
        ("StackBackward0", Box::new(|x| stack(&[x[0].clone(), x[1].clone()], 0)), vec![s(&[3]), s(&[3])], false),
        ("SoftmaxBackward0", Box::new(|x| softmax(&x[0], 1, None)), vec![s(&[2, 3])], false),
        ("LogSoftmaxBackward0", Box::new(|x| log_softmax(&x[0], 1, None)), vec![s(&[2, 3])], false),
        ("ClampBackward1", Box::new(|x| clamp(&x[0], Some(&wn(-0.5)), Some(&wn(1.1)))), vec![s(&[6])], false),
        ("WhereBackward0", Box::new(|x| {
            let c = Tensor::from_vec(vec![true, false, true], &[3]);
            where_(&c, &x[0], &x[1])
        }), vec![s(&[3]), s(&[3])], false),
        ("CloneBackward0", Box::new(|x| clone(&x[0])), vec![s(&[3])], false),
        ("ToCopyBackward0", Box::new(|x| to_copy(&to_copy(&x[0], DType::F32)?, DType::F64)), vec![s(&[3])], false),
    ];
    c.extend(more_cases());
    let un: &[(&'static str, U, bool)] = &[
        ("NegBackward0", U::Neg, false), ("ExpBackward0", U::Exp, false), ("LogBackward0", U::Log, true),
        ("SinBackward0", U::Sin, false), ("CosBackward0", U::Cos, false), ("TanBackward0", U::Tan, true),
        ("TanhBackward0", U::Tanh, false), ("SigmoidBackward0", U::Sigmoid, false), ("ReluBackward0", U::Relu, false),
        ("SqrtBackward0", U::Sqrt, true), ("AbsBackward0", U::Abs, false), ("ReciprocalBackward0", U::Reciprocal, true),
        ("RsqrtBackward0", U::Rsqrt, true), ("Log1pBackward0", U::Log1p, true), ("Expm1Backward0", U::Expm1, false),
        ("Log2Backward0", U::Log2, true), ("Log10Backward0", U::Log10, true), ("Exp2Backward0", U::Exp2, false),
        ("SinhBackward0", U::Sinh, false), ("CoshBackward0", U::Cosh, false), ("AsinBackward0", U::Asin, true),
        ("AcosBackward0", U::Acos, true), ("AtanBackward0", U::Atan, false), ("SiluBackward0", U::Silu, false),
        ("LogSigmoidBackward0", U::LogSigmoid, false), ("ErfBackward0", U::Erf, false),
        ("SoftplusBackward0", U::Softplus, false), ("GeluBackward0", U::Gelu, false), ("GeluBackward0", U::GeluTanh, false),
        ("FloorBackward0", U::Floor, false), ("CeilBackward0", U::Ceil, false), ("RoundBackward0", U::Round, false),
        ("TruncBackward0", U::Trunc, false), ("SignBackward0", U::Sign, false), ("FracBackward0", U::Frac, false),
        ("ErfcBackward0", U::Erfc, false),
    ];
    for &(n, op, pos) in un {
        c.push((n, u(op), vec![vec![5]], pos));
    }
    c
}

fn idx(v: &[i64], shape: &[usize]) -> Tensor {
    Tensor::from_vec(v.to_vec(), shape)
}

fn part(v: Vec<Tensor>, k: usize) -> Result<Tensor> {
    Ok(v[k].clone())
}

/// A non-leaf copy of `x` (in-place ops need one).
fn nonleaf(x: &Tensor) -> Result<Tensor> {
    mul(x, &wn(1.0))
}

/// Cases for reduce_ops, index_ops and more_ops (and in-place nodes).
fn more_cases() -> Vec<(&'static str, F, Vec<Vec<usize>>, bool)> {
    let s = |v: &[usize]| v.to_vec();
    let m23 = || Tensor::from_vec(vec![true, false, true, false, false, true], &[2, 3]);
    vec![
        ("ProdBackward0", Box::new(|x| reduce(ReduceOp::Prod, &x[0], None, false, None)), vec![s(&[2, 3])], false),
        ("ProdBackward1", Box::new(|x| reduce(ReduceOp::Prod, &x[0], Some(&[1]), false, None)), vec![s(&[2, 3])], false),
        // A zero in the product takes the exact (prefix * suffix) path.
        ("ProdBackward1", Box::new(|x| {
            let z = mul(&x[0], &Tensor::from_vec(vec![1.0, 0.0, 1.0, 1.0, 1.0, 1.0], &[2, 3]))?;
            reduce(ReduceOp::Prod, &z, Some(&[1]), true, None)
        }), vec![s(&[2, 3])], false),
        ("AmaxBackward0", Box::new(|x| reduce(ReduceOp::Amax, &x[0], Some(&[1]), false, None)), vec![s(&[2, 3])], false),
        ("AminBackward0", Box::new(|x| reduce(ReduceOp::Amin, &x[0], None, false, None)), vec![s(&[2, 3])], false),
        ("NansumBackward0", Box::new(|x| reduce(ReduceOp::NanSum, &x[0], Some(&[0]), false, None)), vec![s(&[2, 3])], false),
        ("LogsumexpBackward0", Box::new(|x| reduce(ReduceOp::LogSumExp, &x[0], Some(&[1]), false, None)), vec![s(&[2, 3])], false),
        ("VarBackward0", Box::new(|x| ro::var_std(&x[0], Some(&[1]), 1.0, false, false, "VarBackward0")), vec![s(&[2, 3])], false),
        ("StdBackward0", Box::new(|x| ro::var_std(&x[0], None, 0.0, false, true, "StdBackward0")), vec![s(&[2, 3])], false),
        ("VarMeanBackward0", Box::new(|x| ro::var_std(&x[0], Some(&[0]), 1.0, true, false, "VarMeanBackward0")), vec![s(&[3, 2])], false),
        ("StdMeanBackward0", Box::new(|x| ro::var_std(&x[0], Some(&[1]), 1.0, false, true, "StdMeanBackward0")), vec![s(&[2, 3])], false),
        ("LinalgVectorNormBackward0", Box::new(|x| ro::norm(&x[0], NormOrd::P(2.0), None, false)), vec![s(&[2, 3])], false),
        ("LinalgVectorNormBackward0", Box::new(|x| ro::norm(&x[0], NormOrd::P(3.0), Some(&[1]), false)), vec![s(&[2, 3])], false),
        ("LinalgVectorNormBackward0", Box::new(|x| ro::norm(&x[0], NormOrd::P(1.0), Some(&[0]), true)), vec![s(&[2, 3])], false),
        ("LinalgVectorNormBackward0", Box::new(|x| ro::norm(&x[0], NormOrd::Inf, None, false)), vec![s(&[2, 3])], false),
        ("LinalgVectorNormBackward0", Box::new(|x| ro::norm(&x[0], NormOrd::Fro, Some(&[0, 1]), false)), vec![s(&[2, 3])], false),
        ("CumsumBackward0", Box::new(|x| ro::cumsum(&x[0], 1, None)), vec![s(&[2, 3])], false),
        ("CumprodBackward0", Box::new(|x| ro::cumprod(&x[0], 0, None)), vec![s(&[3, 2])], false),
        ("CumprodBackward0", Box::new(|x| {
            let z = mul(&x[0], &Tensor::from_vec(vec![1.0, 1.0, 0.0, 1.0], &[4]))?;
            ro::cumprod(&z, 0, None)
        }), vec![s(&[4])], false),
        ("SortBackward0", Box::new(|x| {
            let vi = crate::tensor::ops::reduce_sort::sort(&x[0], 1, true, false)?;
            Ok(ro::values_at(&x[0], vi, 1, true, "SortBackward0")?.0)
        }), vec![s(&[2, 3])], false),
        ("TopkBackward0", Box::new(|x| {
            let vi = crate::tensor::ops::reduce_sort::topk(&x[0], 2, -1, true, true)?;
            Ok(ro::values_at(&x[0], vi, -1, true, "TopkBackward0")?.0)
        }), vec![s(&[2, 3])], false),
        ("KthvalueBackward0", Box::new(|x| {
            let vi = crate::tensor::ops::reduce_sort::kthvalue(&x[0], 2, 1, false)?;
            Ok(ro::values_at(&x[0], vi, 1, false, "KthvalueBackward0")?.0)
        }), vec![s(&[2, 3])], false),
        ("MedianBackward1", Box::new(|x| {
            let vi = crate::tensor::ops::reduce_sort::median_dim(&x[0], 0, true)?;
            Ok(ro::values_at(&x[0], vi, 0, true, "MedianBackward1")?.0)
        }), vec![s(&[3, 2])], false),
        ("ModeBackward0", Box::new(|x| {
            let vi = crate::tensor::ops::reduce_sort::mode_dim(&x[0], 1, false)?;
            Ok(ro::values_at(&x[0], vi, 1, false, "ModeBackward0")?.0)
        }), vec![s(&[2, 3])], false),
        ("MedianBackward0", Box::new(|x| ro::evenly(&x[0], crate::tensor::ops::reduce_sort::median_all(&x[0])?, "MedianBackward0")), vec![s(&[5])], false),
        ("GatherBackward0", Box::new(|x| ix::gather(&x[0], 1, &idx(&[0, 2, 2, 1], &[2, 2]))), vec![s(&[2, 3])], false),
        ("ScatterBackward0", Box::new(|x| ix::scatter(&x[0], 1, &idx(&[0, 2, 1, 0], &[2, 2]), &x[1])), vec![s(&[2, 3]), s(&[2, 2])], false),
        ("ScatterBackward1", Box::new(|x| ix::scatter(&x[0], 0, &idx(&[1, 0, 1], &[1, 3]), &wn(2.0))), vec![s(&[2, 3])], false),
        ("ScatterAddBackward0", Box::new(|x| ix::scatter_add(&x[0], 1, &idx(&[0, 0, 1, 2], &[2, 2]), &x[1])), vec![s(&[2, 3]), s(&[2, 2])], false),
        ("IndexSelectBackward0", Box::new(|x| ix::index_select(&x[0], 0, &idx(&[2, 0, 2], &[3]))), vec![s(&[3, 2])], false),
        ("IndexAddBackward0", Box::new(|x| ix::index_add(&x[0], 0, &idx(&[2, 0], &[2]), &x[1], 0.5)), vec![s(&[3, 2]), s(&[2, 2])], false),
        ("MaskedFillBackward0", Box::new(move |x| ix::masked_fill(&x[0], &m23(), &wn(0.5))), vec![s(&[3])], false),
        ("MaskedFillBackward1", Box::new(move |x| ix::masked_fill(&x[0], &m23(), &x[1])), vec![s(&[2, 3]), s(&[])], false),
        ("SplitBackward0", Box::new(|x| {
            part(ix::split_parts(&x[0], crate::tensor::ops::movement::chunk(&x[0], 3, 1)?, 1, SplitKind::Split)?, 1)
        }), vec![s(&[2, 3])], false),
        ("SplitWithSizesBackward0", Box::new(|x| {
            let sz = crate::tensor::ops::movement::SplitSize::Sizes(vec![1, 2]);
            part(ix::split_parts(&x[0], crate::tensor::ops::movement::split(&x[0], &sz, 0)?, 0, SplitKind::SplitWithSizes)?, 1)
        }), vec![s(&[3, 2])], false),
        ("UnbindBackward0", Box::new(|x| {
            part(ix::split_parts(&x[0], crate::tensor::ops::movement::unbind(&x[0], 1)?, 1, SplitKind::Unbind)?, 1)
        }), vec![s(&[2, 3])], false),
        ("MaximumBackward0", Box::new(|x| binary(B::Maximum, &x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("MinimumBackward0", Box::new(|x| binary(B::Minimum, &x[0], &x[1])), vec![s(&[2, 3]), s(&[2, 1])], false),
        ("Atan2Backward0", Box::new(|x| binary(B::Atan2, &x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("HypotBackward0", Box::new(|x| binary(B::Hypot, &x[0], &x[1])), vec![s(&[2, 3]), s(&[3])], false),
        ("RemainderBackward0", Box::new(|x| binary(B::Remainder, &x[0], &wn(0.45))), vec![s(&[4])], true),
        ("RemainderBackward1", Box::new(|x| binary(B::Remainder, &x[0], &x[1])), vec![s(&[4]), s(&[4])], true),
        ("FmodBackward0", Box::new(|x| binary(B::Fmod, &x[0], &wn(0.45))), vec![s(&[4])], true),
        ("FmodBackward1", Box::new(|x| binary(B::Fmod, &x[0], &x[1])), vec![s(&[4]), s(&[4])], true),
        ("LerpBackward0", Box::new(|x| mo::lerp(&x[0], &x[1], &wn(0.3))), vec![s(&[2, 3]), s(&[3])], false),
        ("LerpBackward1", Box::new(|x| mo::lerp(&x[0], &x[1], &x[2])), vec![s(&[2, 3]), s(&[3]), s(&[2, 1])], false),
        ("ClampBackward0", Box::new(|x| clamp(&x[0], Some(&x[1]), Some(&x[2]))), vec![s(&[2, 3]), s(&[3]), s(&[2, 1])], false),
        ("BmmBackward0", Box::new(|x| mo::bmm(&x[0], &x[1])), vec![s(&[2, 2, 3]), s(&[2, 3, 2])], false),
        ("MulBackward0", Box::new(|x| mo::outer(&x[0], &x[1])), vec![s(&[3]), s(&[2])], false),
        ("AddmmBackward0", Box::new(|x| mo::addmm(&x[0], &x[1], &x[2], 0.5, 2.0)), vec![s(&[3]), s(&[2, 4]), s(&[4, 3])], false),
        ("TraceBackward0", Box::new(|x| mo::trace(&x[0])), vec![s(&[3, 4])], false),
        ("FlipBackward0", Box::new(|x| ix::gathered(&x[..1], "FlipBackward0", |t| crate::tensor::ops::movement::flip(&t[0], &[1]))), vec![s(&[2, 3])], false),
        ("RollBackward0", Box::new(|x| ix::gathered(&x[..1], "RollBackward0", |t| crate::tensor::ops::movement::roll(&t[0], &[1], &[0]))), vec![s(&[3, 2])], false),
        ("RepeatBackward0", Box::new(|x| ix::gathered(&x[..1], "RepeatBackward0", |t| crate::tensor::ops::movement::tile(&t[0], &[2, 1]))), vec![s(&[2, 3])], false),
        ("DiagonalBackward0", Box::new(|x| ix::gathered(&x[..1], "DiagonalBackward0", |t| crate::tensor::ops::movement::diagonal(&t[0], 1, 0, 1))), vec![s(&[3, 3])], false),
        ("TakeBackward0", Box::new(|x| ix::gathered(&x[..1], "TakeBackward0", |t| crate::tensor::ops::index::take(&t[0], &idx(&[5, 0, 5], &[3])))), vec![s(&[2, 3])], false),
        ("MaskedSelectBackward0", Box::new(move |x| ix::gathered(&x[..1], "MaskedSelectBackward0", move |t| crate::tensor::ops::index::masked_select(&t[0], &m23()))), vec![s(&[3])], false),
        ("CatBackward0", Box::new(|x| ix::gathered(x, "CatBackward0", |t| crate::tensor::ops::join::hstack(t))), vec![s(&[2, 1]), s(&[2, 3])], false),
        ("TrilBackward0", Box::new(|x| ix::tri(&x[0], 0, false)), vec![s(&[3, 3])], false),
        ("TriuBackward0", Box::new(|x| ix::tri(&x[0], 1, true)), vec![s(&[3, 4])], false),
        ("LinalgInvExBackward0", Box::new(|x| super::linalg_ops::inverse(&x[0])), vec![s(&[3, 3])], false),
        ("LinalgDetBackward0", Box::new(|x| super::linalg_ops::det(&x[0])), vec![s(&[2, 3, 3])], false),
        ("LinalgSlogdetBackward0", Box::new(|x| Ok(super::linalg_ops::slogdet(&x[0])?.1)), vec![s(&[3, 3])], false),
        ("LinalgSolveExBackward0", Box::new(|x| super::linalg_ops::solve(&x[0], &x[1])), vec![s(&[3, 3]), s(&[3, 2])], false),
        ("LinalgSolveExBackward0", Box::new(|x| super::linalg_ops::solve(&x[0], &x[1])), vec![s(&[3, 3]), s(&[3])], false),
        ("ViewBackward0", Box::new(|x| super::linalg_ops::einsum("ij,jk->ik", x)), vec![s(&[2, 3]), s(&[3, 4])], false),
        ("ViewBackward0", Box::new(|x| super::linalg_ops::einsum("bij,j", x)), vec![s(&[2, 2, 3]), s(&[3])], false),
        ("SumBackward1", Box::new(|x| super::linalg_ops::einsum("ij->j", x)), vec![s(&[2, 3])], false),
        ("PermuteBackward0", Box::new(|x| super::linalg_ops::einsum("ijk->kij", x)), vec![s(&[2, 3, 2])], false),
        ("MulBackward0", Box::new(|x| super::linalg_ops::einsum("i,j->ij", x)), vec![s(&[3]), s(&[2])], false),
        // Non-contiguous input (a transposed view).
        ("MmBackward0", Box::new(|x| mm(&t(&x[0])?, &x[1])), vec![s(&[3, 2]), s(&[3, 4])], false),
        // In-place ops on a non-leaf: the node is rebased onto the tensor.
        ("MulBackward0", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            binary_inplace(B::Mul, &y, &x[1])?;
            Ok(y)
        }), vec![s(&[2, 3]), s(&[3])], false),
        ("IndexPutBackward0", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            ix::index_put_(&y, &[TensorIndex::Int(1)], &x[1], "IndexPutBackward0")?;
            Ok(y)
        }), vec![s(&[2, 3]), s(&[3])], false),
        ("CopySlices", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            ix::index_put_(&y, &[TensorIndex::Slice { start: None, stop: None, step: None }, TensorIndex::Int(0)], &x[1], "CopySlices")?;
            Ok(y)
        }), vec![s(&[2, 3]), s(&[])], false),
        ("ZeroBackward0", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            ix::overwrite_(&y, None, "ZeroBackward0")?;
            crate::tensor::ops::fill_(&y, Scalar::Int(0))?;
            Ok(y)
        }), vec![s(&[3])], false),
        ("FillBackward2", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            ix::overwrite_(&y, None, "FillBackward2")?;
            crate::tensor::ops::fill_(&y, Scalar::Float(2.0))?;
            Ok(y)
        }), vec![s(&[3])], false),
        ("CopyBackwards", Box::new(|x| {
            let y = nonleaf(&x[0])?;
            ix::overwrite_(&y, Some(&x[1]), "CopyBackwards")?;
            crate::tensor::ops::copy_(&y, &x[1])?;
            Ok(y)
        }), vec![s(&[2, 3]), s(&[3])], false),
    ]
}

/// Scalar objective: sum(f(x) * weights) with fixed non-uniform weights.
fn objective(f: &F, xs: &[Tensor]) -> Result<Tensor> {
    let y = f(xs)?;
    let wts = inp(&y.shape(), 0.9, false);
    reduce(ReduceOp::Sum, &mul(&y, &wts)?, None, false, None)
}

/// The same values as `x`, laid out transposed in memory (a non-contiguous view) when it
/// has two or more dimensions.
fn non_contiguous(x: &Tensor) -> Tensor {
    let nd = x.ndim();
    if nd < 2 {
        return x.clone();
    }
    let rev: Vec<i64> = (0..nd as i64).rev().collect();
    let stored = crate::tensor::ops::movement::permute(x, &rev).expect("permute").contiguous();
    // (Shapes with unit dimensions may still come out contiguous; that is fine.)
    crate::tensor::ops::movement::permute(&stored, &rev).expect("permute back")
}

fn check(name: &str, f: &F, shapes: &[Vec<usize>], positive: bool) {
    let xs: Vec<Tensor> = shapes.iter().enumerate().map(|(i, s)| inp(s, 0.3 + i as f64 * 0.5, positive)).collect();
    check_at(name, f, xs.clone());
    // Again with non-contiguous inputs where an input has 2+ dimensions.
    // (Ops that need contiguous input, like `view`, refuse them, as in PyTorch.)
    if xs.iter().any(|x| x.ndim() >= 2) {
        let nc: Vec<Tensor> = xs.iter().map(non_contiguous).collect();
        if f(&nc).is_ok() {
            check_at(name, f, nc);
        }
    }
}

fn check_at(name: &str, f: &F, xs: Vec<Tensor>) {
    for x in &xs {
        x.autograd_mut().requires_grad = true;
    }
    let y = objective(f, &xs).expect(name);
    let top = y.autograd().grad_fn.as_ref().map(|n| n.name);
    assert_eq!(top, Some("SumBackward0"), "{name}");
    let inner = f(&xs).expect(name);
    assert_eq!(inner.autograd().grad_fn.as_ref().map(|n| n.name), Some(name), "node name");
    let ones = Tensor::scalar(Scalar::Float(1.0), DType::F64);
    let grads = engine::run(&[y], vec![ones], false, false, Some(&xs)).expect(name);
    // A float32 round trip is linear but coarse: use a wide step there.
    let (eps, tol) = if name == "ToCopyBackward0" { (1e-2, 1e-3) } else { (1e-6, 1e-4) };
    for (k, x) in xs.iter().enumerate() {
        let g = grads[k].clone().expect("grad").contiguous().to_vec_as::<f64>();
        let base = x.to_vec::<f64>();
        for j in 0..base.len() {
            let eval = |d: f64| -> f64 {
                let mut v = base.clone();
                v[j] += d;
                let mut ys: Vec<Tensor> = xs.clone();
                ys[k] = Tensor::from_vec(v, &x.shape());
                let prev = super::set_grad_enabled(false);
                let r = objective(f, &ys).expect(name).item().expect("item").to_f64();
                super::set_grad_enabled(prev);
                r
            };
            let num = (eval(eps) - eval(-eps)) / (2.0 * eps);
            assert!((num - g[j]).abs() <= tol * (1.0 + num.abs()), "{name}: input {k} elem {j}: numeric {num} vs analytic {}", g[j]);
        }
    }
}

/// Every node name written as a string literal in the differentiable layer's sources.
fn node_names_in_sources() -> Vec<String> {
    let srcs = [
        include_str!("ops.rs"), include_str!("shape_ops.rs"), include_str!("reduce_ops.rs"),
        include_str!("index_ops.rs"), include_str!("more_ops.rs"), include_str!("linalg_ops.rs"),
        include_str!("../eval/torch/linalg.rs"),
        include_str!("../eval/torch/reductions.rs"), include_str!("../eval/torch/methods.rs"),
        include_str!("../eval/torch/functions.rs"), include_str!("../eval/torch/shapefns.rs"),
        include_str!("act_ops.rs"), include_str!("../nn/functional.rs"),
    ];
    let mut out: Vec<String> = Vec::new();
    for src in srcs {
        for piece in src.split('"').skip(1).step_by(2) {
            let ident = !piece.is_empty() && piece.chars().all(|c| c.is_ascii_alphanumeric());
            let node = piece.contains("Backward") || piece == "CopySlices";
            if ident && node && piece.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !out.iter().any(|o| o == piece) {
                out.push(piece.to_string());
            }
        }
    }
    out
}

#[test]
fn every_registered_op_has_a_gradcheck() {
    let names: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for n in REGISTRY {
        assert!(names.contains(n), "{n} has no gradcheck case");
    }
    let found = node_names_in_sources();
    assert!(found.len() > 100, "scan found only {} node names", found.len());
    for n in &found {
        assert!(names.contains(&n.as_str()), "{n} (a node the sources create) has no gradcheck case");
    }
}

#[test]
fn gradcheck_all() {
    for (name, f, shapes, pos) in cases() {
        check(name, &f, &shapes, pos);
    }
}
