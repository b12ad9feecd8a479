//! Golden tests for `--format table` through the real binary: every case runs with
//! `--color never` and `--color always` at a fixed `COLUMNS`; stdout must equal
//! `tests/data/table_cli/NAME.txt` / `NAME.color.txt`. `TSR_BLESS=1 cargo test --test
//! table_golden` rewrites them (review the diff by eye). Structural checks hold for
//! every case: no line wider than COLUMNS, no escapes without colour, and the coloured
//! output minus its escapes is the plain output.

use std::path::PathBuf;

use assert_cmd::Command;

/// (name, COLUMNS, code run from stdin).
const CASES: &[(&str, usize, &str)] = &[
    ("zero_d", 80, "torch.tensor(3.25)"),
    ("vec_short", 80, "torch.tensor([1.5, -2.25, 3.0, 0.0, 10.0])"),
    ("vec_long", 80, "torch.arange(40.) * 1.5 - 20"),
    ("mat_small", 80, "torch.tensor([[1., -2.5], [3.25, 400.]])"),
    ("mat_1000", 80, "torch.arange(1000000.).reshape(1000, 1000) / 7"),
    ("cube", 80, "torch.arange(24).reshape(2, 3, 4) - 10"),
    ("four_d", 80, "torch.arange(36.).reshape(2, 3, 2, 3) / 4"),
    ("four_d_summarised", 80, "torch.arange(2 * 10 * 8 * 8).reshape(2, 10, 8, 8)"),
    ("bool", 80, "torch.arange(6).reshape(2, 3) % 2 == 0"),
    ("int64", 80, "torch.tensor([[-1, 10], [200, -3000]])"),
    ("float64_sci", 80, "torch.tensor([[1e-8, 1.0], [-2.5e6, 3.0]], dtype=torch.float64)"),
    ("nan_inf", 80, "torch.tensor([[1.5, float('nan')], [-float('inf'), float('inf')]])"),
    ("nan_inf_int_mode", 80, "torch.tensor([1., -2., float('nan'), float('inf')])"),
    ("empty", 80, "torch.zeros(0, 3)"),
    ("grad_fn", 80, "torch.tensor([1., -2., 3.], requires_grad=True) * 2"),
    ("requires_grad", 80, "torch.ones(2, 2, requires_grad=True)"),
    ("named_tuple", 80, "torch.tensor([[1., 5.], [3., -2.]]).max(dim=0)"),
    ("list_of_tensors", 80, "[torch.ones(2), torch.arange(3), torch.tensor(True)]"),
    ("wide_80", 80, "torch.arange(400).reshape(2, 200) - 100"),
    ("wide_120", 120, "torch.arange(400).reshape(2, 200) - 100"),
    ("wide_float_30", 30, "torch.arange(400.).reshape(2, 200) * 1000.5"),
    ("print_options", 80, "torch.set_printoptions(precision=2, sci_mode=False)\ntorch.tensor([[1e-4, 123.456], [-7., 0.5]])"),
    ("print_mixed", 80, "print('x =', torch.tensor([1, 2]), 'done')"),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/table_cli")
}

fn run(code: &str, cols: usize, color: &str) -> String {
    let out = Command::cargo_bin("tsr")
        .expect("tsr binary")
        .env("COLUMNS", cols.to_string())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TSR_FORMAT")
        .args(["--format", "table", "--echo", "--color", color])
        .write_stdin(code)
        .output()
        .expect("run tsr");
    assert!(out.status.success(), "{code}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Removes ANSI SGR sequences (`ESC [ … m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn table_goldens() {
    let bless = std::env::var_os("TSR_BLESS").is_some() && std::env::var_os("CI").is_none();
    let mut failures = Vec::new();
    for &(name, cols, code) in CASES {
        let plain = run(code, cols, "never");
        let colored = run(code, cols, "always");
        assert!(!plain.contains('\x1b'), "{name}: escapes with --color never");
        assert!(colored.contains('\x1b'), "{name}: no escapes with --color always");
        assert_eq!(strip_ansi(&colored), plain, "{name}: colour changes the text");
        for line in plain.lines() {
            assert!(line.chars().count() <= cols, "{name}: line wider than {cols}: {line}");
        }
        for (file, got) in [(format!("{name}.txt"), &plain), (format!("{name}.color.txt"), &colored)] {
            let path = dir().join(&file);
            if bless {
                std::fs::write(&path, got).expect("write golden");
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if &want != got {
                failures.push(format!("{file}\n--- expected\n{want}--- got\n{got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} golden failures:\n{}", failures.len(), failures.join("\n"));
}

fn raw(args: &[&str], envs: &[(&str, &str)]) -> String {
    let mut c = Command::cargo_bin("tsr").expect("tsr binary");
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("TSR_FORMAT").env("COLUMNS", "80");
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.args(args).write_stdin("torch.tensor([True, False])\n").output().expect("run tsr");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn no_escapes_into_a_pipe_in_auto_mode() {
    // stdout of the child is a pipe here.
    let s = raw(&["--format", "table", "--echo"], &[]);
    assert!(s.contains("True") && !s.contains('\x1b'), "{s}");
    let s = raw(&["--format", "table", "--echo", "--color", "auto"], &[]);
    assert!(!s.contains('\x1b'), "{s}");
}

#[test]
fn env_overrides() {
    // CLICOLOR_FORCE forces colour in auto mode, even into a pipe.
    let s = raw(&["--format", "table", "--echo"], &[("CLICOLOR_FORCE", "1")]);
    assert!(s.contains('\x1b'), "{s}");
    let s = raw(&["--format", "table", "--echo"], &[("CLICOLOR_FORCE", "0")]);
    assert!(!s.contains('\x1b'), "{s}");
    // NO_COLOR wins over CLICOLOR_FORCE; an explicit --color always wins over both.
    let s = raw(&["--format", "table", "--echo"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!s.contains('\x1b'), "{s}");
    let s = raw(&["--format", "table", "--echo", "--color", "always"], &[("NO_COLOR", "1")]);
    assert!(s.contains('\x1b'), "{s}");
    let s = raw(&["--format", "table", "--echo", "--color", "never"], &[("CLICOLOR_FORCE", "1")]);
    assert!(!s.contains('\x1b'), "{s}");
}

#[test]
fn print_and_echo_look_the_same() {
    let a = run("x = torch.arange(6).reshape(2, 3)\nx", 80, "never");
    let b = run("x = torch.arange(6).reshape(2, 3)\nprint(x)", 80, "never");
    assert_eq!(a, b);
}
