"""Accepted forms of timestamps, whole numbers and amounts (exports.md), typed exactly."""

from pathlib import Path

from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox

HEADER = "Order ID,SKU,Quantity,Order Time,Carrier Scan Time,Amount Received,Order Status"


def test_value_forms(inbox: Path, con) -> None:
    lines = [
        "A1,S1,2,2024-03-01 10:11:12,2024-03-01 10:11,1299,Completed",
        'A2,S1,2.0,2024/03/01 10:11:12,2024/03/01 10:11,"US $1,299.00",Completed',
        "A3,S1,2.00,2024-03-01,2024-03-01T10:11:12,US$ 5.5,Completed",
        'A4,S1, 3 ,2024-03-01T10:11:12+08:00,,"usd 1,234,567.891",Completed',
        "A5,S1,1,2024-03-01 10:11:12,,$0.99, Completed ",
        "A6,S1,1,2024-03-01 10:11:12,,12.,Completed",
    ]
    put(inbox, "s1/orders/o.csv", HEADER + "\n" + "\n".join(lines) + "\n")
    report = ingest_inbox(con, inbox)
    assert report.files[0].rows_loaded == 5
    assert rows(
        con,
        "SELECT order_id, quantity, order_time::VARCHAR, online_at::VARCHAR, amount::VARCHAR, "
        "status FROM raw.orders ORDER BY line",
    ) == [
        ("A1", 2, "2024-03-01 10:11:12", "2024-03-01 10:11:00", "1299.00", "Completed"),
        ("A2", 2, "2024-03-01 10:11:12", "2024-03-01 10:11:00", "1299.00", "Completed"),
        ("A3", 2, "2024-03-01 00:00:00", "2024-03-01 10:11:12", "5.50", "Completed"),
        ("A4", 3, "2024-03-01 10:11:12", None, "1234567.89", "Completed"),
        ("A5", 1, "2024-03-01 10:11:12", None, "0.99", "Completed"),
    ]
    assert rows(con, "SELECT line, reason FROM raw.quarantine") == [(6, "bad_decimal:amount")]


def test_bad_forms(inbox: Path, con) -> None:
    lines = [
        "B1,S1,1e3,2024-03-01,,1,Completed",
        "B2,S1,1,03/01/2024,,1,Completed",
        "B3,S1,1,2024-03-01 25:00,,1,Completed",
        "B4,S1,1,2024-03-01,,JPY 5,Completed",
        "B5,S1,1,2024-03-01,yesterday,1,Completed",
        'B6,S1,"1,000",2024-03-01,,1,Completed',
        "B7,S1,1,2024-03-01,,12.3.4,Completed",
        "B8,S1,1,epoch,,1,Completed",
        "B9,S1,1,2024-03-01 (BC),,1,Completed",
        "B10,S1,1,2024-03-01,2024-03-01 10:11 UTC,1,Completed",
        "B11,S1,1,infinity,,1,Completed",
        "B12,S1,1,20240301,,1,Completed",
    ]
    put(inbox, "s1/orders/o.csv", HEADER + "\n" + "\n".join(lines) + "\n")
    ingest_inbox(con, inbox)
    assert rows(con, "SELECT line, reason FROM raw.quarantine ORDER BY line") == [
        (1, "bad_integer:quantity"),
        (2, "bad_timestamp:order_time"),
        (3, "bad_timestamp:order_time"),
        (4, "bad_decimal:amount"),
        (5, "bad_timestamp:online_at"),
        (6, "bad_integer:quantity"),
        (7, "bad_decimal:amount"),
        (8, "bad_timestamp:order_time"),
        (9, "bad_timestamp:order_time"),
        (10, "bad_timestamp:online_at"),
        (11, "bad_timestamp:order_time"),
        (12, "bad_timestamp:order_time"),
    ]
