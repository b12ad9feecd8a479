import torch
torch.empty(3).random_(5, 2)
