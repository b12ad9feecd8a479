import torch
torch.randint(5, 5, (2,))
