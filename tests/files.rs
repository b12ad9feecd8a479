//! Files: `torch.save`/`torch.load`, the NumPy bridge (`np.save`/`np.load`/`np.savez`,
//! `torch.from_numpy`, `Tensor.numpy`) and safetensors, through the real `tsr` binary on
//! scripts run in temporary directories.
//!
//! Goldens come from the real libraries: `tests/data/npy/*.npy|npz` were written by NumPy
//! (`gen.py`), `tests/data/pt/*` by PyTorch and safetensors (`gen.py`), and each folder's
//! `load.out` is what real NumPy/PyTorch print for its `load.tsr`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir)
}

fn tsr_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("tsr").expect("tsr binary");
    c.current_dir(dir).env("NO_COLOR", "1").env("COLUMNS", "80").env_remove("TSR_FORMAT").args(["--format", "torch"]);
    c
}

/// Runs `code` in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, code: &str) -> (i32, String, String) {
    let script = dir.join("script.tsr");
    std::fs::write(&script, code).expect("write script");
    let out = tsr_in(dir).arg("script.tsr").output().expect("run tsr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run_ok(dir: &Path, code: &str) -> String {
    let (rc, out, err) = run(dir, code);
    assert_eq!(rc, 0, "script failed:\n{code}\n--- stdout\n{out}\n--- stderr\n{err}");
    out
}

fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

fn check_load_golden(dir: &str) {
    let d = data(dir);
    let out = tsr_in(&d).arg("load.tsr").output().expect("run tsr");
    let expected = std::fs::read_to_string(d.join("load.out")).expect("load.out");
    let got = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(got, expected, "tsr's output differs from the real library's (left: tsr)");
}

#[test]
fn npy_fixtures_written_by_numpy_load_and_print_as_in_numpy() {
    check_load_golden("npy");
}

#[test]
fn checkpoints_written_by_pytorch_load_as_in_pytorch() {
    check_load_golden("pt");
}

#[test]
fn np_save_writes_numpys_bytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("npy/arrays.tsr"), dir.path().join("arrays.tsr")).unwrap();
    let out = tsr_in(dir.path()).arg("arrays.tsr").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names = [
        "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64", "complex64", "scalar_f8",
        "empty_f4", "special_f8",
    ];
    for n in names {
        let ours = std::fs::read(dir.path().join(format!("out_{n}.npy"))).unwrap();
        let numpys = std::fs::read(data("npy").join(format!("{n}.npy"))).unwrap();
        assert_eq!(ours, numpys, "{n}.npy differs from NumPy's");
    }
}

#[test]
fn every_dtype_round_trips_through_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(
        dir.path(),
        r#"
import torch
import numpy as np
from safetensors.torch import save_file, load_file
DT = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
      torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.complex64]
for dt in DT:
    t = (torch.arange(12).reshape(3, 4) - 5).to(dt)
    name = str(dt)
    torch.save(t, "a.pt")
    b = torch.load("a.pt")
    ok = [b.dtype == dt, torch.equal(b, t)]
    save_file({"t": t}, "a.safetensors")
    c = load_file("a.safetensors")["t"]
    ok += [c.dtype == dt, torch.equal(c, t)]
    if dt != torch.bfloat16:
        np.save("a.npy", t.numpy())
        d = torch.from_numpy(np.load("a.npy"))
        ok += [d.dtype == dt, torch.equal(d, t)]
        np.savez_compressed("a.npz", x=t.numpy(), y=t.t().numpy())
        z = np.load("a.npz")
        ok += [torch.equal(torch.from_numpy(z["x"]), t), torch.equal(torch.from_numpy(z["y"]), t.t())]
    print(name, all(ok), len(ok))
"#,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    for l in &lines {
        assert!(l.contains(" True "), "round trip failed: {l}");
    }
    assert!(out.contains("torch.bfloat16 True 4"), "{out}");
    assert!(out.contains("torch.float64 True 8"), "{out}");
}

