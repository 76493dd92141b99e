#!/usr/bin/env bash
# Reproduce BENCHMARKS.md from scratch: generate W400/W200 (cached in data/bench/), then measure.
# Takes about an hour on 2 cores; `--repeat 1` for a quicker look.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python benchmarks/bench.py "$@"
