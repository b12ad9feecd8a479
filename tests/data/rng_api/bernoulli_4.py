import torch
torch.bernoulli(torch.tensor([1, 0]))
