"""Builds the hand-computed fixture into a fresh DuckDB file with the real `dbt build`.

The raw tables are created with the contract catalogue's DDL (dagster_project/contract,
as docs/ARCHITECTURE.md lists them) and filled with plain SQL, so these tests check the
dbt project alone, independent of the ingest code.
dbt runs as few times as possible: one session-wide build of the fixture, and one
more on a copy of the project whose status map knows the unknown statuses, which
also leaves as_of to its default (neither change touches what the other checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import marts_fixture as fx
import pytest

from dagster_project.contract import KINDS, raw_schema_sql
from tests.built_once import built_once

REPO = Path(__file__).resolve().parents[2]
DBT_PROJECT = REPO / "dbt_models"
DBT = Path(sys.executable).parent / "dbt"

# The columns a fixture file's log row gives (modified_ns stays NULL, as in a warehouse
# built before it existed).
LOG_COLUMNS = (
    "(ingest_id, file, kind, store_id, snapshot_at, content_hash, size_bytes, rows_read, "
    "rows_loaded, rows_quarantined, loaded_at, status, error)"
)
ORDER_COLUMNS = (
    "order_id",
    "sku",
    "category",
    "quantity",
    "order_time",
    "paid_at",
    "amount",
    "status",
    "online_at",
    "delivered_at",
)


def _rows_by_file():
    """(file entry, business-column rows) for every raw table."""
    files = {entry[0]: entry for entry in fx.FILES}
    tables: dict[str, list[tuple]] = {kind: [] for kind in KINDS}

    def lineage(ingest_id, line):
        _, store_id, _, source_file, snapshot_at = files[ingest_id]
        return (store_id, source_file, source_file.rsplit("/", 1)[1], ingest_id, line, snapshot_at)

    for ingest_id, lines in fx.ORDERS_BY_INGEST.items():
        for line, row in enumerate(lines, start=1):
            business = (
                row["order_id"],
                row["sku"],
                None,
                row["category"],
                row["quantity"],
                row["order_time"],
                row["paid_at"],
                row["amount"],
                row.get("currency", "USD"),
                row["status"],
                None,
                row["online_at"],
                row["delivered_at"],
            )
            tables["orders"].append(lineage(ingest_id, line) + business)
    for ingest_id in sorted({r[0] for r in fx.LISTINGS}):
        rows = [r for r in fx.LISTINGS if r[0] == ingest_id]
        for line, (_, sku, category, listed, delisted) in enumerate(rows, start=1):
            tables["listings"].append(
                lineage(ingest_id, line) + (sku, None, category, listed, delisted)
            )
    for kind, by_ingest in (("dsr", fx.DSR), ("traffic", fx.TRAFFIC)):
        for ingest_id, rows in by_ingest.items():
            for line, row in enumerate(rows, start=1):
                tables[kind].append(lineage(ingest_id, line) + row)
    for line, row in enumerate(fx.REVIEWS, start=1):
        tables["reviews"].append(lineage(7, line) + row)
    for ingest_id, rows in fx.REVIEWS_BY_INGEST.items():
        for line, row in enumerate(rows, start=1):
            tables["reviews"].append(lineage(ingest_id, line) + row)
    for ingest_id, name, opened, main_category in fx.STORES:
        tables["store"].append(lineage(ingest_id, 1) + (name, opened, main_category))
    return tables


def create_raw_database(path: Path) -> None:
    """A working database holding only the raw schema, as ingest would leave it."""
    tables = _rows_by_file()
    con = duckdb.connect(str(path))
    try:
        for statement in raw_schema_sql():
            con.execute(statement)
        for kind in KINDS:
            rows = tables[kind]
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                con.executemany(f"insert into raw.{kind} values ({marks})", rows)
        for ingest_id, store_id, kind, source_file, snapshot_at in fx.FILES:
            count = sum(1 for row in tables.get(kind, []) if row[3] == ingest_id)
            quarantined = sum(1 for q in fx.RAW_QUARANTINE if q[5] == ingest_id)
            con.execute(
                f"insert into raw.ingest_log {LOG_COLUMNS} values (?, ?, ?, ?, ?, ?, 100, ?, ?, ?, "
                "timestamp '2025-07-01 03:00:00' + to_seconds(?), 'loaded', null)",
                [
                    ingest_id,
                    source_file,
                    kind,
                    store_id,
                    snapshot_at,
                    f"{ingest_id:064x}",
                    count + quarantined,
                    count,
                    quarantined,
                    ingest_id,
                ],
            )
        for ingest_id, store_id, kind, source_file, snapshot_at in fx.FAILED_FILES:
            con.execute(
                f"insert into raw.ingest_log {LOG_COLUMNS} values (?, ?, ?, ?, ?, ?, 100, 0, 0, 0, "
                "timestamp '2025-07-01 03:00:00' + to_seconds(?), 'error', 'no required header')",
                [
                    ingest_id,
                    source_file,
                    kind,
                    store_id,
                    snapshot_at,
                    f"{ingest_id:064x}",
                    ingest_id,
                ],
            )
        for line, store_id, client_id, lang, error in fx.CLIENTS:
            con.execute(
                "insert into raw.clients values ('clients.csv', ?, ?, ?, null, null, ?, ?)",
                [line, store_id, client_id, lang, error],
            )
        for store_id, kind, file, line, reason, ingest_id in fx.RAW_QUARANTINE:
            con.execute(
                "insert into raw.quarantine values (?, ?, ?, ?, ?, ?, 12, ?, ?)",
                [store_id, kind, file, line, reason, "o-bad,A-TEE,x", "ab" * 32, ingest_id],
            )
    finally:
        con.close()


@dataclass
class Build:
    """A fixture database after `dbt build`, and how the build went."""

    db: Path
    returncode: int
    failed_nodes: list[str]
    log_tail: str

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def one(self, sql: str, params: list | None = None):
        rows = self.query(sql, params)
        assert len(rows) == 1, f"expected one row, got {rows}"
        return rows[0]


def _dbt(
    args: list[str], project: Path, db: Path, work: Path, as_of: str
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        ASW_DUCKDB_PATH=str(db),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    command = [
        str(DBT),
        *args,
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--vars",
        json.dumps({"as_of": as_of}),
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def build_fixture(project: Path, work: Path, as_of: str = fx.AS_OF) -> Build:
    """Fresh raw database + `dbt build`.

    A failing dbt test skips the models downstream of it; the fixture is valid
    data, so such a failure is itself a finding (see test_dbt_build_passes) and
    the models are then built with `dbt run` so the mart checks still report.
    """
    work.mkdir(parents=True, exist_ok=True)
    db = work / "warehouse.duckdb"
    create_raw_database(db)
    result = _dbt(["build"], project, db, work, as_of)
    failed: list[str] = []
    results_file = work / "target" / "run_results.json"
    if results_file.exists():
        for node in json.loads(results_file.read_text())["results"]:
            if node["status"] in ("error", "fail"):
                failed.append(f"{node['unique_id']}: {node['status']}: {node.get('message')}")
    tail = (result.stdout + result.stderr)[-4000:]
    if result.returncode != 0:
        rerun = _dbt(["run"], project, db, work, as_of)
        if rerun.returncode != 0:
            tail += "\n--- dbt run ---\n" + (rerun.stdout + rerun.stderr)[-4000:]
    return Build(db, result.returncode, failed, tail)


def _built_once(tmp_path_factory, name: str, build) -> Build:
    """`build(folder)` once per session across workers; the Build, its database shared
    read-only (a test that writes copies `db` first)."""

    def build_and_record(folder: Path) -> None:
        done = build(folder)
        record = {"returncode": done.returncode, "failed_nodes": done.failed_nodes}
        record |= {"log_tail": done.log_tail, "db": str(done.db)}
        (folder / "build.json").write_text(json.dumps(record), encoding="utf-8")

    folder = built_once(tmp_path_factory, name, build_and_record)
    record = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    return Build(Path(record.pop("db")), **record)


@pytest.fixture(scope="session")
def marts(tmp_path_factory) -> Build:
    """The fixture built with the project as it is in the repository."""
    return _built_once(tmp_path_factory, "marts", lambda folder: build_fixture(DBT_PROJECT, folder))


@pytest.fixture(scope="session")
def marts_statuses_added(tmp_path_factory) -> Build:
    """The same fixture built with a copy of the project whose status map knows
    'awaiting pickup' (as completed, written in another case than the export) and
    '待揽收' (in progress), whose fx_rates has a rate for AED in 2025-06 (0.25: s7's
    held June lines come back, its May line stays held), and with the dbt var as_of empty
    (the latest order day)."""
    return _built_once(tmp_path_factory, "marts_statuses_added", _build_statuses_added)


def _build_statuses_added(work: Path) -> Build:
    project = work / "dbt_models"
    shutil.copytree(
        DBT_PROJECT,
        project,
        ignore=shutil.ignore_patterns("target", "logs", "*.duckdb"),
    )
    seed = project / "seeds" / "status_map.csv"
    text = seed.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    seed.write_text(text + "awaiting pickup,completed,\n待揽收,in_progress,\n", encoding="utf-8")
    rates = project / "seeds" / "fx_rates.csv"
    rates.write_text(rates.read_text(encoding="utf-8") + "AED,2025-06-01,0.25\n", encoding="utf-8")
    return build_fixture(project, work, as_of="")
