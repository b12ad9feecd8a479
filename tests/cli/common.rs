//! Helpers shared by the integration tests.

use assert_cmd::Command;

/// A `tsr` command with colour off and a fixed width.
pub fn tsr() -> Command {
    let mut c = Command::cargo_bin("tsr").expect("tsr binary");
    c.env("NO_COLOR", "1").env("COLUMNS", "80").env_remove("TSR_FORMAT");
    c
}

/// Runs `code` from stdin with `--format torch`; returns (exit code, stdout, stderr).
pub fn run_torch(code: &str) -> (i32, String, String) {
    let out = tsr().args(["--format", "torch"]).write_stdin(code).output().expect("run tsr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The last non-empty line of stderr.
pub fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}
