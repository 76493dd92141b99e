"""Per-kind columns as the ingest reads them, from the contract catalogue
(`dagster_project/contract/exports.py`): header aliases, types, required flags and ranges."""

from __future__ import annotations

from dagster_project.contract.exports import EXPORTS, PERSONAL_DATA, SQL_TYPES, Column

SPECS: dict[str, tuple[Column, ...]] = {kind.name: kind.columns for kind in EXPORTS}

__all__ = ["PERSONAL_DATA", "SPECS", "SQL_TYPES", "Column"]
