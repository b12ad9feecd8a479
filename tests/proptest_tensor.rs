//! Property tests of the tensor library against naive reference implementations written
//! here with plain index arithmetic: broadcasting of binary ops, view / reshape / permute /
//! transpose round trips, advanced indexing and index assignment.

use proptest::prelude::*;
use tsr::tensor::ops::binary::{binary, BinaryOp};
use tsr::tensor::ops::index::{index, index_put_, TensorIndex as I};
use tsr::tensor::ops::movement::{permute, reshape, transpose, view};
use tsr::{Scalar, Tensor};

fn ar(shape: &[usize]) -> Tensor {
    let n: usize = shape.iter().product();
    Tensor::from_vec((0..n as i64).collect::<Vec<_>>(), shape)
}

/// Row-major multi-index of linear index `i` in `shape`.
fn unravel(mut i: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        idx[d] = i % shape[d];
        i /= shape[d];
    }
    idx
}

fn ravel(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(shape).fold(0, |acc, (&i, &s)| acc * s + i)
}

/// An output shape and two operand shapes that broadcast to it (trailing-aligned, each
/// dim either the output's or 1, possibly fewer dims).
fn broadcast_shapes() -> impl Strategy<Value = (Vec<usize>, Vec<usize>, Vec<usize>)> {
    prop::collection::vec(1usize..4, 0..4).prop_flat_map(|out| {
        let r = out.len();
        (Just(out), 0..=r, 0..=r, prop::collection::vec(any::<bool>(), r), prop::collection::vec(any::<bool>(), r))
            .prop_map(move |(out, ra, rb, ma, mb)| {
                let pick = |rank: usize, ones: &[bool]| -> Vec<usize> {
                    (r - rank..r).map(|d| if ones[d] { 1 } else { out[d] }).collect()
                };
                let (a, b) = (pick(ra, &ma), pick(rb, &mb));
                (out, a, b)
            })
    })
}

/// Reference value of operand `shape` at output multi-index `oidx` under broadcasting.
fn bcast_at(vals: &[i64], shape: &[usize], oidx: &[usize]) -> i64 {
    let off = oidx.len() - shape.len();
    let idx: Vec<usize> = shape.iter().enumerate().map(|(d, &s)| if s == 1 { 0 } else { oidx[off + d] }).collect();
    vals[ravel(&idx, shape)]
}

