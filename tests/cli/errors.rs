//! Error reporting: exit codes, `ExcType: message` last lines, syntax carets.

use super::common::{last_line, run_torch, tsr};

#[test]
fn broadcast_error_is_pytorchs() {
    let out = tsr().args(["-e", "torch.ones(2, 3) + torch.ones(3, 2)"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        last_line(&err),
        "RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"
    );
}

#[test]
fn name_error_reports_location() {
    let (code, _, err) = run_torch("x = 1\nprint(y)\n");
    assert_eq!(code, 1);
    assert_eq!(last_line(&err), "NameError: name 'y' is not defined");
    assert!(err.contains("<stdin>:2:"), "location missing: {err}");
}

#[test]
fn python_errors() {
    for (code, want) in [
        ("1 / 0", "ZeroDivisionError: division by zero"),
        ("x = torch.arange(3)\nx[5]", "IndexError: index 5 is out of bounds for dimension 0 with size 3"),
        ("def f(a):\n    return a\nf(1, 2)", "TypeError: f() takes 1 positional argument but 2 were given"),
        ("torch.tensor([1, 2]).foo", "AttributeError: 'Tensor' object has no attribute 'foo'"),
        ("assert 1 == 2, 'no'", "AssertionError: no"),
        ("import pandas", "ModuleNotFoundError: No module named 'pandas'"),
        ("torch.ones(2) * 2 ** 64", "OverflowError: int too big to convert"),
    ] {
        let (status, _, err) = run_torch(code);
        assert_eq!(status, 1, "{code}: {err}");
        assert_eq!(last_line(&err), want, "{code}");
    }
}

#[test]
fn syntax_error_exits_2_with_caret() {
    let dir = std::env::temp_dir().join(format!("tsr-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let f = dir.join("bad.tsr");
    std::fs::write(&f, "x = 1\ny = (2 +\nprint(x)\n").expect("write");
    let out = tsr().arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains('^'), "no caret: {err}");
    assert!(err.contains(":2:") || err.contains(":3:"), "no line:col: {err}");
    // `tsr check` of a valid file exits 0 and runs nothing.
    let ok = dir.join("ok.tsr");
    std::fs::write(&ok, "print('ran')\n").expect("write");
    let out = tsr().args(["check"]).arg(&ok).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let out = tsr().args(["check"]).arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deep_nesting_does_not_crash() {
    let code = format!("x = {}1{}\n", "(".repeat(10000), ")".repeat(10000));
    let (status, _, err) = run_torch(&code);
    assert!(status == 1 || status == 2, "status {status}: {err}");
    let code = "def f(n):\n    return f(n + 1)\nf(0)\n";
    let (status, _, err) = run_torch(code);
    assert_eq!(status, 1);
    assert_eq!(last_line(&err), "RecursionError: maximum recursion depth exceeded");
}
