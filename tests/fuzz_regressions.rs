//! Inputs that crashed a fuzz target (fuzz/), replayed through the same library calls so
//! `cargo test` keeps them fixed without a fuzzer. `tests/data/fuzz/parse/*` are source
//! bytes, `tests/data/fuzz/loaders/*` are file bytes whose first byte picks the loader as in
//! `fuzz/fuzz_targets/loaders.rs`. (Programs from the `eval` target live in
//! `tests/bad_input/` with their expected errors.) A regression here is a panic.

use std::path::Path;

fn inputs(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz").join(kind);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn show(t: &tsr::Tensor) {
    let _ = tsr::format::torch_repr::tensor_repr(t);
    let _ = tsr::format::table::tensor_table(t, &tsr::format::table::TableStyle { width: 80, color: false });
    let _ = tsr::format::json::tensor_json(t);
}

#[test]
fn loader_inputs_raise_instead_of_panicking() {
    let cases = inputs("loaders");
    assert!(!cases.is_empty(), "no loader regression inputs found");
    for (name, data) in cases {
        let Some((&pick, bytes)) = data.split_first() else { continue };
        let outcome = std::panic::catch_unwind(|| match pick % 4 {
            0 => tsr::io::npy::read(bytes).map(|t| show(&t)).is_ok(),
            1 => tsr::io::npz::read(bytes).map(|ts| ts.iter().for_each(|(_, t)| show(t))).is_ok(),
            2 => tsr::io::safetensors::load(bytes).map(|(ts, _)| ts.iter().for_each(|(_, t)| show(t))).is_ok(),
            _ => tsr::io::torchsave::load(bytes, tsr::io::torchsave::MapLocation::Cpu).is_ok(),
        });
        assert!(outcome.is_ok(), "{name}: the loader panicked");
    }
}

#[test]
fn parser_inputs_give_a_program_or_a_diagnostic() {
    for (name, data) in inputs("parse") {
        let outcome = std::panic::catch_unwind(|| {
            let Ok(text) = tsr::cli::decode_source(data.clone(), "<fuzz>") else { return };
            let _ = tsr::syntax::is_incomplete(&text);
            if let Err(d) = tsr::syntax::parse(&text) {
                let _ = tsr::syntax::render_plain(&d, &text, "<fuzz>");
                let _ = tsr::syntax::render_pretty(&d, &text, "<fuzz>", true);
            }
        });
        assert!(outcome.is_ok(), "{name}: the front end panicked");
    }
}
