//! torch.nn.functional and torch.nn.init (topic: nn).

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.nn.functional.linear",
        "torch.nn.functional.linear(input, weight, bias=None) -> Tensor",
        "y = input @ weightᵀ + bias.",
        "x = torch.ones(2, 3)\nw = torch.ones(4, 3)\nprint(torch.nn.functional.linear(x, w, torch.zeros(4)))",
    ),
    e(
        "torch.nn.functional.dropout",
        "torch.nn.functional.dropout(input, p=0.5, training=True) -> Tensor",
        "With training=True zeroes each element with probability p and scales the rest by 1 / (1 - p).",
        "torch.manual_seed(0)\nprint(torch.nn.functional.dropout(torch.ones(6), p=0.5))\nprint(torch.nn.functional.dropout(torch.ones(3), training=False))",
    ),
    e(
        "torch.nn.functional.mse_loss",
        "torch.nn.functional.mse_loss(input, target, reduction='mean') -> Tensor",
        "The mean (or sum, or per-element) squared error.",
        "print(torch.nn.functional.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])))",
    ),
    e(
        "torch.nn.functional.l1_loss",
        "torch.nn.functional.l1_loss(input, target, reduction='mean') -> Tensor",
        "The mean (or sum, or per-element) absolute error.",
        "print(torch.nn.functional.l1_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])))",
    ),
    e(
        "torch.nn.functional.cross_entropy",
        "torch.nn.functional.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
        "Cross entropy between logits and class indices (or probabilities).",
        "logits = torch.tensor([[2.0, 0.5, 0.1], [0.1, 0.2, 3.0]])\nprint(torch.nn.functional.cross_entropy(logits, torch.tensor([0, 2])))",
    ),
    e(
        "torch.nn.functional.nll_loss",
        "torch.nn.functional.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')",
        "The negative log likelihood loss on log-probabilities and class indices.",
        "logp = torch.log_softmax(torch.tensor([[2.0, 0.5, 0.1]]), dim=1)\nprint(torch.nn.functional.nll_loss(logp, torch.tensor([0])))",
    ),
    e(
        "torch.nn.functional.binary_cross_entropy",
        "torch.nn.functional.binary_cross_entropy(input, target, weight=None, reduction='mean')",
        "The binary cross entropy between probabilities and 0/1 targets.",
        "print(torch.nn.functional.binary_cross_entropy(torch.tensor([0.8, 0.2]), torch.tensor([1.0, 0.0])))",
    ),
    e(
        "torch.nn.functional.binary_cross_entropy_with_logits",
        "torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None)",
        "Binary cross entropy on logits (sigmoid included, computed stably).",
        "print(torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([2.0, -1.0]), torch.tensor([1.0, 0.0])))",
    ),
    e(
        "torch.nn.functional.one_hot",
        "torch.nn.functional.one_hot(tensor, num_classes=-1) -> LongTensor",
        "Class indices as one-hot vectors: a new last dimension of size num_classes with a 1 at each index.",
        "print(torch.nn.functional.one_hot(torch.tensor([0, 2, 1]), num_classes=3))",
    ),
    e(
        "torch.nn.init.zeros_",
        "torch.nn.init.zeros_(tensor)",
        "Fills the tensor with 0.",
        "w = torch.empty(2, 3)\ntorch.nn.init.zeros_(w)\nprint(w)",
    ),
    e(
        "torch.nn.init.ones_",
        "torch.nn.init.ones_(tensor)",
        "Fills the tensor with 1.",
        "w = torch.empty(2, 3)\ntorch.nn.init.ones_(w)\nprint(w)",
    ),
    e(
        "torch.nn.init.constant_",
        "torch.nn.init.constant_(tensor, val)",
        "Fills the tensor with val.",
        "w = torch.empty(2, 3)\ntorch.nn.init.constant_(w, 0.5)\nprint(w)",
    ),
    e(
        "torch.nn.init.uniform_",
        "torch.nn.init.uniform_(tensor, a=0.0, b=1.0, generator=None)",
        "Fills the tensor with samples from the uniform distribution on [a, b).",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.uniform_(w, -1.0, 1.0)\nprint(w)",
    ),
    e(
        "torch.nn.init.normal_",
        "torch.nn.init.normal_(tensor, mean=0.0, std=1.0, generator=None)",
        "Fills the tensor with samples from N(mean, std²).",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.normal_(w, mean=0.0, std=0.1)\nprint(w)",
    ),
    e(
        "torch.nn.init.xavier_uniform_",
        "torch.nn.init.xavier_uniform_(tensor, gain=1.0, generator=None)",
        "Fills the tensor with Xavier/Glorot uniform samples: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.xavier_uniform_(w)\nprint(w)",
    ),
    e(
        "torch.nn.init.xavier_normal_",
        "torch.nn.init.xavier_normal_(tensor, gain=1.0, generator=None)",
        "Fills the tensor with Xavier/Glorot normal samples: std = gain * sqrt(2 / (fan_in + fan_out)).",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.xavier_normal_(w)\nprint(w)",
    ),
    e(
        "torch.nn.init.kaiming_uniform_",
        "torch.nn.init.kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)",
        "Fills the tensor with Kaiming/He uniform samples for the given nonlinearity and mode.",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.kaiming_uniform_(w, nonlinearity='relu')\nprint(w)",
    ),
    e(
        "torch.nn.init.kaiming_normal_",
        "torch.nn.init.kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)",
        "Fills the tensor with Kaiming/He normal samples: std = gain / sqrt(fan).",
        "torch.manual_seed(0)\nw = torch.empty(2, 3)\ntorch.nn.init.kaiming_normal_(w, mode='fan_out')\nprint(w)",
    ),
    e(
        "torch.nn.init.calculate_gain",
        "torch.nn.init.calculate_gain(nonlinearity, param=None)",
        "The recommended gain for a nonlinearity ('relu', 'tanh', 'leaky_relu' with param, …).",
        "print(torch.nn.init.calculate_gain('relu'))\nprint(torch.nn.init.calculate_gain('leaky_relu', 0.2))",
    ),
    e(
        "torch.nn.init._calculate_fan_in_and_fan_out",
        "torch.nn.init._calculate_fan_in_and_fan_out(tensor)",
        "The (fan_in, fan_out) of a weight tensor, as the Xavier and Kaiming initialisers compute them.",
        "w = torch.empty(4, 3)\nprint(torch.nn.init._calculate_fan_in_and_fan_out(w))",
    ),
];

pub static MODULES: &[HelpEntry] = &[
    e(
        "torch.nn.functional",
        "torch.nn.functional  (import torch.nn.functional as F)",
        "The layers and losses as functions: F.relu, F.softmax, F.linear, F.cross_entropy, … Every torch function is reachable here too (F.relu is torch.relu).",
        "import torch.nn.functional as F\nprint(F.relu(torch.tensor([-1.0, 2.0])))\nprint(F.softmax(torch.tensor([1.0, 2.0]), dim=0))",
    ),
    e(
        "torch.nn.init",
        "torch.nn.init",
        "Weight initialisers that fill a tensor in place: zeros_, ones_, constant_, uniform_, normal_, xavier_*, kaiming_*.",
        "torch.manual_seed(0)\nlayer = torch.nn.Linear(3, 2)\ntorch.nn.init.zeros_(layer.bias)\nprint(layer.bias)",
    ),
];
