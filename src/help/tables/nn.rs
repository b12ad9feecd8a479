//! torch.nn layers, losses and Parameter (topic: nn).

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.nn.Linear",
        "torch.nn.Linear(in_features, out_features, bias=True)",
        "A fully connected layer: y = x Wᵀ + b, with weight (out_features × in_features) and bias initialised uniformly.",
        "torch.manual_seed(0)\nlayer = torch.nn.Linear(3, 2)\nx = torch.ones(4, 3)\nprint(layer(x).shape)\nprint(layer.weight.shape, layer.bias.shape)",
    ),
    e(
        "torch.nn.ReLU",
        "torch.nn.ReLU()",
        "Applies max(0, x) element-wise.",
        "act = torch.nn.ReLU()\nprint(act(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.Sigmoid",
        "torch.nn.Sigmoid()",
        "Applies the logistic sigmoid 1 / (1 + exp(-x)) element-wise.",
        "print(torch.nn.Sigmoid()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.Tanh",
        "torch.nn.Tanh()",
        "Applies tanh element-wise.",
        "print(torch.nn.Tanh()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.SiLU",
        "torch.nn.SiLU()",
        "Applies x * sigmoid(x) element-wise.",
        "print(torch.nn.SiLU()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.Softplus",
        "torch.nn.Softplus(beta=1.0, threshold=20.0)",
        "Applies log(1 + exp(beta * x)) / beta element-wise.",
        "print(torch.nn.Softplus()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.LogSigmoid",
        "torch.nn.LogSigmoid()",
        "Applies log(sigmoid(x)) element-wise.",
        "print(torch.nn.LogSigmoid()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.Mish",
        "torch.nn.Mish()",
        "Applies x * tanh(softplus(x)) element-wise.",
        "print(torch.nn.Mish()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.ReLU6",
        "torch.nn.ReLU6()",
        "Applies min(max(0, x), 6) element-wise.",
        "print(torch.nn.ReLU6()(torch.tensor([-1.0, 3.0, 8.0])))",
    ),
    e(
        "torch.nn.GELU",
        "torch.nn.GELU(approximate='none')",
        "Applies the GELU activation x * Φ(x) element-wise (approximate='tanh' for the tanh approximation).",
        "print(torch.nn.GELU()(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.LeakyReLU",
        "torch.nn.LeakyReLU(negative_slope=0.01)",
        "Applies x for x >= 0 and negative_slope * x otherwise.",
        "print(torch.nn.LeakyReLU(0.1)(torch.tensor([-1.0, 0.0, 2.0])))",
    ),
    e(
        "torch.nn.Softmax",
        "torch.nn.Softmax(dim=None)",
        "Applies softmax along dim: each slice becomes probabilities summing to 1.",
        "print(torch.nn.Softmax(dim=1)(torch.tensor([[1.0, 2.0, 3.0]])))",
    ),
    e(
        "torch.nn.LogSoftmax",
        "torch.nn.LogSoftmax(dim=None)",
        "Applies log(softmax(x)) along dim.",
        "print(torch.nn.LogSoftmax(dim=1)(torch.tensor([[1.0, 2.0, 3.0]])))",
    ),
    e(
        "torch.nn.Flatten",
        "torch.nn.Flatten(start_dim=1, end_dim=-1)",
        "Flattens dimensions start_dim..end_dim (by default all but the batch dimension).",
        "print(torch.nn.Flatten()(torch.zeros(4, 2, 3)).shape)",
    ),
    e(
        "torch.nn.Dropout",
        "torch.nn.Dropout(p=0.5)",
        "In training mode zeroes each element with probability p and scales the rest by 1 / (1 - p); in eval mode passes the input through.",
        "torch.manual_seed(0)\ndrop = torch.nn.Dropout(p=0.5)\nprint(drop(torch.ones(6)))\ndrop.eval()\nprint(drop(torch.ones(6)))",
    ),
    e(
        "torch.nn.Identity",
        "torch.nn.Identity()",
        "Returns its input unchanged (a placeholder layer).",
        "print(torch.nn.Identity()(torch.tensor([1.0, 2.0])))",
    ),
    e(
        "torch.nn.Sequential",
        "torch.nn.Sequential(*modules)",
        "A container that runs its modules in order, each on the previous one's output.",
        "torch.manual_seed(0)\nmodel = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))\nprint(model)\nprint(model(torch.ones(3, 2)).shape)",
    ),
    e(
        "torch.nn.MSELoss",
        "torch.nn.MSELoss(reduction='mean')",
        "The mean (or sum, with reduction='sum') squared error between input and target.",
        "loss = torch.nn.MSELoss()\nprint(loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])))",
    ),
    e(
        "torch.nn.L1Loss",
        "torch.nn.L1Loss(reduction='mean')",
        "The mean (or sum) absolute error between input and target.",
        "loss = torch.nn.L1Loss()\nprint(loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])))",
    ),
    e(
        "torch.nn.BCELoss",
        "torch.nn.BCELoss(weight=None, reduction='mean')",
        "The binary cross entropy between predicted probabilities and 0/1 targets.",
        "loss = torch.nn.BCELoss()\nprint(loss(torch.tensor([0.8, 0.2]), torch.tensor([1.0, 0.0])))",
    ),
    e(
        "torch.nn.BCEWithLogitsLoss",
        "torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)",
        "Binary cross entropy on logits: a sigmoid followed by BCELoss, computed stably.",
        "loss = torch.nn.BCEWithLogitsLoss()\nprint(loss(torch.tensor([2.0, -1.0]), torch.tensor([1.0, 0.0])))",
    ),
    e(
        "torch.nn.CrossEntropyLoss",
        "torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
        "Cross entropy between logits and class indices (or class probabilities): log_softmax followed by NLLLoss.",
        "loss = torch.nn.CrossEntropyLoss()\nlogits = torch.tensor([[2.0, 0.5, 0.1], [0.1, 0.2, 3.0]])\nprint(loss(logits, torch.tensor([0, 2])))",
    ),
    e(
        "torch.nn.NLLLoss",
        "torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')",
        "The negative log likelihood loss on log-probabilities and class indices.",
        "loss = torch.nn.NLLLoss()\nlogp = torch.log_softmax(torch.tensor([[2.0, 0.5, 0.1]]), dim=1)\nprint(loss(logp, torch.tensor([0])))",
    ),
    e(
        "torch.nn.Parameter",
        "torch.nn.Parameter(data=None, requires_grad=True)",
        "A tensor registered as a module parameter: a leaf that requires grad and prints as 'Parameter containing:'.",
        "w = torch.nn.Parameter(torch.zeros(2))\nprint(w)\nprint(w.requires_grad)",
    ),
];
