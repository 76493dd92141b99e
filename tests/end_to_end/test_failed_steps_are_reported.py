"""A step that fails says why, the summary still follows, the run is `failed` in
audit.run_log, and the run leaves no write-ahead log or held lock behind."""

import os
import shutil
import subprocess
import sys

import duckdb

from dagster_project.lock import RunLock
from tests.conftest import REPO, run_asw


def _run_log(serving) -> list[tuple]:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute(
            "select outcome, failing_checks from audit.run_log order by started_at"
        ).fetchall()
    finally:
        con.close()


def _alerts(serving) -> list[tuple]:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute("select store_id, code, state from audit.alerts").fetchall()
    finally:
        con.close()


def _assert_left_clean(warehouse) -> None:
    assert not list(warehouse.glob("*.wal"))
    assert not list(warehouse.glob(".serving-*"))
    assert (warehouse / "run.lock").read_text(encoding="utf-8") == ""
    lock = RunLock(warehouse / "run.lock")
    lock.acquire("next")  # free
    lock.release()


def test_ingest_into_a_damaged_working_database(small_inbox, tmp_path):
    warehouse = tmp_path / "wh"
    warehouse.mkdir()
    (warehouse / "warehouse.duckdb").write_bytes(b"this is not a database" * 100)

    code, output = run_asw(small_inbox, warehouse)

    assert code == 1
    assert "Traceback" not in output
    assert "asw run: FAILED: " in output
    assert "not a valid DuckDB database file" in output
    assert "summary:" in output and "NOT published" in output
    log = _run_log(warehouse / "serving.duckdb")
    assert [outcome for outcome, _ in log] == ["failed"]
    assert "not a valid DuckDB database file" in log[0][1]
    # raised by the failed run itself, even without a working database
    assert _alerts(warehouse / "serving.duckdb") == [(None, "run_failed", "raised")]
    _assert_left_clean(warehouse)


def test_a_dbt_model_that_fails_to_build(small_inbox, tmp_path):
    project = tmp_path / "dbt_models"
    shutil.copytree(REPO / "dbt_models", project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "intermediate" / "int_as_of.sql"
    # Compiles, then fails in DuckDB while the build runs.
    model.write_text(
        "select cast('not a day' as date) as as_of\n"
        "from {{ ref('int_order_lines_latest') }} limit 1\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "wh"
    done = subprocess.run(
        [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(small_inbox)]
        + ["--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "ASW_DBT_PROJECT_DIR": str(project)},
        timeout=900,
    )
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "Traceback" not in out + done.stderr
    failed_line = next(line for line in out.splitlines() if line.startswith("asw run: FAILED: "))
    assert "dbt model int_as_of: Conversion Error" in failed_line, out
    assert "not a day" in failed_line
    assert "summary:" in out and "NOT published" in out
    log = _run_log(warehouse / "serving.duckdb")
    assert [outcome for outcome, _ in log] == ["failed"]
    assert "dbt_build" in log[0][1]
    # a crash inside a step: the run raises run_failed and puts it in the outbox
    assert _alerts(warehouse / "serving.duckdb") == [(None, "run_failed", "raised")]
    assert '"code": "run_failed"' in (warehouse / "outbox" / "alerts.jsonl").read_text("utf-8")
    _assert_left_clean(warehouse)
