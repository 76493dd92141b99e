"""`.xlsx` exports become a temporary UTF-8 CSV, so one reader and one set of rules apply.

What a workbook can say that a CSV cannot is settled here, before the CSV rules see it:
other sheets (reported, never read), numbers in date columns (Excel's serial dates, read
as the dates they are) and formulas whose result was never saved (marked, so the row is
quarantined for that reason instead of loading an empty cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

from dagster_project.ingest.headers import is_personal, normalize
from dagster_project.ingest.specs import SPECS

# The text a formula cell without a saved result becomes; typed_sql quarantines a workbook
# row holding it as `formula_without_value:<column>`, and the raw line shows it.
FORMULA_WITHOUT_VALUE = "[formula without a saved value]"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# An element named f (a formula), with or without a namespace prefix: plain substring
# tests, many times faster than a regular expression over megabytes of XML.
_FORMULA_TAGS = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>")
_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")

# Excel serial dates: days since the epoch of the workbook's date system. The 1900 system
# counts a 29 February 1900 that never was, so its serials are right from 61 (1 March 1900).
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LAST_DAY = dt.datetime(9999, 12, 31)


class WorkbookError(ValueError):
    """The workbook cannot be opened or has no sheet."""


def _text(value: object) -> str:
    if type(value) is str:  # most cells: the fast way out
        return value
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


def xlsx_to_csv(source: Path, target: Path, kind: str | None = None) -> list[str]:
    """First sheet to CSV; fully empty rows are dropped, like blank lines of a CSV file.

    `kind` names the export kind, whose date and timestamp columns read serial numbers as
    dates. Returns notes for the run's report (other sheets that hold data).
    """
    try:
        workbook = CalamineWorkbook.from_path(str(source))
        first = workbook.get_sheet_by_index(0)
        rows = first.to_python(skip_empty_area=False)
        notes = _other_sheets(workbook, first.name)
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise WorkbookError(f"unreadable workbook ({type(exc).__name__}: {exc})") from None
    date1904, unsaved = _package_facts(source)
    cells: list[list[object]] = [list(row) for row in rows]
    _mark_unsaved_formulas(cells, unsaved)
    header = next((i for i, row in enumerate(cells) if any(_text(v) != "" for v in row)), None)
    if kind is not None and header is not None:
        _serials_to_dates(cells, header, kind, date1904)
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerows(
            texts
            for texts in ([_text(v) for v in row] for row in cells)
            if any(c != "" for c in texts)
        )
    return notes


def _other_sheets(workbook: CalamineWorkbook, first: str) -> list[str]:
    ignored = []
    for name in workbook.sheet_names[1:]:
        try:
            rows = workbook.get_sheet_by_name(name).to_python()
        except Exception:  # noqa: BLE001 - a chart or macro sheet holds no rows to report
            continue
        filled = sum(any(_text(v) != "" for v in row) for row in rows)
        if filled:
            ignored.append(f"'{name}' ({filled} row{'' if filled == 1 else 's'})")
    if not ignored:
        return []
    sheets = "sheet" if len(ignored) == 1 else "sheets"
    return [
        f"only the first sheet ('{first}') is read; {sheets} {', '.join(ignored)} ignored: "
        "put each export in a file of its own"
    ]


def _package_facts(source: Path) -> tuple[bool, set[tuple[int, int]]]:
    """The workbook's date system (True: 1904) and the (row, column) cells, 0-based, of
    its first sheet that hold a formula without a saved result.

    Read from the package's XML, which calamine does not expose. A package laid out in a
    way this does not know gives (False, no cells): the CSV rules still judge the values.
    """
    try:
        with zipfile.ZipFile(source) as package:
            book = _parse(package, "xl/workbook.xml")
            if book is None:
                return False, set()
            props = book.find(f"{_MAIN}workbookPr")
            date1904 = props is not None and props.get("date1904", "") in ("1", "true")
            sheet = _first_sheet_path(package, book)
            if sheet is None or not _has_formulas(package, sheet):
                return date1904, set()
            return date1904, _unsaved_formulas(package, sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, ValueError):
        return False, set()


def _parse(package: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    if name not in package.namelist():
        return None
    data = package.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # a spreadsheet needs neither; entities can expand without bound
    return ElementTree.fromstring(data)


def _first_sheet_path(package: zipfile.ZipFile, book: ElementTree.Element) -> str | None:
    sheet = book.find(f"{_MAIN}sheets/{_MAIN}sheet")
    rels = _parse(package, "xl/_rels/workbook.xml.rels")
    if sheet is None or rels is None:
        return None
    rel_id = sheet.get(f"{_REL}id")
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _has_formulas(package: zipfile.ZipFile, name: str) -> bool:
    """A quick scan of the sheet's bytes: most exports hold no formula at all."""
    tail = b""
    with package.open(name) as fh:
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            if any(tag in window for tag in _FORMULA_TAGS):
                return True
            tail = chunk[-64:]
    return False


def _unsaved_formulas(package: zipfile.ZipFile, name: str) -> set[tuple[int, int]]:
    with package.open(name) as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return set()
    found: set[tuple[int, int]] = set()
    row_number = 0
    with package.open(name) as fh:
        for _event, element in ElementTree.iterparse(fh, events=("end",)):
            if element.tag != f"{_MAIN}row":
                continue
            row_number = int(element.get("r", row_number + 1))
            column = 0
            for cell in element.iter(f"{_MAIN}c"):
                ref = _CELL_REF.fullmatch(cell.get("r", ""))
                column = _column_number(ref.group(1)) if ref else column + 1
                if cell.find(f"{_MAIN}f") is not None and not _has_saved_value(cell):
                    found.add((row_number - 1, column - 1))
            element.clear()
    return found


def _has_saved_value(cell: ElementTree.Element) -> bool:
    value = cell.find(f"{_MAIN}v")
    if value is None:
        return False
    # An empty <v/> is a saved empty text only in a cell typed as text.
    return bool(value.text) or cell.get("t") == "str"


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _mark_unsaved_formulas(rows: list[list[object]], cells: set[tuple[int, int]]) -> None:
    width = max((len(row) for row in rows), default=0)
    for r, c in sorted(cells):
        # calamine leaves empty cells past the last value out of the sheet's range.
        while len(rows) <= r:
            rows.append([""] * width)
        row = rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        row[c] = FORMULA_WITHOUT_VALUE


def _serials_to_dates(rows: list[list[object]], header: int, kind: str, date1904: bool) -> None:
    """Numbers in the date and timestamp columns of `kind` become the dates they count."""
    types = {normalize(a): c.type for c in SPECS[kind] for a in c.aliases}
    dated = [
        i
        for i, name in enumerate(rows[header])
        if not is_personal(_text(name))
        and types.get(normalize(_text(name))) in ("date", "timestamp")
    ]
    if not dated:
        return
    for row in rows[header + 1 :]:
        for i in dated:
            if i < len(row):
                value = row[i]
                if isinstance(value, int | float) and not isinstance(value, bool):
                    row[i] = _serial_date(float(value), date1904) or value


def _serial_date(serial: float, date1904: bool) -> dt.datetime | dt.date | None:
    """The moment an Excel serial number counts, to the millisecond; None outside the
    range Excel can show (the value then stays a number, which the date rules reject)."""
    epoch, first = (_EPOCH_1904, 0) if date1904 else (_EPOCH_1900, 61)
    if not first <= serial < (_LAST_DAY - epoch).days + 1:
        return None
    try:
        moment = epoch + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:  # rounded up past 9999-12-31
        return None
    return moment.date() if serial.is_integer() else moment
