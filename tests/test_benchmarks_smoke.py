"""A smoke run of the benchmarks: three stores instead of a thousand, one repeat.

The figures of BENCHMARKS.md come from full runs; this only proves that the harness
still generates, measures and writes its table from scratch.
"""

import json
import subprocess
import sys

from tests.conftest import REPO


def test_benchmark_harness_runs_end_to_end(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py")]
        + ["--workloads", "W200", "--stores", "3", "--repeat", "1", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for measure in ("scan floor", "full run", "nightly", "peer pandas", "peer duckdb_sql"):
        assert f"| W200-3 | {measure}" in done.stdout, done.stdout[-3000:]
    (result,) = (tmp_path / "results").glob("*.json")
    measured = json.loads(result.read_text())["W200-3"]
    assert len(measured["full"]) == len(measured["nightly"]) == 1
    assert all(step > 0 for step in measured["full_steps"][0].values())
    # Both peers answer the pipeline's question; they differ from it only where an export's
    # newer version of a line is a bad row (the pipeline keeps the older valid version).
    assert set(measured["peer_units"]) == {"pandas", "duckdb_sql"}
    assert measured["peer_units"]["pandas"] == measured["peer_units"]["duckdb_sql"]
    assert abs(measured["peer_units"]["pandas"] - measured["units_365d_on_as_of"]) <= max(
        10, measured["units_365d_on_as_of"] // 100
    )
