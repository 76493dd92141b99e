#!/usr/bin/env bash
# Set up (Python packages and the Debian packages the browser test needs), then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages chromium and chromium-driver for the UI test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "chromium is missing and this is not root: run 'sudo apt-get install chromium chromium-driver'" >&2
    exit 1
  fi
fi
# The Spark engine too, so that CI runs tests/spark (marker `spark`).
ASW_WITH_SPARK=1 bash scripts/setup.sh
export DO_NOT_TRACK=1 GX_ANALYTICS_ENABLED=false DBT_SEND_ANONYMOUS_USAGE_STATS=false
.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no test: that is a failure" >&2
  exit 1
fi
exit "$status"
