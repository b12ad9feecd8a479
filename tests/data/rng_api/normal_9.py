import torch
torch.normal(torch.zeros(2, dtype=torch.int64), 1.)
