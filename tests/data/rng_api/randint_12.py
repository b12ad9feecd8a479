import torch
torch.randint(0, 10, (2,), requires_grad=True)
