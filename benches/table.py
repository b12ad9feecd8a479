#!/usr/bin/env python3
"""The performance table of README.md, from one side-by-side run on this machine.

usage: benches/table.py --tsr target/release/tsr --torch-python /path/to/python [--rounds N]

Runs the shared workloads (../shared/bench/workloads) and tsr's own (benches/workloads)
through the shared `compare` script (tsr and PyTorch alternate, round by round), adds the
peak resident memory of mlp_step.py for both and the machine's float32 peak, and prints a
Markdown table of every figure beside its target. Without --torch-python the PyTorch
column is empty and only the absolute targets are judged. Takes 2-4 minutes at 3 rounds.
"""
import argparse, os, platform, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# figure -> (target text, judge(tsr, torch, ratio) -> bool or None)
TARGETS = {
    "startup_wall_ms": ("≤ 20 ms wall", lambda t, p, r: t <= 20.0),
    "small_add_us": ("≤ 0.5×", lambda t, p, r: r is not None and r <= 0.5),
    "small_matmul_us": ("≤ 0.5×", lambda t, p, r: r is not None and r <= 0.5),
    "scalar_autograd_us": ("≤ 0.2×", lambda t, p, r: r is not None and r <= 0.2),
    "softmax_regression_ms": ("≤ 0.5×", lambda t, p, r: r is not None and r <= 0.5),
    "mlp_step_us": ("≤ 0.8×", lambda t, p, r: r is not None and r <= 0.8),
    "big_matmul_backward_ms": ("≤ 1.0×", lambda t, p, r: r is not None and r <= 1.0),
    "ew_fma_10m_ms": ("≤ 1.2×", lambda t, p, r: r is not None and r <= 1.2),
}
ROW = re.compile(r"^(\S+)\s+(\S+)\s+(\S+)\s*(\S*)\s*$")


def shared_bench():
    for cand in (os.environ.get("SHARED_BENCH"), os.path.join(HERE, "../../shared/bench"),
                 os.path.join(HERE, "../../../shared/bench")):
        if cand and os.path.isfile(os.path.join(cand, "compare")):
            return os.path.abspath(cand)
    sys.exit("table.py: ../shared/bench/compare not found (set SHARED_BENCH)")


def peak_rss_mb(cmd):
    """Peak resident memory of a whole process (its own rusage, as /usr/bin/time reports)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=dict(os.environ, NO_COLOR="1"))
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_maxrss / 1024.0


def machine():
    model, mhz = platform.processor() or "unknown CPU", None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and model in ("", "unknown CPU"):
                    model = line.split(":", 1)[1].strip()
                if line.startswith("cpu MHz") and mhz is None:
                    mhz = float(line.split(":", 1)[1])
    except OSError:
        pass
    cores = os.cpu_count() or 1
    # float32 FMA throughput: 32 FLOP per cycle per core (two 8-wide FMAs; Zen 4 runs
    # AVX-512 as two 256-bit halves, so wider vectors do not double it).
    peak = 32 * cores * mhz / 1e3 if mhz else None
    return model, cores, mhz, peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsr", required=True)
    ap.add_argument("--torch-python")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    tsr = os.path.abspath(a.tsr)
    shared = shared_bench()
    tmp = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(shared, "compare"), os.path.join(tmp, "compare"))
        os.mkdir(os.path.join(tmp, "workloads"))
        for d in (os.path.join(shared, "workloads"), os.path.join(HERE, "workloads")):
            for f in os.listdir(d):
                if f.endswith(".py"):
                    shutil.copy(os.path.join(d, f), os.path.join(tmp, "workloads", f))
        cmd = [sys.executable, os.path.join(tmp, "compare"), "--tsr", tsr, "--rounds", str(a.rounds)]
        if a.torch_python:
            cmd += ["--torch-python", a.torch_python]
        out = subprocess.run(cmd, capture_output=True, text=True)
        mlp = os.path.join(tmp, "workloads", "mlp_step.py")
        rss = {"tsr": peak_rss_mb([tsr, mlp])}
        if a.torch_python:
            rss["torch"] = peak_rss_mb([a.torch_python, mlp])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = {}
    for line in out.stdout.splitlines()[1:]:
        m = ROW.match(line)
        if m and not line.startswith("FAILED"):
            val = lambda s: float(s) if s not in ("-", "") else None
            rows[m.group(1)] = (val(m.group(2)), val(m.group(3)), val(m.group(4)))
    model, cores, mhz, peak = machine()
    print(f"Machine: {model}, {cores} cores" + (f" at {mhz:.0f} MHz" if mhz else "")
          + (f" (float32 peak ≈ {peak:.0f} GFLOP/s)" if peak else "") + f"; {a.rounds} rounds, medians.")
    print()
    print("| figure | tsr | PyTorch | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    fmt = lambda v: "–" if v is None else (f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}")
    order = list(TARGETS) + ["sgemm_1024_gflops"]
    for name in order + sorted(k for k in rows if k not in order and not k.endswith("_wall_ms")):
        if name not in rows:
            continue
        t, p, r = rows[name]
        if name == "sgemm_1024_gflops":
            target = "≥ 1.0× PyTorch, ≥ 80% of peak"
            ok = (r is None or r <= 1.0) and (peak is None or (t or 0) >= 0.8 * peak)
            extra = f" ({100 * t / peak:.0f}% of peak)" if peak and t else ""
            print(f"| {name} | {fmt(t)}{extra} | {fmt(p)} | {fmt(r)} | {target} | {'yes' if ok else 'no'} |")
            continue
        target, judge = TARGETS.get(name, ("", None))
        ok = judge(t, p, r) if judge and t is not None else None
        met = "" if ok is None else ("yes" if ok else "no")
        print(f"| {name} | {fmt(t)} | {fmt(p)} | {fmt(r)} | {target} | {met} |")
    tr, pr = rss["tsr"], rss.get("torch")
    print(f"| mlp_step peak RSS (MB) | {tr:.0f} | {fmt(pr)} | {fmt(tr / pr if pr else None)} | ≤ 64 MB | "
          f"{'yes' if tr <= 64 else 'no'} |")
    print()
    print("Ratios are tsr/PyTorch for times and PyTorch/tsr for rates: below 1.0, tsr is ahead.")
    for line in out.stdout.splitlines():
        if line.startswith("FAILED"):
            print(line)
    return out.returncode


if __name__ == "__main__":
    sys.exit(main())
