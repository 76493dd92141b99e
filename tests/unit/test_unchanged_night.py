"""What makes a night rebuild: the fingerprint of everything the marts are built from.

`asw run` on an unchanged inbox skips the build (tests/end_to_end/test_nightly_run.py);
here, each thing that may change the marts changes the fingerprint, and the record of the
last publish is private, read back, and forgotten.
"""

import shutil
import stat
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dagster_project.ingest import ensure_raw_schema
from dagster_project.runs import unchanged
from dagster_project.settings import Settings
from tests.conftest import REPO


@pytest.fixture
def working(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    ensure_raw_schema(con)
    yield con
    con.close()


def _settings(tmp_path: Path, **changes) -> Settings:
    (tmp_path / "inbox").mkdir(exist_ok=True)
    base = {"inbox": tmp_path / "inbox", "warehouse_dir": tmp_path / "wh"}
    return Settings(**{**base, **changes})


def test_each_input_of_the_build_changes_the_fingerprint(tmp_path, working, monkeypatch):
    settings = _settings(tmp_path)
    first = unchanged.fingerprint(settings, working)
    assert unchanged.fingerprint(settings, working) == first

    assert unchanged.fingerprint(_settings(tmp_path, as_of=date(2026, 10, 1)), working) != first
    assert unchanged.fingerprint(_settings(tmp_path, engine="spark"), working) != first

    clients = tmp_path / "inbox" / "clients.csv"
    clients.write_text("store_id,client_id\ns1,c1\n", encoding="utf-8")
    with_clients = unchanged.fingerprint(settings, working)
    clients.write_text("store_id,client_id\ns1,c2\n", encoding="utf-8")
    assert len({first, with_clients, unchanged.fingerprint(settings, working)}) == 3
    clients.unlink()

    # a new file loaded (or refused: every attempt is a row of the ingest log)
    working.execute(
        "insert into raw.ingest_log (ingest_id, file, kind, store_id, status) "
        "values (1, 's1/orders/a.csv', 'orders', 's1', 'loaded')"
    )
    loaded = unchanged.fingerprint(settings, working)
    assert loaded != first

    # a seller's copy of the dbt project with one threshold edited
    project = tmp_path / "dbt_models"
    shutil.copytree(REPO / "dbt_models", project, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setenv("ASW_DBT_PROJECT_DIR", str(project))
    assert unchanged.fingerprint(settings, working) == loaded  # the same files elsewhere
    seed = project / "seeds" / "platform_thresholds.csv"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert unchanged.fingerprint(settings, working) != loaded


def test_the_last_publish_is_remembered_privately_and_forgotten(tmp_path):
    settings = _settings(tmp_path)
    settings.warehouse_dir.mkdir()
    assert unchanged.unchanged_since(settings, "abc") is None
    unchanged.remember(settings, "run-1", "abc", date(2026, 10, 31))
    record = settings.warehouse_dir / unchanged.FINGERPRINT_FILE
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    # no published file: nothing to leave as it is
    assert unchanged.unchanged_since(settings, "abc") is None
    settings.serving_db.write_bytes(b"")
    last = unchanged.unchanged_since(settings, "abc")
    assert last["run_id"] == "run-1" and last["as_of"] == "2026-10-31"
    assert unchanged.unchanged_since(settings, "abd") is None
    assert unchanged.reason(last).startswith("nothing rebuilt: no new file")
    unchanged.forget(settings)
    assert unchanged.unchanged_since(settings, "abc") is None
    # a run that took no fingerprint (a subset from the UI) leaves nothing to skip on
    unchanged.remember(settings, "run-2", "", None)
    assert not record.exists()
