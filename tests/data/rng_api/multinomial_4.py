import torch
torch.multinomial(torch.tensor([0., 0.]), 1)
