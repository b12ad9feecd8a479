import torch
torch.manual_seed(0)
x = torch.empty(5)
print(x.uniform_(to=5))
print(x.uniform_(0.5))
