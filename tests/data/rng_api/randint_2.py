import torch
torch.manual_seed(1)
print(torch.randint(10, [2, 2]))
print(torch.randint(10, torch.Size([2])))
