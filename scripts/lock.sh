#!/usr/bin/env bash
# Re-resolve requirements.lock from pyproject.toml: a deliberate step, committed on its own.
# Set-up installs exactly what the lock pins, so every machine gets the versions the suite ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m uv pip compile pyproject.toml --extra dev --universal --generate-hashes \
  --no-emit-index-url --quiet -o requirements.lock "$@"
echo "requirements.lock: $(grep -c '^[A-Za-z0-9].*==' requirements.lock) packages pinned"
# The Spark engine's set (extra `spark`): the lock above plus dbt-spark and pyspark, the
# shared packages held at the versions just pinned, so both sets run the same code.
.venv/bin/python -m uv pip compile pyproject.toml --extra dev --extra spark --universal \
  --generate-hashes --no-emit-index-url --quiet -c requirements.lock -o requirements-spark.lock
echo "requirements-spark.lock: $(grep -c '^[A-Za-z0-9].*==' requirements-spark.lock) packages pinned"
