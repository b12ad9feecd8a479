//! The help function in scripts and the REPL's `:` commands, through the binary: `help(…)`
//! with `-e`, REPL input piped with `--repl` (no terminal needed).

use assert_cmd::Command;

fn tsr(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("tsr").expect("tsr binary");
    c.env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("TSR_FORMAT")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .current_dir(dir);
    c
}

/// Runs REPL input; returns (exit code, stdout, stderr).
fn repl(dir: &std::path::Path, input: &str) -> (i32, String, String) {
    let out = tsr(dir).arg("--repl").write_stdin(input).output().expect("run");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn script(dir: &std::path::Path, code: &str) -> (i32, String, String) {
    let out = tsr(dir).args(["--format", "torch", "-e", code]).output().expect("run");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn help_in_scripts() {
    let d = tempfile::tempdir().expect("tmp");
    let (code, out, err) = script(d.path(), "help(torch.matmul)");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("torch.matmul(input, other) -> Tensor\n"), "{out}");
    assert!(out.contains("Example:\n>>> "), "{out}");
    let (_, out, _) = script(d.path(), "x = torch.ones(2)\nhelp(x.sum)");
    assert!(out.starts_with("Tensor.sum(dim=None, keepdim=False, *, dtype=None) -> Tensor"), "{out}");
    let (_, out, _) = script(d.path(), "import torch.nn.functional as F\nhelp(F.relu)\nhelp(torch.nn.Linear)");
    assert!(out.contains("torch.nn.functional.relu(input) -> Tensor"), "{out}");
    assert!(out.contains("torch.nn.Linear(in_features, out_features, bias=True)"), "{out}");
    let (_, out, _) = script(d.path(), "help()");
    for t in ["creation", "math", "reductions", "shapes", "indexing", "autograd", "nn", "optim", "devices", "files", "plots", "REPL"] {
        assert!(out.contains(&format!("  {t} ")), "topic {t}: {out}");
    }
    let (_, out, _) = script(d.path(), "help('shapes')");
    assert!(out.starts_with("shapes — ") && out.contains("torch.reshape"), "{out}");
    let (_, out, _) = script(d.path(), "def area(w, h=2):\n    'Width times height.'\n    return w * h\nhelp(area)");
    assert_eq!(out, "area(w, h=2)\n\n    Width times height.\n");
    let (code, out, _) = script(d.path(), "help('matmull')");
    assert_eq!(code, 0);
    assert!(out.starts_with("No help entry for 'matmull'. Did you mean: torch.matmul"), "{out}");
    let (_, out, _) = script(d.path(), "m = torch.nn.Linear(2, 1)\nhelp(m.parameters)\nhelp(torch.float32)");
    assert!(out.contains("Module.parameters(recurse=True)") && out.contains("torch.float32  (dtype torch.float32)"), "{out}");
}

#[test]
fn vars_format_reset() {
    let d = tempfile::tempdir().expect("tmp");
    let (code, out, err) = repl(
        d.path(),
        "x = torch.zeros(2, 3)\nw = torch.ones(3, requires_grad=True)\nnames = ['a']\nm = torch.nn.Linear(3, 2)\n:vars\n",
    );
    assert_eq!(code, 0, "{err}");
    let row = |n: &str| out.lines().find(|l| l.starts_with(&format!("│ {n} "))).unwrap_or_else(|| panic!("no row {n}: {out}")).to_string();
    let cells = |l: String| l.split('│').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect::<Vec<_>>();
    assert_eq!(cells(row("x")), ["x", "Tensor", "2×3", "float32", "cpu", "False", "24"]);
    assert_eq!(cells(row("w")), ["w", "Tensor", "3", "float32", "cpu", "True", "12"]);
    assert_eq!(cells(row("names")), ["names", "list", "len 1"]);
    assert_eq!(cells(row("m")), ["m", "Linear", "8 params", "float32", "cpu", "True", "32"]);
    assert!(out.contains("│ name ") && out.contains("│ type ") && out.contains("│ requires_grad │ bytes │"), "{out}");
    let (_, out, _) = repl(d.path(), ":format\n:format json\ntorch.eye(2)\n:format torch\ntorch.eye(2)\n:format xml\n");
    assert!(out.contains("Output format: torch (choose with"), "{out}");
    assert!(out.contains("{\"type\":\"tensor\""), "{out}");
    assert!(out.contains("tensor([[1., 0.],\n        [0., 1.]])"), "{out}");
    let (_, out, err) = repl(d.path(), "x = 5\n:reset\nprint(x)\n:whos\n");
    assert!(out.contains("Session reset") && out.contains("No variables yet"), "{out}");
    assert!(err.contains("NameError: name 'x' is not defined"), "{err}");
}

#[test]
fn save_and_load() {
    let d = tempfile::tempdir().expect("tmp");
    let (code, out, err) = repl(
        d.path(),
        "a = torch.arange(3)\nbad = undefined_name\nfor i in range(2):\n    a = a + 1\n\nb = a * 2\n:save work.tsr\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Saved 3 entries to work.tsr"), "{out}");
    let saved = std::fs::read_to_string(d.path().join("work.tsr")).expect("saved file");
    assert!(!saved.contains("undefined_name"), "failed input is not saved:\n{saved}");
    assert!(saved.contains("for i in range(2):\n    a = a + 1\n"), "{saved}");
    // Written through a temporary file: nothing else is left in the directory.
    let names: Vec<String> = std::fs::read_dir(d.path()).expect("ls").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // The saved file is a runnable script.
    let out = tsr(d.path()).args(["--format", "torch", "-e", "exec_me = 1"]).output().expect("run");
    assert!(out.status.success());
    let run = tsr(d.path()).args(["--format", "torch", "--echo", "work.tsr"]).output().expect("run saved");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // :load runs it into a session.
    let (_, out, err) = repl(d.path(), ":load work.tsr\nprint(b)\n:load missing.tsr\nprint('after')\n");
    assert!(out.contains("tensor([4, 6, 8])"), "{out}");
    assert!(err.contains("can't open file 'missing.tsr'"), "{err}");
    assert!(out.contains("after"));
    // A file that cannot be written: an error, the session goes on.
    let (code, out, err) = repl(d.path(), "x = 1\n:save no/such/dir/f.tsr\nprint('still here')\n");
    assert_eq!(code, 0);
    assert!(err.contains("OSError: cannot write 'no/such/dir/f.tsr'"), "{err}");
    assert!(out.contains("still here"));
}

