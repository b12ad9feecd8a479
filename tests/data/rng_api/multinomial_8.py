import torch
torch.multinomial(torch.tensor([1., 0.]), 2)
