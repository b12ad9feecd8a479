import torch
torch.manual_seed(0)
x = torch.zeros(2, 3, requires_grad=True)
print(torch.rand_like(x))
print(torch.rand(2, requires_grad=True))
print(torch.randn(2, dtype=torch.float64, requires_grad=True))
