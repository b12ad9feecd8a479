import torch
torch.normal(0., 1., (2,), dtype=torch.int64)
