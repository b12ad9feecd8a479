import torch
torch.multinomial(torch.tensor([1, 2]), 1)
