//! Unit tests: the spec's worked examples (§10) and the printed digits of the compat
//! cases `rng_*` recorded from real PyTorch, plus state, ordering and error behaviour.

use super::*;
use crate::tensor::DType;

/// Values formatted like torch's 4-decimal repr of the elements.
fn d4<T: Copy + Into<f64>>(v: &[T]) -> Vec<String> {
    v.iter().map(|&x| format!("{:.4}", x.into())).collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn f32s(t: &Tensor) -> Vec<f32> {
    t.to_vec::<f32>()
}

#[test]
fn engine_first_draws_match_spec() {
    let mut g = Generator::new(0);
    let d: Vec<u32> = (0..6).map(|_| g.next_u32()).collect();
    assert_eq!(d, vec![0x8c7f0aac, 0x97c4aa2f, 0xb716a675, 0xd821ccc0, 0x9a4eb343, 0xdba252fb]);
    let mut g = Generator::new(42);
    assert_eq!(g.next_u32(), 0x5fe1dc66);
    let mut g = Generator::new(0);
    assert_eq!(g.next_u64(), 0x8c7f0aac97c4aa2f);
    // Only the low 32 bits seed the engine; initial_seed keeps all 64.
    let (mut a, mut b) = (Generator::new(5), Generator::new((1u64 << 32) + 5));
    assert_eq!((0..700).map(|_| a.next_u32()).collect::<Vec<_>>(), (0..700).map(|_| b.next_u32()).collect::<Vec<_>>());
    assert_eq!(b.initial_seed(), (1u64 << 32) + 5);
    assert_eq!(Generator::new(-5i64 as u64).initial_seed(), u64::MAX - 4);
}

#[test]
fn spec_worked_examples_seed0() {
    let mut g = Generator::new(0);
    let r = f32s(&rand(&[5], DType::F32, &mut g).unwrap());
    assert_eq!(r.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), vec![0x3efe1558, 0x3f44aa2f, 0x3db533a8, 0x3e073300, 0x3e9d6686]);
    let mut g = Generator::new(0);
    let z = f32s(&randn(&[3], DType::F32, &mut g).unwrap());
    assert_eq!(z.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), vec![0x3fc53f5c, 0xbe963c50, 0xc00b7149]);
    assert_eq!(g.next_double_normal, Some(0.5684312772806678));
    let one = f32s(&randn(&[1], DType::F32, &mut g).unwrap());
    assert_eq!(one[0] as f64, 0.5684312582015991);
    let mut g = Generator::new(0);
    let z = f32s(&randn(&[20], DType::F32, &mut g).unwrap());
    assert_eq!(z[0].to_bits(), 0xbf901b85);
    assert_eq!(z[19].to_bits(), 0x3d5c1b3a);
    let mut g = Generator::new(0);
    let r = rand(&[3], DType::F64, &mut g).unwrap().to_vec::<f64>();
    assert_eq!(r, vec![0.9700530018065531, 0.707819864399788, 0.45938294312745087]);
    let mut g = Generator::new(0);
    let r = randn(&[3], DType::F64, &mut g).unwrap().to_vec::<f64>();
    assert_eq!(r, vec![1.5409961082440433, -0.2934289057609464, -2.1787893820745574]);
    let mut g = Generator::new(0);
    let r = randn(&[20], DType::F64, &mut g).unwrap().to_vec::<f64>();
    assert_eq!(&r[..4], &[-2.310411800234176, -0.3732508612577643, -1.0608166785462863, 0.9995093547811761]);
    let mut g = Generator::new(0);
    let (w, b) = linear_init(3, 2, true, DType::F32, &mut g).unwrap();
    assert_eq!(w.shape().as_slice(), &[2, 3]);
    assert_eq!(
        f32s(&w).iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        vec![0xbb8da3e8, 0x3e9e9313, 0xbef34b7e, 0xbed98bc9, 0xbe63b4b1, 0x3e1e8953]
    );
    assert_eq!(f32s(&b.unwrap()), vec![-0.011439144611358643f32, 0.45777493715286255]);
}

