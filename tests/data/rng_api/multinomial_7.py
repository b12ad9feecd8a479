import torch
torch.multinomial(torch.ones(2, 2, 2), 1)
