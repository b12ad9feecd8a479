//! Unit tests of the tensor repr; expected strings are oracle outputs quoted verbatim
//! from repr.md (example ids in comments).

use std::rc::Rc;

use half::{bf16, f16};

use super::*;
use crate::autograd::Node;
use crate::tensor::dtype::C64;
use crate::tensor::Storage;

fn f32s(v: &[f32], shape: &[usize]) -> Tensor {
    Tensor::from_vec(v.to_vec(), shape)
}
fn v32(v: &[f32]) -> Tensor {
    f32s(v, &[v.len()])
}
fn ar(n: usize) -> Vec<f32> {
    (0..n).map(|i| i as f32).collect()
}
fn ari(n: usize) -> Vec<i64> {
    (0..n as i64).collect()
}
fn r(t: &Tensor) -> String {
    tensor_repr(t)
}
fn grad(t: Tensor) -> Tensor {
    t.autograd_mut().requires_grad = true;
    t
}
fn grad_fn(t: Tensor, name: &'static str) -> Tensor {
    {
        let mut a = t.autograd_mut();
        a.requires_grad = true;
        a.grad_fn = Some(Rc::new(Node::new(name, vec![], vec![], Box::new(|_, _| Ok(vec![])))));
    }
    t
}

#[test]
fn basic_float_modes() {
    assert_eq!(r(&v32(&[1., 2., 3.])), "tensor([1., 2., 3.])"); // ex001
    assert_eq!(r(&v32(&[1.5, 2., 3.])), "tensor([1.5000, 2.0000, 3.0000])"); // ex002
    assert_eq!(r(&v32(&[0., 0.25, 0.5, 0.75, 1.])), "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])"); // ex012
    assert_eq!(r(&v32(&[0.1, 0.2, 0.3])), "tensor([0.1000, 0.2000, 0.3000])"); // ex013
    assert_eq!(r(&v32(&[12345.678])), "tensor([12345.6777])"); // ex014
    assert_eq!(r(&v32(&[1. / 3., -1. / 3.])), "tensor([ 0.3333, -0.3333])"); // ex015
    assert_eq!(r(&v32(&[0., 0.])), "tensor([0., 0.])"); // ex017
    assert_eq!(r(&v32(&[0., 10.])), "tensor([ 0., 10.])"); // ex018
    assert_eq!(r(&v32(&[100., 2.5])), "tensor([100.0000,   2.5000])"); // ex019
    assert_eq!(r(&v32(&[9.99999])), "tensor([10.0000])"); // ex020
    assert_eq!(r(&v32(&[0.03125, 1.])), "tensor([0.0312, 1.0000])"); // ex021
}

#[test]
fn sci_mode_thresholds() {
    assert_eq!(r(&v32(&[1e-5, 1.])), "tensor([1.0000e-05, 1.0000e+00])"); // ex022
    assert_eq!(r(&v32(&[1e9])), "tensor([1.0000e+09])"); // ex023
    assert_eq!(r(&v32(&[1e8])), "tensor([100000000.])"); // ex024
    assert_eq!(r(&v32(&[123456789.])), "tensor([1.2346e+08])"); // ex025
    assert_eq!(r(&v32(&[1000., 1.])), "tensor([1000.,    1.])"); // ex026
    assert_eq!(r(&v32(&[1001., 1.])), "tensor([1.0010e+03, 1.0000e+00])"); // ex027
    assert_eq!(r(&v32(&[0.001, 1.])), "tensor([0.0010, 1.0000])"); // ex028
    assert_eq!(r(&v32(&[0.001, 1.5])), "tensor([1.0000e-03, 1.5000e+00])"); // ex029
    assert_eq!(r(&v32(&[1e-4])), "tensor([1.0000e-04])"); // ex030
    let t = Tensor::from_vec(vec![1e-4f64], &[1]);
    assert_eq!(r(&t), "tensor([0.0001], dtype=torch.float64)"); // ex031
    assert_eq!(r(&v32(&[0.00012, 0.1])), "tensor([0.0001, 0.1000])"); // ex032
    assert_eq!(r(&v32(&[1e10, 1.])), "tensor([1.0000e+10, 1.0000e+00])"); // ex033
    let t = Tensor::from_vec(vec![1e-100f64, 1.], &[2]);
    assert_eq!(r(&t), "tensor([1.0000e-100,  1.0000e+00], dtype=torch.float64)"); // ex034
    assert_eq!(r(&f32s(&[1e-5], &[])), "tensor(1.0000e-05)"); // ex035
    assert_eq!(r(&v32(&[-1e-5, 1e5])), "tensor([-1.0000e-05,  1.0000e+05])"); // ex036
}

