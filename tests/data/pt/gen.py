# Writes checkpoint fixtures with real PyTorch and safetensors (run from this folder:
# PYTHONPATH=<safetensors> /work/torchenv/bin/python gen.py). `load.tsr` (valid Python too)
# loads them; its real-PyTorch output is recorded in load.out and tsr must print the same
# (tests/files.rs).
import os, subprocess, sys
import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
torch.save(model.state_dict(), "state_dict.pt")

x = torch.arange(6.0).reshape(2, 3)
obj = {
    "f32": x,
    "view": x[1:],           # shares x's storage
    "t": x.t(),              # a strided view
    "i64": torch.tensor([-(2**40), 0, 7]),
    "bf16": torch.tensor([1.5, -2.0], dtype=torch.bfloat16),
    "f16": torch.tensor([0.1], dtype=torch.float16),
    "bool": torch.tensor([True, False]),
    "u8": torch.tensor([255], dtype=torch.uint8),
    "c64": torch.tensor([1 + 2j], dtype=torch.complex64),
    "scalar": torch.tensor(3.25, dtype=torch.float64),
    "param": torch.nn.Parameter(torch.ones(2)),
    "rg": torch.zeros(1, requires_grad=True),
    "size": torch.Size([2, 3]),
    "dtype": torch.float16,
    "device": torch.device("cpu"),
    "nested": [1, 2.5, "s", None, True, (1, 2), {"k": -1}],
    "big": 2**62,
}
torch.save(obj, "mixed.pt")


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


torch.save({"x": Evil()}, "hostile.pt")

data = open("mixed.pt", "rb").read()
open("truncated.pt", "wb").write(data[: len(data) // 2])

from safetensors.torch import save_file
save_file(
    {"w": torch.arange(4.0).reshape(2, 2), "b": torch.tensor([1, 2], dtype=torch.int32),
     "h": torch.tensor([0.5], dtype=torch.bfloat16), "m": torch.tensor([True])},
    "tensors.safetensors",
    metadata={"format": "pt", "note": "fixture"},
)

out = subprocess.run([sys.executable, "load.tsr"], capture_output=True, text=True, check=True).stdout
open("load.out", "w").write(out)
