"""Two `asw run` at once on one warehouse: one runs, the other stops with a clear message."""

import json
import subprocess
import sys
import time

import duckdb


def test_second_run_is_turned_away_while_the_first_writes(small_inbox, tmp_path):
    warehouse = tmp_path / "wh"
    command = [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(small_inbox)]
    command += ["--warehouse", str(warehouse)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lock = warehouse / "run.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip():
            break
        time.sleep(0.05)
    holder = json.loads(lock.read_text())
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    first_out, _ = first.communicate(timeout=600)

    assert first.returncode == 0, first_out
    assert second.returncode != 0
    assert "another run started at" in second.stdout
    assert f"pid {holder['pid']}" in second.stdout and "is still writing" in second.stdout

    con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
    try:
        outcomes = con.execute("select outcome from audit.run_log").fetchall()
        assert outcomes == [("published",)]
    finally:
        con.close()
