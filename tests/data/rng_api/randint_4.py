import torch
torch.randint(10, 3)
