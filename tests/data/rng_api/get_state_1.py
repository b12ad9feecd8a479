import torch
g = torch.Generator(device='cpu')
g.manual_seed(1)
s = g.get_state()
print(s.dtype, s.shape)
a = torch.rand(4, generator=g)
g.set_state(s)
b = torch.rand(4, generator=g)
print(torch.equal(a, b))
