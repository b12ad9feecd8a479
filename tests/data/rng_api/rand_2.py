import torch
torch.rand(2, dtype=torch.int64)
