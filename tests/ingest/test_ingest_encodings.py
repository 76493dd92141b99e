"""UTF-8 with or without BOM and GBK/GB18030 files load the same Chinese text."""

from pathlib import Path

from inbox_files import ORDERS_ZH, put, rows

from dagster_project.ingest import ingest_inbox

TEXT = f"{ORDERS_ZH}\n订单一,衬衫-红,1,2024-03-01 10:00:00,,5,已完成,张三,13800000000\n"


def test_gbk_file_is_transcoded(inbox: Path, con) -> None:
    put(inbox, "s1/orders/gbk.csv", TEXT, encoding="gbk")
    report = ingest_inbox(con, inbox)
    assert [(f.status, f.rows_loaded) for f in report.files] == [("loaded", 1)]
    assert rows(con, "SELECT order_id, sku, status FROM raw.orders") == [
        ("订单一", "衬衫-红", "已完成")
    ]


def test_gb18030_only_characters(inbox: Path, con) -> None:
    # 𠀀 exists in GB18030 but not in GBK: the wider decoder is the one used.
    put(inbox, "s1/orders/gb18030.csv", TEXT.replace("衬衫-红", "𠀀"), encoding="gb18030")
    ingest_inbox(con, inbox)
    assert rows(con, "SELECT sku FROM raw.orders") == [("𠀀",)]


def test_bom_file(inbox: Path, con) -> None:
    put(inbox, "s1/orders/bom.csv", TEXT, bom=True)
    put(inbox, "s2/orders/plain.csv", TEXT)
    report = ingest_inbox(con, inbox)
    assert [(f.file, f.rows_loaded) for f in report.files] == [
        ("s1/orders/bom.csv", 1),
        ("s2/orders/plain.csv", 1),
    ]
    assert rows(con, "SELECT store_id, order_id FROM raw.orders ORDER BY 1") == [
        ("s1", "订单一"),
        ("s2", "订单一"),
    ]


def test_windows_line_endings(inbox: Path, con) -> None:
    put(inbox, "s1/orders/crlf.csv", TEXT.replace("\n", "\r\n"), encoding="gbk")
    report = ingest_inbox(con, inbox)
    assert [(f.rows_read, f.rows_loaded) for f in report.files] == [(1, 1)]
    assert rows(con, "SELECT status, line FROM raw.orders") == [("已完成", 1)]
