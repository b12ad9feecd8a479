# Manual interop check (needs real numpy, torch and safetensors; never run by CI):
#   PYTHONPATH=<safetensors> /work/torchenv/bin/python check.py /path/to/tsr
# Runs write.tsr under tsr in a temp dir, then loads every file with the real libraries and
# compares values, dtypes, shapes, memory order, sharing and state_dict loading against the
# same objects built by Python running write.tsr.
import os, runpy, subprocess, sys, tempfile
import numpy as np
import torch
from safetensors.torch import load_file

tsr = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
ref_dir = tempfile.mkdtemp()
os.chdir(ref_dir)
ref = runpy.run_path(os.path.join(here, "write.tsr"))
tsr_dir = tempfile.mkdtemp()
os.chdir(tsr_dir)
subprocess.run([tsr, os.path.join(here, "write.tsr")], check=True)
ts = ref["ts"]
n = 0

def same(a, b, what):
    global n
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), what
        assert a.flags.c_contiguous == b.flags.c_contiguous, what
    else:
        assert a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b), what
    n += 1

for k, t in ts.items():
    if k == "bfloat16":
        continue
    same(np.load(f"t_{k}.npy"), t.numpy(), k)
    assert open(f"t_{k}.npy", "rb").read() == open(os.path.join(ref_dir, f"t_{k}.npy"), "rb").read(), k
same(np.load("t_fortran.npy"), ts["int32"].t().numpy(), "fortran")
assert open("t_fortran.npy", "rb").read() == open(os.path.join(ref_dir, "t_fortran.npy"), "rb").read()
for f in ["t_all.npz", "t_all_c.npz"]:
    z = np.load(f)
    assert z.files == [k for k in ts if k != "bfloat16"], z.files
    for k in z.files:
        same(z[k], ts[k].numpy(), f + ":" + k)
st = load_file("t_all.safetensors")
assert sorted(st) == sorted(ts)
for k in ts:
    same(st[k], ts[k], "safetensors:" + k)
ck = torch.load("t_all.pt")
for k in ts:
    same(ck["tensors"][k], ts[k], "pt:" + k)
assert ck["view"].untyped_storage().data_ptr() == ck["x"].untyped_storage().data_ptr()
assert ck["xt"].stride() == (1, 3) and torch.equal(ck["xt"], ref["x"].t())
assert isinstance(ck["param"], torch.nn.Parameter) and ck["param"].requires_grad
assert ck["rg"].requires_grad and not ck["x"].requires_grad
assert ck["size"] == torch.Size([4, 5]) and ck["misc"] == [1, -2**40, 2.5, "s", None, True, (1, (2, 3))]
assert ck["dtype"] is torch.int16
m = ref["model"]
print(m.load_state_dict(torch.load("t_sd.pt")))
for k, v in torch.load("t_sd.pt").items():
    same(v, m.state_dict()[k], "sd:" + k)
print(f"interop ok: {n} tensors/arrays checked")
