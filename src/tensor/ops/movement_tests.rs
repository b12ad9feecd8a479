//! Tests of the view ops and the copying shape ops, against naive references.

use super::*;
use crate::tensor::DType;
use proptest::prelude::*;

fn ar(n: i64, shape: &[usize]) -> Tensor {
    Tensor::from_vec((0..n).collect::<Vec<i64>>(), shape)
}

fn v(t: &Tensor) -> Vec<i64> {
    t.to_vec::<i64>()
}

#[test]
fn view_shares_storage_and_writes_through() {
    let a = ar(6, &[6]);
    let r = view(&a, &[2, 3]).unwrap();
    assert!(r.shares_storage(&a));
    assert_eq!(r.data_ptr(), a.data_ptr());
    crate::tensor::ops::fill_(&select(&r, 0, 1).unwrap(), crate::Scalar::Int(9)).unwrap();
    assert_eq!(v(&a), vec![0, 1, 2, 9, 9, 9]);
}

#[test]
fn view_inference_and_errors() {
    let a = ar(12, &[12]);
    assert_eq!(view(&a, &[-1, 4]).unwrap().shape().as_slice(), &[3, 4]);
    assert_eq!(view(&ar(6, &[6]), &[4, -1]).unwrap_err().msg, "shape '[4, -1]' is invalid for input of size 6");
    assert_eq!(view(&ar(6, &[6]), &[2, 5]).unwrap_err().msg, "shape '[2, 5]' is invalid for input of size 6");
    assert_eq!(view(&a, &[-1, -1]).unwrap_err().msg, "only one dimension can be inferred");
}

#[test]
fn view_of_transposed_errors_reshape_copies() {
    let a = ar(6, &[2, 3]);
    let b = t(&a).unwrap();
    assert!(!b.is_contiguous());
    let e = view(&b, &[6]).unwrap_err();
    assert_eq!(
        e.msg,
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
    );
    let r = reshape(&b, &[6]).unwrap();
    assert!(!r.shares_storage(&a));
    assert_eq!(v(&r), vec![0, 3, 1, 4, 2, 5]);
    // A view of a non-contiguous tensor that keeps the split dims works (computeStride).
    let x = ar(24, &[2, 3, 4]);
    let xt = transpose(&x, 0, 2).unwrap(); // [4, 3, 2]
    let u = view(&xt, &[2, 2, 3, 2]).unwrap();
    assert!(u.shares_storage(&x));
    assert_eq!(v(&u), v(&xt));
    let reshaped = reshape(&ar(6, &[6]), &[2, 3]).unwrap();
    assert_eq!(reshaped.strides().as_slice(), &[3, 1]);
}

#[test]
fn transpose_permute_t_mt() {
    let x = ar(24, &[2, 3, 4]);
    let y = transpose(&x, 1, 2).unwrap();
    assert_eq!(y.shape().as_slice(), &[2, 4, 3]);
    // y[0][1][2] == x[0][2][1] == 2*4+1
    assert_eq!(v(&y)[1 * 3 + 2], 9);
    let p = permute(&x, &[2, 0, 1]).unwrap();
    assert_eq!(p.shape().as_slice(), &[4, 2, 3]);
    assert_eq!(
        permute(&x, &[0, 1]).unwrap_err().msg,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2"
    );
    assert_eq!(permute(&x, &[0, 1, 1]).unwrap_err().msg, "permute(): duplicate dims are not allowed.");
    assert_eq!(t(&x).unwrap_err().msg, "t() expects a tensor with <= 2 dimensions, but self is 3D");
    assert_eq!(mt(&x).unwrap().shape().as_slice(), &[2, 4, 3]);
    assert_eq!(t(&ar(3, &[3])).unwrap().shape().as_slice(), &[3]);
    assert_eq!(
        transpose(&x, 0, 3).unwrap_err().msg,
        "Dimension out of range (expected to be in range of [-3, 2], but got 3)"
    );
}

