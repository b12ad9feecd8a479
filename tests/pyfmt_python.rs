//! `float_repr` and `format_spec` against CPython 3.11 outputs stored in tests/data
//! (regenerate with `python3 tests/data/gen_pyfmt.py` from tests/data).

use tsr::format::{FmtArg, float_repr, format_spec};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn float_repr_matches_cpython() {
    let mut bad = Vec::new();
    for line in data("float_repr.txt").lines() {
        let (hex, want) = line.split_once(' ').unwrap();
        let x = f64::from_bits(u64::from_str_radix(hex, 16).unwrap());
        let got = float_repr(x);
        if got != want {
            bad.push(format!("{hex}: got {got}, want {want}"));
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn format_spec_matches_cpython() {
    let mut bad = Vec::new();
    let mut n = 0;
    for line in data("format_spec.txt").lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (kind, spec, status, want) =
            (v[0].as_str().unwrap(), v[2].as_str().unwrap(), v[3].as_str().unwrap(), v[4].as_str().unwrap());
        let arg = match kind {
            "float" => FmtArg::Float(f64::from_bits(u64::from_str_radix(v[1].as_str().unwrap(), 16).unwrap())),
            "int" => match v[1].as_i64() {
                Some(i) => FmtArg::Int(i),
                None => continue,
            },
            "str" => FmtArg::Str(v[1].as_str().unwrap()),
            "bool" => FmtArg::Bool(v[1].as_bool().unwrap()),
            _ => unreachable!(),
        };
        n += 1;
        let got = match format_spec(arg, spec) {
            Ok(s) => format!("ok {s}"),
            Err(e) => format!("err {}", e),
        };
        let want = format!("{status} {want}");
        if got != want {
            bad.push(format!("{kind} {} {spec:?}: got {got:?}, want {want:?}", v[1]));
        }
    }
    assert!(n > 1500);
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}