#[test]
fn nan_inf_negzero() {
    let (nan, inf) = (f32::NAN, f32::INFINITY);
    assert_eq!(r(&v32(&[1., nan])), "tensor([1., nan])"); // ex037
    assert_eq!(r(&v32(&[1.5, nan, inf])), "tensor([1.5000,    nan,    inf])"); // ex038
    assert_eq!(r(&v32(&[nan])), "tensor([nan])"); // ex039
    assert_eq!(r(&v32(&[inf, -inf])), "tensor([inf, -inf])"); // ex040
    assert_eq!(r(&v32(&[100., nan])), "tensor([100.,  nan])"); // ex041
    assert_eq!(r(&v32(&[nan, inf, -inf])), "tensor([nan, inf, -inf])"); // ex042
    assert_eq!(r(&v32(&[1e20, nan])), "tensor([1.0000e+20,        nan])"); // ex043
    assert_eq!(
        r(&f32s(&[1.5, nan, -inf, -2.25], &[2, 2])),
        "tensor([[ 1.5000,     nan],\n        [   -inf, -2.2500]])"
    ); // ex044
    assert_eq!(r(&v32(&[-0.])), "tensor([-0.])"); // ex045
    assert_eq!(r(&v32(&[-0., 1.])), "tensor([-0., 1.])"); // ex046
    assert_eq!(r(&v32(&[0.5, -0.0])), "tensor([0.5000, -0.0000])"); // ex047
    assert_eq!(r(&v32(&[1e-5, -0.0])), "tensor([1.0000e-05, -0.0000e+00])"); // ex048
    assert_eq!(r(&f32s(&[-0.], &[])), "tensor(-0.)"); // ex049
    assert_eq!(r(&f32s(&[nan], &[])), "tensor(nan)"); // ex095
}

#[test]
fn integer_and_bool() {
    assert_eq!(r(&Tensor::from_vec(vec![1i64, 2, 3], &[3])), "tensor([1, 2, 3])"); // ex003
    assert_eq!(r(&Tensor::from_vec(vec![-1i64, 10, 200], &[3])), "tensor([ -1,  10, 200])"); // ex004
    assert_eq!(r(&Tensor::from_vec(vec![1i64, 2, 3, 4], &[2, 2])), "tensor([[1, 2],\n        [3, 4]])"); // ex005
    assert_eq!(r(&Tensor::from_vec(vec![true, false, true], &[3])), "tensor([ True, False,  True])"); // ex009
    assert_eq!(
        r(&Tensor::from_vec(vec![true, false, false, true], &[2, 2])),
        "tensor([[ True, False],\n        [False,  True]])"
    ); // ex010
    assert_eq!(
        r(&Tensor::from_vec(vec![1i64 << 62, -5], &[2])),
        "tensor([4611686018427387904,                  -5])"
    ); // ex050
    assert_eq!(
        r(&Tensor::from_vec(vec![i64::MIN, i64::MAX], &[2])),
        "tensor([-9223372036854775808,  9223372036854775807])"
    ); // ex051
    assert_eq!(r(&Tensor::from_vec(vec![-128i8, 5], &[2])), "tensor([-128,    5], dtype=torch.int8)"); // ex052
    assert_eq!(r(&Tensor::from_vec(vec![255u8, 0], &[2])), "tensor([255,   0], dtype=torch.uint8)"); // ex053
    assert_eq!(r(&Tensor::from_vec(vec![1i32, 2], &[2])), "tensor([1, 2], dtype=torch.int32)"); // ex054
    assert_eq!(r(&Tensor::from_vec(vec![-7i64], &[])), "tensor(-7)"); // ex055
    let t = Tensor::from_vec((0..10i64).map(|i| i * 1000).collect(), &[10]);
    assert_eq!(r(&t), "tensor([   0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000])"); // ex056
    assert_eq!(
        r(&Tensor::from_vec(vec![1000000000000i64, 1], &[2])),
        "tensor([1000000000000,             1])"
    ); // ex057
    assert_eq!(r(&Tensor::from_vec(vec![3i64], &[])), "tensor(3)"); // ex092
    assert_eq!(r(&Tensor::from_vec(vec![true], &[])), "tensor(True)"); // ex093
}

