import torch
torch.manual_seed(0)
x = torch.empty(5)
print(x.uniform_())
print(x.uniform_(-2, 3))
print(x.uniform_(from_=1, to=2) if False else x.uniform_(1, 2))
y = torch.empty(3, dtype=torch.float64)
print(y.uniform_(-1, 1))
print(torch.empty(2, 3).t().uniform_(0, 10))
