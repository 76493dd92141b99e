"""The `raw` schema of docs/ARCHITECTURE.md, created from the contract catalogue
(`dagster_project/contract/raw.py`): one table per kind, the ingest log, quarantine, clients."""

from __future__ import annotations

import duckdb

from dagster_project.contract.raw import RAW_TABLES, raw_schema_sql, raw_table


def table_columns(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, c.sql_type) for c in raw_table(kind).columns)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables that are missing; existing tables and rows are left alone."""
    for statement in raw_schema_sql():
        con.execute(statement)
    # Warehouses built before a column existed get it: NULL on older rows (an order line's
    # currency then reads as USD; a logged file without modified_ns is hashed once more).
    for table in RAW_TABLES:
        types = dict(table_columns(table.name))
        for column in table.added:
            con.execute(
                f'alter table {table.qualified} add column if not exists "{column}" {types[column]}'
            )
