import torch
torch.manual_seed("a")
