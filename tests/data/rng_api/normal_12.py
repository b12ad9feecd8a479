import torch
torch.manual_seed(0)
x = torch.empty(5)
print(x.normal_())
print(x.normal_(2, 0.5))
print(x.normal_(mean=1, std=2))
print(x.normal_(std=3))
print(torch.empty(20, dtype=torch.float64).normal_(1, 2))
print(torch.empty(2, 3).t().normal_())
