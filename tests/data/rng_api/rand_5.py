import torch
torch.manual_seed(123)
p = torch.rand(3, 7)
print(torch.multinomial(p, 4))
print(torch.multinomial(p, 9, replacement=True))
print(torch.multinomial(p.double(), 9, replacement=True))
print(torch.multinomial(p, 1))
print(torch.multinomial(p.t().contiguous().t(), 3))
