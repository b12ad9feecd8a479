//! Autograd through the binary: a 100 000-op chain must run backward and drop without
//! overflowing the stack; basic gradients and error texts.

use super::common::{last_line, run_torch};

#[test]
fn long_chain_backward_and_drop() {
    let code = "import torch\nx0 = torch.tensor(1.0, requires_grad=True)\nx = x0\nfor i in range(100000):\n    x = x * 1.0001\nx.backward()\nprint(round(x0.grad.item(), 3))\nx = None\nprint('ok')\n";
    let (rc, out, err) = run_torch(code);
    assert_eq!(rc, 0, "stderr: {err}");
    // d/dx0 of x0 * 1.0001^100000 = 1.0001^100000 = e^(100000 * ln 1.0001) ≈ 22015.456
    let expected = (100000.0f64 * 1.0001f64.ln()).exp();
    let got: f64 = out.lines().next().unwrap_or("0").trim().parse().unwrap_or(0.0);
    // float32 steps (1.0001 is not exact in float32) drift by well under 1%.
    assert!((got - expected).abs() / expected < 1e-2, "got {got}, expected {expected}");
    assert!(out.contains("ok"));
}

#[test]
fn chain_rule_and_second_backward_error() {
    let code = "import torch\nx = torch.tensor(3.0, requires_grad=True)\ny = (x * x).exp().log()\ny.backward()\nprint(x.grad)\ny.backward()\n";
    let (rc, out, err) = run_torch(code);
    assert_ne!(rc, 0);
    assert_eq!(out.trim(), "tensor(6.)");
    assert!(last_line(&err).starts_with("RuntimeError: Trying to backward through the graph a second time"), "{err}");
}

#[test]
fn inplace_on_non_leaf_rebases_the_node() {
    let code = "import torch\nx = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x * 1\ny *= 2\ny.add_(1)\nprint(y)\ny.sum().backward()\nprint(x.grad)\n";
    let (rc, out, err) = run_torch(code);
    assert_eq!(rc, 0, "stderr: {err}");
    // y = 2x + 1; d(sum y)/dx = 2.
    assert_eq!(out, "tensor([3., 5., 7.], grad_fn=<AddBackward0>)\ntensor([2., 2., 2.])\n");
}

#[test]
fn prod_cumsum_gather_gradients() {
    let code = "import torch\nx = torch.tensor([1., 2., 3.], requires_grad=True)\nl = x.prod() + x.cumsum(0).sum() + x.gather(0, torch.tensor([2, 2])).sum()\nprint(l.grad_fn)\nl.backward()\nprint(x.grad)\n";
    let (rc, out, err) = run_torch(code);
    assert_eq!(rc, 0, "stderr: {err}");
    // prod: [6, 3, 2]; cumsum then sum: [3, 2, 1]; gather [2, 2]: [0, 0, 2].
    assert!(out.starts_with("<AddBackward0 object at 0x"), "{out}");
    assert!(out.ends_with("tensor([9., 5., 5.])\n"), "{out}");
}

#[test]
fn inplace_on_views_of_tensors_that_require_grad() {
    let (rc, _, err) = run_torch("import torch\nx = torch.ones(3, requires_grad=True)\nx[0].mul_(2)\n");
    assert_ne!(rc, 0);
    assert_eq!(last_line(&err), "RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.");
    let (rc, _, err) = run_torch("import torch\nx = torch.ones(3, requires_grad=True)\ny = x * 1\ny[0].mul_(2)\n");
    assert_ne!(rc, 0);
    assert!(last_line(&err).starts_with("NotImplementedError:") && err.contains("CopySlices"), "{err}");
}
