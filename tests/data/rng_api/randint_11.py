import torch
torch.manual_seed(0)
print(torch.randint(3, 10, (2, 2), dtype=torch.int16))
print(torch.randint(0, 10, (5,)).dtype)
print(torch.randint(10, (2,), requires_grad=False))
