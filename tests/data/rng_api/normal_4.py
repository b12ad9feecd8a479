import torch
torch.normal(torch.zeros(2), torch.ones(3))
