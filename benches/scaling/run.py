#!/usr/bin/env python3
"""Runs scaling.py under tsr and PyTorch (alternating, --rounds times), prints a Markdown
table of medians with the ratio tsr/PyTorch, and the crossover sizes.

usage: benches/scaling/run.py --tsr target/release/tsr --torch-python PATH [--rounds 3]
"""
import argparse, os, re, statistics, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
LINE = re.compile(r"^(\w+)_(1e\d|\d+)_us:\s*([0-9.eE+-]+)$")

ap = argparse.ArgumentParser()
ap.add_argument("--tsr", required=True)
ap.add_argument("--torch-python", required=True)
ap.add_argument("--rounds", type=int, default=3)
a = ap.parse_args()
script = os.path.join(HERE, "scaling.py")
res = {}
for _ in range(a.rounds):
    for who, cmd in (("tsr", [a.tsr, "--format", "torch", script]), ("torch", [a.torch_python, script])):
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            m = LINE.match(line.strip())
            if m:
                res.setdefault((m.group(1), m.group(2), who), []).append(float(m.group(3)))
ops = []
for (op, size, _) in res:
    if (op, size) not in ops:
        ops.append((op, size))
print("| op | size | tsr µs | PyTorch µs | tsr/PyTorch |")
print("|---|---|---|---|---|")
last = {}
cross = {}
for op, size in ops:
    t = statistics.median(res[(op, size, "tsr")])
    p = statistics.median(res[(op, size, "torch")])
    r = t / p
    print(f"| {op} | {size} | {t:.2f} | {p:.2f} | {r:.2f} |")
    ahead = r < 1.0
    if op in last and last[op] != ahead:
        cross.setdefault(op, []).append(size)
    last[op] = ahead
print()
for op in dict.fromkeys(o for o, _ in ops):
    c = cross.get(op)
    print(f"- {op}: " + (f"tsr/PyTorch crosses 1.0 at {', '.join(c)}" if c else
                         ("tsr ahead at every size" if last[op] else "PyTorch ahead at every size")))
