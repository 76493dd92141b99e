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
