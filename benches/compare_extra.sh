#!/usr/bin/env bash
# Runs the workloads in benches/workloads (which ../shared/bench/compare does not look at)
# through ../shared/bench/compare, by pointing it at a temporary copy of itself whose
# workloads/ folder holds ours. Usage (from the checkout):
#   benches/compare_extra.sh --tsr target/release/tsr [--torch-python /path/to/python] [--rounds N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${SHARED_BENCH:-$here/../../shared/bench}"
[ -f "$shared/compare" ] || shared="$here/../../../shared/bench"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$shared/compare" "$tmp/compare"
mkdir "$tmp/workloads"
cp "$here"/workloads/*.py "$tmp/workloads/"
python3 "$tmp/compare" "$@"
