import torch
torch.randperm(-1)
