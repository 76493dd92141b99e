"""A run killed with kill -9 cannot record itself: the next run records it in
audit.run_log as `interrupted`, with its start time, before it starts."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime

import duckdb

from dagster_project.lock import RunLock
from tests.conftest import REPO, run_asw


def _start_run(inbox, warehouse) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(inbox)]
        + ["--warehouse", str(warehouse)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group, so dbt dies with it, as on a machine that loses power.
        start_new_session=True,
    )


def test_a_run_killed_during_dbt_is_recorded_by_the_next_run(small_inbox, tmp_path):
    warehouse = tmp_path / "wh"
    run = _start_run(small_inbox, warehouse)
    seen = []
    try:
        for line in run.stdout:
            seen.append(line)
            if line.startswith("dbt build:"):
                break
        else:
            raise AssertionError("the run ended before dbt started:\n" + "".join(seen))
        time.sleep(3)  # dbt is writing the working database now
        holder = json.loads((warehouse / "run.lock").read_text(encoding="utf-8"))
        assert holder["pid"] == run.pid
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        run.wait(timeout=60)
        run.stdout.close()
    assert run.returncode == -signal.SIGKILL

    code, output = run_asw(small_inbox, warehouse)
    assert code == 0, output
    started = datetime.fromisoformat(holder["started_at"]).strftime("%Y-%m-%d %H:%M:%S")
    assert f"the run started at {started} (pid {run.pid}) was interrupted" in output
    assert "recorded in audit.run_log" in output

    con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select run_id, started_at, finished_at, outcome, failing_checks "
            "from audit.run_log order by started_at"
        ).fetchall()
    finally:
        con.close()
    assert [r[3] for r in rows] == ["interrupted", "published"]
    run_id, started_at, finished_at, _, why = rows[0]
    assert run_id == holder["run_id"]
    assert started_at == datetime.fromisoformat(holder["started_at"])
    assert finished_at is None
    assert f"pid {run.pid}" in why

    # Recorded once: a later run finds the lock released cleanly and adds no second row.
    assert (warehouse / "run.lock").read_text(encoding="utf-8") == ""
    lock = RunLock(warehouse / "run.lock")
    lock.acquire("check")
    assert lock.interrupted is None
    lock.release()
    assert not list(warehouse.glob("*.wal"))
    assert not list(warehouse.glob(".serving-*"))
