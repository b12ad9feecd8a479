//! Gradients of the nn functions checked by finite differences in float64, and forward
//! values against their definitions.

use super::*;
use crate::autograd::engine;

fn t(v: &[f64], shape: &[usize]) -> Tensor {
    Tensor::from_vec(v.to_vec(), shape)
}

fn leaf(v: &[f64], shape: &[usize]) -> Tensor {
    let x = t(v, shape);
    x.autograd_mut().requires_grad = true;
    x
}

/// Numerical gradient of the scalar `f` at `x` (central differences).
fn numgrad(x: &[f64], shape: &[usize], f: &dyn Fn(&Tensor) -> f64) -> Vec<f64> {
    let h = 1e-6;
    (0..x.len())
        .map(|i| {
            let mut a = x.to_vec();
            let mut b = x.to_vec();
            a[i] += h;
            b[i] -= h;
            (f(&t(&a, shape)) - f(&t(&b, shape))) / (2.0 * h)
        })
        .collect()
}

fn check(x: &[f64], shape: &[usize], f: &dyn Fn(&Tensor) -> Result<Tensor>) {
    let xl = leaf(x, shape);
    let y = f(&xl).unwrap();
    let y = if y.numel() > 1 { ag::reduce_sum(&y, None, false, None).unwrap() } else { y };
    let ones = Tensor::from_vec(vec![1.0f64], &[]);
    engine::run(&[y], vec![ones], false, false, None).unwrap();
    let g = xl.autograd().grad.clone().unwrap().to_vec::<f64>();
    let scalar = |z: &Tensor| {
        let y = f(z).unwrap();
        y.cast(DType::F64).to_vec::<f64>().iter().sum::<f64>()
    };
    let n = numgrad(x, shape, &scalar);
    for (a, b) in g.iter().zip(&n) {
        assert!((a - b).abs() < 1e-5 * (1.0 + b.abs()), "analytic {g:?} vs numeric {n:?}");
    }
}

#[test]
fn cross_entropy_value_is_mean_of_minus_log_softmax_at_target() {
    let x = t(&[2.0, 0.5, -1.0, 0.1, 0.2, 3.0], &[2, 3]);
    let y = Tensor::from_vec(vec![0i64, 2], &[2]);
    let l = cross_entropy(&x, &y, None, -100, Reduction::Mean, 0.0).unwrap().item().unwrap().to_f64();
    let row = |r: &[f64], k: usize| -(r[k] - r.iter().map(|v| v.exp()).sum::<f64>().ln());
    let want = (row(&[2.0, 0.5, -1.0], 0) + row(&[0.1, 0.2, 3.0], 2)) / 2.0;
    assert!((l - want).abs() < 1e-12);
}

#[test]
fn losses_have_correct_gradients() {
    let x = [0.3, -1.2, 0.8, 2.0, -0.5, 0.1];
    let y = Tensor::from_vec(vec![2i64, 0], &[2]);
    for red in [Reduction::Mean, Reduction::Sum, Reduction::None] {
        let yy = y.clone();
        check(&x, &[2, 3], &move |z| cross_entropy(z, &yy, None, -100, red, 0.0));
        let yy = y.clone();
        check(&x, &[2, 3], &move |z| cross_entropy(z, &yy, None, -100, red, 0.2));
        let yy = y.clone();
        let wt = t(&[0.5, 2.0, 1.5], &[3]);
        check(&x, &[2, 3], &move |z| nll_loss(z, &yy, Some(&wt), -100, red));
        let tgt = t(&[0.0, 1.0, 0.5, 0.2, 0.9, 1.0], &[2, 3]);
        let tt = tgt.clone();
        check(&x, &[2, 3], &move |z| mse_loss(z, &tt, red));
        let tt = tgt.clone();
        check(&x, &[2, 3], &move |z| bce_with_logits(z, &tt, None, None, red));
        let tt = tgt.clone();
        let pw = t(&[2.0, 0.5, 1.0], &[3]);
        check(&x, &[2, 3], &move |z| bce_with_logits(z, &tt, None, Some(&pw), red));
        let tt = tgt.clone();
        check(&[0.2, 0.7, 0.4, 0.9, 0.35, 0.6], &[2, 3], &move |z| binary_cross_entropy(z, &tt, None, red));
    }
}

#[test]
fn linear_and_addmm_gradients() {
    let w = t(&[0.1, -0.2, 0.3, 0.4, 0.5, -0.6], &[2, 3]);
    let b = t(&[0.05, -0.05], &[2]);
    let (w2, b2) = (w.clone(), b.clone());
    check(&[1.0, 2.0, -1.0, 0.5, 0.0, 3.0], &[2, 3], &move |z| linear(z, &w2, Some(&b2)));
    let x = t(&[1.0, 2.0, -1.0, 0.5, 0.0, 3.0], &[2, 3]);
    let (x2, b2) = (x.clone(), b.clone());
    check(&[0.1, -0.2, 0.3, 0.4, 0.5, -0.6], &[2, 3], &move |z| linear(&x2, z, Some(&b2)));
    let x3 = t(&[1.0, 2.0, -1.0, 0.5, 0.0, 3.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0], &[2, 2, 3]);
    check(&[0.05, -0.05], &[2], &move |z| linear(&x3, &w, Some(z)));
}

#[test]
fn nll_cascade_sum_matches_plain_sum_in_f64() {
    let n = 100;
    let c = 3;
    let x: Vec<f64> = (0..n * c).map(|i| ((i * 37 % 11) as f64) * 0.1 - 0.5).collect();
    let y: Vec<i64> = (0..n).map(|i| (i % c) as i64).collect();
    let l = nll_loss(&t(&x, &[n, c]), &Tensor::from_vec(y.clone(), &[n]), None, -100, Reduction::Sum).unwrap();
    let want: f64 = -(0..n).map(|i| x[i * c + y[i] as usize]).sum::<f64>();
    assert!((l.item().unwrap().to_f64() - want).abs() < 1e-9);
}

#[test]
fn target_errors_use_pytorch_text() {
    let x = t(&[1.0, 2.0, 0.5, 0.1], &[2, 2]);
    let e = cross_entropy(&x, &t(&[1.0, 0.0, 1.0], &[3]), None, -100, Reduction::Mean, 0.0).unwrap_err();
    assert_eq!(e.msg, "Expected input batch_size (2) to match target batch_size (3).");
    let e = nll_loss(&x, &Tensor::from_vec(vec![0i64, 5], &[2]), None, -100, Reduction::Mean).unwrap_err();
    assert_eq!(e.msg, "Target 5 is out of bounds.");
}
