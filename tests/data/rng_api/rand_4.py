import torch
torch.manual_seed(0)
print(torch.rand(20, dtype=torch.float64))
print(torch.randn(33, dtype=torch.float64))
print(torch.empty(17).normal_(3, 0.1))
print(torch.empty(4, 5).uniform_(-0.3, 0.3))
