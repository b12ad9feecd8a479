import torch
torch.rand(2, 2, dtype=torch.float16)
