//! The methods every nn module has (topic: nn). `model.NAME` finds these as `Module.NAME`.

use crate::help::{e, HelpEntry};

#[cfg(test)]
const NET: &str = "torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n";

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.nn",
        "torch.nn",
        "Neural-network building blocks: layers (Linear, activations, Dropout, Sequential), losses, Parameter; torch.nn.functional has the same operations as functions, torch.nn.init the weight initialisers.",
        "import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\nprint(model)",
    ),
    e(
        "torch.nn.Module",
        "torch.nn.Module",
        "The base class of layers and models. tsr provides the built-in layers and Sequential; defining subclasses (class Net(nn.Module)) is not supported yet.",
        "layer = torch.nn.Linear(2, 2)\nprint(isinstance(layer.weight, torch.Tensor))\nprint(len(list(layer.parameters())))",
    ),
    e("Module.forward", "Module.forward(*inputs) -> Tensor", "Runs the module on its inputs; module(x) calls it.", "layer = torch.nn.ReLU()\nprint(layer.forward(torch.tensor([-1.0, 1.0])))"),
    e(
        "Module.parameters",
        "Module.parameters(recurse=True) -> list of Parameter",
        "The module's parameters (weights and biases of it and its children), for an optimizer.",
        "layer = torch.nn.Linear(3, 2)\nfor p in layer.parameters():\n    print(p.shape)",
    ),
    e(
        "Module.named_parameters",
        "Module.named_parameters(prefix='', recurse=True) -> list of (str, Parameter)",
        "The parameters with their dotted names ('0.weight', …).",
        concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "for name, p in net.named_parameters():\n    print(name, p.shape)"),
    ),
    e("Module.children", "Module.children() -> list of Module", "The direct sub-modules.", concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "print(net.children())")),
    e(
        "Module.named_children",
        "Module.named_children() -> list of (str, Module)",
        "The direct sub-modules with their names.",
        concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "for name, m in net.named_children():\n    print(name, m)"),
    ),
    e("Module.modules", "Module.modules() -> list of Module", "The module itself and all its descendants.", concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "print(len(net.modules()))")),
    e(
        "Module.named_modules",
        "Module.named_modules() -> list of (str, Module)",
        "The module and its descendants with their dotted names ('' for the module itself).",
        concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "for name, m in net.named_modules():\n    print(repr(name))"),
    ),
    e(
        "Module.state_dict",
        "Module.state_dict() -> OrderedDict",
        "The parameters and buffers by name (detached), for saving or copying into another model.",
        "layer = torch.nn.Linear(2, 1)\nprint(list(layer.state_dict().keys()))",
    ),
    e(
        "Module.load_state_dict",
        "Module.load_state_dict(state_dict, strict=True)",
        "Copies tensors from a state_dict into the module's parameters; strict=True requires the keys to match exactly.",
        "torch.manual_seed(0)\na = torch.nn.Linear(2, 1)\nb = torch.nn.Linear(2, 1)\nprint(b.load_state_dict(a.state_dict()))\nprint(torch.equal(a.weight, b.weight))",
    ),
    e(
        "Module.zero_grad",
        "Module.zero_grad(set_to_none=True) -> None",
        "Clears the gradients of all parameters.",
        "layer = torch.nn.Linear(2, 1)\nlayer(torch.ones(1, 2)).sum().backward()\nlayer.zero_grad()\nprint(layer.weight.grad)",
    ),
    e(
        "Module.train",
        "Module.train(mode=True) -> Module",
        "Puts the module (and children) in training mode: Dropout drops.",
        "drop = torch.nn.Dropout()\ndrop.eval()\ndrop.train()\nprint(drop.training)",
    ),
    e(
        "Module.eval",
        "Module.eval() -> Module",
        "Puts the module (and children) in evaluation mode: Dropout passes inputs through.",
        "drop = torch.nn.Dropout()\ndrop.eval()\nprint(drop.training, drop(torch.ones(3)))",
    ),
    e(
        "Module.requires_grad_",
        "Module.requires_grad_(requires_grad=True) -> Module",
        "Sets requires_grad on all parameters (False freezes the module).",
        "layer = torch.nn.Linear(2, 1)\nlayer.requires_grad_(False)\nprint(layer.weight.requires_grad)",
    ),
    e(
        "Module.to",
        "Module.to(dtype or device) -> Module",
        "Casts the parameters to a dtype (device 'cpu' is accepted; CUDA raises without a GPU). Returns the module.",
        "layer = torch.nn.Linear(2, 1).to(torch.float64)\nprint(layer.weight.dtype)",
    ),
    e("Module.cpu", "Module.cpu() -> Module", "The module on the CPU (where tsr's parameters already are).", "layer = torch.nn.Linear(2, 1).cpu()\nprint(layer.weight.device)"),
    e("Module.float", "Module.float() -> Module", "Casts floating-point parameters to float32.", "layer = torch.nn.Linear(2, 1).double().float()\nprint(layer.weight.dtype)"),
    e("Module.double", "Module.double() -> Module", "Casts floating-point parameters to float64.", "layer = torch.nn.Linear(2, 1).double()\nprint(layer.bias.dtype)"),
    e("Module.half", "Module.half() -> Module", "Casts floating-point parameters to float16.", "layer = torch.nn.Linear(2, 1).half()\nprint(layer.weight.dtype)"),
    e(
        "Module.cuda",
        "Module.cuda(device=None) -> Module",
        "Moves parameters to a CUDA GPU; raises the no-driver RuntimeError where none is available.",
        "layer = torch.nn.Linear(2, 1)\nif torch.cuda.is_available():\n    layer = layer.cuda()\nprint(layer.weight.device)",
    ),
    e("Module.type", "Module.type(dst_type) -> Module", "Casts all parameters to dst_type.", "layer = torch.nn.Linear(2, 1).type(torch.float64)\nprint(layer.weight.dtype)"),
    e(
        "Module.apply",
        "Module.apply(fn) -> Module",
        "Calls fn on every sub-module (children first) and on the module itself; used for custom initialisation.",
        "torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())\nnames = []\nnet.apply(lambda m: names.append(type(m).__name__))\nprint(len(names))",
    ),
    e(
        "Module.append",
        "Module.append(module) -> Sequential",
        "Adds a module at the end of a Sequential.",
        "net = torch.nn.Sequential(torch.nn.Linear(2, 2))\nnet.append(torch.nn.ReLU())\nprint(net)",
    ),
    e(
        "Module.add_module",
        "Module.add_module(name, module) -> None",
        "Registers a child module under a name.",
        "net = torch.nn.Sequential()\nnet.add_module('fc', torch.nn.Linear(2, 1))\nprint(net)",
    ),
    e(
        "Module.register_module",
        "Module.register_module(name, module) -> None",
        "Alias for add_module.",
        "net = torch.nn.Sequential()\nnet.register_module('act', torch.nn.ReLU())\nprint(net)",
    ),
    e("Module.extra_repr", "Module.extra_repr() -> str", "The layer's settings as shown inside its repr.", "print(torch.nn.Linear(2, 3).extra_repr())"),
    e(
        "Module.__getitem__",
        "Module.__getitem__(idx) -> Module",
        "net[i]: the i-th layer of a Sequential (negative indices count from the end).",
        concat!("torch.manual_seed(0)\nnet = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))\n", "print(net[0])\nprint(net[-1])"),
    ),
];

#[cfg(test)]
#[test]
fn net_setup_is_what_the_examples_use() {
    for e in HELP {
        if e.example.contains("net = torch.nn.Sequential(torch.nn.Linear(2, 3)") {
            assert!(e.example.starts_with(NET), "{}", e.name);
        }
    }
}
