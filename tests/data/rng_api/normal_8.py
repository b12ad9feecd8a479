import torch
torch.normal(0., 1.)
