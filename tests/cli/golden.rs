//! Golden tests: every `tests/golden/*.tsr` and every lesson `scripts/*.tsr` that has a
//! `.out` beside it runs with `--format torch`; stdout must equal the `.out` file
//! byte for byte. `BLESS=1 cargo test` rewrites the `.out` files (never in CI).

use std::path::Path;

use super::common::tsr;

fn check_dir(dir: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("read {dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsr"))
        .collect();
    entries.sort();
    let bless = std::env::var_os("BLESS").is_some() && std::env::var_os("CI").is_none();
    let mut failures = Vec::new();
    let mut checked = 0;
    for script in entries {
        let expected_path = script.with_extension("out");
        let out = tsr()
            .current_dir(&root)
            .args(["--format", "torch", "--seed", "0"])
            .arg(script.file_name().expect("file name"))
            .output()
            .expect("run tsr");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if bless {
            std::fs::write(&expected_path, &stdout).expect("write golden");
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        checked += 1;
        if stdout != expected || !out.status.success() {
            failures.push(format!(
                "{}: exit {:?}\n--- expected\n{}\n--- got\n{}\n--- stderr\n{}",
                script.display(),
                out.status.code(),
                expected,
                stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{} golden failures:\n{}", failures.len(), failures.join("\n"));
    checked
}

#[test]
fn golden_scripts() {
    let n = check_dir("tests/golden");
    assert!(n > 0, "no golden tests found");
}

/// Every lesson `scripts/NAME.tsr` must have two goldens in `tests/golden/lessons/`:
/// `NAME.torch.out` (recorded from real PyTorch: `python NAME.tsr`) and `NAME.table.out`
/// (`--format table --color never` at 100 columns, checked by eye). A lesson without
/// both fails. `BLESS=1` rewrites only the table goldens.
#[test]
fn lessons_match_their_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = root.join("tests/golden/lessons");
    let mut lessons: Vec<_> = std::fs::read_dir(root.join("scripts"))
        .expect("scripts/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsr"))
        .collect();
    lessons.sort();
    assert!(lessons.len() >= 5, "expected the five lessons, found {}", lessons.len());
    let bless = std::env::var_os("BLESS").is_some() && std::env::var_os("CI").is_none();
    // Lessons may write files (lesson 5 saves its plot): run them in a scratch directory.
    let work = std::env::temp_dir().join(format!("tsr-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("scratch dir");
    let mut failures = Vec::new();
    for script in &lessons {
        let stem = script.file_stem().expect("stem").to_string_lossy().into_owned();
        for (fmt, extra) in [("torch", vec![]), ("table", vec!["--color", "never"])] {
            let out = tsr()
                .env("COLUMNS", "100")
                .current_dir(&work)
                .args(["--format", fmt])
                .args(&extra)
                .arg(script)
                .output()
                .expect("run tsr");
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            let path = gold.join(format!("{stem}.{fmt}.out"));
            if bless && fmt == "table" {
                std::fs::write(&path, &stdout).expect("write golden");
                continue;
            }
            let Ok(expected) = std::fs::read_to_string(&path) else {
                failures.push(format!("{}: no golden {}", script.display(), path.display()));
                continue;
            };
            if stdout != expected || !out.status.success() {
                failures.push(format!(
                    "{} --format {fmt}: exit {:?}\n--- expected\n{}\n--- got\n{}\n--- stderr\n{}",
                    script.display(),
                    out.status.code(),
                    expected,
                    stdout,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} lesson golden failures:\n{}", failures.len(), failures.join("\n"));
}