#[test]
fn compat_rng_rand_small() {
    let mut g = Generator::new(0);
    assert_eq!(d4(&f32s(&rand(&[5], DType::F32, &mut g).unwrap())), s(&["0.4963", "0.7682", "0.0885", "0.1320", "0.3074"]));
    assert_eq!(d4(&f32s(&rand(&[3], DType::F32, &mut g).unwrap())), s(&["0.6341", "0.4901", "0.8964"]));
}

#[test]
fn compat_exact_sequence_rand_randn_randint_randperm() {
    // torch.manual_seed(0); torch.rand(3); torch.randn(20); torch.randint(0, 10, (5,)); torch.randperm(8)
    let g = default_generator();
    let mut g = g.borrow_mut();
    g.manual_seed(0);
    assert_eq!(d4(&f32s(&rand(&[3], DType::F32, &mut g).unwrap())), s(&["0.4963", "0.7682", "0.0885"]));
    let z = randn(&[20], DType::F32, &mut g).unwrap();
    assert_eq!(z.numel(), 20);
    // 3 + 36 draws consumed; the next ones feed randint and randperm.
    let mut h = Generator::new(0);
    for _ in 0..39 {
        h.next_u32();
    }
    let ri = randint(0, 10, &[5], DType::I64, &mut g).unwrap().to_vec::<i64>();
    assert_eq!(ri, (0..5).map(|_| (h.next_u32() % 10) as i64).collect::<Vec<_>>());
    let rp = randperm(8, DType::I64, &mut g).unwrap().to_vec::<i64>();
    let mut want: Vec<i64> = (0..8).collect();
    for i in 0..7 {
        let z = h.next_u32() as usize % (8 - i);
        want.swap(i, i + z);
    }
    assert_eq!(rp, want);
    // From a fresh seed the spec's values (§10): randint [4, 9, 3, 0, 3], randperm [4, 0, 7, 3, 2, 5, 1, 6].
    g.manual_seed(0);
    assert_eq!(randint(0, 10, &[5], DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![4, 9, 3, 0, 3]);
    g.manual_seed(0);
    assert_eq!(randperm(8, DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![4, 0, 7, 3, 2, 5, 1, 6]);
    g.manual_seed(42);
    assert_eq!(randperm(8, DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![6, 3, 0, 7, 2, 1, 4, 5]);
}

#[test]
fn compat_rng_randint() {
    let mut g = Generator::new(0);
    assert_eq!(randint(0, 10, &[5], DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![4, 9, 3, 0, 3]);
    let t = randint(3, 8, &[2, 3], DType::I64, &mut g).unwrap();
    assert_eq!(t.to_vec::<i64>(), vec![7, 5, 6, 5, 6, 4]);
    assert_eq!(randint(0, 100, &[4], DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![66, 56, 99, 78]);
    assert_eq!(randint(-5, 5, &[6], DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![1, 1, 3, -1, -2, 1]);
    assert_eq!(
        randint(0, 2, &[20], DType::I64, &mut g).unwrap().to_vec::<i64>(),
        vec![1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0]
    );
}

#[test]
fn compat_rng_randn_large() {
    let mut g = Generator::new(0);
    let a = f32s(&randn(&[17], DType::F32, &mut g).unwrap());
    assert_eq!(
        d4(&a),
        s(&["-1.1258", "-1.6959", "0.5667", "0.7935", "0.5988", "-1.5551", "-0.3414", "1.8530", "0.4681", "-0.5855",
            "-0.1734", "0.1835", "1.3894", "1.5863", "0.9463", "-0.8437", "0.9318"])
    );
    let b = f32s(&randn(&[4, 5], DType::F32, &mut g).unwrap());
    assert_eq!(
        d4(&b),
        s(&["0.0316", "-0.4927", "0.2484", "0.4397", "-0.3918", "0.5433", "-0.3952", "0.2055", "-0.4503", "-0.5731",
            "-0.5554", "0.5943", "-1.2341", "1.8197", "-0.5515", "-1.3253", "0.1886", "-0.0691", "-0.4949", "-1.4959"])
    );
    let c = f32s(&randn(&[33], DType::F32, &mut g).unwrap());
    assert_eq!(d4(&c[29..]), s(&["-0.4288", "0.2329", "0.7969", "-0.1848"]));
}

#[test]
fn compat_rng_randn_mixed_sizes_cache() {
    let mut g = Generator::new(3);
    assert_eq!(d4(&f32s(&randn(&[3], DType::F32, &mut g).unwrap())), s(&["0.8033", "0.1748", "0.0890"]));
    assert_eq!(
        d4(&f32s(&randn(&[16], DType::F32, &mut g).unwrap())),
        s(&["0.6054", "1.9861", "0.6287", "1.2665", "-0.3398", "0.2225", "0.3170", "1.1059", "1.1993", "-0.6566",
            "-0.8967", "-1.2688", "-0.4574", "0.9885", "-0.1045", "0.0843"])
    );
    assert_eq!(d4(&f32s(&randn(&[2], DType::F32, &mut g).unwrap())), s(&["-0.6137", "-0.8646"]));
    assert_eq!(d4(&f32s(&randn(&[1], DType::F32, &mut g).unwrap())), s(&["0.2990"]));
}

#[test]
fn compat_rng_mixed_sequence() {
    let mut g = Generator::new(11);
    assert_eq!(d4(&f32s(&rand(&[2], DType::F32, &mut g).unwrap())), s(&["0.1490", "0.4866"]));
    assert_eq!(d4(&f32s(&randn(&[3], DType::F32, &mut g).unwrap())), s(&["1.1211", "-0.9848", "-0.6700"]));
    assert_eq!(randint(0, 100, &[3], DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![22, 60, 65]);
    assert_eq!(d4(&f32s(&rand(&[2], DType::F32, &mut g).unwrap())), s(&["0.4632", "0.7671"]));
    assert_eq!(randperm(6, DType::I64, &mut g).unwrap().to_vec::<i64>(), vec![3, 4, 0, 1, 5, 2]);
    let z = f32s(&randn(&[18], DType::F32, &mut g).unwrap());
    assert_eq!(d4(&z[16..]), s(&["0.1864", "1.0098"]));
}

#[test]
fn compat_rng_float64() {
    let mut g = Generator::new(0);
    assert_eq!(d4(&rand(&[3], DType::F64, &mut g).unwrap().to_vec::<f64>()), s(&["0.9701", "0.7078", "0.4594"]));
    assert_eq!(d4(&randn(&[3], DType::F64, &mut g).unwrap().to_vec::<f64>()), s(&["1.2645", "-0.6874", "0.1604"]));
    let z = randn(&[20], DType::F64, &mut g).unwrap().to_vec::<f64>();
    assert_eq!(d4(&z[..4]), s(&["-0.8664", "-1.1020", "0.2279", "-0.5588"]));
}

#[test]
fn compat_rng_like_variants() {
    let mut g = Generator::new(0);
    let x = Tensor::zeros(&[2, 3], DType::F32).unwrap();
    uniform_(&x, 0.0, 1.0, &mut g).unwrap();
    assert_eq!(d4(&f32s(&x)), s(&["0.4963", "0.7682", "0.0885", "0.1320", "0.3074", "0.6341"]));
    normal_(&x, 0.0, 1.0, &mut g).unwrap();
    assert_eq!(d4(&f32s(&x)), s(&["1.2645", "-0.6874", "0.1604", "-0.6065", "-0.7831", "1.0622"]));
    let d = rand(&[3], DType::F64, &mut g).unwrap();
    assert_eq!(d4(&d.to_vec::<f64>()), s(&["0.2882", "0.4529", "0.1768"]));
    // randint_like(x, 0, 5) on a float32 tensor.
    random_(&x, 0, Some(5), &mut g).unwrap();
    assert_eq!(f32s(&x), vec![4.0, 1.0, 4.0, 4.0, 4.0, 0.0]);
}

#[test]
fn compat_rng_randn_hundred() {
    let mut g = Generator::new(123);
    let x = f32s(&randn(&[100], DType::F32, &mut g).unwrap());
    assert_eq!(d4(&x[..8]), s(&["0.3374", "-0.1778", "-0.3035", "-0.5880", "0.3486", "0.6603", "-0.2196", "-0.3792"]));
    assert_eq!(d4(&x[96..]), s(&["-0.9822", "0.2770", "0.6455", "-0.8957"]));
}

#[test]
fn non_contiguous_tensors_fill_in_memory_order() {
    // A transposed (5, 4) buffer: uniform_ writes storage in order, like rand(20).
    let base = Tensor::zeros(&[5, 4], DType::F32).unwrap();
    let mut l = base.layout();
    l.shape.swap(0, 1);
    l.strides.swap(0, 1);
    let t = base.with_layout(l.clone());
    let mut g = Generator::new(7);
    uniform_(&t, 0.0, 1.0, &mut g).unwrap();
    let mut h = Generator::new(7);
    assert_eq!(base.to_vec::<f32>(), rand(&[20], DType::F32, &mut h).unwrap().to_vec::<f32>());
    // normal_ on it takes the scalar path (20 >= 16 but not contiguous), in storage order.
    normal_(&t, 0.0, 1.0, &mut g).unwrap();
    let mut a = randn(&[10], DType::F32, &mut h).unwrap().to_vec::<f32>();
    a.extend(randn(&[10], DType::F32, &mut h).unwrap().to_vec::<f32>());
    assert_eq!(base.to_vec::<f32>(), a);
    // Expanded (stride 0) outputs are rejected like TensorIterator does.
    let e = Tensor::zeros(&[1], DType::F32).unwrap();
    let e = e.with_layout(Layout { shape: [3].into_iter().collect(), strides: [0].into_iter().collect(), offset: 0 });
    assert!(uniform_(&e, 0.0, 1.0, &mut g).unwrap_err().msg.starts_with("unsupported operation: more than one element"));
}

#[test]
fn state_round_trip_keeps_cached_normal() {
    let mut g = Generator::new(0);
    randn(&[3], DType::F32, &mut g).unwrap();
    let st = g.get_state();
    assert_eq!(st.len(), STATE_SIZE);
    assert_eq!(u64::from_le_bytes(st[0..8].try_into().unwrap()), 0);
    let a = randn(&[5], DType::F32, &mut g).unwrap().to_vec::<f32>();
    let mut h = Generator::new(99);
    h.set_state(&st).unwrap();
    assert_eq!(h.initial_seed(), 0);
    assert_eq!(randn(&[5], DType::F32, &mut h).unwrap().to_vec::<f32>(), a);
    let err = h.set_state(&st[..100]).unwrap_err();
    assert_eq!(
        err.msg,
        "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 100"
    );
    // manual_seed clears the cache.
    g.manual_seed(0);
    assert_eq!(g.next_double_normal, None);
}

#[test]
fn seed_is_53_bit_and_reseeds() {
    let mut g = Generator::new(0);
    let s = g.seed();
    assert!(s < 1u64 << 53);
    assert_eq!(g.initial_seed(), s);
    let mut h = Generator::new(s);
    assert_eq!(g.next_u32(), h.next_u32());
}

#[test]
fn error_texts() {
    let mut g = Generator::new(0);
    assert_eq!(
        randint(5, 5, &[3], DType::I64, &mut g).unwrap_err().msg,
        "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"
    );
    let t = Tensor::zeros(&[3], DType::F32).unwrap();
    assert_eq!(
        uniform_(&t, 2.0, 1.0, &mut g).unwrap_err().msg,
        "uniform_ expects to return a [from, to) range, but found from=2 > to=1"
    );
    assert_eq!(normal_(&t, 0.0, -1.0, &mut g).unwrap_err().msg, "normal expects std >= 0.0, but found std -1");
    assert_eq!(
        bernoulli_scalar_(&t, 1.5, &mut g).unwrap_err().msg,
        "bernoulli_ expects p to be in [0, 1], but got p=1.5"
    );
    let i = Tensor::zeros(&[3], DType::I64).unwrap();
    assert_eq!(rand(&[3], DType::I64, &mut g).unwrap_err().msg, "\"check_uniform_bounds\" not implemented for 'Long'");
    assert_eq!(normal_(&i, 0.0, 1.0, &mut g).unwrap_err().msg, "\"normal_kernel_cpu\" not implemented for 'Long'");
    let p = Tensor::from_vec(vec![0.0f32, 0.0], &[2]);
    assert_eq!(
        multinomial(&p, 1, false, &mut g).unwrap_err().msg,
        "invalid multinomial distribution (sum of probabilities <= 0)"
    );
    assert_eq!(fmt_g(0.1234567), "0.123457");
    assert_eq!(fmt_g(1e-7), "1e-07");
    assert_eq!(fmt_g(-1.0), "-1");
}

#[test]
fn randint_draw_width_switches_at_2_pow_28() {
    let mut g = Generator::new(0);
    let a = randint(0, (1 << 28) - 1, &[1], DType::I64, &mut g).unwrap().to_vec::<i64>();
    let mut h = Generator::new(0);
    assert_eq!(a[0], (h.next_u32() as i64) % ((1 << 28) - 1));
    let mut g = Generator::new(0);
    let b = randint(0, 1 << 28, &[1], DType::I64, &mut g).unwrap().to_vec::<i64>();
    let mut h = Generator::new(0);
    assert_eq!(b[0], (h.next_u64() % (1 << 28)) as i64);
}

#[test]
fn linear_edge_cases() {
    // in == 0: no weight draws, bias uniform_(0, 0) consumes one draw per element.
    let mut g = Generator::new(0);
    let (w, b) = linear_init(0, 3, true, DType::F32, &mut g).unwrap();
    assert_eq!(w.numel(), 0);
    assert_eq!(b.unwrap().to_vec::<f32>(), vec![0.0; 3]);
    let mut h = Generator::new(0);
    for _ in 0..3 {
        h.next_u32();
    }
    assert_eq!(g.next_u32(), h.next_u32());
    // in == 1: bound 0.9999999999999999 → from = fl32(-bound) = -1.0.
    let mut g = Generator::new(0);
    let (w, _) = linear_init(1, 1, false, DType::F32, &mut g).unwrap();
    let x = (0x8c7f0aacu32 & 0xFF_FFFF) as f32 / 16_777_216.0;
    assert_eq!(w.to_vec::<f32>()[0], x.mul_add(2.0, -1.0));
}

#[test]
fn bernoulli_keeps_strides_of_dense_probs() {
    let base = Tensor::from_vec(vec![0.1f32, 0.9, 0.5, 0.3, 0.7, 0.2], &[2, 3]);
    let mut l = base.layout();
    l.shape.swap(0, 1);
    l.strides.swap(0, 1);
    let p = base.with_layout(l);
    let mut g = Generator::new(1);
    let out = bernoulli(&p, &mut g).unwrap();
    assert_eq!(out.strides().as_slice(), &[1, 3]);
    let mut h = Generator::new(1);
    let flat = bernoulli(&base, &mut h).unwrap();
    // Same draws in storage order, so the storage is identical.
    assert_eq!(out.storage().data().len(), 6);
    assert_eq!(out.contiguous().to_vec::<f32>(), {
        let v = flat.to_vec::<f32>();
        vec![v[0], v[3], v[1], v[4], v[2], v[5]]
    });
}

#[test]
fn dropout_mask_values() {
    let mut g = Generator::new(0);
    let m = dropout_mask(&[8], 0.3, DType::F32, &mut g).unwrap().to_vec::<f32>();
    let keep = 1.0f32 / 0.7f32;
    let mut h = Generator::new(0);
    let want: Vec<f32> = (0..8).map(|_| if h.unit_f64() < 1.0 - 0.3 { keep } else { 0.0 }).collect();
    assert_eq!(m, want);
    let mut g = Generator::new(0);
    assert_eq!(dropout_mask(&[2], 0.0, DType::F32, &mut g).unwrap().to_vec::<f32>(), vec![1.0, 1.0]);
    assert_eq!(g.next_u32(), 0x8c7f0aac);
}

#[test]
fn exponential_uses_double_log1p() {
    let t = Tensor::zeros(&[4], DType::F64).unwrap();
    let mut g = Generator::new(5);
    exponential_(&t, 2.0, &mut g).unwrap();
    let mut h = Generator::new(5);
    let want: Vec<f64> = (0..4).map(|_| (-1.0 / 2.0) * (-h.unit_f64()).ln_1p()).collect();
    assert_eq!(t.to_vec::<f64>(), want);
    assert_eq!(
        exponential_(&t, 0.0, &mut g).unwrap_err().msg,
        "exponential_ expects lambda > 0.0, but found lambda=0"
    );
}

#[test]
fn multinomial_two_rows_with_replacement() {
    let p = Tensor::from_vec(vec![0.0f64, 1.0, 0.0, 3.0, 0.0, 1.0], &[2, 3]);
    let mut g = Generator::new(0);
    let out = multinomial(&p, 4, true, &mut g).unwrap();
    assert_eq!(out.shape().as_slice(), &[2, 4]);
    let v = out.to_vec::<i64>();
    // Row 0 has all mass on 1; row 1 picks 0 when u <= 0.75, else 2.
    assert_eq!(&v[..4], &[1, 1, 1, 1]);
    let mut h = Generator::new(0);
    for _ in 0..4 {
        h.unit_f64();
    }
    let want: Vec<i64> = (0..4).map(|_| if h.unit_f64() <= 0.75 { 0 } else { 2 }).collect();
    assert_eq!(&v[4..], want.as_slice());
    // Without replacement every index appears once.
    let q = Tensor::from_vec(vec![0.2f32, 0.3, 0.5], &[3]);
    let mut s = multinomial(&q, 3, false, &mut g).unwrap().to_vec::<i64>();
    s.sort();
    assert_eq!(s, vec![0, 1, 2]);
    assert_eq!(
        multinomial(&q, 4, false, &mut g).unwrap_err().msg,
        "cannot sample n_sample > prob_dist.size(-1) samples without replacement"
    );
}

#[test]
fn normal_with_tensor_mean_and_std_rounds_twice() {
    let mean = Tensor::from_vec(vec![1.0f32, 2.0, -3.0], &[3]);
    let std = Tensor::from_vec(vec![0.5f32, 2.0, 0.1], &[3]);
    let mut g = Generator::new(9);
    let out = normal(&mean, &std, &mut g).unwrap().to_vec::<f32>();
    let mut h = Generator::new(9);
    let z = randn(&[3], DType::F32, &mut h).unwrap().to_vec::<f32>();
    let want: Vec<f32> = (0..3).map(|i| z[i] * [0.5f32, 2.0, 0.1][i] + [1.0f32, 2.0, -3.0][i]).collect();
    assert_eq!(out, want);
    let bad = Tensor::from_vec(vec![-1.0f32], &[1]);
    assert_eq!(normal(&mean, &bad, &mut g).unwrap_err().msg, "normal expects all elements of std >= 0.0");
}

#[test]
fn random_variants_and_reduced_dtypes() {
    let mut g = Generator::new(0);
    let t = Tensor::zeros(&[4], DType::U8).unwrap();
    random_full_(&t, &mut g).unwrap();
    let mut h = Generator::new(0);
    let want: Vec<u8> = (0..4).map(|_| (h.next_u32() % 256) as u8).collect();
    assert_eq!(t.to_vec::<u8>(), want);
    let b = Tensor::zeros(&[3], DType::Bool).unwrap();
    random_(&b, 0, Some(2), &mut g).unwrap();
    assert_eq!(random_(&b, 0, Some(3), &mut g).unwrap_err().msg, "to - 1 is out of bounds for bool");
    for dt in [DType::F16, DType::BF16] {
        let r = rand(&[20], dt, &mut g).unwrap().to_vec_as::<f64>();
        assert!(r.iter().all(|&v| (0.0..1.0).contains(&v)));
        let n = randn(&[20], dt, &mut g).unwrap().to_vec_as::<f64>();
        assert!(n.iter().all(|v| v.is_finite()));
        let s = randn(&[3], dt, &mut g).unwrap().to_vec_as::<f64>();
        assert!(s.iter().all(|v| v.is_finite()));
    }
    assert_eq!(randperm(5, DType::F16, &mut g).unwrap().numel(), 5);
    assert_eq!(
        randperm(300, DType::U8, &mut g).unwrap_err().msg,
        "n is too large for result tensor type: 'torch.ByteTensor'"
    );
}
