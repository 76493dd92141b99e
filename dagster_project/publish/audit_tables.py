"""The `audit` tables of both databases: the run log history and this run's check results.

The working database keeps the full run log and the check results of every run; the
published file gets the run log and the last run's check results.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from dagster_project.contract import KINDS
from dagster_project.publish.records import CheckRow, RunRecord

RUN_LOG_COLUMNS = """
    run_id varchar, started_at timestamp, finished_at timestamp, as_of date,
    outcome varchar, failing_checks varchar, note varchar
"""
CHECK_RESULTS_COLUMNS = """
    run_id varchar, check_name varchar, suite varchar, asset varchar, passed boolean,
    severity varchar, failing_rows bigint, detail varchar, sample varchar
"""
# Used only when neither the working database nor the last published file has these tables.
INGEST_LOG_COLUMNS = """
    ingest_id bigint, file varchar, kind varchar, store_id varchar, snapshot_at timestamp,
    content_hash varchar, size_bytes bigint, rows_read bigint, rows_loaded bigint,
    rows_quarantined bigint, loaded_at timestamp, status varchar, error varchar,
    modified_ns bigint
"""
QUARANTINE_COLUMNS = """
    store_id varchar, kind varchar, file varchar, line bigint, reason varchar, raw_line varchar
"""

COMMENTS = {
    "ingest_log": "One row per inbox file load (or failed load): hash, rows read/loaded/held.",
    "quarantine": "Rows that take part in no metric, with file, line and reason.",
    "check_results": "The last run's audit checks: which expectation failed on how many rows.",
    "alerts": (
        "Alert transitions of every run: a condition raised once while it holds, cleared "
        "when it stops; the open alerts are the latest row per (store_id, code) in state raised."
    ),
    "alert_deliveries": (
        "One row per alert and channel: attempts, when it was delivered, the last error; "
        "a row with delivered_at NULL is retried at the next run."
    ),
    "run_log": (
        "One row per nightly run, failed ones too: outcome `published`, `failed` or "
        "`interrupted` (the process died mid-run; finished_at is NULL). A published run "
        "with a note rebuilt nothing: the note says why."
    ),
}

# Column comments of the published audit tables, so a BI tool's schema browser explains them
# as it does the marts' (those come from the dbt ymls). Only columns a table has get one.
COLUMN_COMMENTS = {
    "ingest_log": {
        "ingest_id": "Sequence number of the load, in load order.",
        "file": "Inbox-relative path of the file (<store_id>/<kind>/<name>).",
        "kind": f"Export kind: {', '.join(KINDS[:-1])} or {KINDS[-1]}.",
        "store_id": "Store (inbox folder name).",
        "snapshot_at": "Snapshot time: the date in the file name at 00:00, else its "
        "modification time; the latest snapshot of a record wins.",
        "content_hash": "sha256 of the file's bytes; the same content is never loaded twice.",
        "size_bytes": "File size in bytes when it was read.",
        "rows_read": "Data rows read from the file (rows_read = rows_loaded + rows_quarantined).",
        "rows_loaded": "Rows loaded into raw (later held for an unknown status still count here).",
        "rows_quarantined": "Rows sent to audit.quarantine at ingest.",
        "loaded_at": "When the load happened (local time of the machine).",
        "status": "loaded, or error when the file could not be read at all.",
        "error": "One-line reason of a file that could not be read; NULL when loaded.",
        "modified_ns": "File modification time (ns) when read; with size_bytes it tells an "
        "unchanged file without reading it again.",
    },
    "quarantine": {
        "store_id": "Store (inbox folder name).",
        "kind": "Export kind.",
        "file": "Inbox-relative path of the file.",
        "line": "Record ordinal in the file, 1 = first data row.",
        "reason": "Reason code: missing_value:<column>, bad_integer:<column>, "
        "bad_decimal:<column>, bad_timestamp:<column>, bad_date:<column>, "
        "out_of_range:<column>, field_count_mismatch, unknown_status, ... (docs/inputs.md).",
        "raw_line": "Raw record text with personal data blanked; rebuilt from the typed "
        "columns for unknown_status; NULL on a field-count mismatch.",
        "field_count": "Number of fields in the record.",
        "line_hash": "sha256 of the record text.",
    },
    "check_results": {
        "run_id": "The run that made the check (audit.run_log.run_id).",
        "check_name": "Name of the dbt test or Great Expectations expectation.",
        "suite": "Great Expectations suite, or dbt for a dbt test.",
        "asset": "The table the check judged (schema.table).",
        "passed": "True when the check held.",
        "severity": "ERROR blocks the publish; WARN is reported only.",
        "failing_rows": "Rows of the judged table that broke the check.",
        "detail": "What was checked and, on a failure, the unexpected values.",
        "sample": "JSON array of up to five failing rows; NULL when the check passed.",
    },
    "alerts": {
        "alert_id": "Id of the alert row (md5 of run, store, code, state).",
        "run_id": "The run that raised or cleared it (audit.run_log.run_id).",
        "raised_at": "When the run recorded the row (local time of the machine).",
        "store_id": "Store; NULL for a run-level alert (run_failed).",
        "code": "Alert code of interface.md (run_failed, export_stale, overdue_orders, ...).",
        "severity": "critical, warning or info.",
        "state": "raised (the condition started to hold) or cleared (it stopped).",
        "metric_value": "The value that broke the rule; NULL on a cleared row.",
        "threshold": "The rule's threshold from the seeds.",
        "message_en": "What happened, in English.",
        "message_zh": "What happened, in Chinese.",
    },
    "alert_deliveries": {
        "alert_id": "The alert (audit.alerts.alert_id).",
        "channel": "outbox, webhook or email.",
        "target": "Where to, masked: a webhook's scheme and host, an e-mail's domain.",
        "attempts": "Delivery attempts so far.",
        "delivered_at": "When it was delivered; NULL while pending (retried at the next run).",
        "last_error": "One line: why the last attempt failed; NULL once delivered.",
    },
    "run_log": {
        "run_id": "Dagster run id.",
        "started_at": "When the run started (local time of the machine).",
        "finished_at": "When the run finished (local time of the machine).",
        "as_of": "Last day of the marts the run built.",
        "outcome": "published (the marts of this run are in this file) or failed.",
        "failing_checks": "Blocking checks that failed, as check_name (asset), comma-separated.",
        "note": "Why a published run rebuilt nothing (no new file and nothing else changed "
        "since the run named: the marts are that run's); NULL for a run that built.",
    },
}


def _wall_clock(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def check_rows(run_id: str, checks: Sequence[CheckRow]) -> list[tuple]:
    return [
        (
            run_id,
            c.check_name,
            c.suite,
            c.asset,
            bool(c.passed),
            c.severity,
            int(c.failing_rows),
            c.detail,
            json.dumps(c.sample, default=_json, ensure_ascii=False) if c.sample else None,
        )
        for c in checks
    ]


def failing_checks_of(checks: Sequence[CheckRow]) -> str | None:
    names = [
        f"{c.check_name} ({c.asset})" for c in checks if not c.passed and c.severity == "ERROR"
    ]
    return ", ".join(names) or None


def record_run(
    con: duckdb.DuckDBPyConnection,
    db: str,
    run: RunRecord,
    outcome: str,
    failing_checks: str | None,
    checks: Sequence[CheckRow],
    previous_db: str | None,
) -> None:
    """Add this run to `db`.audit.run_log (after the history found in the previous published
    file, so a rebuilt working database loses none) and its checks to audit.check_results."""
    con.execute(f"create schema if not exists {db}.audit")
    ensure_run_log(con, db)
    con.execute(f"create table if not exists {db}.audit.check_results ({CHECK_RESULTS_COLUMNS})")
    if previous_db is not None and has_table(con, previous_db, "audit", "run_log"):
        con.execute(
            f"""
            insert into {db}.audit.run_log by name
            select {run_log_fields(con, previous_db)}
            from {previous_db}.audit.run_log
            where run_id not in (select run_id from {db}.audit.run_log)
            """
        )
    append_run(con, db, run, outcome, failing_checks)
    con.execute(f"delete from {db}.audit.check_results where run_id = ?", [run.run_id])
    rows = check_rows(run.run_id, checks)
    if rows:
        con.executemany(
            f"insert into {db}.audit.check_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def append_run(
    con: duckdb.DuckDBPyConnection,
    db: str,
    run: RunRecord,
    outcome: str,
    failing_checks: str | None,
) -> None:
    """This run as the one row of its run_id in `db`.audit.run_log."""
    con.execute(f"delete from {db}.audit.run_log where run_id = ?", [run.run_id])
    con.execute(
        f"insert into {db}.audit.run_log values (?, ?, ?, ?, ?, ?, ?)",
        [
            run.run_id,
            _wall_clock(run.started_at),
            _wall_clock(run.finished_at),
            run.as_of,
            outcome,
            failing_checks,
            run.note,
        ],
    )


def ensure_run_log(con: duckdb.DuckDBPyConnection, db: str) -> None:
    """`db`.audit.run_log with every column; a log written before `note` existed gains it."""
    con.execute(f"create schema if not exists {db}.audit")
    con.execute(f"create table if not exists {db}.audit.run_log ({RUN_LOG_COLUMNS})")
    con.execute(f"alter table {db}.audit.run_log add column if not exists note varchar")


def run_log_fields(con: duckdb.DuckDBPyConnection, db: str) -> str:
    """The run log's columns as read from `db`, whose log may predate `note`."""
    has_note = con.execute(
        """
        select count(*) from information_schema.columns
        where table_catalog = ? and table_schema = 'audit' and table_name = 'run_log'
            and column_name = 'note'
        """,
        [db],
    ).fetchone()[0]
    fields = "run_id, started_at, finished_at, as_of, outcome, failing_checks"
    return fields + (", note" if has_note else ", null::varchar as note")