#[test]
fn squeeze_unsqueeze_flatten_unflatten() {
    let x = ar(6, &[1, 2, 1, 3]);
    assert_eq!(squeeze(&x, None).unwrap().shape().as_slice(), &[2, 3]);
    assert_eq!(squeeze(&x, Some(&[0, 1])).unwrap().shape().as_slice(), &[2, 1, 3]);
    assert_eq!(unsqueeze(&ar(6, &[2, 3]), 2).unwrap().shape().as_slice(), &[2, 3, 1]);
    assert_eq!(unsqueeze(&ar(6, &[2, 3]), -1).unwrap().shape().as_slice(), &[2, 3, 1]);
    assert!(unsqueeze(&ar(6, &[2, 3]), 3).is_err());
    let b = ar(24, &[2, 3, 4]);
    assert_eq!(flatten(&b, 1, -1).unwrap().shape().as_slice(), &[2, 12]);
    assert_eq!(flatten(&b, 0, -1).unwrap().shape().as_slice(), &[24]);
    assert!(flatten(&b, 1, 1).unwrap().same(&b));
    assert_eq!(
        flatten(&b, 2, 1).unwrap_err().msg,
        "flatten() has invalid args: start_dim cannot come after end_dim"
    );
    let s = Tensor::from_vec(vec![5i64], &[]);
    assert_eq!(flatten(&s, 0, -1).unwrap().shape().as_slice(), &[1]);
    let u = unflatten(&b, 1, &[3, 1]).unwrap();
    assert_eq!(u.shape().as_slice(), &[2, 3, 1, 4]);
    assert_eq!(unflatten(&b, -1, &[2, -1]).unwrap().shape().as_slice(), &[2, 3, 2, 2]);
    assert_eq!(
        unflatten(&b, 1, &[2, 2]).unwrap_err().msg,
        "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor"
    );
}

#[test]
fn expand_and_errors() {
    let x = ar(3, &[3, 1]);
    let e = expand(&x, &[3, 4]).unwrap();
    assert_eq!(e.strides().as_slice(), &[1, 0]);
    assert_eq!(v(&e), vec![0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    assert_eq!(expand(&x, &[-1, 2]).unwrap().shape().as_slice(), &[3, 2]);
    assert_eq!(expand(&ar(2, &[2]), &[3, 2]).unwrap().shape().as_slice(), &[3, 2]);
    assert_eq!(
        expand(&ar(3, &[3]), &[2, 4]).unwrap_err().msg,
        "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]"
    );
    assert_eq!(
        expand(&x, &[2]).unwrap_err().msg,
        "expand(torch.LongTensor{[3, 1]}, size=[2]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)"
    );
    assert_eq!(
        expand(&ar(2, &[2]), &[-1, 2]).unwrap_err().msg,
        "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"
    );
}

#[test]
fn narrow_select_slice() {
    let x = ar(10, &[10]);
    assert_eq!(v(&narrow(&x, 0, 2, 3).unwrap()), vec![2, 3, 4]);
    assert_eq!(v(&narrow(&x, 0, -3, 2).unwrap()), vec![7, 8]);
    assert_eq!(narrow(&x, 0, 9, 2).unwrap_err().msg, "start (9) + length (2) exceeds dimension size (10).");
    let e = select(&ar(3, &[3]), 0, 5).unwrap_err();
    assert_eq!(e.kind, crate::ExcKind::IndexError);
    assert_eq!(e.msg, "index 5 is out of bounds for dimension 0 with size 3");
    assert_eq!(
        select_op(&ar(3, &[3]), 0, 5).unwrap_err().msg,
        "select(): index 5 out of range for tensor of size [3] at dimension 0"
    );
    assert_eq!(v(&slice(&x, 0, None, None, 3).unwrap()), vec![0, 3, 6, 9]);
    assert_eq!(v(&slice(&x, 0, Some(-3), Some(100), 1).unwrap()), vec![7, 8, 9]);
    assert_eq!(v(&slice(&x, 0, Some(8), Some(2), 1).unwrap()), Vec::<i64>::new());
    let e = slice(&x, 0, None, None, -1).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (crate::ExcKind::ValueError, "step must be greater than zero"));
}

#[test]
fn chunk_split_unbind() {
    let x = ar(10, &[10]);
    let c: Vec<Vec<i64>> = chunk(&x, 3, 0).unwrap().iter().map(v).collect();
    assert_eq!(c, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]]);
    let s: Vec<Vec<i64>> = split(&x, &SplitSize::Size(4), 0).unwrap().iter().map(v).collect();
    assert_eq!(s, c);
    let s2 = split(&x, &SplitSize::Sizes(vec![2, 8]), 0).unwrap();
    assert_eq!(v(&s2[1]).len(), 8);
    assert!(s2[1].shares_storage(&x));
    assert_eq!(
        split(&ar(6, &[6]), &SplitSize::Sizes(vec![2, 3]), 0).unwrap_err().msg,
        "split_with_sizes expects split_sizes to sum exactly to 6 (input tensor's size at dimension 0), but got split_sizes=[2, 3]"
    );
    let m = ar(6, &[2, 3]);
    let u: Vec<Vec<i64>> = unbind(&m, 1).unwrap().iter().map(v).collect();
    assert_eq!(u, vec![vec![0, 3], vec![1, 4], vec![2, 5]]);
    assert_eq!(chunk(&ar(6, &[6]), 4, 0).unwrap().len(), 3);
}

