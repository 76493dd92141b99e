"""A smoke run of the many-small-files workload: three stores instead of 10,000, one repeat.

Its own module, so that it can run on another worker than the W200 smoke run; together they
would exceed the time one test may take.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


# Several `asw run`s: on a busy two-core machine more than the suite's 900 s per test.
@pytest.mark.timeout(1500)
def test_benchmark_harness_runs_the_many_small_files_workload(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py")]
        + ["--workloads", "W10k", "--stores", "3", "--repeat", "1", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1440,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for measure in ("scan floor", "full run", "nightly"):
        assert f"| W10k-3 | {measure}" in done.stdout, done.stdout[-3000:]
    # No peers and no night without new files on this workload: their targets are judged
    # on W200 and W400.
    assert "| W10k-3 | peer" not in done.stdout
    assert "| W10k-3 | no new file" not in done.stdout
    assert "| W10k full run ÷ its scan floor ≤ 5 × | " in done.stdout
    assert "| W10k nightly ÷ its full run ≤ 0.25 × | " in done.stdout
    assert "| W400 full run ÷ its scan floor ≤ 4 × (stretch 3 ×) | not measured | |" in (
        done.stdout
    )
    (result,) = (tmp_path / "results").glob("*.json")
    measured = json.loads(result.read_text())["W10k-3"]
    assert measured["workload"] == "W10k"
    assert len(measured["full"]) == len(measured["nightly"]) == 1
    assert measured["quiet"] == [] and measured["files"] > 0
    # The night's inbox gained only order exports: one per store.
    nightly = tmp_path / "W10k-3" / "nightly"
    new = [p for p in nightly.rglob("*") if p.is_file() and p.name != ".complete"]
    assert len(new) == 3 and all(p.parent.name == "orders" for p in new)
