#!/usr/bin/env bash
# Set up, then run the nightly job on generated sample exports (data/demo/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/asw demo "$@"
