import torch
torch.empty(3, dtype=torch.int64).uniform_(0, 1)
