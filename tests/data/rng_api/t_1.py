import torch
torch.manual_seed(0)
x = torch.empty(3, 4)
x.t().bernoulli_(torch.tensor([0.1, 0.5, 0.9]))
print(x)
y = torch.empty(2, 3)
print(y.bernoulli_(torch.tensor([[0.5], [0.9]])))