#[test]
fn flip_roll_repeat_tile() {
    let x = ar(4, &[2, 2]);
    assert_eq!(v(&flip(&x, &[0]).unwrap()), vec![2, 3, 0, 1]);
    assert_eq!(v(&flip(&x, &[0, 1]).unwrap()), vec![3, 2, 1, 0]);
    let r = repeat(&Tensor::from_vec(vec![1i64, 2, 3, 4], &[2, 2]), &[2, 3]).unwrap();
    assert_eq!(r.shape().as_slice(), &[4, 6]);
    assert_eq!(&v(&r)[..6], &[1, 2, 1, 2, 1, 2]);
    assert_eq!(&v(&r)[6..12], &[3, 4, 3, 4, 3, 4]);
    assert_eq!(repeat(&x, &[1, 1, 2]).unwrap().shape().as_slice(), &[1, 2, 4]);
    assert_eq!(
        repeat(&x, &[2]).unwrap_err().msg,
        "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
    );
    assert_eq!(tile(&x, &[2]).unwrap().shape().as_slice(), &[2, 4]);
    // roll reference: out[i] = x[(i - s) mod n]
    let y = ar(8, &[4, 2]);
    assert_eq!(v(&roll(&y, &[1], &[]).unwrap()), vec![7, 0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(v(&roll(&y, &[1], &[0]).unwrap()), vec![6, 7, 0, 1, 2, 3, 4, 5]);
    assert_eq!(v(&roll(&y, &[-1], &[0]).unwrap()), vec![2, 3, 4, 5, 6, 7, 0, 1]);
    assert_eq!(v(&roll(&y, &[2, 1], &[0, 1]).unwrap()), vec![5, 4, 7, 6, 1, 0, 3, 2]);
    assert_eq!(
        roll(&y, &[1, 2], &[0]).unwrap_err().msg,
        "shifts and dimensions must align. shifts: 2, dims:1"
    );
}

#[test]
fn movedim_diagonal_unfold() {
    let x = Tensor::zeros(&[3, 2, 1], DType::F32).unwrap();
    assert_eq!(movedim(&x, &[1], &[0]).unwrap().shape().as_slice(), &[2, 3, 1]);
    assert_eq!(movedim(&x, &[1, 2], &[0, 1]).unwrap().shape().as_slice(), &[2, 1, 3]);
    assert_eq!(
        movedim(&x, &[0, 0], &[0, 1]).unwrap_err().msg,
        "movedim: repeated dim in `source` ([0, 0])"
    );
    let m = ar(9, &[3, 3]);
    assert_eq!(v(&diagonal(&m, 0, 0, 1).unwrap()), vec![0, 4, 8]);
    assert_eq!(v(&diagonal(&m, 1, 0, 1).unwrap()), vec![1, 5]);
    assert_eq!(v(&diagonal(&m, -1, 0, 1).unwrap()), vec![3, 7]);
    assert!(diagonal(&m, 0, 0, 1).unwrap().shares_storage(&m));
    assert_eq!(diagonal(&m, 0, 1, 1).unwrap_err().msg, "diagonal dimensions cannot be identical 1, 1");
    let u = unfold(&ar(7, &[7]), 0, 2, 2).unwrap();
    assert_eq!(u.shape().as_slice(), &[3, 2]);
    assert_eq!(v(&u), vec![0, 1, 2, 3, 4, 5]);
}

/// Naive reference: element of a row-major `shape` tensor `0..n` at a permuted index.
fn naive_permute(shape: &[usize], perm: &[usize]) -> Vec<i64> {
    let n: usize = shape.iter().product();
    let out_shape: Vec<usize> = perm.iter().map(|&p| shape[p]).collect();
    let mut out = Vec::with_capacity(n);
    for lin in 0..n {
        // decompose lin in out_shape
        let mut rem = lin;
        let mut oi = vec![0; out_shape.len()];
        for d in (0..out_shape.len()).rev() {
            oi[d] = rem % out_shape[d];
            rem /= out_shape[d];
        }
        let mut src = vec![0; shape.len()];
        for (d, &p) in perm.iter().enumerate() {
            src[p] = oi[d];
        }
        let mut off = 0;
        for d in 0..shape.len() {
            off = off * shape[d] + src[d];
        }
        out.push(off as i64);
    }
    out
}

fn shape_and_perm() -> impl Strategy<Value = (Vec<usize>, Vec<usize>)> {
    prop::collection::vec(1usize..4, 1..5).prop_flat_map(|s| {
        let n = s.len();
        (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
    })
}

proptest! {
    #[test]
    fn permute_matches_naive((shape, perm) in shape_and_perm()) {
        let n: usize = shape.iter().product();
        let x = ar(n as i64, &shape);
        let p: Vec<i64> = perm.iter().map(|&d| d as i64).collect();
        let y = permute(&x, &p).unwrap();
        prop_assert!(y.shares_storage(&x));
        prop_assert_eq!(v(&y), naive_permute(&shape, &perm));
        // Reshape of the permuted tensor keeps its row-major values.
        let r = reshape(&y, &[-1]).unwrap();
        prop_assert_eq!(v(&r), v(&y));
        // Inverse permutation brings the original back as a view.
        let mut inv = vec![0i64; perm.len()];
        for (i, &pp) in perm.iter().enumerate() { inv[pp] = i as i64; }
        let back = permute(&y, &inv).unwrap();
        prop_assert_eq!(v(&back), v(&x));
        prop_assert!(back.is_contiguous());
    }

    #[test]
    fn transpose_round_trip((shape, _perm) in shape_and_perm(), a in 0usize..4, b in 0usize..4) {
        let nd = shape.len();
        let (a, b) = (a % nd, b % nd);
        let n: usize = shape.iter().product();
        let x = ar(n as i64, &shape);
        let y = transpose(&x, a as i64, b as i64).unwrap();
        let mut perm: Vec<usize> = (0..nd).collect();
        perm.swap(a, b);
        prop_assert_eq!(v(&y), naive_permute(&shape, &perm));
        prop_assert_eq!(v(&transpose(&y, a as i64, b as i64).unwrap()), v(&x));
    }

    #[test]
    fn view_reshape_round_trip(shape in prop::collection::vec(1usize..5, 1..5), k in 0usize..5) {
        let n: usize = shape.iter().product();
        let x = ar(n as i64, &shape);
        // Split the numel into two factors.
        let divs: Vec<usize> = (1..=n).filter(|d| n % d == 0).collect();
        let d = divs[k % divs.len()];
        let y = view(&x, &[d as i64, -1]).unwrap();
        prop_assert!(y.shares_storage(&x));
        prop_assert_eq!(v(&y), v(&x));
        let sh: Vec<i64> = shape.iter().map(|&s| s as i64).collect();
        let back = view(&y, &sh).unwrap();
        prop_assert_eq!(back.shape().to_vec(), shape.clone());
        // On a transposed tensor: view either works and agrees, or errors and reshape copies.
        if shape.len() >= 2 {
            let t = transpose(&x, 0, -1).unwrap();
            let r = reshape(&t, &[-1]).unwrap();
            prop_assert_eq!(v(&r), v(&t));
            match view(&t, &[-1]) {
                Ok(w) => { prop_assert_eq!(v(&w), v(&t)); prop_assert!(r.shares_storage(&x)); }
                Err(_) => prop_assert!(!r.shares_storage(&x)),
            }
        }
    }
}