#[test]
fn state_dict_round_trip_restores_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(
        dir.path(),
        r#"
import torch
torch.manual_seed(1)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
x = torch.ones(2, 3)
before = model(x)
torch.save(model.state_dict(), "m.pt")
with torch.no_grad():
    for p in model.parameters():
        p.zero_()
print(torch.equal(model(x), before))
print(model.load_state_dict(torch.load("m.pt")))
print(torch.equal(model(x), before))
other = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
other.load_state_dict(torch.load("m.pt", map_location="cpu", weights_only=True))
print(torch.equal(other(x), before))
sd = torch.load("m.pt")
print(repr(sd)[:11], list(sd.keys()))
"#,
    );
    assert_eq!(
        out,
        "False\n<All keys matched successfully>\nTrue\nTrue\nOrderedDict ['0.weight', '0.bias', '2.weight', '2.bias']\n"
    );
}

#[test]
fn checkpoints_keep_sharing_parameters_and_containers() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(
        dir.path(),
        r#"
import torch
x = torch.arange(6.).reshape(2, 3)
p = torch.nn.Parameter(torch.ones(2))
torch.save({"x": x, "row": x[1], "xt": x.t(), "again": x, "p": p, "n": [1, (2.5, "s"), None, {"k": True}],
            "size": torch.Size([2, 3]), "dt": torch.int16, "dev": torch.device("cpu"), "big": -2**62}, "c.pt")
c = torch.load("c.pt")
c["x"][1, 0] = 100.
print(c["row"], c["xt"].stride(), c["again"] is c["x"])
print(c["p"])
print(c["n"], c["size"], c["dt"], c["dev"], c["big"])
"#,
    );
    assert_eq!(
        out,
        "tensor([100.,   4.,   5.]) (1, 3) True\nParameter containing:\ntensor([1., 1.], requires_grad=True)\n[1, (2.5, 's'), None, {'k': True}] torch.Size([2, 3]) torch.int16 cpu -4611686018427387904\n"
    );
}

#[test]
fn numpy_and_torch_share_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(
        dir.path(),
        r#"
import numpy as np
import torch
a = np.array([1, 2, 3])
t = torch.from_numpy(a)
a[0] = 10
t[1] = 20
print(t, repr(a), t.dtype)
f = np.array([1.5, 2.5])
print(torch.from_numpy(f).dtype)
u = torch.zeros(2)
v = u.numpy()
u.add_(1)
v += 1
print(u, repr(v))
w = torch.as_tensor(a)
w[2] = 30
print(repr(a))
c = torch.tensor(a)
c[0] = -1
print(repr(a), c)
"#,
    );
    assert_eq!(
        out,
        "tensor([10, 20,  3]) array([10, 20,  3]) torch.int64\ntorch.float64\ntensor([2., 2.]) array([2., 2.], dtype=float32)\narray([10, 20, 30])\narray([10, 20, 30]) tensor([-1, 20, 30])\n"
    );
}

#[test]
fn numpy_values_print_as_numpy_prints_them() {
    let dir = tempfile::tempdir().unwrap();
    // Expected text recorded from NumPy 2.4.
    let out = run_ok(
        dir.path(),
        r#"
import numpy as np
a = np.array([1, 2, 3])
print(repr(a), a, a.dtype, repr(a.dtype), a.shape)
b = np.array([[1., 2.], [3., 4.]], dtype=np.float32)
print(repr(b))
print(repr(np.arange(3) / 2), repr(np.arange(3) * 1.5), repr(a[0]), repr(b.sum()))
print(repr(np.zeros(3, dtype=np.int32) + 1.5), repr(np.ones(2, dtype=np.float32) + 1.5))
print(repr(np.array([True, False])), repr(np.linspace(0, 1, 5)), repr(np.eye(2, dtype=int)))
print(repr(np.array([1e-5, 1.5e10])), repr(np.array(2.5)), np.float32(1.1), repr(np.float32(1.1)))
"#,
    );
    assert_eq!(
        out,
        "array([1, 2, 3]) [1 2 3] int64 dtype('int64') (3,)\n\
array([[1., 2.],\n       [3., 4.]], dtype=float32)\n\
array([0. , 0.5, 1. ]) array([0. , 1.5, 3. ]) np.int64(1) np.float32(10.0)\n\
array([1.5, 1.5, 1.5]) array([2.5, 2.5], dtype=float32)\n\
array([ True, False]) array([0.  , 0.25, 0.5 , 0.75, 1.  ]) array([[1, 0],\n       [0, 1]])\n\
array([1.0e-05, 1.5e+10]) array(2.5) 1.1 np.float32(1.1)\n"
    );
}

