import time
import torch

# 4096 x 4096 matmul on the GPU: float32 (TF32 off, PyTorch's default) and bfloat16.
for dt, name in [(torch.float32, "f32"), (torch.bfloat16, "bf16")]:
    a = torch.randn(4096, 4096, device="cuda").to(dt)
    b = torch.randn(4096, 4096, device="cuda").to(dt)
    for i in range(3):
        c = a @ b
    torch.cuda.synchronize()
    n = 20
    t0 = time.perf_counter()
    for i in range(n):
        c = a @ b
    torch.cuda.synchronize()
    s = (time.perf_counter() - t0) / n
    print(f"matmul_4096_{name}_tflops: {2 * 4096 ** 3 / s / 1e12:.1f}")
