import torch
torch.empty(3, dtype=torch.uint8).random_(0, 1000)
