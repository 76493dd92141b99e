"""Writing serving.duckdb: a whole new file beside the old one, swapped in with one rename.

Readers open serving.duckdb read-only at any moment. The file is never written in place: the
new version is built under a temporary name in the same folder (same file system, so the
rename is atomic), flushed to disk, then renamed over the old one. A reader that opened the
old file keeps reading it; the next one opens the new file.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from dagster_project.alerts.evaluate import ALERT_FIELDS, ALERTS_COLUMNS  # noqa: E402
from dagster_project.alerts.ledger import (  # noqa: E402
    PUBLISHED_DELIVERY_COLUMNS,
    PUBLISHED_DELIVERY_FIELDS,
)
from dagster_project.publish.audit_tables import (
    CHECK_RESULTS_COLUMNS,
    COLUMN_COMMENTS,
    COMMENTS,
    INGEST_LOG_COLUMNS,
    QUARANTINE_COLUMNS,
    RUN_LOG_COLUMNS,
    has_table,
    run_log_fields,
)
from dagster_project.settings import duckdb_memory_limit

# DuckDB 1.1.3, bundled by common BI drivers, reads storage format v1.0.0 but not newer ones.
STORAGE_VERSION = "v1.0.0"
TEMP_PREFIX = ".serving-"
TEMP_SUFFIX = ".tmp.duckdb"


def temp_path(folder: Path) -> Path:
    return folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}{TEMP_SUFFIX}"


def remove_leftovers(folder: Path) -> None:
    """Temporary files of a publish that crashed (the run lock means none is in progress)."""
    for path in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*"):
        path.unlink(missing_ok=True)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB to attach published files to, within the run's memory budget.

    Session settings, not connect-time config: in a process that already holds DuckDB
    instances, a global config option at connect time is refused.
    """
    con = duckdb.connect(":memory:")
    con.execute("set enable_progress_bar = false")
    con.execute(f"set memory_limit = {quote_text(duckdb_memory_limit())}")
    return con


def tables_in(con: duckdb.DuckDBPyConnection, db: str, schema: str) -> list[str]:
    """Tables and views of a schema (a view is published as a table of its rows)."""
    return [
        row[0]
        for row in con.execute(
            """
            select table_name from information_schema.tables
            where table_catalog = ? and table_schema = ?
            order by table_name
            """,
            [db, schema],
        ).fetchall()
    ]


def copy_schema_tables(
    con: duckdb.DuckDBPyConnection, source: str, target: str, schema: str
) -> tuple[str, ...]:
    """Copy every table of source.schema whole into target.schema, with its comments."""
    tables = tables_in(con, source, schema)
    con.execute(f"create schema if not exists {target}.{schema}")
    for table in tables:
        name = f"{schema}.{quote_ident(table)}"
        con.execute(f"create table {target}.{name} as select * from {source}.{name}")
    copy_comments(con, source, target, schema)
    return tuple(tables)


def copy_comments(
    con: duckdb.DuckDBPyConnection,
    source: str,
    target: str,
    schema: str,
    only: set[str] | None = None,
) -> None:
    """Table and column comments of source.schema onto the same tables of target (those in
    `only`, when given)."""
    table_comments = con.execute(
        """
        select table_name, comment from duckdb_tables()
        where database_name = ? and schema_name = ? and comment is not null
        union all
        select view_name, comment from duckdb_views()
        where database_name = ? and schema_name = ? and comment is not null
        """,
        [source, schema, source, schema],
    ).fetchall()
    for table, comment in table_comments:
        if only is not None and table not in only:
            continue
        con.execute(
            f"comment on table {target}.{schema}.{quote_ident(table)} is {quote_text(comment)}"
        )
    column_comments = con.execute(
        """
        select table_name, column_name, comment from duckdb_columns()
        where database_name = ? and schema_name = ? and comment is not null
        """,
        [source, schema],
    ).fetchall()
    for table, column, comment in column_comments:
        if only is not None and table not in only:
            continue
        con.execute(
            f"comment on column {target}.{schema}.{quote_ident(table)}.{quote_ident(column)} "
            f"is {quote_text(comment)}"
        )