#[test]
fn float_dtypes() {
    assert_eq!(r(&Tensor::from_vec(vec![1.5f64, 2.], &[2])), "tensor([1.5000, 2.0000], dtype=torch.float64)"); // ex058
    assert_eq!(r(&Tensor::from_vec(vec![f16::from_f64(0.1)], &[1])), "tensor([0.1000], dtype=torch.float16)"); // ex059
    assert_eq!(r(&Tensor::from_vec(vec![bf16::from_f64(0.1)], &[1])), "tensor([0.1001], dtype=torch.bfloat16)"); // ex060
    assert_eq!(r(&Tensor::from_vec(vec![bf16::from_f64(1. / 3.)], &[1])), "tensor([0.3340], dtype=torch.bfloat16)"); // ex061
    assert_eq!(r(&Tensor::from_vec(vec![2.5f64], &[])), "tensor(2.5000, dtype=torch.float64)"); // ex062
    assert_eq!(r(&Tensor::from_vec(vec![f16::ONE, f16::ONE], &[2])), "tensor([1., 1.], dtype=torch.float16)"); // ex063
    assert_eq!(r(&f32s(&[3.], &[])), "tensor(3.)"); // ex091
    assert_eq!(r(&f32s(&[0.5], &[])), "tensor(0.5000)"); // ex094
    assert_eq!(r(&f32s(&[7. / 3.], &[])), "tensor(2.3333)"); // ex098
}

#[test]
fn complex() {
    let c = |v: &[(f32, f32)], shape: &[usize]| {
        Tensor::from_vec(v.iter().map(|&(a, b)| C64::new(a, b)).collect::<Vec<_>>(), shape)
    };
    assert_eq!(r(&c(&[(1., 2.), (3., -4.)], &[2])), "tensor([1.+2.j, 3.-4.j])"); // ex065
    assert_eq!(
        r(&c(&[(1., 2.), (-3.5, -4.), (0., 0.), (1000., 0.5)], &[2, 2])),
        "tensor([[   1.0000+2.0000j,   -3.5000-4.0000j],\n        [   0.0000+0.0000j, 1000.0000+0.5000j]])"
    ); // ex066
    assert_eq!(r(&c(&[(0., 1e-5), (1., 1.)], &[2])), "tensor([0.+1.0000e-05j, 1.+1.0000e+00j])"); // ex067
    assert_eq!(r(&c(&[(1., 2.)], &[])), "tensor(1.+2.j)"); // ex068
    assert_eq!(r(&c(&[(1., -0.), (2., -3.)], &[2])), "tensor([1.-0.j, 2.-3.j])"); // ex070
    let v: Vec<(f32, f32)> = (0..12).map(|i| (i as f32, 1.)).collect();
    assert_eq!(
        r(&c(&v, &[12])),
        "tensor([ 0.+1.j,  1.+1.j,  2.+1.j,  3.+1.j,  4.+1.j,  5.+1.j,  6.+1.j,  7.+1.j,  8.+1.j,\n         9.+1.j, 10.+1.j, 11.+1.j])"
    ); // ex071
}

#[test]
fn nesting() {
    assert_eq!(
        r(&f32s(&[1.5, -2.25, 3., -4.125], &[2, 2])),
        "tensor([[ 1.5000, -2.2500],\n        [ 3.0000, -4.1250]])"
    ); // ex006
    let z = Tensor::zeros(&[2, 3, 4], DType::F32).unwrap();
    let row = "[0., 0., 0., 0.]";
    assert_eq!(
        r(&z),
        format!("tensor([[{row},\n         {row},\n         {row}],\n\n        [{row},\n         {row},\n         {row}]])")
    ); // ex007
    let t = Tensor::from_vec(ari(16), &[2, 2, 2, 2]);
    assert_eq!(
        r(&t),
        "tensor([[[[ 0,  1],\n          [ 2,  3]],\n\n         [[ 4,  5],\n          [ 6,  7]]],\n\n\n        [[[ 8,  9],\n          [10, 11]],\n\n         [[12, 13],\n          [14, 15]]]])"
    ); // ex008
    assert_eq!(
        r(&f32s(&[1., 0., 0., 0., 1., 0., 0., 0., 1.], &[3, 3])),
        "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])"
    ); // ex011
}

