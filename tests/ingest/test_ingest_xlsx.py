"""An .xlsx export loads like its CSV twin: numbers, dates and text typed the same way."""

from datetime import datetime
from pathlib import Path

from inbox_files import rows
from openpyxl import Workbook

from dagster_project.ingest import ingest_inbox


def test_xlsx_orders(inbox: Path, con) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["订单号", "SKU", "数量", "成交时间", "实收金额", "订单状态", "手机"])
    sheet.append([8012345678901234, "S1", 2, datetime(2024, 3, 1, 10, 0), 12.5, "已完成", "139"])
    sheet.append([])
    sheet.append(["A2", "S2", 1.5, "2024-03-02", "US $3", "已完成", "138"])
    path = inbox / "s1" / "orders" / "orders_20240303.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    report = ingest_inbox(con, inbox)
    (file,) = report.files
    assert (file.status, file.rows_read, file.rows_loaded, file.rows_quarantined) == (
        "loaded", 2, 1, 1,
    )  # fmt: skip
    assert file.snapshot_at == datetime(2024, 3, 3)
    assert rows(
        con, "SELECT order_id, quantity, order_time::VARCHAR, amount::VARCHAR FROM raw.orders"
    ) == [("8012345678901234", 2, "2024-03-01 10:00:00", "12.50")]
    # The empty spreadsheet row is skipped like a blank CSV line.
    assert rows(con, "SELECT line, reason, raw_line FROM raw.quarantine") == [
        (2, "bad_integer:quantity", "A2,S2,1.5,2024-03-02,US $3,已完成,")
    ]


def _save(book: Workbook, inbox: Path, rel: str) -> Path:
    path = inbox / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


ORDER_HEADER = ["订单号", "SKU", "数量", "成交时间", "付款时间", "实收金额", "订单状态"]


def test_a_second_sheet_is_reported(inbox: Path, con) -> None:
    book = Workbook()
    book.active.title = "订单"
    book.active.append(ORDER_HEADER)
    book.active.append(["A1", "S1", 1, "2024-03-01 10:00", None, 5, "已完成"])
    book.create_sheet("Notes").append(["more orders below"])
    book.create_sheet("Sheet3")  # an empty default sheet is not worth a word
    _save(book, inbox, "s1/orders/o.xlsx")
    report = ingest_inbox(con, inbox)
    assert [(f.status, f.rows_loaded) for f in report.files] == [("loaded", 1)]
    assert report.problems == [
        "s1/orders/o.xlsx: only the first sheet ('订单') is read; "
        "sheet 'Notes' (1 row) ignored: put each export in a file of its own"
    ]


def test_excel_serial_numbers_in_date_columns_are_dates(inbox: Path, con) -> None:
    # Serial numbers count days since 1899-12-30 (the 1900 date system):
    # 45352 = 2024-03-01, 0.4375 of a day = 10:30; 44000 = 2020-06-18.
    book = Workbook()
    book.active.append(ORDER_HEADER)
    book.active.append([45000, "S1", 1, 45352.4375, 45352, 5, "已完成"])
    _save(book, inbox, "s1/orders/o.xlsx")
    store = Workbook()
    store.active.append(["店铺名称", "开店时间", "主营类目"])
    store.active.append(["Shop", 44000, "Phones"])
    _save(store, inbox, "s1/store/store.xlsx")
    report = ingest_inbox(con, inbox)
    assert [f.rows_loaded for f in report.files] == [1, 1]
    # A number in a text column stays the number it is.
    assert rows(con, "SELECT order_id, order_time::VARCHAR, paid_at::VARCHAR FROM raw.orders") == [
        ("45000", "2024-03-01 10:30:00", "2024-03-01 00:00:00")
    ]
    assert rows(con, "SELECT opened_at::VARCHAR FROM raw.store") == [("2020-06-18",)]


def test_excel_serial_numbers_in_the_1904_date_system(inbox: Path, con) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    # Serials count days since 1904-01-01 here: 43890 = 2024-03-01.
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append(ORDER_HEADER)
    book.active.append(["A1", "S1", 1, 43890, None, 5, "已完成"])
    _save(book, inbox, "s1/orders/o.xlsx")
    ingest_inbox(con, inbox)
    assert rows(con, "SELECT order_time::VARCHAR FROM raw.orders") == [("2024-03-01 00:00:00",)]


def test_a_formula_without_a_saved_value_is_quarantined(inbox: Path, con) -> None:
    # Files written by a program (not saved by Excel) may hold formulas whose result was
    # never computed: the reader would see an empty cell, and an optional column would
    # load it as NULL without a word.
    book = Workbook()
    book.active.append(ORDER_HEADER)
    book.active.append(["A1", "S1", "=1+1", "2024-03-01 10:00", None, 5, "已完成"])
    book.active.append(["A2", "S1", 1, "2024-03-01 10:00", "=D3", 5, "已完成"])
    book.active.append(["A3", "S1", 1, "2024-03-01 10:00", None, 5, "已完成"])
    _save(book, inbox, "s1/orders/o.xlsx")
    report = ingest_inbox(con, inbox)
    (file,) = report.files
    assert (file.rows_read, file.rows_loaded, file.rows_quarantined) == (3, 1, 2)
    marker = "[formula without a saved value]"
    assert rows(con, "SELECT line, reason, raw_line FROM raw.quarantine ORDER BY line") == [
        (1, "formula_without_value:quantity", f"A1,S1,{marker},2024-03-01 10:00,,5,已完成"),
        (2, "formula_without_value:paid_at", f"A2,S1,1,2024-03-01 10:00,{marker},5,已完成"),
    ]
    assert rows(con, "SELECT order_id FROM raw.orders") == [("A3",)]


def test_a_formula_with_a_saved_value_loads_that_value(inbox: Path, con) -> None:
    import zipfile

    book = Workbook()
    book.active.append(ORDER_HEADER)
    book.active.append(["A1", "S1", "=1+1", "2024-03-01 10:00", None, 5, "已完成"])
    path = _save(book, inbox, "s1/orders/o.xlsx")
    # As Excel saves it: the formula with its last result.
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"<f>1+1</f><v />" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    report = ingest_inbox(con, inbox)
    assert [(f.rows_loaded, f.rows_quarantined) for f in report.files] == [(1, 0)]
    assert rows(con, "SELECT quantity FROM raw.orders") == [(2,)]
