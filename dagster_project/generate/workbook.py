"""A generated CSV export as the `.xlsx` a seller gets by downloading it as Excel.

Written by hand (a workbook is a zip of a few XML parts), so the package needs no
spreadsheet library and the same input gives the same bytes: every part has a fixed
time stamp. Cells are typed the way Excel types them when it opens the CSV: plain
numbers become numbers (long digit strings such as order ids stay text, as Excel
would otherwise round them), valid dates and times become serial numbers (days since
1899-12-30), either bare or with a date format, and everything else is text.
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,8})(?:\.[0-9]+)?")
_DATE_TIME = re.compile(
    r"([0-9]{4})[-/]([0-9]{2})[-/]([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?"
)
_EPOCH = datetime(1899, 12, 30)
_STAMP = (2026, 1, 1, 0, 0, 0)  # every part's time stamp: same input, same bytes

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
# Style 1 is Excel's built-in date-time format 22 (m/d/yy h:mm).
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
</cellXfs></styleSheet>"""
_SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
_SHEET_TAIL = "</sheetData></worksheet>"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _serial(text: str) -> str | None:
    """Excel's serial number of a valid date or time text, else None."""
    found = _DATE_TIME.fullmatch(text)
    if not found:
        return None
    parts = [int(g) if g else 0 for g in found.groups()]
    try:
        moment = datetime(*parts)
    except ValueError:
        return None  # 2026-02-30 25:61: text, as Excel leaves it
    delta = moment - _EPOCH
    if not delta.seconds:
        return str(delta.days)
    return repr(delta.days + delta.seconds / 86400)


def _cell(ref: str, text: str, dated: bool) -> str:
    if text == "":
        return ""
    if _NUMBER.fullmatch(text):
        return f'<c r="{ref}"><v>{text}</v></c>'
    serial = _serial(text)
    if serial is not None:
        style = ' s="1"' if dated else ""
        return f'<c r="{ref}"{style}><v>{serial}</v></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def write_workbook(source: Path, target: Path, sheet_name: str, date_format: bool) -> None:
    """The UTF-8 CSV `source` as a one-sheet workbook `target`; `date_format` gives date
    cells Excel's date format (else they are bare serial numbers)."""
    with source.open(encoding="utf-8", newline="") as fh:
        rows = []
        for r, record in enumerate(csv.reader(fh), start=1):
            cells = "".join(
                _cell(f"{_column(c)}{r}", text, date_format and r > 1)
                for c, text in enumerate(record)
            )
            rows.append(f'<row r="{r}">{cells}</row>')
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK.format(name=escape(sheet_name, {'"': "&quot;"})),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
        "xl/worksheets/sheet1.xml": _SHEET_HEAD + "".join(rows) + _SHEET_TAIL,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
