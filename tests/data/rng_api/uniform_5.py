import torch
torch.manual_seed(0)
x = torch.ones(3, requires_grad=True)
x.uniform_()