def has_table(con: duckdb.DuckDBPyConnection, db: str, schema: str, table: str) -> bool:
    return (
        con.execute(
            """
            select count(*) from information_schema.tables
            where table_catalog = ? and table_schema = ? and table_name = ?
            """,
            [db, schema, table],
        ).fetchone()[0]
        > 0
    )


def record_interrupted(
    con: duckdb.DuckDBPyConnection, db: str, run_id: str, started_at: datetime, note: str
) -> None:
    """A run that died holding the run lock, as `interrupted` in `db`.audit.run_log.

    Its finish time is unknown (NULL); the next publish carries the row into serving.duckdb.
    A run already in the log (it was recorded before it died) is left as it is.
    """
    ensure_run_log(con, db)
    con.execute(
        f"""
        insert into {db}.audit.run_log
        select ?, ?, null, null, 'interrupted', ?, null
        where not exists (select 1 from {db}.audit.run_log where run_id = ?)
        """,
        [run_id, _wall_clock(started_at), note, run_id],
    )


def record_failed_in_place(
    con: duckdb.DuckDBPyConnection, db: str, run_id: str, started_at: datetime, reason: str
) -> None:
    """A failed run into `db`.audit.run_log alone, when no new serving file can be written
    (a full disk): a one-row append, carried into serving.duckdb by the next publish."""
    ensure_run_log(con, db)
    con.execute(f"delete from {db}.audit.run_log where run_id = ?", [run_id])
    con.execute(
        f"insert into {db}.audit.run_log values (?, ?, ?, null, 'failed', ?, null)",
        [run_id, _wall_clock(started_at), _wall_clock(datetime.now()), reason],
    )
