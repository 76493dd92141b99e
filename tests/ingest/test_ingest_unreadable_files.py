"""A file that cannot be read at all is an error with a one-line reason; the rest loads."""

from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox

GOOD = ORDERS_EN + "\nA1,S1,1,2024-03-01 10:00:00,,5,Completed,Ann,111\n"


def _inbox_with_broken_files(inbox: Path) -> None:
    put(inbox, "s1/orders/good.csv", GOOD)
    put(inbox, "s1/orders/empty.csv", "")
    put(inbox, "s1/orders/no_header.csv", "SKU,Quantity\nS1,1\n")
    put(inbox, "s1/orders/blank_first_line.csv", "\n" + GOOD)
    (inbox / "s1/orders/binary.csv").write_bytes(b"Order ID,\xff\xfe\x80\x81\n\x00\x81\xff")
    put(inbox, "s1/orders/broken.xlsx", "this is not a workbook")


def test_unreadable_files_are_errors_and_the_rest_loads(inbox: Path, con) -> None:
    _inbox_with_broken_files(inbox)
    report = ingest_inbox(con, inbox)
    by_file = {f.file: f for f in report.files}
    assert {f: r.status for f, r in by_file.items()} == {
        "s1/orders/binary.csv": "error",
        "s1/orders/blank_first_line.csv": "error",
        "s1/orders/broken.xlsx": "error",
        "s1/orders/empty.csv": "error",
        "s1/orders/good.csv": "loaded",
        "s1/orders/no_header.csv": "error",
    }
    assert by_file["s1/orders/empty.csv"].message == "s1/orders/empty.csv: empty file"
    assert by_file["s1/orders/no_header.csv"].message == (
        "s1/orders/no_header.csv: no required header for order_id (订单号 / Order ID); "
        "order_time (成交时间 / 下单时间 / Order Time); amount (实收金额 / Amount Received); "
        "status (订单状态 / Order Status)"
    )
    assert by_file["s1/orders/binary.csv"].message.startswith(
        "s1/orders/binary.csv: not UTF-8 and not GBK/GB18030"
    )
    assert by_file["s1/orders/broken.xlsx"].message.startswith(
        "s1/orders/broken.xlsx: unreadable workbook"
    )
    for r in report.files:
        assert "\n" not in r.message
    assert rows(con, "SELECT order_id FROM raw.orders") == [("A1",)]
    logged = rows(
        con,
        "SELECT file, status, rows_read, error IS NULL FROM raw.ingest_log ORDER BY file",
    )
    assert logged == [
        ("s1/orders/binary.csv", "error", 0, False),
        ("s1/orders/blank_first_line.csv", "error", 0, False),
        ("s1/orders/broken.xlsx", "error", 0, False),
        ("s1/orders/empty.csv", "error", 0, False),
        ("s1/orders/good.csv", "loaded", 1, True),
        ("s1/orders/no_header.csv", "error", 0, False),
    ]


def test_a_rerun_reports_errors_again_without_new_log_rows(inbox: Path, con) -> None:
    _inbox_with_broken_files(inbox)
    ingest_inbox(con, inbox)
    again = ingest_inbox(con, inbox)
    assert sorted(f.status for f in again.files) == ["error"] * 5 + ["skipped"]
    assert rows(con, "SELECT count(*) FROM raw.ingest_log") == [(6,)]


def test_an_unterminated_quote_is_a_truncated_record(inbox: Path, con) -> None:
    # The open quote swallows the rest of the file: one record with too few fields.
    put(inbox, "s1/orders/cut.csv", GOOD + 'A2,S1,1,"2024-03-01 10:00:00,,5,Comp')
    report = ingest_inbox(con, inbox)
    (file,) = report.files
    assert (file.rows_read, file.rows_loaded, file.rows_quarantined) == (2, 1, 1)
    assert rows(con, "SELECT line, reason, field_count FROM raw.quarantine") == [
        (2, "field_count_mismatch", 4)
    ]


def test_a_giant_record_is_read_alone(inbox: Path, con) -> None:
    # A record beyond DuckDB's default 2 MB line limit fails the shared read: its file is
    # read again alone, single-threaded, with room for it; the neighbours still load in
    # parallel. The record (two fields) is quarantined without its text.
    put(inbox, "s1/orders/a.csv", GOOD)
    put(inbox, "s1/orders/b.csv", ORDERS_EN + "\nB1," + "Zhang San " * 300_000 + "\n")
    put(inbox, "s1/orders/c.csv", GOOD.replace("A1", "C1"))
    report = ingest_inbox(con, inbox)
    assert [(f.file, f.status, f.rows_read, f.rows_quarantined) for f in report.files] == [
        ("s1/orders/a.csv", "loaded", 1, 0),
        ("s1/orders/b.csv", "loaded", 1, 1),
        ("s1/orders/c.csv", "loaded", 1, 0),
    ]
    assert rows(con, "SELECT order_id, line FROM raw.orders ORDER BY 1") == [("A1", 1), ("C1", 1)]
    assert rows(con, "SELECT file, line, reason, raw_line FROM raw.quarantine") == [
        ("s1/orders/b.csv", 1, "field_count_mismatch", None)
    ]
