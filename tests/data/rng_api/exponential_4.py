import torch
torch.empty(3, dtype=torch.int64).exponential_()
