#!/usr/bin/env bash
# Regenerates the Performance table of README.md: builds tsr (release) and runs
# benches/table.py against a Python with PyTorch.
#   benches/table.sh /path/to/python-with-torch [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
py=${1:-}
args=(--tsr target/release/tsr --rounds "${2:-3}")
[ -n "$py" ] && args+=(--torch-python "$py")
exec python3 benches/table.py "${args[@]}"
