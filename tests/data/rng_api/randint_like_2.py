import torch
torch.randint_like(torch.zeros(2), 0)
