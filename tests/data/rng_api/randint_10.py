import torch
g = torch.Generator().manual_seed(7)
print(torch.randint(10, (4,), generator=g))
print(torch.randint(2, 10, (4,), generator=g))
torch.manual_seed(7)
print(torch.randint(10, (4,)))
