import torch
torch.randint(0, 300, (2,), dtype=torch.uint8)
