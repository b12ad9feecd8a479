//! Table goldens (color off, width 80) in tests/data/table/*.txt; `UPDATE_GOLDENS=1`
//! rewrites them (review the diff). Plus structural checks that hold for any width.

use std::rc::Rc;

use super::*;
use crate::tensor::DType;

const STYLE: TableStyle = TableStyle { width: 80, color: false };

fn golden(name: &str, got: &str) {
    let path = format!("{}/tests/data/table/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_GOLDENS").is_ok() {
        std::fs::write(&path, format!("{got}\n")).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want.strip_suffix('\n').unwrap_or(&want), "golden {name}");
}

fn check_width(s: &str, w: usize) {
    for line in s.lines() {
        assert!(line.chars().count() <= w, "line wider than {w}: {line}");
        assert!(!line.contains('\x1b'));
    }
}

fn t32(v: &[f32], shape: &[usize]) -> Tensor {
    Tensor::from_vec(v.to_vec(), shape)
}

#[test]
fn zero_d() {
    let t = t32(&[0.5], &[]);
    {
        let mut a = t.autograd_mut();
        a.requires_grad = true;
        a.grad_fn = Some(Rc::new(crate::autograd::Node::new("MeanBackward0", vec![], vec![], Box::new(|_, _| Ok(vec![])))));
    }
    golden("scalar", &tensor_table(&t, &STYLE));
}

#[test]
fn one_d() {
    let t = t32(&[1.5, -2.25, 3.0, 0.0, 10.0], &[5]);
    golden("vec_short", &tensor_table(&t, &STYLE));
    let v: Vec<f32> = (0..30).map(|i| i as f32 * 1.5).collect();
    let s = tensor_table(&t32(&v, &[30]), &STYLE);
    check_width(&s, 80);
    golden("vec_wrapped", &s);
    let s = tensor_table(&Tensor::from_vec((0..5000i64).collect::<Vec<_>>(), &[5000]), &STYLE);
    check_width(&s, 80);
    golden("vec_summarised", &s);
}

#[test]
fn two_d_and_kinds() {
    let t = t32(&[1.5, f32::NAN, -f32::INFINITY, -2.25, 0.0, 100.0], &[2, 3]);
    golden("mat_nan_inf", &tensor_table(&t, &STYLE));
    let t = Tensor::from_vec(vec![-1i64, 10, 200, 3000, 5, 6], &[3, 2]);
    golden("mat_int", &tensor_table(&t, &STYLE));
    let t = Tensor::from_vec(vec![true, false, false, true], &[2, 2]);
    golden("mat_bool", &tensor_table(&t, &STYLE));
    let t = t32(&[1e-5, 1.0, 2.0, 3e6], &[2, 2]);
    golden("mat_sci", &tensor_table(&t, &STYLE));
    let v: Vec<f32> = (0..100 * 100).map(|i| i as f32 / 7.0).collect();
    let s = tensor_table(&t32(&v, &[100, 100]), &STYLE);
    check_width(&s, 80);
    golden("mat_summarised", &s);
    let v: Vec<f32> = (0..4 * 30).map(|i| i as f32 * 0.5).collect();
    let s = tensor_table(&t32(&v, &[4, 30]), &STYLE);
    check_width(&s, 80);
    golden("mat_wide", &s);
}

#[test]
fn three_d_and_empty() {
    let t = Tensor::from_vec((0..12i64).collect::<Vec<_>>(), &[2, 2, 3]);
    golden("cube", &tensor_table(&t, &STYLE));
    let v: Vec<f32> = (0..10 * 10 * 20).map(|i| i as f32).collect();
    let s = tensor_table(&t32(&v, &[10, 10, 20]), &STYLE);
    check_width(&s, 80);
    assert!(s.contains("⋮"));
    assert!(s.contains("[9, :, :]"));
    let e = Tensor::zeros(&[0, 3], DType::F32).unwrap();
    golden("empty", &tensor_table(&e, &STYLE));
}

#[test]
fn color_has_escapes_and_same_text() {
    let t = Tensor::from_vec(vec![true, false], &[2]);
    let c = tensor_table(&t, &TableStyle { width: 80, color: true });
    assert!(c.contains('\x1b'));
    let plain = tensor_table(&t, &STYLE);
    // Stripping escape sequences gives the plain rendering back.
    let mut stripped = String::new();
    let mut it = c.chars();
    while let Some(ch) = it.next() {
        if ch == '\x1b' {
            for d in it.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            stripped.push(ch);
        }
    }
    assert_eq!(stripped, plain);
}

#[test]
fn narrow_and_deep_do_not_panic() {
    let v: Vec<f32> = (0..2 * 3 * 4 * 5).map(|i| i as f32 - 50.0).collect();
    let t = t32(&v, &[2, 3, 4, 5]);
    let s = tensor_table(&t, &TableStyle { width: 20, color: false });
    assert!(s.contains("[1, 2, :, :]"));
    let s = tensor_table(&t, &TableStyle { width: 0, color: true });
    assert!(s.contains("[0, 0, :, :]"));
    let big: Vec<f32> = (0..10 * 10 * 20).map(|i| i as f32).collect();
    let s = tensor_table(&t32(&big, &[10, 10, 20]), &STYLE);
    let labels: Vec<&str> = s.lines().filter(|l| l.starts_with('[') || l.starts_with('⋮')).collect();
    assert_eq!(labels, ["[0, :, :]", "[1, :, :]", "[2, :, :]", "⋮", "[7, :, :]", "[8, :, :]", "[9, :, :]"]);
}
