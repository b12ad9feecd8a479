import torch
# The acceptance sequence, printed both as tensors and at full precision.
torch.manual_seed(0)
a = torch.rand(3)
b = torch.randn(20)
c = torch.randint(0, 10, (5,))
d = torch.randperm(8)
print(a)
print(b)
print(c)
print(d)
print(a.tolist())
print(b.tolist())
print(c.tolist(), d.tolist())
