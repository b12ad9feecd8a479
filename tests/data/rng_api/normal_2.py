import torch
torch.manual_seed(3)
print(torch.normal(torch.zeros(2, 3), torch.ones(3)))
