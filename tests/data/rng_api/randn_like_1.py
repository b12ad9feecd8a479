import torch
torch.randn_like(torch.zeros(2, dtype=torch.int64))