#[test]
fn wrapping() {
    assert_eq!(
        r(&v32(&ar(30))),
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n        28., 29.])"
    ); // ex072
    let v: Vec<f64> = (0..20).map(|i| i as f64 * 1.5).collect();
    assert_eq!(
        r(&Tensor::from_vec(v, &[20])),
        "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n        24.0000, 25.5000, 27.0000, 28.5000], dtype=torch.float64)"
    ); // ex074
    let t = Tensor::from_vec((0..20i16).collect::<Vec<_>>(), &[20]);
    assert_eq!(
        r(&t),
        "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n        18, 19], dtype=torch.int16)"
    ); // ex120
    let s = r(&Tensor::from_vec(ari(1000), &[1000])); // ex076: not summarised
    assert!(s.starts_with("tensor([  0,   1,   2,"));
    assert!(s.ends_with(" 994, 995, 996, 997, 998, 999])"));
    assert!(!s.contains("..."));
}

#[test]
fn summarisation() {
    assert_eq!(r(&Tensor::from_vec(ari(1001), &[1001])), "tensor([   0,    1,    2,  ...,  998,  999, 1000])"); // ex077
    assert_eq!(r(&v32(&ar(1001))), "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])"); // ex078
    assert_eq!(
        r(&Tensor::from_vec(ari(2000), &[1000, 2])),
        "tensor([[   0,    1],\n        [   2,    3],\n        [   4,    5],\n        ...,\n        [1994, 1995],\n        [1996, 1997],\n        [1998, 1999]])"
    ); // ex081
    assert_eq!(
        r(&Tensor::zeros(&[2, 1000], DType::F32).unwrap()),
        "tensor([[0., 0., 0.,  ..., 0., 0., 0.],\n        [0., 0., 0.,  ..., 0., 0., 0.]])"
    ); // ex082
    assert_eq!(
        r(&Tensor::from_vec(ari(7 * 150), &[7, 150])),
        "tensor([[   0,    1,    2,  ...,  147,  148,  149],\n        [ 150,  151,  152,  ...,  297,  298,  299],\n        [ 300,  301,  302,  ...,  447,  448,  449],\n        ...,\n        [ 600,  601,  602,  ...,  747,  748,  749],\n        [ 750,  751,  752,  ...,  897,  898,  899],\n        [ 900,  901,  902,  ..., 1047, 1048, 1049]])"
    ); // ex084
    assert_eq!(
        r(&f32s(&ar(1200), &[4, 300])),
        "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 2.9700e+02, 2.9800e+02,\n         2.9900e+02],\n        [3.0000e+02, 3.0100e+02, 3.0200e+02,  ..., 5.9700e+02, 5.9800e+02,\n         5.9900e+02],\n        [6.0000e+02, 6.0100e+02, 6.0200e+02,  ..., 8.9700e+02, 8.9800e+02,\n         8.9900e+02],\n        [9.0000e+02, 9.0100e+02, 9.0200e+02,  ..., 1.1970e+03, 1.1980e+03,\n         1.1990e+03]])"
    ); // ex085
    let v: Vec<f32> = (0..2000).map(|i| i as f32 * 1e6).collect();
    assert_eq!(
        r(&v32(&v)),
        "tensor([0.0000e+00, 1.0000e+06, 2.0000e+06,  ..., 1.9970e+09, 1.9980e+09,\n        1.9990e+09])"
    ); // ex086
    let mut v = vec![1f32; 1001];
    v[500] = 12345.5;
    assert_eq!(r(&v32(&v)), "tensor([1., 1., 1.,  ..., 1., 1., 1.])"); // ex087
    assert_eq!(
        r(&Tensor::from_vec(vec![0i32; 1001], &[1001])),
        "tensor([0, 0, 0,  ..., 0, 0, 0], dtype=torch.int32)"
    ); // ex088
    assert_eq!(r(&grad(v32(&[1.; 1001]))), "tensor([1., 1., 1.,  ..., 1., 1., 1.], requires_grad=True)"); // ex089
    assert_eq!(
        r(&Tensor::from_vec(vec![0.5f64; 1001], &[1001])),
        "tensor([0.5000, 0.5000, 0.5000,  ..., 0.5000, 0.5000, 0.5000],\n       dtype=torch.float64)"
    ); // ex090
}

