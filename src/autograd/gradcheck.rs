//! Numerical gradient checks (float64 central differences) for every node the
//! differentiable layer can create; a test fails when a registered name has no check.

use super::engine;
use super::ops::*;
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
        ("SoftplusBackward0", U::Softplus, false),
    ];
    for &(n, op, pos) in un {
        c.push((n, u(op), vec![vec![5]], pos));
    }
    c
}

/// Scalar objective: sum(f(x) * weights) with fixed non-uniform weights.
fn objective(f: &F, xs: &[Tensor]) -> Result<Tensor> {
    let y = f(xs)?;
    let wts = inp(&y.shape(), 0.9, false);
    reduce(ReduceOp::Sum, &mul(&y, &wts)?, None, false, None)
}

fn check(name: &str, f: &F, shapes: &[Vec<usize>], positive: bool) {
    let xs: Vec<Tensor> = shapes.iter().enumerate().map(|(i, s)| inp(s, 0.3 + i as f64 * 0.5, positive)).collect();
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

#[test]
fn every_registered_op_has_a_gradcheck() {
    let names: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for n in REGISTRY {
        assert!(names.contains(n), "{n} has no gradcheck case");
    }
}

#[test]
fn gradcheck_all() {
    for (name, f, shapes, pos) in cases() {
        check(name, &f, &shapes, pos);
    }
}
