#!/usr/bin/env bash
# The GPU suite: the device tests of tests/gpu.rs, then the benchmarks beside PyTorch on the
# same machine. Usage: tests/gpu/run.sh [PYTHON-WITH-TORCH]   (default: python3)
# The CUDA libraries tsr loads at run time (libcuda from the driver; libnvrtc and libcublas
# from the CUDA toolkit, or from PyTorch's nvidia wheels, found below) must be loadable.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${1:-python3}"
libs=$("$py" - <<'PY' 2>/dev/null || true
import glob, os, site
dirs = set()
for sp in site.getsitepackages():
    for pat in ("nvidia/*/lib", "nvidia/cu*/lib"):
        for d in glob.glob(os.path.join(sp, pat)):
            if glob.glob(os.path.join(d, "libnvrtc.so*")) or glob.glob(os.path.join(d, "libcublas.so*")):
                dirs.add(d)
print(":".join(sorted(dirs)))
PY
)
export LD_LIBRARY_PATH="${libs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "== LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
cargo build --release --locked --bins
tsr=target/release/tsr
"$tsr" -e "import torch; print('cuda available:', torch.cuda.is_available(), torch.cuda.device_count())"
echo "== device tests"
cargo test --release --locked --test gpu -- --nocapture --test-threads 1
echo "== benchmarks (tsr | PyTorch)"
status=0
for b in tests/gpu/bench_matmul.py tests/gpu/bench_add.py tests/gpu/bench_mlp.py; do
    echo "-- $b"
    t=$("$tsr" "$b" 2>&1) || { echo "$t"; status=1; }
    p=$("$py" "$b" 2>&1) || { echo "$p"; status=1; }
    paste <(echo "$t") <(echo "$p") | awk -F'\t' '{ split($1, a, ": "); split($2, b, ": "); r = (b[2] > 0) ? a[2] / b[2] : 0; printf "%-28s tsr %10s  torch %10s  ratio %.2f\n", a[1], a[2], b[2], r }'
done
exit $status
