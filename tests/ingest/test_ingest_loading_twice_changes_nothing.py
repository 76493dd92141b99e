"""Loading the same inbox twice changes nothing; a changed file is a newer snapshot."""

import os
from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox

V1 = ORDERS_EN + (
    "\nA1,S1,1,2024-03-01 10:00:00,,5,Awaiting shipment,Ann,111"
    "\nA2,S1,1,2024-03-01 11:00:00,,7,Awaiting shipment,Bob,222"
    "\nA3,S1,x,2024-03-01 11:00:00,,7,Awaiting shipment,Bob,222\n"
)


def _snapshot(con) -> list:
    return [
        rows(con, f"SELECT * FROM raw.{table} ORDER BY ALL")
        for table in ("orders", "quarantine", "ingest_log", "dsr")
    ]


def test_second_load_changes_nothing(inbox: Path, con) -> None:
    put(inbox, "s1/orders/orders_2024-03-01.csv", V1)
    put(inbox, "s1/dsr/dsr.csv", "Date,Item as Described,Communication,Shipping Speed\n")
    put(inbox, "s1/orders/bad.csv", "")
    first = ingest_inbox(con, inbox)
    before = _snapshot(con)
    second = ingest_inbox(con, inbox)
    assert _snapshot(con) == before
    assert [f.status for f in first.files] == ["error", "loaded", "loaded"]
    assert [(f.status, f.rows_read) for f in second.files] == [
        ("error", 0), ("skipped", 0), ("skipped", 0),
    ]  # fmt: skip


def test_same_content_under_another_name_is_another_snapshot(inbox: Path, con) -> None:
    # A later export identical to an earlier one must still outrank the exports between
    # them, so only the same file with the same content is skipped.
    put(inbox, "s1/orders/orders_2024-03-01.csv", V1)
    ingest_inbox(con, inbox)
    put(inbox, "s1/orders/orders_2024-03-09.csv", V1)
    again = ingest_inbox(con, inbox)
    assert [(f.file, f.status) for f in again.files] == [
        ("s1/orders/orders_2024-03-01.csv", "skipped"),
        ("s1/orders/orders_2024-03-09.csv", "loaded"),
    ]
    assert rows(con, "SELECT count(*) FROM raw.orders") == [(4,)]
    assert [f.status for f in ingest_inbox(con, inbox).files] == ["skipped", "skipped"]


def test_reexport_with_changed_statuses_is_a_newer_snapshot(inbox: Path, con) -> None:
    put(inbox, "s1/orders/orders_2024-03-01.csv", V1)
    ingest_inbox(con, inbox)
    v2 = V1.replace("10:00:00,,5,Awaiting shipment", "10:00:00,,5,Completed")
    v2 = v2.replace("11:00:00,,7,Awaiting shipment,Bob", "11:00:00,,7,Refunded,Bob")
    put(inbox, "s1/orders/orders_2024-03-05.csv", v2)
    # The same name downloaded again with new content: kept too, with a larger ingest_id.
    same_name = put(inbox, "s1/orders/orders.csv", v2.replace("Refunded", "Shipped"))
    os.utime(same_name, (1_700_000_000, 1_700_000_000))
    ingest_inbox(con, inbox)
    put(inbox, "s1/orders/orders.csv", v2.replace("Refunded", "Closed"))
    os.utime(same_name, (1_700_000_000, 1_700_000_000))
    report = ingest_inbox(con, inbox)
    assert [(f.file, f.status) for f in report.files] == [
        ("s1/orders/orders.csv", "loaded"),
        ("s1/orders/orders_2024-03-01.csv", "skipped"),
        ("s1/orders/orders_2024-03-05.csv", "skipped"),
    ]
    assert rows(
        con,
        "SELECT file_name, ingest_id, snapshot_at::VARCHAR, order_id, status FROM raw.orders "
        "WHERE file_name <> 'orders.csv' ORDER BY ingest_id, order_id",
    ) == [
        ("orders_2024-03-01.csv", 1, "2024-03-01 00:00:00", "A1", "Awaiting shipment"),
        ("orders_2024-03-01.csv", 1, "2024-03-01 00:00:00", "A2", "Awaiting shipment"),
        ("orders_2024-03-05.csv", 3, "2024-03-05 00:00:00", "A1", "Completed"),
        ("orders_2024-03-05.csv", 3, "2024-03-05 00:00:00", "A2", "Refunded"),
    ]
    assert rows(
        con,
        "SELECT ingest_id, status FROM raw.orders WHERE file_name = 'orders.csv' "
        "ORDER BY ingest_id, order_id",
    ) == [
        (2, "Completed"),
        (2, "Shipped"),
        (4, "Completed"),
        (4, "Closed"),
    ]


def test_a_loaded_file_of_unchanged_size_and_mtime_is_not_read_again(inbox: Path, con) -> None:
    # Like make and rsync, size and modification time tell a file already loaded; any
    # re-download or edit sets a new modification time, and then the content decides.
    path = put(inbox, "s1/orders/orders_2024-03-01.csv", V1)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    ingest_inbox(con, inbox)
    put(inbox, "s1/orders/orders_2024-03-01.csv", V1.replace("A1,", "B1,"))
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert [f.status for f in ingest_inbox(con, inbox).files] == ["skipped"]
    os.utime(path, ns=(1_700_000_000_000_000_001, 1_700_000_000_000_000_001))
    assert [f.status for f in ingest_inbox(con, inbox).files] == ["loaded"]
    assert rows(con, "SELECT file, modified_ns FROM raw.ingest_log ORDER BY ingest_id") == [
        ("s1/orders/orders_2024-03-01.csv", 1_700_000_000_000_000_000),
        ("s1/orders/orders_2024-03-01.csv", 1_700_000_000_000_000_001),
    ]
