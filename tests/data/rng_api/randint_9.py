import torch
torch.randint(0, 10, (-1,))
