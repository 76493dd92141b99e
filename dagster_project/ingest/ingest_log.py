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
) -> None:
    con.execute(
        "INSERT INTO raw.ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 'error', ?)",
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
        ],
    )