#[test]
fn summarised_3d_and_2d() {
    let s = r(&Tensor::from_vec(ari(10000), &[100, 100])); // ex079
    assert_eq!(
        s,
        "tensor([[   0,    1,    2,  ...,   97,   98,   99],\n        [ 100,  101,  102,  ...,  197,  198,  199],\n        [ 200,  201,  202,  ...,  297,  298,  299],\n        ...,\n        [9700, 9701, 9702,  ..., 9797, 9798, 9799],\n        [9800, 9801, 9802,  ..., 9897, 9898, 9899],\n        [9900, 9901, 9902,  ..., 9997, 9998, 9999]])"
    );
    let z = r(&Tensor::zeros(&[2, 3, 200], DType::F32).unwrap()); // ex083
    let row = "[0., 0., 0.,  ..., 0., 0., 0.]";
    assert_eq!(
        z,
        format!("tensor([[{row},\n         {row},\n         {row}],\n\n        [{row},\n         {row},\n         {row}]])")
    );
    let s = r(&Tensor::from_vec(ari(2000), &[10, 10, 20])); // ex080 (checked piecewise)
    assert!(s.starts_with("tensor([[[   0,    1,    2,  ...,   17,   18,   19],\n         [  20,"));
    assert!(s.contains("         [ 180,  181,  182,  ...,  197,  198,  199]],\n\n        [[ 200,"));
    assert!(s.contains("  599]],\n\n        ...,\n\n        [[1400, 1401, 1402,  ..., 1417, 1418, 1419],\n"));
    assert!(s.contains("         [ 140,  141,  142,  ...,  157,  158,  159],"));
    assert!(s.contains("         [  40,   41,   42,  ...,   57,   58,   59],\n         ...,\n         [ 140,"));
    assert!(s.ends_with("         [1980, 1981, 1982,  ..., 1997, 1998, 1999]]])"));
}

#[test]
fn empty_tensors() {
    assert_eq!(r(&v32(&[])), "tensor([])"); // ex099
    assert_eq!(r(&Tensor::zeros(&[0, 3], DType::F32).unwrap()), "tensor([], size=(0, 3))"); // ex100
    assert_eq!(r(&Tensor::zeros(&[0], DType::I64).unwrap()), "tensor([], dtype=torch.int64)"); // ex101
    assert_eq!(r(&Tensor::zeros(&[2, 0], DType::I32).unwrap()), "tensor([], size=(2, 0), dtype=torch.int32)"); // ex102
    assert_eq!(r(&Tensor::zeros(&[0], DType::Bool).unwrap()), "tensor([], dtype=torch.bool)"); // ex103
    assert_eq!(r(&Tensor::zeros(&[3, 0, 2], DType::F32).unwrap()), "tensor([], size=(3, 0, 2))"); // ex104
    assert_eq!(
        r(&grad(Tensor::zeros(&[0, 3], DType::F32).unwrap())),
        "tensor([], size=(0, 3), requires_grad=True)"
    ); // ex105
    assert_eq!(r(&Tensor::zeros(&[0], DType::F64).unwrap()), "tensor([], dtype=torch.float64)"); // ex106
}

#[test]
fn suffixes() {
    assert_eq!(r(&grad(v32(&[1., 2.]))), "tensor([1., 2.], requires_grad=True)"); // ex108
    assert_eq!(r(&grad_fn(v32(&[1., 4.]), "PowBackward0")), "tensor([1., 4.], grad_fn=<PowBackward0>)"); // ex109
    assert_eq!(r(&grad_fn(f32s(&[5.], &[]), "SumBackward0")), "tensor(5., grad_fn=<SumBackward0>)"); // ex110
    assert_eq!(r(&grad_fn(f32s(&[1.5], &[]), "MeanBackward0")), "tensor(1.5000, grad_fn=<MeanBackward0>)"); // ex112
    let ones64 = || Tensor::from_vec(vec![1f64, 1.], &[2]);
    assert_eq!(r(&grad(ones64())), "tensor([1., 1.], dtype=torch.float64, requires_grad=True)"); // ex113
    assert_eq!(
        r(&Tensor::from_vec(vec![-1f64; 10], &[10])),
        "tensor([-1., -1., -1., -1., -1., -1., -1., -1., -1., -1.], dtype=torch.float64)"
    ); // ex114
    assert_eq!(
        r(&Tensor::from_vec(vec![bf16::from_f32(-1.); 10], &[10])),
        "tensor([-1., -1., -1., -1., -1., -1., -1., -1., -1., -1.],\n       dtype=torch.bfloat16)"
    ); // ex115
    let v: Vec<f64> = (0..8).map(|i| i as f64 + 1.5).collect();
    assert_eq!(
        r(&grad(Tensor::from_vec(v, &[8]))),
        "tensor([1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000],\n       dtype=torch.float64, requires_grad=True)"
    ); // ex116
    let v: Vec<f64> = (0..5).map(|i| i as f64 + 1.5).collect();
    assert_eq!(
        r(&grad(Tensor::from_vec(v, &[5]))),
        "tensor([1.5000, 2.5000, 3.5000, 4.5000, 5.5000], dtype=torch.float64,\n       requires_grad=True)"
    ); // ex117
    assert_eq!(
        r(&grad_fn(Tensor::from_vec(vec![3f64, 3.], &[2]), "SumBackward1")),
        "tensor([3., 3.], dtype=torch.float64, grad_fn=<SumBackward1>)"
    ); // ex118
    assert_eq!(
        r(&grad_fn(f32s(&[2.; 26], &[2, 13]), "MulBackward0")),
        "tensor([[2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.],\n        [2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.]],\n       grad_fn=<MulBackward0>)"
    ); // ex119
}

