"""Records tests/data/rng_api/NAME.out (stdout) and NAME.err (the last stderr line, when the
snippet raises) from real PyTorch for every NAME.py there. Run with the PyTorch interpreter:
    python tests/data/gen_rng_api.py
The tests never run PyTorch; they compare tsr with these recordings (tests/cli/random_api.rs)."""
import glob, os, subprocess, sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rng_api")
for py in sorted(glob.glob(os.path.join(here, "*.py"))):
    p = subprocess.run([sys.executable, py], capture_output=True, text=True)
    base = py[:-3]
    with open(base + ".out", "w") as f:
        f.write(p.stdout)
    err = [l for l in p.stderr.splitlines() if l.strip()]
    if p.returncode != 0:
        with open(base + ".err", "w") as f:
            f.write(err[-1] + "\n")
    elif os.path.exists(base + ".err"):
        os.remove(base + ".err")
