"""A threshold seed edited to an impossible rate: the audit fails, nothing new is published,
BI users still see the last good marts and the failed run in audit.run_log."""

import shutil
import subprocess
import sys

import duckdb

from tests.conftest import PUBLISHED_MARTS, REPO

MARTS = PUBLISHED_MARTS


def _asw_run(inbox, warehouse, project_dir=None):
    env = None
    if project_dir is not None:
        import os

        env = {**os.environ, "ASW_DBT_PROJECT_DIR": str(project_dir)}
    return subprocess.run(
        [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(inbox)]
        + ["--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def _marts(serving):
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return {m: con.execute(f"select * from marts.{m} order by all").fetchall() for m in MARTS}
    finally:
        con.close()


def test_impossible_rate_stops_publishing(nightly_run, small_inbox, tmp_path):
    # A warehouse after one good run: a copy of the shared nightly run's.
    assert nightly_run.exit_code == 0, nightly_run.output
    warehouse = tmp_path / "wh"
    shutil.copytree(nightly_run.warehouse, warehouse)
    before = _marts(warehouse / "serving.duckdb")

    project = tmp_path / "dbt_models"
    shutil.copytree(REPO / "dbt_models", project, ignore=shutil.ignore_patterns("target", "logs"))
    seed = project / "seeds" / "platform_thresholds.csv"
    lines = seed.read_text(encoding="utf-8").splitlines()
    edited = [
        line.replace(",0.982,", ",1.7,", 1)
        if line.startswith("logistics_online_target_rate,")
        else line
        for line in lines
    ]
    assert edited != lines
    seed.write_text("\n".join(edited) + "\n", encoding="utf-8")

    bad = _asw_run(small_inbox, warehouse, project)
    assert bad.returncode != 0
    assert "NOT published" in bad.stdout
    assert "logistics_online_target_rate" in bad.stdout  # the failing row is named
    assert _marts(warehouse / "serving.duckdb") == before

    con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
    try:
        log = con.execute(
            "select outcome, failing_checks from audit.run_log order by started_at"
        ).fetchall()
    finally:
        con.close()
    assert [row[0] for row in log] == ["published", "failed"]
    assert log[1][1]
