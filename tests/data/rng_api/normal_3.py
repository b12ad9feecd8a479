import torch
torch.manual_seed(3)
print(torch.normal(torch.zeros(6), torch.ones(2, 3)))
