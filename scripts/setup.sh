#!/usr/bin/env bash
# Create or refresh .venv with exactly the versions requirements.lock pins (dev extras included),
# then this project itself, editable. `bash scripts/lock.sh` re-resolves the lock.
# `ASW_WITH_SPARK=1 bash scripts/setup.sh` (or `bash scripts/setup.sh --spark`) adds the Spark
# engine (docs/SPARK.md): requirements-spark.lock's dbt-spark and pyspark, and Java 17 from
# Debian when no java is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
with_spark=${ASW_WITH_SPARK:-0}
for arg in "$@"; do
  [ "$arg" = "--spark" ] && with_spark=1
done
lock=requirements.lock
if [ "$with_spark" = 1 ]; then
  lock=requirements-spark.lock
  if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      echo "installing Debian's openjdk-17-jre-headless for Spark"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    else
      echo "Spark needs Java 17 and this is not root: run 'sudo apt-get install openjdk-17-jre-headless'" >&2
      exit 1
    fi
  fi
fi
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip uv
uv=(.venv/bin/python -m uv pip install --quiet --compile-bytecode -p .venv/bin/python)
"${uv[@]}" --require-hashes -r "$lock"
"${uv[@]}" --no-deps -e .
# The dbt manifest the Dagster definitions read, parsed now rather than when they load
# (dagster_project/dbt_project.py); a wheel built after this step carries it.
DO_NOT_TRACK=1 DBT_SEND_ANONYMOUS_USAGE_STATS=false .venv/bin/python -m dagster_project.dbt_project
# Bytecode written now, not at first import: with PYTHONDONTWRITEBYTECODE set (common in
# containers) every run would otherwise compile dagster, dbt and GE from source (~6 s).
.venv/bin/python -m compileall -q dagster_project expectations > /dev/null
# Data Docs load Bootstrap, jQuery, Font Awesome etc.; take GE's exact versions from the npm
# registry once, here, so the pages render with no network (expectations/docs_assets.py).
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's npm to fetch the Data Docs assets"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
if command -v npm >/dev/null 2>&1; then
  .venv/bin/python -m expectations.docs_assets
  # The seller report's charts (ECharts), the same way (dagster_project/report/assets.py).
  .venv/bin/python -m dagster_project.report.assets
else
  echo "npm not found: Data Docs will render unstyled and the seller report without charts offline (install Node.js's npm and rerun)" >&2
fi
