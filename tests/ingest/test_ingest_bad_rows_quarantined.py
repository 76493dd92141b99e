"""Each bad-row class of exports.md lands in raw.quarantine with its reason and line."""

from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox

ORDERS = "\n".join(
    [
        ORDERS_EN,
        "A1,S1,2.0,2024-03-01 10:00:00,,US $1,299.00,Completed,Ann,111",  # 1 unquoted comma
        'A2,S1,2.5,2024-03-01 10:00:00,,"US $1,299.00",Completed,Ann,111',  # 2 bad integer
        'A3,S1,1,2024-03-01 10:00:00,,"1,29.00",Completed,Ann,111',  # 3 bad decimal
        "A4,S1,1,2024-13-01 10:00:00,,5,Completed,Ann,111",  # 4 bad required timestamp
        "A5,S1,1,2024-03-01 10:00:00,soon,5,Completed,Ann,111",  # 5 bad optional timestamp
        "A6,S1,0,2024-03-01 10:00:00,,5,Completed,Ann,111",  # 6 quantity < 1
        ",S1,1,2024-03-01 10:00:00,,5,Completed,Ann,111",  # 7 missing order id
        "A8,S1,1,2024-03-01 10:00:00,,,Completed,Ann,111",  # 8 missing amount
        "A9,S1,1,2024-03-01 10:00:00,,5,Completed,Ann",  # 9 one field short
        "A10,S1,1,2024-03-01 10:00:00,,5,Mystery,Ann,111",  # 10 unknown status: loaded
        "A11,S1,1,2024-03-01 10",  # 11 truncated last record
    ]
)


def test_each_bad_order_row_gets_its_reason(inbox: Path, con) -> None:
    put(inbox, "s1/orders/orders_2024-03-02.csv", ORDERS)
    report = ingest_inbox(con, inbox)
    (file,) = report.files
    assert (file.status, file.rows_read, file.rows_loaded, file.rows_quarantined) == (
        "loaded", 11, 1, 10,
    )  # fmt: skip
    assert rows(con, "SELECT line, reason, field_count FROM raw.quarantine ORDER BY line") == [
        (1, "field_count_mismatch", 10),
        (2, "bad_integer:quantity", 9),
        (3, "bad_decimal:amount", 9),
        (4, "bad_timestamp:order_time", 9),
        (5, "bad_timestamp:paid_at", 9),
        (6, "out_of_range:quantity", 9),
        (7, "missing_value:order_id", 9),
        (8, "missing_value:amount", 9),
        (9, "field_count_mismatch", 8),
        (11, "field_count_mismatch", 4),
    ]
    # Status is judged later by dbt, so an unknown status is loaded as written.
    assert rows(con, "SELECT order_id, line, status FROM raw.orders") == [("A10", 10, "Mystery")]
    assert file.message == (
        "s1/orders/orders_2024-03-02.csv: 10 of 11 rows quarantined, "
        "first at line 1: field_count_mismatch"
    )


def test_field_count_mismatch_keeps_no_raw_text(inbox: Path, con) -> None:
    put(inbox, "s1/orders/o.csv", ORDERS)
    ingest_inbox(con, inbox)
    mismatched = rows(
        con,
        "SELECT raw_line, length(line_hash) FROM raw.quarantine "
        "WHERE reason = 'field_count_mismatch'",
    )
    assert mismatched == [(None, 64)] * 3
    kept = rows(con, "SELECT raw_line FROM raw.quarantine WHERE line = 3")
    assert kept == [('A3,S1,1,2024-03-01 10:00:00,,"1,29.00",Completed,,',)]


def test_ranges_of_other_kinds(inbox: Path, con) -> None:
    put(
        inbox,
        "s1/reviews/r.csv",
        "Order ID,Review Time,Rating\nR1,2024-03-01 10:00,5\nR2,2024-03-01 10:00,6\n"
        "R3,2024-03-01 10:00,0\nR4,2024-03-01 10:00,4.0\n",
    )
    put(
        inbox,
        "s1/dsr/d.csv",
        "Date,Item as Described,Communication,Shipping Speed\n2024-03-01,4.8,5,0\n"
        "2024-03-02,5.1,4,4\n2024-03-03,4,-0.1,4\n2024-02-30,4,4,4\n2024-03-05,4,4,x\n",
    )
    put(
        inbox,
        "s1/traffic/t.csv",
        "Date,SKU,Visitors,Add-to-Cart Users,Paying Buyers\n2024-03-01,S1,10,0,0\n"
        "2024-03-01,S2,-1,0,0\n2024-03-01,S3,1,1,1.5\n",
    )
    put(
        inbox,
        "s1/listings/l.csv",
        "SKU,Category,Listed At,Delisted At\nS1,Apparel,2024-01-01,\nS2,Apparel,2024-01-01,never\n"
        "S3,,2024-01-01,\n",
    )
    put(inbox, "s1/store/s.csv", "Store Name,Opened At,Main Category\nShop,2023-02-29,Apparel\n")
    ingest_inbox(con, inbox)
    assert rows(con, "SELECT kind, line, reason FROM raw.quarantine ORDER BY kind, line") == [
        ("dsr", 2, "out_of_range:dsr_description"),
        ("dsr", 3, "out_of_range:dsr_service"),
        ("dsr", 4, "bad_date:date"),
        ("dsr", 5, "bad_decimal:dsr_logistics"),
        ("listings", 2, "bad_timestamp:delisted_at"),
        ("listings", 3, "missing_value:category"),
        ("reviews", 2, "out_of_range:rating"),
        ("reviews", 3, "out_of_range:rating"),
        ("store", 1, "bad_date:opened_at"),
        ("traffic", 2, "out_of_range:visitors"),
        ("traffic", 3, "bad_integer:paying_buyers"),
    ]
    assert rows(con, "SELECT order_id, rating FROM raw.reviews ORDER BY 1") == [
        ("R1", 5),
        ("R4", 4),
    ]
    assert rows(con, "SELECT dsr_description, dsr_service, dsr_logistics FROM raw.dsr") == [
        (4.8, 5.0, 0.0)
    ]