#[test]
fn errors_read_like_python() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    std::fs::write(dir.path().join("text.npy"), "hello world").unwrap();
    let cases: &[(&str, &str)] = &[
        ("import torch\ntorch.load('missing.pt')", "FileNotFoundError: [Errno 2] No such file or directory: 'missing.pt'"),
        ("import numpy as np\nnp.load('missing.npy')", "FileNotFoundError: [Errno 2] No such file or directory: 'missing.npy'"),
        ("import torch\ntorch.load('adir')", "IsADirectoryError: [Errno 21] Is a directory: 'adir'"),
        ("import torch\ntorch.save(torch.ones(1), 'nodir/x.pt')", "RuntimeError: Parent directory nodir does not exist."),
        ("import numpy as np\nnp.save('nodir/x.npy', np.ones(1))", "FileNotFoundError: [Errno 2] No such file or directory: 'nodir/x.npy'"),
        ("import numpy as np\nnp.load('text.npy')", "ValueError: This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."),
        ("import torch\ntorch.load('text.npy')", "UnpicklingError: invalid load key, 'h'."),
        ("import torch\ntorch.ones(2, requires_grad=True).numpy()", "RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."),
        ("import torch\ntorch.ones(2, dtype=torch.bfloat16).numpy()", "TypeError: Got unsupported ScalarType BFloat16"),
        ("import torch\ntorch.from_numpy([1, 2])", "TypeError: expected np.ndarray (got list)"),
        ("import torch\ntorch.save(torch.ones(1), 5)", "AttributeError: expected 'f' to be string, path, or a file-like object with a 'write' attribute"),
    ];
    for (code, want) in cases {
        let (rc, _, err) = run(dir.path(), code);
        assert_eq!(rc, 1, "{code}: {err}");
        assert_eq!(last_line(&err), *want, "{code}");
    }
    let u2 = data("npy/unsupported_u2.npy");
    let (rc, _, err) = run(dir.path(), &format!("import numpy as np\nnp.load({:?})", u2.to_str().unwrap()));
    assert_eq!(rc, 1);
    assert_eq!(last_line(&err), "NotImplementedError: numpy dtype uint16 ('<u2') is not supported by tsr");
    let (rc, _, err) = run(dir.path(), "import numpy as np\nnp.fft");
    assert_eq!((rc, last_line(&err)), (1, "NotImplementedError: numpy.fft is not supported by tsr"));
    let (rc, _, err) = run(dir.path(), "import numpy as np\nnp.array([1, 2]).argsort()");
    assert_eq!((rc, last_line(&err)), (1, "NotImplementedError: numpy.ndarray.argsort is not supported by tsr"));
    let (rc, _, err) = run(dir.path(), "import torch\ntorch.save(lambda x: x, 'f.pt')");
    assert_eq!((rc, last_line(&err)), (1, "NotImplementedError: torch.save of a 'function' object"));
}

#[test]
fn hostile_checkpoints_never_run_code() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = data("pt/hostile.pt");
    let (rc, out, err) = run(dir.path(), &format!("import torch\ntorch.load({:?})", hostile.to_str().unwrap()));
    assert_eq!(rc, 1);
    assert!(!out.contains("pwned"));
    assert!(
        last_line(&err).starts_with("UnpicklingError: Weights only load failed. WeightsUnpickler error: Trying to load unsupported GLOBAL posix.system whose module posix is blocked."),
        "{err}"
    );
}

