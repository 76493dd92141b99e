"""A UTF-8 file with some GBK lines: the UTF-8 lines load as written, the others are
quarantined as `bad_encoding`; a file wholly in GBK is still transcoded whole."""

from pathlib import Path

from inbox_files import ORDERS_ZH, rows

from dagster_project.ingest import ingest_inbox


def _line(order_id: str, status: str) -> str:
    return f"{order_id},衬衫-红,1,2024-03-01 10:00:00,,5,{status},张三,13800000000\n"


def test_gbk_lines_in_a_utf8_file_are_quarantined(inbox: Path, con) -> None:
    data = (
        (ORDERS_ZH + "\n").encode("utf-8")
        + _line("U1", "等待发货").encode("utf-8")
        + _line("G1", "已完成").encode("gbk")
        + _line("U2", "已完成").encode("utf-8")
    )
    path = inbox / "s1/orders/mixed.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    (file,) = ingest_inbox(con, inbox).files
    assert (file.status, file.rows_read, file.rows_loaded, file.rows_quarantined) == (
        "loaded", 3, 2, 1,
    )  # fmt: skip
    assert rows(con, "SELECT order_id, status, line FROM raw.orders ORDER BY line") == [
        ("U1", "等待发货", 1),
        ("U2", "已完成", 3),
    ]
    ((line, reason, raw, hashed),) = rows(
        con, "SELECT line, reason, raw_line, line_hash FROM raw.quarantine"
    )
    assert (line, reason, raw) == (2, "bad_encoding", None)
    assert len(hashed) == 64
    # The buyer fields of the undecodable line reach no table either.
    assert rows(con, "SELECT count(*) FROM raw.quarantine WHERE raw_line LIKE '%138%'") == [(0,)]


def test_a_wholly_gbk_file_is_transcoded_whole(inbox: Path, con) -> None:
    path = inbox / "s1/orders/gbk.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(((ORDERS_ZH + "\n") + _line("G1", "等待发货")).encode("gbk"))
    (file,) = ingest_inbox(con, inbox).files
    assert (file.rows_loaded, file.rows_quarantined) == (1, 0)
    assert rows(con, "SELECT status FROM raw.orders") == [("等待发货",)]
