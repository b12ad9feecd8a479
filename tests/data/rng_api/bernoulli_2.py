import torch
torch.bernoulli(torch.tensor([0.5, 1.5]))
