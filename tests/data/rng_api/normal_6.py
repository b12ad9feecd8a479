import torch
torch.normal(torch.zeros(2), -1.)
