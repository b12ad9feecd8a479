import torch
torch.set_rng_state(torch.zeros(5056))
