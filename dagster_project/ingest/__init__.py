"""Ingest of raw exports into DuckDB: `<inbox>/<store>/<kind>/*.csv|xlsx` → `raw.*` tables."""

from dagster_project.ingest.fingerprints import inbox_fingerprints
from dagster_project.ingest.layout import KINDS, InboxFile, InboxScan, scan_inbox
from dagster_project.ingest.loader import ingest_inbox, ingest_kind
from dagster_project.ingest.reports import FileReport, IngestReport
from dagster_project.ingest.schema import ensure_raw_schema

__all__ = [
    "KINDS",
    "FileReport",
    "InboxFile",
    "InboxScan",
    "IngestReport",
    "ensure_raw_schema",
    "inbox_fingerprints",
    "ingest_inbox",
    "ingest_kind",
    "scan_inbox",
]
