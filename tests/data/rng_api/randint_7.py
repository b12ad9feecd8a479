import torch
torch.randint(0, 2**40, (2,), dtype=torch.int32)
