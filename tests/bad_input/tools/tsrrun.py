import re, sys, os, json, subprocess, glob
from concurrent.futures import ThreadPoolExecutor
D, T = sys.argv[1], sys.argv[2]
only = sys.argv[3:] 
def run(p):
    name = os.path.basename(p)[:-4]
    try:
        r = subprocess.run([T, "--format", "torch", p], capture_output=True, timeout=10, env=dict(os.environ, NO_COLOR="1", RUST_BACKTRACE="0"))
        err = r.stderr.decode("utf-8", "replace")
        lines = [l for l in err.splitlines() if l.strip()]
        pat = re.compile(r'^(tsr: )?[A-Z][A-Za-z]*(Error|Exception|Interrupt|Iteration)(: .*)?$')
        ls = [l for l in lines if pat.match(l)]
        return name, {"rc": r.returncode, "last": ls[-1] if ls else (lines[-1] if lines else ""), "panic": "panicked" in err}
    except subprocess.TimeoutExpired:
        return name, {"rc": "TIMEOUT", "last": "", "panic": False}
ps = sorted(glob.glob(D + "/*.tsr"))
if only: ps = [p for p in ps if any(os.path.basename(p).startswith(o) for o in only)]
with ThreadPoolExecutor(4) as ex:
    res = dict(ex.map(run, ps))
json.dump(res, open("/tmp/tsr-bad-input/tsr.json", "w"), indent=1)
