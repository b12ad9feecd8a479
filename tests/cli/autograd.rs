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
