//! torch.optim: optimizers, their methods, and the StepLR scheduler (topic: optim).

use crate::help::{e, HelpEntry};


pub static HELP: &[HelpEntry] = &[
    e(
        "torch.optim",
        "torch.optim",
        "Optimizers (SGD, Adam, AdamW) that update parameters from their .grad, and lr_scheduler for changing the learning rate during training.",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.5)\n(w ** 2).sum().backward()\nopt.step()\nprint(w)",
    ),
    e(
        "torch.optim.SGD",
        "torch.optim.SGD(params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False)",
        "Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay. params is an iterable of tensors or of dicts (parameter groups).",
        "torch.manual_seed(0)\nmodel = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\nx, y = torch.ones(4, 2), torch.zeros(4, 1)\nfor step in range(3):\n    opt.zero_grad()\n    loss = torch.nn.functional.mse_loss(model(x), y)\n    loss.backward()\n    opt.step()\n    print(step, round(loss.item(), 4))",
    ),
    e(
        "torch.optim.Adam",
        "torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, maximize=False)",
        "The Adam optimizer: per-parameter step sizes from running averages of the gradient and its square.",
        "w = torch.tensor([2.0], requires_grad=True)\nopt = torch.optim.Adam([w], lr=0.1)\nfor _ in range(3):\n    opt.zero_grad()\n    (w ** 2).sum().backward()\n    opt.step()\nprint(w)",
    ),
    e(
        "torch.optim.AdamW",
        "torch.optim.AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, *, maximize=False)",
        "Adam with decoupled weight decay (the decay is applied to the weights directly, not through the gradient).",
        "w = torch.tensor([2.0], requires_grad=True)\nopt = torch.optim.AdamW([w], lr=0.1, weight_decay=0.1)\nopt.zero_grad()\n(w ** 2).sum().backward()\nopt.step()\nprint(w)",
    ),
    e(
        "torch.optim.lr_scheduler",
        "torch.optim.lr_scheduler",
        "Learning-rate schedulers; call scheduler.step() once per epoch after optimizer.step().",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=1.0)\nsched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)\nsched.step()\nprint(sched.get_last_lr())",
    ),
    e(
        "torch.optim.lr_scheduler.StepLR",
        "torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)",
        "Multiplies each parameter group's learning rate by gamma every step_size epochs.",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=1.0)\nsched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)\nfor epoch in range(4):\n    opt.step()\n    sched.step()\n    print(epoch, sched.get_last_lr())",
    ),
    e(
        "Optimizer.step",
        "Optimizer.step(closure=None) -> None",
        "Updates every parameter from its current .grad (parameters without a grad are skipped).",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.1)\n(3 * w).sum().backward()\nopt.step()\nprint(w)",
    ),
    e(
        "Optimizer.zero_grad",
        "Optimizer.zero_grad(set_to_none=True) -> None",
        "Clears the gradients of all parameters (sets .grad to None, or to zeros with set_to_none=False). Call it before each backward().",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.1)\n(2 * w).sum().backward()\nopt.zero_grad()\nprint(w.grad)",
    ),
    e(
        "Optimizer.param_groups",
        "Optimizer.param_groups -> list of dict",
        "The parameter groups: dicts with 'params' and the hyperparameters (lr, …); writing group['lr'] changes the learning rate.",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.1)\nopt.param_groups[0]['lr'] = 0.01\nprint(opt.param_groups[0]['lr'])",
    ),
    e(
        "Optimizer.defaults",
        "Optimizer.defaults -> dict",
        "The hyperparameters the optimizer was created with (the defaults for new parameter groups).",
        "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.Adam([w])\nprint(opt.defaults['lr'], opt.defaults['betas'])",
    ),
    e(
        "Optimizer.add_param_group",
        "Optimizer.add_param_group(param_group) -> None",
        "Adds a parameter group (a dict with 'params' and optional hyperparameters) to the optimizer.",
        "a = torch.tensor([1.0], requires_grad=True)\nb = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([a], lr=0.1)\nopt.add_param_group({'params': [b], 'lr': 0.01})\nprint(len(opt.param_groups), opt.param_groups[1]['lr'])",
    ),
    e("StepLR.step", "StepLR.step() -> None", "Advances the scheduler by one epoch, decaying the learning rate when due.", SCHED),
    e("StepLR.get_last_lr", "StepLR.get_last_lr() -> list of float", "The learning rates the last step() set, one per parameter group.", SCHED),
    e("StepLR.last_epoch", "StepLR.last_epoch -> int", "How many times step() has been called.", SCHED),
    e("StepLR.base_lrs", "StepLR.base_lrs -> list of float", "The initial learning rate of each parameter group.", SCHED),
    e("StepLR.step_size", "StepLR.step_size -> int", "The period of the decay, in epochs.", SCHED),
    e("StepLR.gamma", "StepLR.gamma -> float", "The factor the learning rate is multiplied by at each decay.", SCHED),
    e("StepLR.optimizer", "StepLR.optimizer -> Optimizer", "The optimizer whose learning rates the scheduler changes.", SCHED),
];

const SCHED: &str = "w = torch.tensor([1.0], requires_grad=True)\nopt = torch.optim.SGD([w], lr=1.0)\nsched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)\nsched.step()\nprint(sched.last_epoch, sched.base_lrs, sched.step_size, sched.gamma)\nprint(sched.get_last_lr(), sched.optimizer.param_groups[0]['lr'])";

