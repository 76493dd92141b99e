"""The contract catalogue: every export kind, raw table, published mart and threshold name,
declared once (README.md). Ingest, the raw DDL, dbt's sources, the mart ymls' descriptions,
the Dagster asset descriptions and the test fixtures derive from it."""

from dagster_project.contract.exports import (
    BUYER_COLUMNS,
    CLIENTS_FILE,
    EXPORTS,
    KINDS,
    PERSONAL_DATA,
    SQL_TYPES,
    Column,
    ExportKind,
    export_kind,
)
from dagster_project.contract.marts import MARTS, PUBLISHED_MARTS, Mart, mart
from dagster_project.contract.raw import (
    CLIENTS,
    INGEST_LOG,
    LINEAGE,
    QUARANTINE,
    RAW_TABLES,
    RawColumn,
    RawTable,
    raw_schema_sql,
    raw_table,
)
from dagster_project.contract.thresholds import THRESHOLD_NAMES, THRESHOLDS, Threshold

__all__ = [
    "BUYER_COLUMNS",
    "CLIENTS",
    "CLIENTS_FILE",
    "EXPORTS",
    "INGEST_LOG",
    "KINDS",
    "LINEAGE",
    "MARTS",
    "PERSONAL_DATA",
    "PUBLISHED_MARTS",
    "QUARANTINE",
    "RAW_TABLES",
    "SQL_TYPES",
    "THRESHOLDS",
    "THRESHOLD_NAMES",
    "Column",
    "ExportKind",
    "Mart",
    "RawColumn",
    "RawTable",
    "Threshold",
    "export_kind",
    "mart",
    "raw_schema_sql",
    "raw_table",
]
