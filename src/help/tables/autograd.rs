//! Gradient mode and the autograd entry points (topic: autograd).

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.no_grad",
        "torch.no_grad()",
        "Context manager (or decorator) that turns off gradient recording: results inside do not require grad. Use it for evaluation and for manual parameter updates.",
        "w = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    y = w * 2\nprint(y.requires_grad)",
    ),
    e(
        "torch.enable_grad",
        "torch.enable_grad()",
        "Context manager that turns gradient recording back on inside a no_grad block.",
        "w = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    with torch.enable_grad():\n        y = w * 2\nprint(y.requires_grad)",
    ),
    e(
        "torch.inference_mode",
        "torch.inference_mode(mode=True)",
        "Context manager like no_grad, for code that only runs models forward.",
        "w = torch.ones(2, requires_grad=True)\nwith torch.inference_mode():\n    y = w + 1\nprint(y.requires_grad)",
    ),
    e(
        "torch.set_grad_enabled",
        "torch.set_grad_enabled(mode)",
        "Turns gradient recording on or off: immediately when called, or for a block when used with `with`.",
        "w = torch.ones(2, requires_grad=True)\nwith torch.set_grad_enabled(False):\n    print((w * 2).requires_grad)\nprint(torch.is_grad_enabled())",
    ),
    e(
        "torch.is_grad_enabled",
        "torch.is_grad_enabled() -> bool",
        "True if gradient recording is currently on.",
        "print(torch.is_grad_enabled())\nwith torch.no_grad():\n    print(torch.is_grad_enabled())",
    ),
    e(
        "torch.autograd",
        "torch.autograd",
        "Automatic differentiation: torch.autograd.grad computes gradients of outputs with respect to inputs; torch.autograd.backward accumulates them into .grad.",
        "x = torch.tensor(2.0, requires_grad=True)\n(g,) = torch.autograd.grad(x ** 3, x)\nprint(g)",
    ),
    e(
        "torch.autograd.gradcheck",
        "torch.autograd.gradcheck(func, inputs, *, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True) -> bool",
        "Checks the gradients autograd computes for func(*inputs) against central finite differences, for every output and every input that requires grad (use float64 inputs). Raises GradcheckError with both Jacobians on a mismatch (or returns False with raise_exception=False).",
        "x = torch.randn(3, dtype=torch.float64, requires_grad=True)\nprint(torch.autograd.gradcheck(lambda a: (a.sin() * a).sum(), (x,)))",
    ),
    e(
        "torch.autograd.grad",
        "torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=False) -> tuple of Tensors",
        "The gradients of outputs with respect to inputs, returned (not accumulated into .grad). create_graph=True records them for higher-order derivatives.",
        "x = torch.tensor(3.0, requires_grad=True)\ny = x ** 2\n(dy,) = torch.autograd.grad(y, x, create_graph=True)\n(d2y,) = torch.autograd.grad(dy, x)\nprint(dy, d2y)",
    ),
    e(
        "torch.autograd.backward",
        "torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False) -> None",
        "Computes the gradients of tensors with respect to the graph leaves and accumulates them into .grad (tensor.backward() for several roots).",
        "x = torch.ones(2, requires_grad=True)\ntorch.autograd.backward([(x * 2).sum(), (x * 3).sum()])\nprint(x.grad)",
    ),
    e(
        "backward",
        "backward(tensor, gradient=None, retain_graph=None, create_graph=False) -> None",
        "tsr's calculator command: backward(y) is y.backward().",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\nbackward((x * x).sum())\nprint(x.grad)",
    ),
    e(
        "grad",
        "grad(x) / grad(y, x) -> Tensor or None",
        "tsr's calculator command: grad(x) is x.grad; grad(y, x) is torch.autograd.grad(y, x)[0].",
        "x = torch.tensor(3.0, requires_grad=True)\nprint(grad(x ** 2, x))",
    ),
];
