#!/usr/bin/env bash
# Set up (Python packages and the Debian packages the browser test needs), then run every test,
# in parallel (tests/README.md says how a test stays safe there).
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
# A Chinese font, so the report's screenshots in test-artifacts/ show Chinese text, not boxes.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian package fonts-wqy-microhei for the report's screenshots"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "no Chinese font: the report's screenshots will show boxes ('sudo apt-get install fonts-wqy-microhei')" >&2
  fi
fi
# The Spark engine too, so that CI runs tests/spark (marker `spark`).
ASW_WITH_SPARK=1 bash scripts/setup.sh
export DO_NOT_TRACK=1 GX_ANALYTICS_ENABLED=false DBT_SEND_ANONYMOUS_USAGE_STATS=false
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The dbt project's SQL ([tool.sqlfluff] in pyproject.toml; dbt_models/README.md, SQL style).
.venv/bin/sqlfluff lint dbt_models/models dbt_models/macros
# One pytest-xdist worker per core (ASW_TEST_WORKERS=N to choose, 0 for a single process; a
# later -n in the arguments wins too). loadscope hands out whole modules, so module fixtures
# are set up once; the order is tests/conftest.py's, slowest first by tests/durations.json
# (hence no reorder). Not loadgroup: with pytest 9.2, pytest-xdist 3.8 cannot tag the tests
# of an xdist_group, which then spread over the workers like unmarked ones.
workers=${ASW_TEST_WORKERS:-$(nproc)}
status=0
.venv/bin/python -m pytest -n "$workers" --dist loadscope --no-loadscope-reorder "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no test: that is a failure" >&2
  exit 1
fi
exit "$status"
