//! Tests of subscripting: views for basic indices, placement of advanced-index dims,
//! index_put_ with masks/ints/broadcast values, and PyTorch's error texts.

use super::*;
use crate::ExcKind;
use proptest::prelude::*;
use TensorIndex as I;

fn ar(n: i64, shape: &[usize]) -> Tensor {
    Tensor::from_vec((0..n).collect::<Vec<i64>>(), shape)
}
fn it(v: Vec<i64>) -> I {
    let n = v.len();
    I::Tensor(Tensor::from_vec(v, &[n]))
}
fn all() -> I {
    I::Slice { start: None, stop: None, step: None }
}
fn v(t: &Tensor) -> Vec<i64> {
    t.to_vec::<i64>()
}

#[test]
fn basic_indexing_is_a_view() {
    let x = ar(12, &[3, 4]);
    let r = index(&x, &[I::Int(1)]).unwrap();
    assert!(r.shares_storage(&x));
    assert_eq!(v(&r), vec![4, 5, 6, 7]);
    let c = index(&x, &[all(), I::Int(1)]).unwrap();
    assert_eq!(v(&c), vec![1, 5, 9]);
    let s = index(&x, &[I::Slice { start: Some(0), stop: Some(2), step: None }, I::Slice { start: Some(1), stop: Some(3), step: None }]).unwrap();
    assert_eq!(v(&s), vec![1, 2, 5, 6]);
    let e = index(&x, &[all(), I::Slice { start: None, stop: None, step: Some(2) }]).unwrap();
    assert_eq!(v(&e), vec![0, 2, 4, 6, 8, 10]);
    let n = index(&x, &[I::None, I::Ellipsis, I::None]).unwrap();
    assert_eq!(n.shape().as_slice(), &[1, 3, 4, 1]);
    let last = index(&x, &[I::Ellipsis, I::Int(-1)]).unwrap();
    assert_eq!(v(&last), vec![3, 7, 11]);
    assert_eq!(v(&index(&x, &[I::Int(-1), I::Int(-1)]).unwrap()), vec![11]);
    // Writes through the view change the base.
    crate::tensor::ops::fill_(&r, crate::Scalar::Int(0)).unwrap();
    assert_eq!(v(&x)[4..8], [0, 0, 0, 0]);
}

#[test]
fn index_errors() {
    let t = ar(3, &[3]);
    let e = index(&t, &[I::Int(5)]).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (ExcKind::IndexError, "index 5 is out of bounds for dimension 0 with size 3"));
    let m = Tensor::zeros(&[2, 3], crate::DType::F32).unwrap();
    let e = index_put_(&m, &[I::Int(0), I::Int(3)], &Tensor::wrapped(crate::Scalar::Float(1.0))).unwrap_err();
    assert_eq!(e.msg, "index 3 is out of bounds for dimension 1 with size 3");
    let e = index(&t, &[I::Int(0), I::Int(0)]).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (ExcKind::IndexError, "too many indices for tensor of dimension 1"));
    let e = index(&t, &[I::Slice { start: None, stop: None, step: Some(-1) }]).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (ExcKind::ValueError, "step must be greater than zero"));
    let mask = Tensor::from_vec(vec![true, false], &[2]);
    let e = index(&t, &[I::Tensor(mask)]).unwrap_err();
    assert_eq!(
        (e.kind, e.msg.as_str()),
        (ExcKind::IndexError, "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at index 0")
    );
    let f = Tensor::from_vec(vec![0.0f32], &[1]);
    let e = index(&t, &[I::Tensor(f)]).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (ExcKind::IndexError, "tensors used as indices must be long, int, byte or bool tensors"));
    let e = index(&t, &[it(vec![0, 7])]).unwrap_err();
    assert_eq!(e.msg, "index 7 is out of bounds for dimension 0 with size 3");
    let s = Tensor::from_vec(vec![1i64], &[]);
    assert!(index(&s, &[I::Int(0)]).unwrap_err().msg.starts_with("invalid index of a 0-dim tensor"));
}

