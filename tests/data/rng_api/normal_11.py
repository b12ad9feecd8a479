import torch
g = torch.Generator().manual_seed(4)
print(torch.normal(0., 1., (3,), generator=g))
print(torch.normal(torch.zeros(3), torch.ones(3), generator=g))
print(torch.normal(torch.zeros(3), 2., generator=g))
print(torch.normal(1., torch.ones(3), generator=g))
