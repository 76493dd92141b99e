"""CSV files the project writes cannot carry a live formula into Excel (OWASP CSV injection)."""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from dagster_project.spreadsheet import neutralise_cell, write_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),
        ("－5", "'－5"),
        # Harmless text, and text with a formula character later on, stays as it is.
        ("Phone case", "Phone case"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("已完成", "已完成"),
        ("", ""),
        # Numbers, dates and NULL are not text: -5 is a number, not a formula.
        (-5, -5),
        (-2.5, -2.5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        (None, None),
        (True, True),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_write_csv_reads_back_as_text_excel_will_not_evaluate(tmp_path):
    path = tmp_path / "report.csv"
    rows = [
        ["=1+1", -3, Decimal("4.50"), dt.date(2024, 3, 1), None, "Phone, case"],
        ["@x", 0, Decimal("-1.00"), dt.datetime(2024, 3, 1, 10, 30), "", '6.5" screen'],
    ]
    assert write_csv(path, ["sku", "units", "amount", "day", "note", "title"], rows) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then opens Chinese text right
    assert data.decode("utf-8-sig").split("\r\n") == [
        '"sku","units","amount","day","note","title"',
        '"\'=1+1",-3,4.50,"2024-03-01","","Phone, case"',
        '"\'@x",0,-1.00,"2024-03-01 10:30:00","","6.5"" screen"',
        "",
    ]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert back[1] == ["'=1+1", "-3", "4.50", "2024-03-01", "", "Phone, case"]
