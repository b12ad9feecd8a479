import torch
torch.manual_seed(0)
x = torch.empty(6)
print(x.exponential_())
print(x.exponential_(2.0))
print(x.exponential_(lambd=0.5))
print(torch.empty(3, dtype=torch.float64).exponential_())
