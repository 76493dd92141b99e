#!/usr/bin/env bash
# Reproduce BENCHMARKS.md from scratch: generate W400, W200 and W10k (cached in data/bench/;
# W10k alone is about 6 GB, and as much again of scratch space while its nightly files are
# generated), then measure them and the demo. Takes hours on 2 cores; `--repeat 1` for a
# quicker look, `--workloads W400,W200,tiny` without W10k.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python benchmarks/bench.py "$@"
