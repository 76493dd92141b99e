"""Nothing outside the inbox is read: symbolic links, at any level, are reported and skipped."""

import os
from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import inbox_fingerprints, ingest_inbox

GOOD = ORDERS_EN + "\nA1,S1,1,2024-03-01 10:00:00,,5,Completed,Ann,111\n"


def test_links_are_reported_and_skipped(inbox: Path, con, tmp_path: Path) -> None:
    put(inbox, "s1/orders/real.csv", GOOD)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.csv").write_text(GOOD.replace("A1", "X1"), encoding="utf-8")
    os.symlink(elsewhere / "other.csv", inbox / "s1/orders/linked.csv")
    os.symlink("/etc/passwd", inbox / "s1/orders/passwd.csv")
    os.symlink(inbox / "s1", inbox / "s2")  # a store folder linked to another store
    (inbox / "s3").mkdir()
    os.symlink(inbox / "s1/orders", inbox / "s3/orders")  # a kind folder linked
    report = ingest_inbox(con, inbox)
    assert [(f.file, f.status) for f in report.files] == [("s1/orders/real.csv", "loaded")]
    assert sorted(report.problems) == [
        "s1/orders/linked.csv: skipped, a symbolic link (only files inside the inbox are read)",
        "s1/orders/passwd.csv: skipped, a symbolic link (only files inside the inbox are read)",
        "s2: skipped, a symbolic link (only files inside the inbox are read)",
        "s3/orders: skipped, a symbolic link (only files inside the inbox are read)",
    ]
    assert rows(con, "SELECT store_id, order_id FROM raw.orders") == [("s1", "A1")]
    assert rows(con, "SELECT count(*) FROM raw.ingest_log WHERE file <> 's1/orders/real.csv'") == [
        (0,)
    ]
    assert sorted(inbox_fingerprints(inbox, tmp_path / "cache.json")) == ["s1/orders/real.csv"]
