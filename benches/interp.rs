//! Criterion benches through the interpreter: parsing and running a 200-line script, the
//! forward and backward of a small autograd graph, and a small training step (what a
//! calculator user's loop costs per iteration). `cargo bench --bench interp`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::rc::Rc;
use tsr::eval::Interp;
use tsr::eval::print::{OutputFormat, Printer};

fn interp() -> Interp {
    Interp::new(Printer::new(OutputFormat::Torch, false, 80, Box::new(std::io::sink())))
}

/// 200 lines of the kind a lesson holds: assignments, arithmetic, a function, a loop,
/// tensor creation and printing.
fn script_200() -> String {
    let mut s = String::from("import torch\ndef f(a, b=2):\n    return a * b + 1\n");
    let mut lines = 3;
    let mut i = 0;
    while lines < 200 {
        s.push_str(&format!(
            "x{i} = torch.arange({n}.0).reshape(2, -1) * {i}\ny{i} = f(x{i}, b={i}).sum(dim=0)\nif y{i}.max() > 3:\n    z{i} = [k * {i} for k in range(3)]\nprint(y{i}.shape, len(z{i}) if y{i}.max() > 3 else 0)\n",
            n = 2 * (i % 5 + 1)
        ));
        lines += 5;
        i += 1;
    }
    s
}

fn bench_parse_eval(c: &mut Criterion) {
    let src = script_200();
    assert!(src.lines().count() >= 200);
    c.bench_function("parse_200_lines", |b| b.iter(|| tsr::syntax::parse(black_box(&src)).unwrap()));
    c.bench_function("parse_and_run_200_lines", |b| {
        b.iter(|| {
            let mut it = interp();
            it.run_source(black_box(&src), "<bench>", false).map_err(|_| "run failed").unwrap();
        })
    });
}

/// Parses once, then runs the module many times in one session (the graph is rebuilt on
/// every run, as in a loop body).
fn bench_program(c: &mut Criterion, name: &str, setup: &str, body: &str) {
    let mut it = interp();
    it.run_source(setup, "<setup>", false).map_err(|_| "setup failed").unwrap();
    let module = tsr::syntax::parse(body).unwrap();
    let src = Rc::new(tsr::eval::SourceInfo { origin: Rc::from("<bench>"), text: Rc::from(body) });
    c.bench_function(name, |b| b.iter(|| it.run_module(&module, src.clone(), false).unwrap()));
}

fn bench_autograd(c: &mut Criterion) {
    bench_program(
        c,
        "backward_small_graph",
        "x = torch.randn(8, 8, requires_grad=True)\nw = torch.randn(8, 4, requires_grad=True)\n",
        "y = ((x @ w).tanh() ** 2).mean()\ny.backward()\nx.grad = None\nw.grad = None\n",
    );
    bench_program(
        c,
        "scalar_autograd",
        "a = torch.tensor(2.0, requires_grad=True)\nb = torch.tensor(3.0, requires_grad=True)\n",
        "c = a * b + a.sin()\nc.backward()\na.grad = None\nb.grad = None\n",
    );
    bench_program(
        c,
        "mlp_train_step_64x32",
        "torch.manual_seed(0)\nmodel = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nX = torch.randn(64, 32)\nt = torch.randint(0, 10, (64,))\nloss_fn = torch.nn.CrossEntropyLoss()\n",
        "opt.zero_grad()\nloss = loss_fn(model(X), t)\nloss.backward()\nopt.step()\n",
    );
}

criterion_group!(benches, bench_parse_eval, bench_autograd);
criterion_main!(benches);
