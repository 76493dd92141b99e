"""Snapshot time: the last valid date in the file name at midnight, else the local mtime."""

import os
from datetime import datetime
from pathlib import Path

import pytest
from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox
from dagster_project.ingest.layout import snapshot_from_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("orders_2024-03-05.csv", datetime(2024, 3, 5)),
        ("orders20240305.csv", datetime(2024, 3, 5)),
        ("orders_20240101-20240331.csv", datetime(2024, 3, 31)),
        ("orders_2024-01-01_to_2024-02-30.csv", datetime(2024, 1, 1)),  # last one invalid
        ("orders_120240305.csv", None),  # touches another digit
        ("orders_2024030512.csv", None),
        ("2024-03-05x20240306.csv", datetime(2024, 3, 6)),
        ("orders.csv", None),
    ],
)
def test_date_in_name(name: str, expected: datetime | None) -> None:
    assert snapshot_from_name(name) == expected


def test_mtime_when_no_date(inbox: Path, con) -> None:
    path = put(inbox, "s1/dsr/dsr.csv", "日期,描述相符,服务态度,物流服务\n2024-03-01,4.9,4.8,4.7\n")
    os.utime(path, (1_709_280_000, 1_709_280_000))
    report = ingest_inbox(con, inbox)
    local = datetime.fromtimestamp(1_709_280_000)
    assert report.files[0].snapshot_at == local
    assert rows(con, "SELECT snapshot_at FROM raw.dsr") == [(local,)]
    assert rows(con, "SELECT snapshot_at FROM raw.ingest_log") == [(local,)]