/// A shape and a permutation of its dims.
fn shape_and_perm() -> impl Strategy<Value = (Vec<usize>, Vec<usize>)> {
    prop::collection::vec(1usize..5, 1..5).prop_flat_map(|s| {
        let n = s.len();
        (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn binary_broadcasting_matches_naive((_gen, sa, sb) in broadcast_shapes(), sub in any::<bool>()) {
        // Naive broadcast shape: align trailing dims, missing dims count as 1, take the max.
        let rank = sa.len().max(sb.len());
        let dim = |s: &[usize], d: usize| if d + s.len() >= rank { s[d + s.len() - rank] } else { 1 };
        let out: Vec<usize> = (0..rank).map(|d| dim(&sa, d).max(dim(&sb, d))).collect();
        let a = ar(&sa);
        let b = Tensor::from_vec((0..sb.iter().product::<usize>() as i64).map(|v| v * 7 - 3).collect::<Vec<_>>(), &sb);
        let op = if sub { BinaryOp::Sub } else { BinaryOp::Mul };
        let r = binary(op, &a, &b).unwrap();
        prop_assert_eq!(r.shape().to_vec(), out.clone());
        let (va, vb, vr) = (a.to_vec::<i64>(), b.to_vec::<i64>(), r.to_vec::<i64>());
        for i in 0..vr.len() {
            let o = unravel(i, &out);
            let (x, y) = (bcast_at(&va, &sa, &o), bcast_at(&vb, &sb, &o));
            prop_assert_eq!(vr[i], if sub { x - y } else { x * y });
        }
        // Operand order does not change the broadcast shape; float operands agree too.
        let rf = binary(BinaryOp::Add, &b.cast(tsr::DType::F32), &a.cast(tsr::DType::F32)).unwrap();
        prop_assert_eq!(rf.shape().to_vec(), out.clone());
        let vf = rf.to_vec::<f32>();
        for i in 0..vf.len() {
            let o = unravel(i, &out);
            prop_assert_eq!(vf[i], (bcast_at(&va, &sa, &o) + bcast_at(&vb, &sb, &o)) as f32);
        }
    }

    #[test]
    fn incompatible_shapes_fail(n in 2usize..5, m in 2usize..5) {
        prop_assume!(n != m);
        let e = binary(BinaryOp::Add, &ar(&[n, 3]), &ar(&[m, 3])).unwrap_err();
        prop_assert_eq!(e.msg, format!(
            "The size of tensor a ({n}) must match the size of tensor b ({m}) at non-singleton dimension 0"
        ));
    }

    #[test]
    fn permute_reshape_transpose_round_trips((shape, perm) in shape_and_perm(), split in 0usize..4) {
        let x = ar(&shape);
        let n = x.numel();
        let pi: Vec<i64> = perm.iter().map(|&d| d as i64).collect();
        let y = permute(&x, &pi).unwrap();
        let pshape: Vec<usize> = perm.iter().map(|&d| shape[d]).collect();
        // Naive: y[j] = x[idx] with idx[perm[k]] = j[k].
        let vy = y.to_vec::<i64>();
        for (i, &got) in vy.iter().enumerate() {
            let j = unravel(i, &pshape);
            let mut idx = vec![0; shape.len()];
            for k in 0..perm.len() { idx[perm[k]] = j[k]; }
            prop_assert_eq!(got, ravel(&idx, &shape) as i64);
        }
        // reshape of the (maybe non-contiguous) permuted tensor keeps row-major order,
        // and reshaping back restores it.
        let flat = reshape(&y, &[-1]).unwrap();
        prop_assert_eq!(flat.to_vec::<i64>(), vy.clone());
        let k = split % shape.len();
        let lead: usize = pshape[..k].iter().product();
        let two = reshape(&y, &[lead as i64, -1]).unwrap();
        prop_assert_eq!(two.shape().to_vec(), vec![lead, n / lead]);
        let back = reshape(&two, &pshape.iter().map(|&s| s as i64).collect::<Vec<_>>()).unwrap();
        prop_assert_eq!(back.to_vec::<i64>(), vy.clone());
        // view of a contiguous tensor is a view (same storage) with the same values.
        let v = view(&x, &[-1]).unwrap();
        prop_assert!(v.shares_storage(&x));
        prop_assert_eq!(v.to_vec::<i64>(), (0..n as i64).collect::<Vec<_>>());
        // Transposing twice is the identity; once swaps the two indices.
        let (a, b) = (perm[0] as i64, (split % shape.len()) as i64);
        let t = transpose(&x, a, b).unwrap();
        prop_assert!(t.shares_storage(&x));
        prop_assert_eq!(transpose(&t, a, b).unwrap().to_vec::<i64>(), x.to_vec::<i64>());
        let mut tshape = shape.clone();
        tshape.swap(a as usize, b as usize);
        let vt = t.to_vec::<i64>();
        for (i, &got) in vt.iter().enumerate() {
            let mut idx = unravel(i, &tshape);
            idx.swap(a as usize, b as usize);
            prop_assert_eq!(got, ravel(&idx, &shape) as i64);
        }
    }

    #[test]
    fn advanced_index_pairs_broadcast(
        rows in prop::collection::vec(-3i64..3, 1..4),
        cols in prop::collection::vec(-4i64..4, 1..4),
        outer in any::<bool>(),
    ) {
        // x: 3x4x2; x[rows_t, cols_t] with rows_t of shape (R, 1) when `outer` so the two
        // index tensors broadcast to (R, C), else both 1-D of equal length.
        let x = ar(&[3, 4, 2]);
        let w = |v: i64, s: i64| (if v < 0 { v + s } else { v }) as usize;
        let (r, c) = if outer { (rows.len(), cols.len()) } else { (rows.len().min(cols.len()), rows.len().min(cols.len())) };
        let rt = if outer { Tensor::from_vec(rows.clone(), &[r, 1]) } else { Tensor::from_vec(rows[..r].to_vec(), &[r]) };
        let ct = Tensor::from_vec(cols[..c].to_vec(), &[c]);
        let got = index(&x, &[I::Tensor(rt.clone()), I::Tensor(ct.clone())]).unwrap();
        let mut want = vec![];
        let pairs: Vec<(usize, usize)> = if outer {
            (0..r).flat_map(|i| (0..c).map(move |j| (i, j))).collect()
        } else {
            (0..r).map(|i| (i, i)).collect()
        };
        for &(i, j) in &pairs {
            for k in 0..2 { want.push(ravel(&[w(rows[i], 3), w(cols[j], 4), k], &[3, 4, 2]) as i64); }
        }
        let exp_shape = if outer { vec![r, c, 2] } else { vec![r, 2] };
        prop_assert_eq!(got.shape().to_vec(), exp_shape);
        prop_assert_eq!(got.to_vec::<i64>(), want);
    }

    #[test]
    fn index_assignment_matches_naive(
        sel in Just((0i64..5).collect::<Vec<_>>()).prop_shuffle(),
        k in 1usize..5,
        scalar in any::<bool>(),
        neg in any::<bool>(),
    ) {
        // x[idx] = value on dim 0 of a 5x3 tensor, with distinct (possibly negative) indices
        // and either a scalar or a (3,)-row broadcast over the selected rows.
        let x = ar(&[5, 3]);
        let idx: Vec<i64> = sel[..k].iter().map(|&i| if neg { i - 5 } else { i }).collect();
        let row = Tensor::from_vec(vec![-1i64, -2, -3], &[3]);
        let value = if scalar { Tensor::wrapped(Scalar::Int(-9)) } else { row };
        index_put_(&x, &[I::Tensor(Tensor::from_vec(idx.clone(), &[k]))], &value).unwrap();
        let mut want: Vec<i64> = (0..15).collect();
        for &i in &idx {
            let r = (if i < 0 { i + 5 } else { i }) as usize;
            for j in 0..3 { want[r * 3 + j] = if scalar { -9 } else { -(j as i64) - 1 }; }
        }
        prop_assert_eq!(x.to_vec::<i64>(), want.clone());
        // Reading back through the same index gives the assigned values.
        let back = index(&x, &[I::Tensor(Tensor::from_vec(idx.clone(), &[k]))]).unwrap();
        for (n, v) in back.to_vec::<i64>().into_iter().enumerate() {
            prop_assert_eq!(v, if scalar { -9 } else { -((n % 3) as i64) - 1 });
        }
    }

    #[test]
    fn mask_assignment_through_a_view(bits in prop::collection::vec(any::<bool>(), 12)) {
        // Assign through a transposed view: writes land in the base tensor.
        let base = ar(&[4, 3]);
        let t = transpose(&base, 0, 1).unwrap(); // 3x4 view
        let m = Tensor::from_vec(bits.clone(), &[3, 4]);
        index_put_(&t, &[I::Tensor(m.clone())], &Tensor::wrapped(Scalar::Int(100))).unwrap();
        let vb = base.to_vec::<i64>();
        for i in 0..4 {
            for j in 0..3 {
                let want = if bits[j * 4 + i] { 100 } else { (i * 3 + j) as i64 };
                prop_assert_eq!(vb[i * 3 + j], want);
            }
        }
        let sel = index(&t, &[I::Tensor(m)]).unwrap();
        prop_assert_eq!(sel.numel(), bits.iter().filter(|&&b| b).count());
        prop_assert!(sel.to_vec::<i64>().iter().all(|&v| v == 100));
    }
}
