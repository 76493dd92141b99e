"""A run launched outside `asw` (here `dagster job execute`, as the daemon launches one
in a process of its own) publishes and is recorded once: Dagster sets the warehouse
resource up again after the steps, and that set-up carries on with the run's state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import REPO


def test_a_dagster_launched_run_publishes_and_is_recorded_once(small_inbox, tmp_path):
    warehouse = tmp_path / "wh"
    (tmp_path / "home").mkdir()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "home"),
        "ASW_INBOX": str(small_inbox),
        "ASW_WAREHOUSE_DIR": str(warehouse),
    }
    dagster = str(Path(sys.executable).parent / "dagster")
    done = subprocess.run(
        [dagster, "job", "execute", "-m", "dagster_project.definitions", "-j", "nightly"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
    try:
        log = con.execute("select outcome, as_of from audit.run_log").fetchall()
        built_for = con.execute("select max(as_of) from marts.store_eligibility").fetchone()[0]
    finally:
        con.close()
    assert log == [("published", built_for)]
    (state_file,) = (warehouse / "runs").glob("*.json")
    state = json.loads(state_file.read_text(encoding="utf-8"))
    assert state["published"] and state["as_of"] == built_for.isoformat()
