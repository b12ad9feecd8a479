import torch
torch.manual_seed(0)
print(torch.normal(torch.tensor([0., 10., 100.]), torch.tensor([1., 0.1, 0.])))
print(torch.normal(2., 0.5, size=(3,), generator=None))
print(torch.normal(mean=0.0, std=1.0, size=(2,)))
