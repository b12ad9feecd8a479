import torch
torch.manual_seed(0)
x = torch.empty(3)
print(x.exponential_(0.5), x.dtype)
print(torch.empty(20).exponential_())
