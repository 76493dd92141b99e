"""`.xlsx` exports become a temporary UTF-8 CSV, so one reader and one set of rules apply."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from python_calamine import CalamineWorkbook


class WorkbookError(ValueError):
    """The workbook cannot be opened or has no sheet."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Spreadsheets store every number as a float: 2.0 is the count 2, ids stay whole.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def xlsx_to_csv(source: Path, target: Path) -> None:
    """First sheet to CSV; fully empty rows are dropped, like blank lines of a CSV file."""
    try:
        workbook = CalamineWorkbook.from_path(str(source))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise WorkbookError(f"unreadable workbook ({type(exc).__name__}: {exc})") from None
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerows(
            cells
            for cells in ([_text(v) for v in row] for row in rows)
            if any(c != "" for c in cells)
        )
