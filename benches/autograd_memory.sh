#!/usr/bin/env bash
# Peak RSS of a manual training loop (w, b; loss.backward(); update under no_grad; grad
# zero) at 1 000 and 10 000 iterations: autograd must not leak, so both should match.
# Usage: benches/autograd_memory.sh [path/to/tsr]   (default target/debug/tsr)
set -euo pipefail
tsr=${1:-target/debug/tsr}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 1000 10000; do
  cat > "$dir/loop.py" <<PY
import torch
torch.manual_seed(0)
X = torch.randn(64, 8)
Y = X @ torch.randn(8, 1) + 0.1 * torch.randn(64, 1)
w = torch.zeros(8, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for i in range($n):
    loss = ((X @ w + b - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.05 * w.grad
        b -= 0.05 * b.grad
    w.grad.zero_()
    b.grad.zero_()
print(round(loss.item(), 4))
PY
  rss=$(/usr/bin/time -v "$tsr" "$dir/loop.py" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
  echo "iterations=$n peak_rss_kb=$rss"
done
