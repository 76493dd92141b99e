"""Small files of one layout are read as one bundle; what lands in raw is what reading each
file on its own gives, line numbers and quarantine included."""

from pathlib import Path

import duckdb
import pytest
from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox, loader

GOOD = "{},S1,1,2024-03-01 10:00:00,,5,Completed,Ann,111"
BAD_QTY = "{},S1,x,2024-03-01 10:00:00,,5,Completed,Ann,111"
SHORT = "{},S1,1,2024-03-01 10:00:00"
LONG = "{},S1,1,2024-03-01 10:00:00,,5,Completed,Ann,111,extra,more"


def _inbox(inbox: Path) -> None:
    lines = [ORDERS_EN, GOOD.format("A1"), BAD_QTY.format("A2"), GOOD.format("A3")]
    put(inbox, "s1/orders/plain.csv", "\n".join(lines) + "\n")
    crlf = [ORDERS_EN, SHORT.format("B1"), GOOD.format("B2"), LONG.format("B3")]
    put(inbox, "s1/orders/crlf.csv", "\r\n".join(crlf) + "\r\n")
    put(inbox, "s2/orders/no_newline.csv", "\n".join([ORDERS_EN, GOOD.format("C1")]))
    put(inbox, "s2/orders/header_only.csv", ORDERS_EN + "\n")
    put(inbox, "s2/orders/bom.csv", "\n".join([ORDERS_EN, GOOD.format("D1")]) + "\n", bom=True)
    gbk = [ORDERS_EN, GOOD.format("E1").replace("Ann", "张三")]
    put(inbox, "s3/orders/gbk.csv", "\n".join(gbk) + "\n", encoding="gbk")
    # Read on their own: a blank line (skipped by the reader) and a quoted field.
    blank = [ORDERS_EN, GOOD.format("F1"), "", BAD_QTY.format("F2")]
    put(inbox, "s3/orders/blank_line.csv", "\n".join(blank) + "\n")
    quoted = [ORDERS_EN, GOOD.format("G1").replace("Ann", '"Ann, Jr"'), BAD_QTY.format("G2")]
    put(inbox, "s3/orders/quoted.csv", "\n".join(quoted) + "\n")


LOADED = "SELECT source_file, line, order_id, quantity FROM raw.orders ORDER BY source_file, line"
QUARANTINED = (
    "SELECT file, line, reason, raw_line, field_count, line_hash FROM raw.quarantine "
    "ORDER BY file, line"
)
LOGGED = (
    "SELECT file, rows_read, rows_loaded, rows_quarantined, status FROM raw.ingest_log "
    "ORDER BY file"
)


