//! Command-line options and output formats.

use super::common::{run_torch, tsr};

#[test]
fn acceptance_matmul_print() {
    let (code, out, err) = run_torch("x = torch.tensor([[1., 2.], [3., 4.]])\nprint(x @ x.T + 1)\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "tensor([[ 6., 12.],\n        [12., 26.]])\n");
}

#[test]
fn eval_echoes_expressions() {
    let out = tsr().args(["--format", "torch", "-e", "x = 2\nx * 3\nNone"]).output().expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "6\n");
}

#[test]
fn scripts_do_not_echo_without_flag() {
    let (code, out, _) = run_torch("1 + 1\n");
    assert_eq!(code, 0);
    assert_eq!(out, "");
    let out = tsr().args(["--format", "torch", "--echo"]).write_stdin("1 + 1\n").output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
}

#[test]
fn json_lines_parse() {
    let out = tsr()
        .args(["--format", "json"])
        .write_stdin("print(torch.tensor([[1.5, 2.0]]))\nprint(3, 'a')\nprint(torch.tensor(True))\n")
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON");
        assert!(!v.is_null());
    }
    let first: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(first["shape"], serde_json::json!([1, 2]));
    assert_eq!(first["dtype"], "float32");
}

#[test]
fn table_format_draws_a_grid() {
    let out = tsr()
        .args(["--format", "table", "--color", "never"])
        .write_stdin("print(torch.tensor([[1, 2], [3, 4]]))\n")
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("int64"), "{text}");
    assert!(!text.contains('\x1b'), "escape codes with --color never");
}

#[test]
fn seed_flag_seeds_the_generator() {
    let a = tsr().args(["--format", "torch", "--seed", "0", "-e", "torch.rand(3)"]).output().expect("run");
    let b = run_torch("torch.manual_seed(0)\nprint(torch.rand(3))\n");
    assert_eq!(String::from_utf8_lossy(&a.stdout), b.1);
    assert_eq!(b.1, "tensor([0.4963, 0.7682, 0.0885])\n");
}

#[test]
fn version_and_help() {
    let out = tsr().arg("--version").output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("tsr "));
    let out = tsr().arg("--help").output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"));
}

#[test]
fn max_memory_caps_tensors_with_pytorchs_error() {
    // 400 MB of zeros under a 100 MiB budget: a catchable RuntimeError, state kept.
    let code = "x = torch.ones(3)\ntry:\n    y = torch.zeros(100_000_000)\nexcept RuntimeError as e:\n    print('caught', str(e)[-60:])\nprint(x.sum())\nz = torch.zeros(100_000_000)\n";
    let out = tsr().args(["--format", "torch", "--max-memory", "100M"]).write_stdin(code).output().expect("run");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("caught") && stdout.contains("400000000 bytes. Error code 12 (Cannot allocate memory)"), "{stdout}");
    assert!(stdout.contains("tensor(3.)"), "{stdout}");
    assert!(
        super::common::last_line(&stderr).starts_with("RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 400000000 bytes"),
        "{stderr}"
    );
    // The same program without the budget allocates fine.
    let out = tsr().args(["--format", "torch"]).write_stdin("z = torch.zeros(100_000_000)\nprint(z.shape)\n").output().expect("run");
    assert!(out.status.success());
    // The budget counts what is held: many small tensors add up.
    let code = "xs = []\nfor i in range(100):\n    xs.append(torch.zeros(1_000_000))\n";
    let out = tsr().args(["--max-memory", "64M"]).write_stdin(code).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("can't allocate memory"));
    // A bad size is a usage error.
    let out = tsr().args(["--max-memory", "lots", "-e", "1"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}
