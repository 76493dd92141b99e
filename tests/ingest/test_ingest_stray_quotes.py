"""A stray quote costs at most its own record, never the records after it."""

from pathlib import Path

from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox

HEADER = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status,Note\n"


def _load(inbox: Path, con, body: str) -> tuple:
    put(inbox, "s1/orders/o.csv", HEADER + body)
    (file,) = ingest_inbox(con, inbox).files
    return file.status, file.rows_read, file.rows_loaded, file.rows_quarantined


def test_a_quote_inside_an_unquoted_field_is_text(inbox: Path, con) -> None:
    # One quote in the whole file: the last record is whole, not a cut-off download.
    counts = _load(
        inbox,
        con,
        'A1,S1,1,2024-03-01 10:00:00,5,Completed,6.5" screen\n'
        "A2,S1,1,2024-03-01 10:00:00,5,Completed,ok\n",
    )
    assert counts == ("loaded", 2, 2, 0)
    assert rows(con, "SELECT order_id, line FROM raw.orders ORDER BY 1") == [("A1", 1), ("A2", 2)]


def test_a_quote_opening_a_field_by_mistake_costs_its_record(inbox: Path, con) -> None:
    counts = _load(
        inbox,
        con,
        "A1,S1,1,2024-03-01 10:00:00,5,Completed,ok\n"
        'A2,S1,1,2024-03-01 10:00:00,5,Completed,"6.5 screen\n'
        "A3,S1,1,2024-03-01 10:00:00,5,Completed,ok\n"
        'A4,S1,1,2024-03-01 10:00:00,5,Completed,"quoted, as it should be"\n'
        "A5,S1,1,2024-03-01 10:00:00,5,Completed,ok\n",
    )
    assert counts == ("loaded", 5, 4, 1)
    assert rows(con, "SELECT order_id, line FROM raw.orders ORDER BY 1") == [
        ("A1", 1), ("A3", 3), ("A4", 4), ("A5", 5),
    ]  # fmt: skip
    assert rows(con, "SELECT line, reason, field_count, raw_line FROM raw.quarantine") == [
        (2, "bad_quote", 7, None)
    ]


def test_a_closing_quote_followed_by_text_costs_its_record(inbox: Path, con) -> None:
    counts = _load(
        inbox,
        con,
        'A1,S1,1,2024-03-01 10:00:00,5,Completed,"6.5" screen\n'
        "A2,S1,1,2024-03-01 10:00:00,5,Completed,ok\n",
    )
    assert counts == ("loaded", 2, 1, 1)
    assert rows(con, "SELECT order_id FROM raw.orders") == [("A2",)]
    assert rows(con, "SELECT line, reason FROM raw.quarantine") == [(1, "bad_quote")]


def test_quoted_line_breaks_still_make_one_record(inbox: Path, con) -> None:
    counts = _load(
        inbox,
        con,
        'A1,S1,1,2024-03-01 10:00:00,5,Completed,"two\nlines"\n'
        'A2,S1,1,2024-03-01 10:00:00,5,Completed,7" tablet\n'
        "A3,S1,1,2024-03-01 10:00:00,5,Completed,ok\n",
    )
    assert counts == ("loaded", 3, 3, 0)
    assert rows(con, "SELECT order_id, line FROM raw.orders ORDER BY 1") == [
        ("A1", 1), ("A2", 2), ("A3", 3),
    ]  # fmt: skip