#[test]
fn device_suffix() {
    let st = Rc::new(Storage::with_device(<f32 as crate::tensor::BufferElem>::wrap(vec![1f32, 2.]), Device::Cuda(0)));
    let t = Tensor::from_view(st, crate::tensor::Layout::contiguous(&[2]));
    assert_eq!(r(&grad(t)), "tensor([1., 2.], device='cuda:0', requires_grad=True)");
}

#[test]
fn noncontiguous_view() {
    // The transpose of [[1, 2, 3], [4, 5, 6]] read through its strides.
    let t = Tensor::from_vec(vec![1i64, 2, 3, 4, 5, 6], &[2, 3]);
    let mut l = t.layout();
    l.shape.swap(0, 1);
    l.strides.swap(0, 1);
    assert_eq!(r(&t.with_layout(l)), "tensor([[1, 4],\n        [2, 5],\n        [3, 6]])");
}

#[test]
fn print_options_and_profiles() {
    set_print_options(PrintOptions { precision: 2, ..PrintOptions::default() });
    assert_eq!(r(&v32(&[1.12345])), "tensor([1.12])");
    set_print_options(PrintOptions { sci_mode: Some(false), ..PrintOptions::default() });
    assert_eq!(r(&v32(&[1e10, 1.])), "tensor([10000000000.,           1.])");
    set_print_options(PrintOptions { threshold: 5, edgeitems: 1, ..PrintOptions::default() });
    assert_eq!(r(&Tensor::from_vec(ari(10), &[10])), "tensor([0,  ..., 9])");
    set_print_options(profile("full").unwrap());
    assert!(!r(&Tensor::from_vec(ari(1001), &[1001])).contains("..."));
    set_print_options(PrintOptions { linewidth: 20, ..PrintOptions::default() });
    assert_eq!(r(&Tensor::from_vec(ari(6), &[6])), "tensor([0, 1, 2, 3,\n        4, 5])");
    set_print_options(PrintOptions::default());
    assert_eq!(profile("short").unwrap().precision, 2);
    assert_eq!(profile("nope"), None);
}

#[test]
fn return_types_layout() {
    let v = r(&f32s(&[5., 7.], &[2, 1]));
    let i = r(&Tensor::from_vec(vec![1i64, 0], &[2, 1]));
    assert_eq!(
        named_tuple_repr("torch.return_types.max", &[("values", v), ("indices", i)]),
        "torch.return_types.max(\nvalues=tensor([[5.],\n        [7.]]),\nindices=tensor([[1],\n        [0]]))"
    ); // ex139
    assert_eq!(
        named_tuple_repr("torch.return_types.aminmax", &[("min", r(&f32s(&[1.], &[]))), ("max", r(&f32s(&[3.], &[])))]),
        "torch.return_types.aminmax(\nmin=tensor(1.),\nmax=tensor(3.))"
    ); // ex137
    assert_eq!(tensor_repr_indented(&f32s(&[1., 1., 1., 1.], &[2, 2]), 0), "tensor([[1., 1.],\n        [1., 1.]])");
    assert_eq!(
        indent_continuation("a\n\nb", 2),
        "a\n\n  b"
    );
    assert_eq!(py_tuple(&[5]), "(5,)");
}