#[test]
fn saves_are_atomic() {
    let dir = tempfile::tempdir().unwrap();
    // A failed save (an unsupported object deep inside) leaves the old file untouched and
    // no temporary file behind; a successful one replaces it whole.
    let out = run_ok(
        dir.path(),
        r#"
import torch
import numpy as np
from safetensors.torch import save_file
torch.save({"v": torch.ones(2)}, "ck.pt")
try:
    torch.save({"v": torch.zeros(2), "bad": [1, lambda x: x]}, "ck.pt")
except NotImplementedError as e:
    print("refused")
print(torch.load("ck.pt"))
torch.save({"v": torch.zeros(3)}, "ck.pt")
print(torch.load("ck.pt"))
np.save("a", np.arange(2))
save_file({"x": torch.ones(1)}, "s.safetensors")
try:
    save_file({"x": torch.ones(4)[::2]}, "s.safetensors")
except ValueError as e:
    print("non-contiguous refused")
"#,
    );
    assert_eq!(out, "refused\n{'v': tensor([1., 1.])}\n{'v': tensor([0., 0., 0.])}\nnon-contiguous refused\n");
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["a.npy", "ck.pt", "s.safetensors", "script.tsr"]);
}

/// Loads every truncation and many byte flips of valid files in one tsr process: each
/// load must succeed or raise a Python exception (a panic or crash would end the process).
#[test]
fn corrupt_and_truncated_files_raise_python_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_ok(
        d,
        r#"
import torch
import numpy as np
from safetensors.torch import save_file
torch.save({"w": torch.arange(6.).reshape(2, 3), "l": [1, "a", (2.5, None)], "p": torch.nn.Parameter(torch.ones(2))}, "good.pt")
np.save("good.npy", np.arange(6).reshape(2, 3))
np.savez_compressed("good.npz", a=np.arange(5), b=np.eye(2))
save_file({"a": torch.ones(3), "b": torch.zeros(2, dtype=torch.int8)}, "good.safetensors")
"#,
    );
    let mut files = Vec::new();
    for (src, loader) in [
        ("good.pt", "torch.load"),
        ("good.npy", "np.load"),
        ("good.npz", "np.load"),
        ("good.safetensors", "load_file"),
    ] {
        let bytes = std::fs::read(d.join(src)).unwrap();
        let step = (bytes.len() / 60).max(1);
        let mut k = 0;
        for n in (0..bytes.len()).step_by(step) {
            let name = format!("bad{}_{k}", files.len());
            std::fs::write(d.join(&name), &bytes[..n]).unwrap();
            files.push((name, loader));
            let mut flipped = bytes.clone();
            flipped[n] ^= 0xA5;
            let name = format!("bad{}_{k}f", files.len());
            std::fs::write(d.join(&name), &flipped).unwrap();
            files.push((name, loader));
            k += 1;
        }
    }
    let list: Vec<String> = files.iter().map(|(n, l)| format!("({n:?}, {l})")).collect();
    let code = format!(
        r#"
import torch
import numpy as np
from safetensors.torch import load_file
kinds = {{}}
for name, loader in [{}]:
    try:
        str(loader(name))
        k = "loaded"
    except Exception as e:
        k = type(e).__name__
    kinds[k] = kinds.get(k, 0) + 1
print(sorted(kinds.keys()))
"#,
        list.join(", ")
    );
    let out = run_ok(d, &code);
    let allowed = [
        "loaded", "EOFError", "UnpicklingError", "RuntimeError", "ValueError", "BadZipFile", "SafetensorError", "KeyError",
        "NotImplementedError", "TypeError", "OverflowError", "MemoryError",
    ];
    let kinds = out.trim().trim_start_matches('[').trim_end_matches(']');
    for k in kinds.split(", ") {
        let k = k.trim_matches('\'');
        assert!(allowed.contains(&k), "unexpected outcome {k} in {out}");
    }
    assert!(out.contains("EOFError") && out.contains("RuntimeError") && out.contains("BadZipFile"), "{out}");
}

/// Every help example of the file functions runs (in a scratch directory).
#[test]
fn help_examples_run() {
    let dir = tempfile::tempdir().unwrap();
    let entries = tsr::eval::fileio::HELP.iter().chain(tsr::eval::numpy::HELP.iter());
    let mut n = 0;
    for h in entries {
        let (rc, out, err) = run(dir.path(), h.example);
        assert_eq!(rc, 0, "{}: example failed\n{}\n--- stdout\n{out}\n--- stderr\n{err}", h.name, h.example);
        assert!(!out.is_empty(), "{}: example prints nothing", h.name);
        n += 1;
    }
    assert!(n >= 20, "{n}");
}
