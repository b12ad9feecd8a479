//! The random API against recordings from real PyTorch 2.15: every
//! `tests/data/rng_api/NAME.py` runs through `tsr --format torch`; stdout must equal
//! `NAME.out` and, when `NAME.err` exists, the last stderr line must equal it (and the
//! exit status must be non-zero). `acceptance_seed0.py` is the acceptance check
//! (`torch.manual_seed(0); rand(3); randn(20); randint(0, 10, (5,)); randperm(8)`).
//! The recordings come from `tests/data/gen_rng_api.py`, run under PyTorch.

use std::path::Path;

use super::common::{last_line, tsr};

fn run_case(py: &Path) -> Option<String> {
    let out = tsr().args(["--format", "torch"]).arg(py).output().expect("run tsr");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let expected = std::fs::read_to_string(py.with_extension("out")).unwrap_or_else(|e| panic!("{}: {e}", py.display()));
    let err = std::fs::read_to_string(py.with_extension("err")).ok();
    let mut problems = Vec::new();
    if stdout != expected {
        problems.push(format!("stdout\n--- expected\n{expected}--- got\n{stdout}"));
    }
    match &err {
        Some(e) => {
            if out.status.success() || last_line(&stderr).trim_end() != e.trim_end() {
                problems.push(format!("error\n--- expected\n{e}--- got (exit {:?})\n{stderr}", out.status.code()));
            }
        }
        None if !out.status.success() => problems.push(format!("unexpected failure:\n{stderr}")),
        None => {}
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!("{}: {}", py.display(), problems.join("\n")))
    }
}

fn cases() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rng_api");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("read tests/data/rng_api")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

#[test]
fn acceptance_sequence_matches_pytorch() {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rng_api/acceptance_seed0.py");
    if let Some(f) = run_case(&py) {
        panic!("{f}");
    }
}

#[test]
fn random_api_matches_pytorch_recordings() {
    let all = cases();
    assert!(all.len() > 50, "expected the recorded random-API cases");
    let failures: Vec<String> = all.iter().filter_map(|p| run_case(p)).collect();
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), all.len(), failures.join("\n\n"));
}