#[test]
fn time_timeit_graph() {
    let d = tempfile::tempdir().expect("tmp");
    let (code, out, err) = repl(
        d.path(),
        "x = torch.ones(16, 16)\n:time y = x @ x\nprint(y[0, 0])\n:timeit x + 1\n:time\n:timeit (\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Wall time: "), "{out}");
    assert!(out.contains("tensor(16.)"), "{out}");
    let line = out.lines().find(|l| l.contains("per loop")).expect("timeit line");
    assert!(line.contains("(median of ") && line.contains("loops each; spread "), "{line}");
    assert!(err.contains(":time needs a statement"), "{err}");
    assert!(err.contains("SyntaxError") || err.contains("was never closed"), "{err}");

    let (code, out, err) = repl(
        d.path(),
        "x = torch.ones(2, 3, requires_grad=True)\nw = torch.ones(3, requires_grad=True)\ny = (x * w).sum()\n:graph y\n:graph y --dot g.dot\n:graph x\n:graph torch.ones(2)\n:graph 3\n",
    );
    assert_eq!(code, 0, "{err}");
    let expected = "y: grad_fn=<SumBackward0>\nSumBackward0  ()  [1]\n└─ MulBackward0  2×3  [2]\n   ├─ AccumulateGrad x  2×3\n   └─ AccumulateGrad w  3\n";
    assert!(out.contains(expected), "{out}");
    assert!(out.contains("x is a leaf that requires grad"), "{out}");
    assert!(out.contains("torch.ones(2) does not require grad"), "{out}");
    assert!(err.contains(":graph expects a tensor, got int"), "{err}");
    let dot = std::fs::read_to_string(d.path().join("g.dot")).expect("dot file");
    assert!(dot.starts_with("digraph autograd {") && dot.contains("MulBackward0\\n2×3") && dot.contains(" -> "), "{dot}");
}

#[test]
fn blocks_help_and_quit_from_a_pipe() {
    let d = tempfile::tempdir().expect("tmp");
    let (code, out, _) = repl(d.path(), "for i in range(3):\n    print('i', i)\n\n?torch.eye\nx = torch.ones(2)\n?x.sum\n:quit\nprint('not run')\n");
    assert_eq!(code, 0);
    assert!(out.contains("i 2"), "{out}");
    assert!(out.contains("torch.eye(n, m=None"), "{out}");
    assert!(out.contains("Tensor.sum("), "{out}");
    assert!(!out.contains("not run"), "{out}");
}

#[test]
fn bad_input_never_ends_the_session() {
    let d = tempfile::tempdir().expect("tmp");
    // Blocks that stay open (`def`, `@`) come last: like Python, they take the lines that
    // follow until a blank one.
    let junk = [
        ")", "x = (", "]", ":", ":bogus", ":graph", ":graph --dot", ":load", ":save", ":format xml", "?", "??",
        "?nosuchthing", ":help nosuchthing", ":timeit", ":time 1/0", ":timeit 1/0", ":graph undefined_name", "\u{7f}",
        "x = 1 +", "import nosuchmodule", ":vars extra args", "\t", "1", "def", "@",
    ];
    let mut input = String::from("keep = torch.arange(3)\n");
    for j in junk {
        input.push_str(j);
        input.push('\n');
    }
    input.push_str("\n\nprint('alive', keep.sum().item())\n");
    let (code, out, err) = repl(d.path(), &input);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{err}");
    assert!(out.contains("alive 3"), "stdout:\n{out}\nstderr:\n{err}");
}