def write_audit_schema(
    con: duckdb.DuckDBPyConnection, working: str, previous: str | None, target: str, run_id: str
) -> None:
    """audit.ingest_log, quarantine, check_results (this run) and run_log into target.

    A failed run may lack the ingest log or quarantine (the ingest or dbt stopped early): the
    last published ones are carried over then, and empty tables only when there are none.
    """
    con.execute(f"create schema if not exists {target}.audit")
    _copy_first(
        con,
        target,
        "ingest_log",
        [(working, "raw", "ingest_log"), (previous, "audit", "ingest_log")],
        INGEST_LOG_COLUMNS,
    )
    _copy_first(
        con,
        target,
        "quarantine",
        [(working, "audit", "quarantine"), (previous, "audit", "quarantine")],
        QUARANTINE_COLUMNS,
    )
    con.execute(f"create table {target}.audit.check_results ({CHECK_RESULTS_COLUMNS})")
    con.execute(
        f"insert into {target}.audit.check_results "
        f"select * from {working}.audit.check_results where run_id = ?",
        [run_id],
    )
    con.execute(f"create table {target}.audit.run_log ({RUN_LOG_COLUMNS})")
    con.execute(
        f"insert into {target}.audit.run_log by name "
        f"select {run_log_fields(con, working)} from {working}.audit.run_log "
        "order by started_at, run_id"
    )
    write_alert_tables(con, working, target)
    for table, comment in COMMENTS.items():
        con.execute(f"comment on table {target}.audit.{table} is {quote_text(comment)}")
    _comment_audit_columns(con, target)


def write_alert_tables(con: duckdb.DuckDBPyConnection, working: str, target: str) -> None:
    """audit.alerts (every run's transitions) and audit.alert_deliveries, with the columns of
    interface.md only (the working table also knows each delivery's audience)."""
    con.execute(f"create table {target}.audit.alerts ({ALERTS_COLUMNS})")
    if has_table(con, working, "audit", "alerts"):
        con.execute(
            f"insert into {target}.audit.alerts select {ALERT_FIELDS} "
            f"from {working}.audit.alerts order by raised_at, alert_id"
        )
    con.execute(f"create table {target}.audit.alert_deliveries ({PUBLISHED_DELIVERY_COLUMNS})")
    if has_table(con, working, "audit", "alert_deliveries"):
        con.execute(
            f"insert into {target}.audit.alert_deliveries select {PUBLISHED_DELIVERY_FIELDS} "
            f"from {working}.audit.alert_deliveries order by alert_id, channel, target"
        )


def _comment_audit_columns(con: duckdb.DuckDBPyConnection, target: str) -> None:
    columns = con.execute(
        "select table_name, column_name from duckdb_columns() "
        "where database_name = ? and schema_name = 'audit'",
        [target],
    ).fetchall()
    for table, column in columns:
        comment = COLUMN_COMMENTS.get(table, {}).get(column)
        if comment is not None:
            con.execute(
                f"comment on column {target}.audit.{quote_ident(table)}.{quote_ident(column)} "
                f"is {quote_text(comment)}"
            )


def _copy_first(
    con: duckdb.DuckDBPyConnection,
    target: str,
    table: str,
    sources: list[tuple[str | None, str, str]],
    empty_columns: str,
) -> None:
    for db, schema, name in sources:
        if db is not None and has_table(con, db, schema, name):
            con.execute(
                f"create table {target}.audit.{table} as select * from {db}.{schema}.{name}"
            )
            return
    con.execute(f"create table {target}.audit.{table} ({empty_columns})")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def swap_in(temp: Path, serving: Path) -> None:
    """Flush the finished file and rename it over serving.duckdb in one step."""
    wal = temp.with_name(temp.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{temp}: still has a write-ahead log after closing; not published")
    fsync_file(temp)
    # A write-ahead log next to serving.duckdb would be replayed into the new file by the
    # next reader; nothing writes serving.duckdb in place, so one can only be stale.
    serving.with_name(serving.name + ".wal").unlink(missing_ok=True)
    os.replace(temp, serving)
    fsync_folder(serving.parent)