#[test]
fn fancy_1d_and_pick_rows() {
    let t = Tensor::from_vec(vec![10i64, 20, 30, 40, 50], &[5]);
    assert_eq!(v(&index(&t, &[it(vec![0, 2, 4])]).unwrap()), vec![10, 30, 50]);
    assert_eq!(v(&index(&t, &[it(vec![-1, -2])]).unwrap()), vec![50, 40]);
    let r = index(&t, &[I::Tensor(Tensor::from_vec(vec![0i64, 1, 2, 3], &[2, 2]))]).unwrap();
    assert_eq!(r.shape().as_slice(), &[2, 2]);
    assert!(!r.shares_storage(&t));
    let p = ar(12, &[4, 3]);
    let picked = index(&p, &[it(vec![0, 1, 2, 3]), it(vec![1, 2, 0, 1])]).unwrap();
    assert_eq!(v(&picked), vec![1, 5, 6, 10]);
    // int32 index tensors work too.
    let i32t = I::Tensor(Tensor::from_vec(vec![2i32, 0], &[2]));
    assert_eq!(v(&index(&t, &[i32t]).unwrap()), vec![30, 10]);
}

/// x[i][j][k] of a row-major arange of shape [2, 3, 4].
fn at3(i: usize, j: usize, k: usize) -> i64 {
    (i * 12 + j * 4 + k) as i64
}

#[test]
fn advanced_placement_adjacent_and_separated() {
    let x = ar(24, &[2, 3, 4]);
    // Adjacent advanced indices: result dims stay in place -> [2, 2].
    let a = index(&x, &[all(), it(vec![0, 1]), it(vec![1, 2])]).unwrap();
    assert_eq!(a.shape().as_slice(), &[2, 2]);
    let want: Vec<i64> = (0..2).flat_map(|i| [(0, 1), (1, 2)].map(|(j, k)| at3(i, j, k))).collect();
    assert_eq!(v(&a), want);
    // Separated by a slice: advanced dims go to the front -> [2, 3].
    let b = index(&x, &[it(vec![0, 1]), all(), it(vec![1, 2])]).unwrap();
    assert_eq!(b.shape().as_slice(), &[2, 3]);
    let want: Vec<i64> = [(0, 1), (1, 2)].iter().flat_map(|&(i, k)| (0..3).map(move |j| at3(i, j, k))).collect();
    assert_eq!(v(&b), want);
    // A single advanced index in the middle stays in the middle.
    let c = index(&x, &[all(), it(vec![2, 0])]).unwrap();
    assert_eq!(c.shape().as_slice(), &[2, 2, 4]);
    assert_eq!(v(&c)[..4], [8, 9, 10, 11]);
    // An int between two tensors separates them (int is basic but consumes a dim).
    let d = index(&x, &[it(vec![1]), I::Int(0), it(vec![3])]).unwrap();
    assert_eq!(d.shape().as_slice(), &[1]);
    assert_eq!(v(&d), vec![at3(1, 0, 3)]);
    // Broadcast of index tensors: [2,1] with [3] -> [2,3].
    let rows = I::Tensor(Tensor::from_vec(vec![0i64, 1], &[2, 1]));
    let e = index(&x, &[rows, it(vec![0, 1, 2]), I::Int(0)]).unwrap();
    assert_eq!(e.shape().as_slice(), &[2, 3]);
    assert_eq!(v(&e), vec![at3(0, 0, 0), at3(0, 1, 0), at3(0, 2, 0), at3(1, 0, 0), at3(1, 1, 0), at3(1, 2, 0)]);
    let bad = index(&x, &[it(vec![0, 1]), it(vec![0, 1, 2])]).unwrap_err();
    assert_eq!(bad.msg, "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]");
}

