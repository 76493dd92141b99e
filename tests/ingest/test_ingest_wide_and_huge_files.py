"""Wide headers and giant fields: read, and every file-level error names its real cause."""

import hashlib
import time
from pathlib import Path

import duckdb
import pytest
from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox
from dagster_project.ingest.loader import _duckdb_reason

HEADER = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status"


def test_a_header_of_a_thousand_columns_loads(inbox: Path, con) -> None:
    extra = 995
    header = HEADER + "," + ",".join(f"Extra {i}" for i in range(extra))
    tail = "," + ",".join("v" for _ in range(extra))
    put(
        inbox,
        "s1/orders/wide.csv",
        "\n".join(
            [
                header,
                "A1,S1,1,2024-03-01 10:00:00,5,Completed" + tail,
                "A2,S1,0,2024-03-01 10:00:00,5,Completed" + tail,  # out of range
                "A3,S1,1",  # short: the field count is still exact
            ]
        ),
    )
    started = time.monotonic()
    report = ingest_inbox(con, inbox)
    assert time.monotonic() - started < 60
    (file,) = report.files
    assert (file.status, file.rows_read, file.rows_loaded, file.rows_quarantined) == (
        "loaded", 3, 1, 2,
    )  # fmt: skip
    assert rows(con, "SELECT line, reason, field_count, raw_line FROM raw.quarantine") == [
        (2, "out_of_range:quantity", 1001, "A2,S1,0,2024-03-01 10:00:00,5,Completed" + "," * extra),
        (3, "field_count_mismatch", 3, None),
    ]
    # Wide layouts hash through one list expression: the same text as a narrow layout.
    line = "A2,S1,0,2024-03-01 10:00:00,5,Completed" + tail
    assert rows(con, "SELECT line_hash FROM raw.quarantine WHERE line = 2") == [
        (hashlib.sha256(line.encode()).hexdigest(),)
    ]


def test_a_giant_field_in_an_ignored_column_loads(inbox: Path, con) -> None:
    # 3 MB: beyond DuckDB's default line limit of 2 MB, as a 110 MB field is.
    note = "x" * (3 << 20)
    put(
        inbox,
        "s1/orders/big.csv",
        f"{HEADER},Note\nA1,S1,1,2024-03-01 10:00:00,5,Completed,{note}\n"
        "A2,S1,1,2024-03-01 10:00:00,5,Completed,short\n",
    )
    report = ingest_inbox(con, inbox)
    assert [(f.status, f.rows_read, f.rows_loaded) for f in report.files] == [("loaded", 2, 2)]
    assert rows(con, "SELECT order_id FROM raw.orders ORDER BY 1") == [("A1",), ("A2",)]


def test_a_database_error_is_named_not_hidden() -> None:
    # Not a CSV fault: the cause is passed on (our own SQL, the database), quoted text masked.
    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as caught:
        con.execute("SELECT " + " + ".join(["1"] * 1100))
    reason = _duckdb_reason(caught.value, None)
    assert reason.startswith("cannot be read: ")
    assert "expression depth" in reason
    assert "the CSV reader gave up" not in reason


def test_wide_files_read_narrow_keep_exact_counts_and_hashes(inbox: Path, con) -> None:
    # Read narrow, a batch of wide files has its faulty records completed from a full read
    # of their files only: line, field count and hash as a narrow layout gives them.
    extra = 80
    header = HEADER + "," + ",".join(f"Extra {i}" for i in range(extra))
    tail = "," + ",".join(f"v{i}" for i in range(extra))
    good = "A{},S1,1,2024-03-01 10:00:00,5,Completed" + tail
    put(inbox, "s1/orders/a.csv", "\n".join([header] + [good.format(n) for n in range(3)]))
    bad = [
        good.format(9),
        "B1,S1,x,2024-03-01 10:00:00,5,Completed" + tail,
        "B2,S1",
        good.format(8),
    ]
    put(inbox, "s1/orders/b.csv", "\n".join([header] + bad + ["B3,S1,1" + tail + ",more"]))
    report = ingest_inbox(con, inbox)
    assert [(f.rows_read, f.rows_quarantined) for f in report.files] == [(3, 0), (5, 3)]
    got = rows(con, "SELECT line, reason, field_count, line_hash FROM raw.quarantine ORDER BY 1")
    assert [g[:3] for g in got] == [
        (2, "bad_integer:quantity", 86),
        (3, "field_count_mismatch", 2),
        (5, "field_count_mismatch", 84),
    ]
    assert got[0][3] == hashlib.sha256(bad[1].encode()).hexdigest()
    assert got[1][3] == hashlib.sha256(b"B2,S1").hexdigest()
