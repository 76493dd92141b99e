"""The `raw` schema (docs/ARCHITECTURE.md, Raw tables): one table per export kind, the
ingest log, the quarantine and the agency's clients, with the DDL that creates them.

The ingest step (`ingest/schema.py`), dbt's sources (generated) and the test fixtures all
create or describe these tables from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from dagster_project.contract.exports import EXPORTS, ExportKind


@dataclass(frozen=True)
class RawColumn:
    name: str
    sql_type: str  # lower case
    description: str = ""


@dataclass(frozen=True)
class RawTable:
    name: str  # table name in schema raw
    description: str  # dbt's source description
    columns: tuple[RawColumn, ...]
    # Columns added after the table's first release: an older warehouse's table gets them.
    added: tuple[str, ...] = ()
    key: tuple[str, ...] = ()  # an export's record identity (the latest version wins)

    @property
    def qualified(self) -> str:
        return f"raw.{self.name}"

    def ddl(self) -> str:
        """`create table if not exists raw.<name> (...)`: leaves an existing table alone."""
        body = ", ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f"create table if not exists {self.qualified} ({body})"

    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


LINEAGE: tuple[RawColumn, ...] = (
    RawColumn("store_id", "varchar", "Store: the inbox folder name."),
    RawColumn(
        "source_file", "varchar", "Path relative to the inbox, /-separated (s1/orders/x.csv)."
    ),
    RawColumn("file_name", "varchar", "Base name of the file (tie-break, code-point order)."),
    RawColumn("ingest_id", "bigint", "raw.ingest_log.ingest_id of the load."),
    RawColumn("line", "bigint", "Record ordinal in the file, 1 = the first data row."),
    RawColumn("snapshot_at", "timestamp", "Snapshot time of the file (exports.md)."),
)


def kind_table(kind: ExportKind) -> RawTable:
    business = tuple(RawColumn(c.name, c.sql_type, c.summary) for c in kind.columns)
    added = tuple(c.name for c in kind.columns if c.added)
    return RawTable(kind.name, kind.rows, LINEAGE + business, added, kind.key)


INGEST_LOG = RawTable(
    "ingest_log",
    "One row per file the ingest step read: loaded (with its row counts) or error. Read by "
    "stores and store_export_coverage for which export files loaded and their snapshot times.",
    (
        RawColumn("ingest_id", "bigint"),
        RawColumn("file", "varchar"),
        RawColumn("kind", "varchar"),
        RawColumn("store_id", "varchar"),
        RawColumn("snapshot_at", "timestamp"),
        RawColumn("content_hash", "varchar"),
        RawColumn("size_bytes", "bigint"),
        RawColumn("rows_read", "bigint"),
        RawColumn("rows_loaded", "bigint"),
        RawColumn("rows_quarantined", "bigint"),
        RawColumn("loaded_at", "timestamp"),
        RawColumn("status", "varchar"),
        RawColumn("error", "varchar"),
        # With size_bytes, tells an already-loaded file without reading it again.
        RawColumn("modified_ns", "bigint"),
    ),
    added=("modified_ns",),
)

QUARANTINE = RawTable(
    "quarantine",
    "Rows rejected at ingest, with the reason.",
    (
        RawColumn("store_id", "varchar"),
        RawColumn("kind", "varchar"),
        RawColumn("file", "varchar"),
        RawColumn("line", "bigint"),
        RawColumn("reason", "varchar"),
        RawColumn("raw_line", "varchar"),
        RawColumn("field_count", "integer"),
        RawColumn("line_hash", "varchar"),
        RawColumn("ingest_id", "bigint"),
    ),
)

CLIENTS = RawTable(
    "clients",
    "An agency's clients.csv, read whole on every run: one row per line (line = record "
    "ordinal, 1 = the first row under the header) with store_id, client_id, alert_email, "
    "alert_webhook, lang and error (NULL when the line is valid). The marts read store_id, "
    "client_id and lang only.",
    (
        RawColumn("source_file", "varchar"),
        RawColumn("line", "bigint"),
        RawColumn("store_id", "varchar"),
        RawColumn("client_id", "varchar"),
        RawColumn("alert_email", "varchar"),
        RawColumn("alert_webhook", "varchar"),
        RawColumn("lang", "varchar"),
        RawColumn("error", "varchar"),
    ),
)

# The columns of clients.csv (ingest/clients.py reads them by these names) and those a line
# must have.
CLIENTS_COLUMNS = ("store_id", "client_id", "alert_email", "alert_webhook", "lang")
CLIENTS_REQUIRED = ("store_id", "client_id")

KIND_TABLES: tuple[RawTable, ...] = tuple(kind_table(k) for k in EXPORTS)
# In the order of dbt's sources: the kinds, then the tables about them.
RAW_TABLES: tuple[RawTable, ...] = (*KIND_TABLES, QUARANTINE, CLIENTS, INGEST_LOG)
BY_NAME: dict[str, RawTable] = {t.name: t for t in RAW_TABLES}


def raw_table(name: str) -> RawTable:
    return BY_NAME[name]


def raw_schema_sql() -> list[str]:
    """Statements that create every raw table a fresh warehouse lacks (no ALTERs)."""
    return ["create schema if not exists raw", *(t.ddl() for t in RAW_TABLES)]
