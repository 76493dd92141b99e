"""`asw run` on generated exports: ingest → dbt → audit → publish, with a summary that adds up."""

import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import PUBLISHED_MARTS, REPO, run_asw

MARTS = PUBLISHED_MARTS


def test_run_publishes_every_mart(nightly_run):
    assert nightly_run.exit_code == 0, nightly_run.output
    assert "published:" in nightly_run.output
    con = duckdb.connect(str(nightly_run.serving_db), read_only=True)
    try:
        tables = {
            (s, t)
            for s, t in con.execute(
                "select schema_name, table_name from duckdb_tables()"
            ).fetchall()
        }
        for mart in MARTS:
            assert ("marts", mart) in tables
        assert con.execute("select count(*) from marts.sales_volume_daily").fetchone()[0] > 0
        outcome = con.execute(
            "select outcome from audit.run_log order by started_at desc limit 1"
        ).fetchone()[0]
        assert outcome == "published"
    finally:
        con.close()


def test_summary_reconciles_rows(nightly_run):
    match = re.search(r"rows: (\d+) read = (\d+) loaded \+ (\d+) quarantined", nightly_run.output)
    assert match, nightly_run.output
    read, loaded, quarantined = map(int, match.groups())
    assert read == loaded + quarantined
    assert quarantined > 0  # the generator always writes some bad rows


def test_published_file_meets_the_contract(nightly_run):
    tool = REPO.parent / "shared" / "tools" / "check_contract.py"
    if not tool.exists():
        pytest.skip("the shared contract checker is not beside this checkout")
    # every group: the seller marts and the alert tables
    done = subprocess.run(
        [sys.executable, str(tool), str(nightly_run.serving_db), "--all"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every table and column checked is present" in done.stdout, done.stdout
    assert "[seller]" not in done.stdout and "[alerts]" not in done.stdout, done.stdout
    assert "pending" not in done.stdout, done.stdout


def test_second_run_on_the_same_inbox_changes_nothing(nightly_run, tmp_path):
    # The shared run stays as it is: the second run goes into a copy of its warehouse.
    warehouse = tmp_path / "warehouse"
    shutil.copytree(nightly_run.warehouse, warehouse)

    def snapshot():
        con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
        try:
            return {
                mart: con.execute(
                    f"select count(*), hash(string_agg(t::varchar, '|' order by t::varchar)) "
                    f"from marts.{mart} t"
                ).fetchone()
                for mart in MARTS
            }
        finally:
            con.close()

    def run_log():
        con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
        try:
            return con.execute(
                "select run_id, as_of, outcome, failing_checks, note from audit.run_log "
                "order by started_at"
            ).fetchall()
        finally:
            con.close()

    before = snapshot()
    (first,) = run_log()
    code, output = run_asw(nightly_run.inbox, warehouse)
    assert code == 0, output
    assert "files: 0 loaded" in output
    assert snapshot() == before
    # Nothing new and nothing else changed: no build, no audit, the marts left as they are,
    # and the run log says why.
    assert "nothing rebuilt: no new file" in output, output
    assert "dbt tests:" not in output and "expectations:" not in output, output
    assert "dbt_build" in output and "great_expectations_audit" not in output, output
    earlier, latest = run_log()
    assert earlier == first
    assert latest[1:4] == (first[1], "published", None)
    assert latest[4].startswith("nothing rebuilt: no new file") and first[0] in latest[4]
