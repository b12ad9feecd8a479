import time
import torch

# ../shared/bench/workloads/mlp_step.py on cuda: a 784-128-10 MLP step on a batch of 64.
torch.manual_seed(0)
dev = "cuda"
X = torch.randn(64, 784).to(dev)
y = torch.randint(0, 10, (64,)).to(dev)
W1 = (torch.randn(784, 128) * 0.05).to(dev).requires_grad_()
b1 = torch.zeros(128, device=dev, requires_grad=True)
W2 = (torch.randn(128, 10) * 0.05).to(dev).requires_grad_()
b2 = torch.zeros(10, device=dev, requires_grad=True)
params = [W1, b1, W2, b2]

def step():
    h = torch.relu(X @ W1 + b1)
    logits = h @ W2 + b2
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.1 * p.grad
            p.grad.zero_()
    return loss

for i in range(20):
    step()
torch.cuda.synchronize()
n = 500
t0 = time.perf_counter()
for i in range(n):
    step()
torch.cuda.synchronize()
t1 = time.perf_counter()
print(f"mlp_step_cuda_us: {(t1 - t0) / n * 1e6:.3f}")
