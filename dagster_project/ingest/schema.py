"""The `raw` schema of docs/ARCHITECTURE.md: one table per kind, the ingest log, quarantine."""

from __future__ import annotations

import duckdb

from dagster_project.ingest.clients import ensure_clients_table
from dagster_project.ingest.specs import SPECS, SQL_TYPES

LINEAGE = (
    ("store_id", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("file_name", "VARCHAR"),
    ("ingest_id", "BIGINT"),
    ("line", "BIGINT"),
    ("snapshot_at", "TIMESTAMP"),
)

INGEST_LOG = (
    ("ingest_id", "BIGINT"),
    ("file", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("store_id", "VARCHAR"),
    ("snapshot_at", "TIMESTAMP"),
    ("content_hash", "VARCHAR"),
    ("size_bytes", "BIGINT"),
    ("rows_read", "BIGINT"),
    ("rows_loaded", "BIGINT"),
    ("rows_quarantined", "BIGINT"),
    ("loaded_at", "TIMESTAMP"),
    ("status", "VARCHAR"),
    ("error", "VARCHAR"),
    # With size_bytes, tells an already-loaded file without reading it again.
    ("modified_ns", "BIGINT"),
)

QUARANTINE = (
    ("store_id", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("file", "VARCHAR"),
    ("line", "BIGINT"),
    ("reason", "VARCHAR"),
    ("raw_line", "VARCHAR"),
    ("field_count", "INTEGER"),
    ("line_hash", "VARCHAR"),
    ("ingest_id", "BIGINT"),
)


# (kind, column) added to a raw table after its first release.
ADDED_COLUMNS = (("orders", "currency"),)


def table_columns(kind: str) -> tuple[tuple[str, str], ...]:
    return LINEAGE + tuple((c.name, SQL_TYPES[c.type]) for c in SPECS[kind])


def _ddl(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    body = ", ".join(f'"{col}" {type_}' for col, type_ in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} ({body})"


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables that are missing; existing tables and rows are left alone."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for kind in SPECS:
        con.execute(_ddl(f"raw.{kind}", table_columns(kind)))
    # Warehouses built before a column of exports.md existed get it (NULL on older rows,
    # which read as USD for currency).
    for kind, column in ADDED_COLUMNS:
        type_ = dict(table_columns(kind))[column]
        con.execute(f'ALTER TABLE raw.{kind} ADD COLUMN IF NOT EXISTS "{column}" {type_}')
    con.execute(_ddl("raw.ingest_log", INGEST_LOG))
    # Warehouses built before the column existed: their files are hashed once more.
    con.execute("ALTER TABLE raw.ingest_log ADD COLUMN IF NOT EXISTS modified_ns BIGINT")
    con.execute(_ddl("raw.quarantine", QUARANTINE))
    # dbt's staging reads raw.clients on every build, with or without a clients.csv
    ensure_clients_table(con)
