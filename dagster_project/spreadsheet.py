"""Files the project writes for people to open in Excel: no cell can become a live formula.

Order data holds text the seller did not write (product titles, buyer-typed notes, SKU
codes copied from elsewhere). In the marts such text is data and stays exactly as
exported, but a spreadsheet program reads a cell that begins with `=`, `+`, `-` or `@`
as a formula (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`): CSV or formula injection. Every
CSV or workbook the project writes (report downloads, the alerts outbox) goes through
`neutralise_cell`, as OWASP recommends: such text gets a leading `'`, which spreadsheets
show as text and do not evaluate. Numbers are passed as numbers and left alone (-5 is a
number, not a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

# OWASP's list (a tab and a carriage return start formulas in some programs too), and
# their full-width forms, which Chinese input methods type and some spreadsheets accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_cell(value: object) -> object:
    """`value` safe for a spreadsheet cell: text that would start a formula gets a `'`."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """A CSV for Excel: UTF-8 with BOM (so Chinese text opens right), CRLF, every text
    field quoted and neutralised. Returns the number of data rows written."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([neutralise_cell(h) for h in header])
        for row in rows:
            writer.writerow([_csv_value(neutralise_cell(v)) for v in row])
            count += 1
    return count


def _csv_value(value: object) -> object:
    # QUOTE_NONNUMERIC writes int, float and Decimal bare; anything else is written as
    # quoted text (dates in ISO form, NULL as an empty field).
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value
