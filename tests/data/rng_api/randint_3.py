import torch
torch.randint(10)
