import torch
torch.randint(-1, 3, (2,), dtype=torch.uint8)
