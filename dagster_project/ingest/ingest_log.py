"""`raw.ingest_log`: what was loaded (by content hash) and which files could not be read."""

from __future__ import annotations

from datetime import datetime

import duckdb

from dagster_project.ingest.layout import InboxFile


def loaded_hashes(con: duckdb.DuckDBPyConnection, kind: str) -> set[tuple[str, str]]:
    """(file, content_hash) already loaded for this kind: such files are skipped."""
    rows = con.execute(
        "SELECT DISTINCT file, content_hash FROM raw.ingest_log "
        "WHERE kind = ? AND status = 'loaded'",
        [kind],
    ).fetchall()
    return {(f, h) for f, h in rows}


def loaded_stats(con: duckdb.DuckDBPyConnection, kind: str) -> set[tuple[str, int, int]]:
    """(file, size_bytes, modified_ns) of loaded files: a file still of that size and
    modification time is the one loaded and is skipped without being read (a re-download
    or an edit changes the modification time)."""
    rows = con.execute(
        "SELECT DISTINCT file, size_bytes, modified_ns FROM raw.ingest_log "
        "WHERE kind = ? AND status = 'loaded' AND modified_ns IS NOT NULL",
        [kind],
    ).fetchall()
    return {(f, s, m) for f, s, m in rows}


def logged_errors(con: duckdb.DuckDBPyConnection, kind: str) -> set[tuple[str, str, str]]:
    """(store_id, content_hash, file) already logged as errors: a rerun adds no second row."""
    rows = con.execute(
        "SELECT DISTINCT store_id, content_hash, file FROM raw.ingest_log "
        "WHERE kind = ? AND status = 'error'",
        [kind],
    ).fetchall()
    return {(s, h, f) for s, h, f in rows}


def next_ingest_id(con: duckdb.DuckDBPyConnection) -> int:
    # One writer holds the database file, so max + 1 cannot collide.
    return con.execute("SELECT coalesce(max(ingest_id), 0) + 1 FROM raw.ingest_log").fetchone()[0]


def log_error(
    con: duckdb.DuckDBPyConnection,
    file: InboxFile,
    content_hash: str,
    size_bytes: int,
    message: str,
    modified_ns: int | None = None,
) -> None:
    con.execute(
        "INSERT INTO raw.ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 'error', ?, ?)",
        [
            next_ingest_id(con),
            file.rel,
            file.kind,
            file.store_id,
            file.snapshot_at,
            content_hash,
            size_bytes,
            datetime.now().replace(microsecond=0),
            message,
            modified_ns,
        ],
    )
