"""A smoke run of the benchmarks: three stores instead of thousands, one repeat.

The figures of BENCHMARKS.md come from full runs; this only proves that the harness
still generates, measures and writes its table from scratch.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


# Several `asw run`s: on a busy two-core machine more than the suite's 900 s per test.
@pytest.mark.timeout(1500)
def test_benchmark_harness_runs_end_to_end(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py")]
        + ["--workloads", "W200", "--stores", "3", "--repeat", "1", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1440,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for measure in ("scan floor", "full run", "nightly", "no new file", "peer pandas"):
        assert f"| W200-3 | {measure}" in done.stdout, done.stdout[-3000:]
    assert "| W200-3 | peer duckdb_sql" in done.stdout
    # Every target is judged, or said not to be measured (no W400, W10k or demo here).
    assert "| W200 full run ÷ the pandas peer < 1 | " in done.stdout
    assert "| the demo end to end ≤ 20 s | not measured | |" in done.stdout
    (result,) = (tmp_path / "results").glob("*.json")
    results = json.loads(result.read_text())
    measured = results["W200-3"]
    assert len(measured["full"]) == len(measured["nightly"]) == len(measured["quiet"]) == 1
    assert all(step > 0 for step in measured["full_steps"][0].values())
    # Both peers answer the pipeline's question; they differ from it only where an export's
    # newer version of a line is a bad row (the pipeline keeps the older valid version).
    assert set(measured["peer_units"]) == {"pandas", "duckdb_sql"}
    assert measured["peer_units"]["pandas"] == measured["peer_units"]["duckdb_sql"]
    assert abs(measured["peer_units"]["pandas"] - measured["units_365d_on_as_of"]) <= max(
        10, measured["units_365d_on_as_of"] // 100
    )