#[test]
fn masks_select_elements() {
    let x = Tensor::from_vec(vec![1.0f32, -2.0, 3.0, -4.0, 5.0, -6.0], &[2, 3]);
    let m = Tensor::from_vec(vec![true, false, true, false, true, false], &[2, 3]);
    assert_eq!(index(&x, &[I::Tensor(m)]).unwrap().to_vec::<f32>(), vec![1.0, 3.0, 5.0]);
    let rows = Tensor::from_vec(vec![false, true], &[2]);
    let r = index(&x, &[I::Tensor(rows.clone())]).unwrap();
    assert_eq!(r.shape().as_slice(), &[1, 3]);
    let cols = Tensor::from_vec(vec![1u8, 0, 1], &[3]);
    let c = index(&x, &[all(), I::Tensor(cols)]).unwrap();
    assert_eq!(c.to_vec::<f32>(), vec![1.0, 3.0, -4.0, -6.0]);
    let t = Tensor::from_vec(vec![true], &[]);
    assert_eq!(index(&x, &[I::Tensor(t)]).unwrap().shape().as_slice(), &[1, 2, 3]);
    let f = Tensor::from_vec(vec![false], &[]);
    assert_eq!(index(&x, &[I::Tensor(f)]).unwrap().shape().as_slice(), &[0, 2, 3]);
}

#[test]
fn index_put_masks_ints_broadcast() {
    let t = Tensor::from_vec(vec![1i64, 5, 3, 8, 2], &[5]);
    let m = Tensor::from_vec(vec![false, true, false, true, false], &[5]);
    index_put_(&t, &[I::Tensor(m)], &Tensor::wrapped(crate::Scalar::Int(0))).unwrap();
    assert_eq!(v(&t), vec![1, 0, 3, 0, 2]);
    let x = Tensor::from_vec(vec![3.0f32, 7.0, -1.0, 12.0, -5.0, 9.0], &[6]);
    let gt = Tensor::from_vec(vec![false, false, false, true, false, true], &[6]);
    let sel = index(&x, &[I::Tensor(gt.clone())]).unwrap();
    let times10 = Tensor::from_vec(sel.to_vec::<f32>().iter().map(|a| a * 10.0).collect::<Vec<f32>>(), &[2]);
    index_put_(&x, &[I::Tensor(gt)], &times10).unwrap();
    assert_eq!(x.to_vec::<f32>(), vec![3.0, 7.0, -1.0, 120.0, -5.0, 90.0]);
    // Basic: a row gets a broadcast value with leading 1-dims stripped.
    let m2 = Tensor::zeros(&[2, 3], crate::DType::F32).unwrap();
    index_put_(&m2, &[I::Int(1)], &Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[1, 3])).unwrap();
    assert_eq!(m2.to_vec::<f32>(), vec![0., 0., 0., 1., 2., 3.]);
    // Advanced with a broadcast column value.
    let z = ar(12, &[3, 4]);
    index_put_(&z, &[it(vec![0, 2])], &Tensor::from_vec(vec![-1i64, -2, -3, -4], &[4])).unwrap();
    assert_eq!(v(&z), vec![-1, -2, -3, -4, 4, 5, 6, 7, -1, -2, -3, -4]);
    // Separated advanced indices on a 3-D tensor write the same positions `index` reads.
    let w = ar(24, &[2, 3, 4]);
    index_put_(&w, &[it(vec![0, 1]), all(), it(vec![1, 2])], &Tensor::wrapped(crate::Scalar::Int(-7))).unwrap();
    let wv = v(&w);
    for j in 0..3 {
        assert_eq!(wv[at3(0, j, 1) as usize], -7);
        assert_eq!(wv[at3(1, j, 2) as usize], -7);
    }
    assert_eq!(wv.iter().filter(|&&a| a == -7).count(), 6);
    // Dtype mismatch for a non-wrapped tensor value is PyTorch's error.
    let fl = Tensor::zeros(&[3], crate::DType::F32).unwrap();
    let e = index_put_(&fl, &[it(vec![0])], &Tensor::from_vec(vec![1i64], &[1])).unwrap_err();
    assert_eq!(e.msg, "Index put requires the source and destination dtypes match, got Float for the destination and Long for the source.");
    let e = index_put_(&fl, &[it(vec![0, 1, 2])], &Tensor::from_vec(vec![1.0f32, 2.0], &[2])).unwrap_err();
    assert_eq!(e.msg, "shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [3]");
    // 2-D mask with a scalar.
    let mm = Tensor::zeros(&[2, 3], crate::DType::F32).unwrap();
    let mk = Tensor::from_vec(vec![true, false, true, false, true, false], &[2, 3]);
    index_put_(&mm, &[I::Tensor(mk)], &Tensor::wrapped(crate::Scalar::Float(1.5))).unwrap();
    assert_eq!(mm.to_vec::<f32>(), vec![1.5, 0., 1.5, 0., 1.5, 0.]);
}

