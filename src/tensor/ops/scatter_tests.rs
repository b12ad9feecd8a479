//! Tests of gather/scatter/index_select/index_add/masked_*/take/nonzero.

use super::*;

fn iv(v: Vec<i64>, s: &[usize]) -> Tensor {
    Tensor::from_vec(v, s)
}

#[test]
fn gather_rows_and_errors() {
    let t = iv(vec![1, 2, 3, 4], &[2, 2]);
    let g = gather(&t, 1, &iv(vec![0, 0, 1, 0], &[2, 2])).unwrap();
    assert_eq!(g.to_vec::<i64>(), vec![1, 1, 4, 3]);
    let g0 = gather(&t, 0, &iv(vec![1, 0], &[1, 2])).unwrap();
    assert_eq!(g0.to_vec::<i64>(), vec![3, 2]);
    let e = gather(&t, 1, &iv(vec![2], &[1, 1])).unwrap_err();
    assert_eq!(e.msg, "index 2 is out of bounds for dimension 1 with size 2");
    let e = gather(&t, 1, &Tensor::from_vec(vec![0i32], &[1, 1])).unwrap_err();
    assert_eq!(e.msg, "gather(): Expected dtype int64 for index");
}

#[test]
fn scatter_and_scatter_add() {
    let z = Tensor::zeros(&[2, 3], crate::DType::F32).unwrap();
    let src = Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    let idx = iv(vec![2, 0, 1, 1, 2, 0], &[2, 3]);
    // Reference: out[i][idx[i][j]] = src[i][j] along dim 1.
    let s = scatter(&z, 1, &idx, &src).unwrap();
    assert_eq!(s.to_vec::<f32>(), vec![2., 3., 1., 6., 4., 5.]);
    let v = scatter(&z, 0, &iv(vec![1, 0, 1], &[1, 3]), &Tensor::wrapped(crate::Scalar::Float(7.0))).unwrap();
    assert_eq!(v.to_vec::<f32>(), vec![0., 7., 0., 7., 0., 7.]);
    let acc = scatter_add(&Tensor::zeros(&[3], crate::DType::F32).unwrap(), 0, &iv(vec![0, 0, 2, 0], &[4]), &Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], &[4])).unwrap();
    assert_eq!(acc.to_vec::<f32>(), vec![7., 0., 3.]);
    let e = scatter_(&z, 1, &idx, &Tensor::from_vec(vec![1.0f64; 6], &[2, 3])).unwrap_err();
    assert_eq!(e.msg, "scatter(): Expected self.dtype to be equal to src.dtype");
    assert!(z.to_vec::<f32>().iter().all(|&x| x == 0.0));
}

#[test]
fn index_select_and_index_add() {
    let x = iv((0..6).collect(), &[2, 3]);
    let s = index_select(&x, 1, &iv(vec![2, 0], &[2])).unwrap();
    assert_eq!(s.to_vec::<i64>(), vec![2, 0, 5, 3]);
    let e = index_select(&x, 0, &iv(vec![2], &[1])).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (crate::ExcKind::IndexError, "index out of range in self"));
    let a = Tensor::zeros(&[3, 2], crate::DType::F32).unwrap();
    let src = Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], &[2, 2]);
    let r = index_add(&a, 0, &iv(vec![2, 2], &[2]), &src, 2.0).unwrap();
    assert_eq!(r.to_vec::<f32>(), vec![0., 0., 0., 0., 8., 12.]);
}

#[test]
fn masked_ops_take_nonzero() {
    let x = Tensor::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], &[2, 2]);
    let m = Tensor::from_vec(vec![true, false], &[2]);
    let f = masked_fill(&x, &m, &Tensor::wrapped(crate::Scalar::Int(0))).unwrap();
    assert_eq!(f.to_vec::<f32>(), vec![0., 2., 0., 4.]);
    assert_eq!(x.to_vec::<f32>(), vec![1., 2., 3., 4.]);
    let e = masked_fill_(&x, &iv(vec![1, 0], &[2]), &Tensor::wrapped(crate::Scalar::Int(0))).unwrap_err();
    assert_eq!(e.msg, "masked_fill_ only supports boolean masks, but got mask with dtype long int");
    assert_eq!(masked_select(&x, &m).unwrap().to_vec::<f32>(), vec![1., 3.]);
    let tk = take(&x, &iv(vec![3, -4, 1], &[3])).unwrap();
    assert_eq!(tk.to_vec::<f32>(), vec![4., 1., 2.]);
    let e = take(&x, &iv(vec![4], &[1])).unwrap_err();
    assert_eq!(e.msg, "out of range: tried to access index 4 on a tensor of 4 elements.");
    let nz = nonzero(&Tensor::from_vec(vec![0i64, 3, 0, 5, 1, 0], &[2, 3])).unwrap();
    assert_eq!(nz.shape().as_slice(), &[3, 2]);
    assert_eq!(nz.to_vec::<i64>(), vec![0, 1, 1, 0, 1, 1]);
    let tup = nonzero_tuple(&Tensor::from_vec(vec![0i64, 3, 0, 5, 1, 0], &[2, 3])).unwrap();
    assert_eq!(tup.len(), 2);
    assert_eq!(tup[1].to_vec::<i64>(), vec![1, 0, 1]);
}
