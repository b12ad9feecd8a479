import torch
torch.rand_like(torch.zeros(2, dtype=torch.int64))