#[test]
fn index_put_value_aliases_target() {
    let x = ar(6, &[6]);
    let rev = index(&x, &[it(vec![5, 4, 3, 2, 1, 0])]).unwrap();
    let view_of_x = index(&x, &[I::Slice { start: Some(1), stop: None, step: None }]).unwrap();
    index_put_(&x, &[I::Slice { start: None, stop: Some(5), step: None }], &view_of_x).unwrap();
    assert_eq!(v(&x), vec![1, 2, 3, 4, 5, 5]);
    index_put_(&x, &[it(vec![0, 1, 2, 3, 4, 5])], &rev).unwrap();
    assert_eq!(v(&x), vec![5, 4, 3, 2, 1, 0]);
}

proptest! {
    #[test]
    fn advanced_matches_naive(
        i0 in prop::collection::vec(-2i64..2, 1..4),
        i2 in prop::collection::vec(-4i64..4, 1..4),
        separated in any::<bool>(),
    ) {
        let n = i0.len().min(i2.len());
        let (i0, i2) = (i0[..n].to_vec(), i2[..n].to_vec());
        let x = ar(24, &[2, 3, 4]);
        let w = |v: i64, s: i64| if v < 0 { (v + s) as usize } else { v as usize };
        if separated {
            let r = index(&x, &[it(i0.clone()), all(), it(i2.clone())]).unwrap();
            prop_assert_eq!(r.shape().to_vec(), vec![n, 3]);
            let want: Vec<i64> = (0..n).flat_map(|b| { let (a, c) = (w(i0[b], 2), w(i2[b], 4)); (0..3).map(move |j| at3(a, j, c)) }).collect();
            prop_assert_eq!(v(&r), want);
        } else {
            let i1: Vec<i64> = i2.iter().map(|&x| x.rem_euclid(3)).collect();
            let r = index(&x, &[all(), it(i1.clone()), it(i2.clone())]).unwrap();
            prop_assert_eq!(r.shape().to_vec(), vec![2, n]);
            let want: Vec<i64> = (0..2).flat_map(|a| { let (i1, i2) = (i1.clone(), i2.clone()); (0..n).map(move |b| at3(a, i1[b] as usize, w(i2[b], 4))) }).collect();
            prop_assert_eq!(v(&r), want);
        }
    }

    #[test]
    fn mask_matches_naive(bits in prop::collection::vec(any::<bool>(), 12)) {
        let x = ar(12, &[3, 4]);
        let m = Tensor::from_vec(bits.clone(), &[3, 4]);
        let r = index(&x, &[I::Tensor(m.clone())]).unwrap();
        let want: Vec<i64> = (0..12).filter(|&i| bits[i as usize]).collect();
        prop_assert_eq!(v(&r), want.clone());
        index_put_(&x, &[I::Tensor(m)], &Tensor::wrapped(crate::Scalar::Int(-1))).unwrap();
        let after = v(&x);
        for i in 0..12 { prop_assert_eq!(after[i], if bits[i] { -1 } else { i as i64 }); }
    }
}
