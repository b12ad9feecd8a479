import torch
torch.manual_seed(0)
print(torch.rand(3)); print(torch.randn(20)); print(torch.randint(0, 10, (5,))); print(torch.randperm(8))
