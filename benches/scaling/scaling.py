# Scaling study: time of element-wise add, exp and sum from 1e2 to 1e8 float32 elements,
# and of square float32 matmul from 16 to 2048. Runs unchanged under tsr and PyTorch;
# prints `name: microseconds` lines (median of adaptive repeats).
import time
import torch

def bench(f, budget=0.25):
    f()
    times = []
    t_end = time.perf_counter() + budget
    while len(times) < 5 or (time.perf_counter() < t_end and len(times) < 1000):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e6

torch.manual_seed(0)
for e in range(2, 9):
    n = 10 ** e
    a = torch.rand(n)
    b = torch.rand(n)
    print(f"add_1e{e}_us: {bench(lambda: a + b):.3f}")
    print(f"exp_1e{e}_us: {bench(lambda: a.exp()):.3f}")
    print(f"sum_1e{e}_us: {bench(lambda: a.sum()):.3f}")
    a = None
    b = None
for n in [16, 64, 256, 1024, 2048]:
    m = torch.rand(n, n)
    k = torch.rand(n, n)
    print(f"matmul_{n}_us: {bench(lambda: m @ k):.3f}")
