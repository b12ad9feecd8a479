import time
import torch

# Element-wise add on 2**28 float32 values: bytes moved = 3 * 4 * n per add.
n = 2 ** 28
a = torch.ones(n, device="cuda")
b = torch.ones(n, device="cuda")
for i in range(3):
    c = a + b
torch.cuda.synchronize()
k = 20
t0 = time.perf_counter()
for i in range(k):
    c = a + b
torch.cuda.synchronize()
s = (time.perf_counter() - t0) / k
print(f"add_2e28_gbps: {3 * 4 * n / s / 1e9:.1f}")
