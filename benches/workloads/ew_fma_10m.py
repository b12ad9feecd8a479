import time
import torch

# Memory-bound element-wise work: a * b + c on 10 million float32 elements.
torch.manual_seed(0)
n = 10_000_000
a = torch.rand(n)
b = torch.rand(n)
c = torch.rand(n)
for i in range(3):
    d = a * b + c
reps = 20
t0 = time.perf_counter()
for i in range(reps):
    d = a * b + c
t1 = time.perf_counter()
print(f"ew_fma_10m_ms: {(t1 - t0) / reps * 1e3:.3f}")
