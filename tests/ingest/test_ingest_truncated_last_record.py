"""A download cut off inside its last record: that record is quarantined as a field-count
mismatch (no raw text kept), never loaded with a value the reader made up."""

from pathlib import Path

from inbox_files import put, rows

from dagster_project.ingest import ensure_raw_schema, ingest_inbox

HEADER = "Order ID,SKU,Quantity,Order Time,Order Status,Amount Received\n"


def test_unclosed_quote_at_the_end_is_quarantined(inbox: Path, con) -> None:
    ensure_raw_schema(con)
    put(
        inbox,
        "s1/orders/orders_2024-01-05.csv",
        HEADER + 'o1,s1,1,2024-01-05,Completed,12.00\no2,s1,1,2024-01-05,Completed,"US $12',
    )
    report = ingest_inbox(con, inbox)
    only = report.files[0]
    assert (only.status, only.rows_read, only.rows_loaded, only.rows_quarantined) == (
        "loaded", 2, 1, 1,
    )  # fmt: skip
    assert rows(con, "SELECT order_id FROM raw.orders") == [("o1",)]
    assert rows(con, "SELECT line, reason, raw_line FROM raw.quarantine") == [
        (2, "field_count_mismatch", None)
    ]
