import torch
torch.multinomial(torch.tensor([0.1, -0.2]), 1)
