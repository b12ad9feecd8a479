//! Criterion benches of the tensor kernels, called directly (no interpreter): element-wise
//! (contiguous, broadcast, strided), reductions, matmul from 64 to 2048, indexing.
//! `cargo bench --bench kernels`; `-- matmul` for one group.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tsr::tensor::ops::binary::{BinaryOp, binary};
use tsr::tensor::ops::index::{TensorIndex, index};
use tsr::tensor::ops::matmul::matmul;
use tsr::tensor::ops::random::{Generator, randn};
use tsr::tensor::ops::reduce::{ReduceOp, argmax, reduce};
use tsr::tensor::ops::scatter::{gather, index_select};
use tsr::tensor::ops::unary::{UnaryOp, unary};
use tsr::{DType, Tensor};

fn rn(shape: &[usize]) -> Tensor {
    let mut g = Generator::new(0);
    randn(shape, DType::F32, &mut g).expect("randn")
}

fn elementwise(c: &mut Criterion) {
    let mut g = c.benchmark_group("elementwise");
    for n in [1_000usize, 100_000, 10_000_000] {
        let (a, b) = (rn(&[n]), rn(&[n]));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("add", n), &n, |bch, _| bch.iter(|| binary(BinaryOp::Add, black_box(&a), &b).unwrap()));
        g.bench_with_input(BenchmarkId::new("exp", n), &n, |bch, _| bch.iter(|| unary(UnaryOp::Exp, black_box(&a)).unwrap()));
        g.bench_with_input(BenchmarkId::new("tanh", n), &n, |bch, _| bch.iter(|| unary(UnaryOp::Tanh, black_box(&a)).unwrap()));
    }
    let (m, row) = (rn(&[1000, 1000]), rn(&[1000]));
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("add_broadcast_row_1000x1000", |bch| bch.iter(|| binary(BinaryOp::Add, black_box(&m), &row).unwrap()));
    let mt = tsr::tensor::ops::movement::transpose(&m, 0, 1).unwrap();
    g.bench_function("add_transposed_1000x1000", |bch| bch.iter(|| binary(BinaryOp::Add, black_box(&mt), &m).unwrap()));
    g.finish();
}

fn reductions(c: &mut Criterion) {
    let mut g = c.benchmark_group("reduce");
    let x = rn(&[1000, 1000]);
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("sum_all", |b| b.iter(|| reduce(ReduceOp::Sum, black_box(&x), None, false, None).unwrap()));
    g.bench_function("sum_dim0", |b| b.iter(|| reduce(ReduceOp::Sum, black_box(&x), Some(&[0]), false, None).unwrap()));
    g.bench_function("sum_dim1", |b| b.iter(|| reduce(ReduceOp::Sum, black_box(&x), Some(&[1]), false, None).unwrap()));
    g.bench_function("mean_dim1", |b| b.iter(|| reduce(ReduceOp::Mean, black_box(&x), Some(&[1]), true, None).unwrap()));
    g.bench_function("argmax_dim1", |b| b.iter(|| argmax(black_box(&x), Some(1), false).unwrap()));
    g.finish();
}

fn matmuls(c: &mut Criterion) {
    let mut g = c.benchmark_group("matmul");
    g.sample_size(10);
    for n in [64usize, 128, 256, 512, 1024, 2048] {
        let (a, b) = (rn(&[n, n]), rn(&[n, n]));
        g.throughput(Throughput::Elements((2 * n * n * n) as u64)); // flops
        g.bench_with_input(BenchmarkId::new("f32", n), &n, |bch, _| bch.iter(|| matmul(black_box(&a), &b).unwrap()));
    }
    let (a, b) = (rn(&[32, 64, 64]), rn(&[32, 64, 64]));
    g.bench_function("bmm_32x64x64", |bch| bch.iter(|| matmul(black_box(&a), &b).unwrap()));
    g.finish();
}

fn indexing(c: &mut Criterion) {
    let mut g = c.benchmark_group("index");
    let x = rn(&[1000, 256]);
    let mut rng = Generator::new(1);
    let idx = tsr::tensor::ops::random::randint(0, 1000, &[512], DType::I64, &mut rng).unwrap();
    g.bench_function("basic_slice", |b| {
        b.iter(|| {
            index(black_box(&x), &[TensorIndex::Slice { start: Some(10), stop: Some(500), step: Some(2) }, TensorIndex::Int(3)])
                .unwrap()
        })
    });
    g.bench_function("advanced_rows_512", |b| b.iter(|| index(black_box(&x), &[TensorIndex::Tensor(idx.clone())]).unwrap()));
    g.bench_function("index_select_512", |b| b.iter(|| index_select(black_box(&x), 0, &idx).unwrap()));
    let gi = tsr::tensor::ops::random::randint(0, 256, &[1000, 8], DType::I64, &mut rng).unwrap();
    g.bench_function("gather_dim1", |b| b.iter(|| gather(black_box(&x), 1, &gi).unwrap()));
    let mask = tsr::tensor::ops::compare::compare(tsr::tensor::ops::compare::CmpOp::Gt, &x, &Tensor::scalar(tsr::Scalar::Float(0.0), DType::F32)).unwrap();
    g.bench_function("mask_select", |b| b.iter(|| index(black_box(&x), &[TensorIndex::Tensor(mask.clone())]).unwrap()));
    g.finish();
}

criterion_group!(benches, elementwise, reductions, matmuls, indexing);
criterion_main!(benches);
