import sys, os, json, signal, glob, io, contextlib
sys.setrecursionlimit(1000)
import torch
D = sys.argv[1]
res = {}
class TO(Exception): pass
def h(*a): raise TO()
signal.signal(signal.SIGALRM, h)
for p in sorted(glob.glob(D + "/*.tsr")):
    name = os.path.basename(p)[:-4]
    if name.startswith("file_"): continue
    code = open(p).read()
    torch.manual_seed(0)
    out = io.StringIO()
    signal.alarm(10)
    try:
        with contextlib.redirect_stdout(out):
            c = compile(code, name + ".py", "exec")
            exec(c, {"__name__": "__main__"})
        r = {"type": None, "msg": None}
    except TO:
        r = {"type": "TIMEOUT", "msg": None}
    except BaseException as e:
        m = str(e).split("\n")[0] if not isinstance(e, SyntaxError) else e.msg
        r = {"type": type(e).__name__, "msg": m}
    finally:
        signal.alarm(0)
    res[name] = r
    print(name, r, file=sys.stderr)
json.dump(res, open("/tmp/tsr-bad-input/pyref.json", "w"), indent=1)
