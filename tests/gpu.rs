//! The CUDA backend through the real binary. On a machine without a GPU (CI) the device
//! tests print a visible "skipped" line and only the no-driver behaviour is checked; on a
//! GPU machine (`tests/gpu/run.sh`) every op family runs on the device and is compared with
//! the same program on the CPU.

use assert_cmd::Command;

fn tsr(src: &str) -> (String, String, bool) {
    let out = Command::cargo_bin("tsr").unwrap().args(["--format", "torch", "--color", "never", "-e"]).arg(src).output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.success())
}

fn has_gpu() -> bool {
    let (out, _, ok) = tsr("import torch\nprint(torch.cuda.is_available())");
    assert!(ok);
    out.trim() == "True"
}

#[test]
fn without_a_gpu_cuda_is_unavailable_and_says_why() {
    if has_gpu() {
        eprintln!("skipped: a CUDA device is present (this test checks machines without one)");
        return;
    }
    let (out, _, ok) = tsr("import torch\nprint(torch.cuda.is_available(), torch.cuda.device_count(), torch.backends.mps.is_available())");
    assert!(ok);
    assert_eq!(out, "False 0 False\n");
    for src in ["torch.ones(2).to('cuda')", "torch.ones(2).cuda()", "torch.zeros(3, device='cuda')", "torch.nn.Linear(2, 2).cuda()"] {
        let (_, err, ok) = tsr(&format!("import torch\n{src}"));
        assert!(!ok, "{src}");
        assert!(
            err.trim_end().ends_with("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"),
            "{src}: {err}"
        );
    }
}

/// Runs `body` with `dev` bound to 'cpu' and to 'cuda' and checks both print the same.
fn same_on_both(body: &str) {
    let run = |dev: &str| {
        let (out, err, ok) = tsr(&format!("import torch\ndev = '{dev}'\n{body}"));
        assert!(ok, "on {dev}: {err}");
        out.replace("device='cuda:0'", "").replace(", )", ")").replace("(, ", "(")
    };
    assert_eq!(run("cuda"), run("cpu"), "{body}");
}

macro_rules! gpu_test {
    ($name:ident, $body:expr) => {
        #[test]
        fn $name() {
            if !has_gpu() {
                eprintln!("skipped: no CUDA device ({})", stringify!($name));
                return;
            }
            same_on_both($body);
        }
    };
}

gpu_test!(elementwise_broadcast_strided, "a = torch.arange(12.).reshape(3, 4).to(dev)\nb = torch.tensor([1., 2., 3., 4.]).to(dev)\nprint(a + b, a * 2 - 1, a.t() / 3, torch.maximum(a, b), a ** 2, a > 5, torch.where(a > 5, a, -a))");
gpu_test!(unary_math, "x = torch.linspace(-3, 3, 7).to(dev)\nprint(torch.exp(x), torch.tanh(x), torch.sigmoid(x), torch.relu(x), x.abs(), x.floor(), torch.sqrt(x.abs()))");
gpu_test!(casts_and_ints, "x = torch.tensor([1.7, -2.3, 0.0]).to(dev)\nprint(x.int(), x.long() * 3, x.bool(), x.half(), x.to(torch.bfloat16), (x > 0).sum())");
gpu_test!(reductions, "x = torch.arange(24.).reshape(2, 3, 4).to(dev)\nprint(x.sum(), x.sum(1), x.mean((0, 2), keepdim=True), x.max(), x.max(2), x.argmax(), x.argmin(1), x.amin(0), x.prod(2))");
gpu_test!(matmul_all_ranks, "a = torch.arange(6.).reshape(2, 3).to(dev)\nb = torch.arange(12.).reshape(3, 4).to(dev)\nprint(a @ b, a.t().t() @ b, torch.arange(24.).reshape(2, 3, 4).to(dev) @ b.t(), a @ torch.ones(3).to(dev), a.double() @ b.double())");
gpu_test!(indexing_and_gather, "x = torch.arange(12.).reshape(3, 4).to(dev)\ni = torch.tensor([[0, 2], [1, 3], [3, 0]]).to(dev)\nprint(x[1], x[:, 1:3], torch.gather(x, 1, i), torch.index_select(x, 0, torch.tensor([2, 0]).to(dev)))");
gpu_test!(softmax_and_loss, "x = torch.tensor([[1., 2., 3.], [0., -1., 5.]]).to(dev)\ny = torch.tensor([2, 0]).to(dev)\nprint(torch.softmax(x, 1), torch.log_softmax(x, 0))");
gpu_test!(autograd_on_device, "w = torch.tensor([[0.5, -1.0], [2.0, 0.25]], device=dev, requires_grad=True)\nx = torch.tensor([[1., 2.], [3., 4.]], device=dev)\nloss = torch.tanh(x @ w).sum()\nloss.backward()\nprint(loss, w.grad)");

#[test]
fn mixed_devices_raise_pytorchs_error() {
    if !has_gpu() {
        eprintln!("skipped: no CUDA device (mixed_devices_raise_pytorchs_error)");
        return;
    }
    let (_, err, ok) = tsr("import torch\ntorch.ones(2).cuda() + torch.ones(2)");
    assert!(!ok);
    assert!(err.contains("RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!"), "{err}");
    let (_, err, ok) = tsr("import torch\ntorch.fft.fft(torch.ones(4).cuda())");
    assert!(!ok);
    assert!(err.contains("Error"), "{err}");
    let (out, _, ok) = tsr("import torch\nprint(torch.ones(2, device='cuda'))\nprint(torch.cuda.get_device_name(0) != '')");
    assert!(ok);
    assert_eq!(out, "tensor([1., 1.], device='cuda:0')\nTrue\n");
}
