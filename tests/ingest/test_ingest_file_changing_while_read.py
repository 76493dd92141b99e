"""A file appended to while it is read is left for the next run, which loads it whole."""

import os
from pathlib import Path

from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox, loader

HEADER = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status\n"
LINE = "{},S1,1,2024-03-01 10:00:00,5,Completed\n"


def test_a_file_appended_to_during_its_read_is_deferred(inbox: Path, con, monkeypatch) -> None:
    growing = put(inbox, "s1/orders/growing.csv", HEADER + LINE.format("A1"))
    put(inbox, "s1/orders/still.csv", HEADER + LINE.format("B1"))
    read = loader._TypedReader.read

    def read_while_the_export_is_appended_to(self, paths, repaired):
        # The seller centre is still writing the file while DuckDB reads it.
        with growing.open("a", encoding="utf-8") as fh:
            fh.write(LINE.format("A2"))
        stat = growing.stat()
        os.utime(growing, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        return read(self, paths, repaired)

    monkeypatch.setattr(loader._TypedReader, "read", read_while_the_export_is_appended_to)
    report = ingest_inbox(con, inbox)
    assert [(f.file, f.status) for f in report.files] == [
        ("s1/orders/growing.csv", "deferred"),
        ("s1/orders/still.csv", "loaded"),
    ]
    assert report.files[0].message == (
        "s1/orders/growing.csv: changed while it was read (size or modification time); "
        "skipped this run, the next run loads it whole"
    )
    assert "1 changing (next run)" in report.summary()
    assert rows(con, "SELECT order_id FROM raw.orders") == [("B1",)]
    assert rows(con, "SELECT file FROM raw.ingest_log") == [("s1/orders/still.csv",)]

    monkeypatch.undo()
    again = ingest_inbox(con, inbox)
    assert [(f.status, f.rows_read) for f in again.files] == [("loaded", 2), ("skipped", 0)]
    assert rows(con, "SELECT order_id FROM raw.orders ORDER BY 1") == [("A1",), ("A2",), ("B1",)]
    assert rows(con, "SELECT size_bytes FROM raw.ingest_log WHERE file LIKE '%growing%'") == [
        (growing.stat().st_size,)
    ]