def test_bundled_read_equals_reading_each_file(
    inbox: Path, con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _inbox(inbox)
    bundled: list[set[str]] = []
    read_bundled = loader._TypedReader._read_bundled

    def recording(self, paths):
        taken = read_bundled(self, paths)
        # gbk.csv is read through its UTF-8 copy in the scratch folder
        bundled.append({"gbk copy" if "asw-ingest-" in p else Path(p).name for p in taken})
        return taken

    monkeypatch.setattr(loader._TypedReader, "_read_bundled", recording)
    ingest_inbox(con, inbox)
    assert [sorted(b) for b in bundled if b] == [
        ["bom.csv", "crlf.csv", "gbk copy", "header_only.csv", "no_newline.csv", "plain.csv"]
    ]

    monkeypatch.setattr(loader, "BUNDLE_MAX_BYTES", 0)  # every file read on its own
    alone = duckdb.connect(str(tmp_path / "alone.duckdb"))
    ingest_inbox(alone, inbox)
    for sql in (LOADED, QUARANTINED, LOGGED):
        assert rows(con, sql) == rows(alone, sql)
    alone.close()

    # Lines are record ordinals under the header, per file.
    assert rows(con, LOADED) == [
        ("s1/orders/crlf.csv", 2, "B2", 1),
        ("s1/orders/plain.csv", 1, "A1", 1),
        ("s1/orders/plain.csv", 3, "A3", 1),
        ("s2/orders/bom.csv", 1, "D1", 1),
        ("s2/orders/no_newline.csv", 1, "C1", 1),
        ("s3/orders/blank_line.csv", 1, "F1", 1),
        ("s3/orders/gbk.csv", 1, "E1", 1),
        ("s3/orders/quoted.csv", 1, "G1", 1),
    ]
    assert [(f, line, reason, n) for f, line, reason, _, n, _ in rows(con, QUARANTINED)] == [
        ("s1/orders/crlf.csv", 1, "field_count_mismatch", 4),
        ("s1/orders/crlf.csv", 3, "field_count_mismatch", 11),
        ("s1/orders/plain.csv", 2, "bad_integer:quantity", 9),
        ("s3/orders/blank_line.csv", 2, "bad_integer:quantity", 9),
        ("s3/orders/quoted.csv", 2, "bad_integer:quantity", 9),
    ]
    # rows read = loaded + quarantined; the header-only file has none
    assert rows(con, LOGGED) == [
        ("s1/orders/crlf.csv", 3, 1, 2, "loaded"),
        ("s1/orders/plain.csv", 3, 2, 1, "loaded"),
        ("s2/orders/bom.csv", 1, 1, 0, "loaded"),
        ("s2/orders/header_only.csv", 0, 0, 0, "loaded"),
        ("s2/orders/no_newline.csv", 1, 1, 0, "loaded"),
        ("s3/orders/blank_line.csv", 2, 1, 1, "loaded"),
        ("s3/orders/gbk.csv", 1, 1, 0, "loaded"),
        ("s3/orders/quoted.csv", 2, 1, 1, "loaded"),
    ]


def test_wide_small_files_bundled_equal_reading_each_file(
    inbox: Path, con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past 64 staging columns the read is narrow and faulty files are read again in full
    # for their field counts and line hashes: by file, as without the bundle.
    extra = 80
    header = "Order ID;SKU;Quantity;Order Time;Amount Received;Order Status;" + ";".join(
        f"Extra {i}" for i in range(extra)
    )
    tail = ";" + ";".join("v" for _ in range(extra))
    for n in range(3):
        put(
            inbox,
            f"s{n}/orders/wide.csv",
            "\n".join(
                [
                    header,
                    f"A{n}1;S1;1;2024-03-01 10:00:00;5;Completed" + tail,
                    f"A{n}2;S1;0;2024-03-01 10:00:00;5;Completed" + tail,  # out of range
                    f"A{n}3;S1;1",  # short
                    f"A{n}4;S1;1;2024-03-01 10:00:00;5;Completed" + tail + ";x;y",  # long
                ]
            )
            + "\n",
        )
    bundled: list[int] = []
    read_bundled = loader._TypedReader._read_bundled
    monkeypatch.setattr(
        loader._TypedReader,
        "_read_bundled",
        lambda self, paths: bundled.append(len(taken := read_bundled(self, paths))) or taken,
    )
    ingest_inbox(con, inbox)
    assert bundled == [3]
    monkeypatch.setattr(loader, "BUNDLE_MAX_BYTES", 0)
    alone = duckdb.connect(str(tmp_path / "alone.duckdb"))
    ingest_inbox(alone, inbox)
    for sql in (LOADED, QUARANTINED, LOGGED):
        assert rows(con, sql) == rows(alone, sql)
    alone.close()
    width = 6 + extra
    assert [(f, line, reason, n) for f, line, reason, _, n, _ in rows(con, QUARANTINED)] == [
        (f"s{n}/orders/wide.csv", line, reason, count)
        for n in range(3)
        for line, reason, count in (
            (2, "out_of_range:quantity", width),
            (3, "field_count_mismatch", 3),
            (4, "field_count_mismatch", width + 2),
        )
    ]
