"""publish(): the last step of the nightly run, for passed and failed audits alike."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from dagster_project.alerts.evaluate import record_alerts
from dagster_project.publish.audit_tables import (
    COLUMN_COMMENTS,
    COMMENTS,
    append_run,
    ensure_run_log,
    failing_checks_of,
    record_run,
)
from dagster_project.publish.records import CheckRow, PublishResult, RunRecord
from dagster_project.publish.serving_file import (
    STORAGE_VERSION,
    copy_schema_tables,
    quote_text,
    remove_leftovers,
    scratch_connection,
    swap_in,
    tables_in,
    temp_path,
    write_alert_tables,
    write_audit_schema,
)

WORKING_DB = "warehouse.duckdb"
SERVING_DB = "serving.duckdb"
# Catalog names inside the publishing connection.
WORKING, PREVIOUS, NEW = "working", "previous", "new_serving"


def publish(
    warehouse_dir: Path, run: RunRecord, checks: list[CheckRow], passed: bool
) -> PublishResult:
    """Record the run and replace serving.duckdb atomically.

    Passed: the new file holds every table of the working database's `marts` schema and the
    `audit` schema. Failed: it holds the marts of the previous serving.duckdb unchanged (none
    if no run ever passed) and the updated `audit` schema. The run is appended to
    audit.run_log in the working database and in the published file, after the history the
    previous published file carries. Must run while no other connection writes the working
    database (the nightly job holds the run lock).
    """
    started = time.perf_counter()
    folder = Path(warehouse_dir)
    folder.mkdir(parents=True, exist_ok=True)
    serving = folder / SERVING_DB
    outcome = "published" if passed else "failed"
    failing = run.failing_checks
    if failing is None and not passed:
        failing = failing_checks_of(checks) or "audit failed"

    remove_leftovers(folder)
    temp = temp_path(folder)
    con = scratch_connection()
    try:
        try:
            con.execute(f"attach {quote_text(str(folder / WORKING_DB))} as {WORKING}")
        except duckdb.Error:
            if passed:
                raise
            # A failed run whose working database cannot be opened (damaged, or the disk
            # full) is still recorded: the new file carries the last published history.
            con.execute(f"attach ':memory:' as {WORKING}")
        previous = None
        if serving.exists():
            con.execute(f"attach {quote_text(str(serving))} as {PREVIOUS} (read_only)")
            previous = PREVIOUS
        record_run(con, WORKING, run, outcome, failing, checks, previous)
        # Before the new file: eligibility changes compare with the last published marts.
        alerts = record_alerts(con, WORKING, previous, run.run_id, passed)

        con.execute(
            f"attach {quote_text(str(temp))} as {NEW} (storage_version '{STORAGE_VERSION}')"
        )
        marts_source = WORKING if passed else previous
        if marts_source is not None and not tables_in(con, marts_source, "marts"):
            marts_source = None
        marts = copy_schema_tables(con, marts_source, NEW, "marts") if marts_source else ()
        write_audit_schema(con, WORKING, previous, NEW, run.run_id)
        run_log_rows = con.execute(f"select count(*) from {NEW}.audit.run_log").fetchone()[0]
        con.execute(f"detach {NEW}")
        if previous is not None:
            con.execute(f"detach {PREVIOUS}")
        con.execute(f"detach {WORKING}")
        con.close()
        swap_in(temp, serving)
    finally:
        con.close()
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".wal").unlink(missing_ok=True)

    return PublishResult(
        serving_path=serving,
        outcome=outcome,
        marts_source={WORKING: "working", PREVIOUS: "previous"}.get(marts_source or ""),
        marts_tables=marts,
        run_log_rows=run_log_rows,
        alerts=alerts,
        seconds=time.perf_counter() - started,
    )


def republish_deliveries(warehouse_dir: Path) -> None:
    """serving.duckdb again with the working database's audit.alert_deliveries, after the
    delivery step: a copy of the published file with that one table replaced, swapped in
    atomically like every publish (the file keeps its storage format)."""
    folder = Path(warehouse_dir)
    serving = folder / SERVING_DB
    if not serving.exists():
        return
    with _edited_copy(serving) as con:
        _write_alert_ledger(con, folder)


def _write_alert_ledger(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """audit.alerts and audit.alert_deliveries of the copy attached as NEW, replaced by the
    working database's."""
    con.execute(f"attach {quote_text(str(folder / WORKING_DB))} as {WORKING} (read_only)")
    con.execute(f"drop table if exists {NEW}.audit.alert_deliveries")
    con.execute(f"drop table if exists {NEW}.audit.alerts")
    write_alert_tables(con, WORKING, NEW)
    for table in ("alerts", "alert_deliveries"):
        con.execute(f"comment on table {NEW}.audit.{table} is {quote_text(COMMENTS[table])}")
        for column, comment in COLUMN_COMMENTS[table].items():
            con.execute(f"comment on column {NEW}.audit.{table}.{column} is {quote_text(comment)}")
    con.execute(f"detach {WORKING}")


def publish_unchanged(warehouse_dir: Path, clients_dir: Path, run: RunRecord) -> int:
    """Record a run that rebuilt nothing: its row into audit.run_log of the working database,
    of serving.duckdb and of every client file, whose marts and other tables stay as they
    are; serving.duckdb also gets the delivery ledger of this run's retries (one copy for
    both). Each file is copied, appended to and swapped in like every publish. Returns the
    number of files written.
    """
    folder = Path(warehouse_dir)
    con = duckdb.connect(str(folder / WORKING_DB))
    try:
        database = con.execute("select current_database()").fetchone()[0]
        record_run(con, database, run, "published", None, (), None)
    finally:
        con.close()
    files = [folder / SERVING_DB, *sorted(Path(clients_dir).glob(f"*/{SERVING_DB}"))]
    written = 0
    for published in files:
        if not published.exists():
            continue
        with _edited_copy(published) as edit:
            ensure_run_log(edit, NEW)
            note = COLUMN_COMMENTS["run_log"]["note"]
            edit.execute(f"comment on column {NEW}.audit.run_log.note is {quote_text(note)}")
            append_run(edit, NEW, run, "published", None)
            if published == files[0]:
                _write_alert_ledger(edit, folder)
        written += 1
    return written


@contextlib.contextmanager
def _edited_copy(published: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A copy of a published file, attached as NEW for the block to change, then flushed and
    swapped in over the original (readers keep the old one until they reopen)."""
    remove_leftovers(published.parent)
    temp = temp_path(published.parent)
    try:
        shutil.copyfile(published, temp)
        con = scratch_connection()
        try:
            con.execute(f"attach {quote_text(str(temp))} as {NEW}")
            yield con
            con.execute(f"checkpoint {NEW}")
            con.execute(f"detach {NEW}")
        finally:
            con.close()
        swap_in(temp, published)
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".wal").unlink(missing_ok=True)
