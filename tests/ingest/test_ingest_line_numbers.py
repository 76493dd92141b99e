"""`line` is the record ordinal: a quoted multi-line field is one record, in every file.

Files of one layout are read by one read_csv call (the parallel scanner; a file with a
quoted line break is read again alone by the serial one); lines rely on each file's records
landing contiguously and in order in the text table, so that rowid gives the ordinal.
"""

from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox


def _file(prefix: str) -> str:
    return "\n".join(
        [
            ORDERS_EN,
            f"{prefix}1,S1,1,2024-03-01 10:00:00,,5,Completed,x,y",
            f'{prefix}2,"two\nphysical\nlines",1,2024-03-01 10:00:00,,5,Completed,x,y',
            f"{prefix}3,S1,0,2024-03-01 10:00:00,,5,Completed,x,y",
            f"{prefix}4,S1,1,2024-03-01 10:00:00",
            "",
            f'{prefix}5,"S1",1,2024-03-01 10:00:00,,5,"Comp\nleted",x,"a\nb"',
            f"{prefix}6,S1,1,2024-03-01 10:00:00,,5,Completed,x,y,extra",
            f"{prefix}7,S1,1,2024-03-01 10:00:00,,5,Completed,x,y",
        ]
    )


def test_lines_are_record_ordinals_across_files(inbox: Path, con) -> None:
    for n, prefix in enumerate("ABC"):
        put(inbox, f"s1/orders/part{n}.csv", _file(prefix))
    report = ingest_inbox(con, inbox)
    assert [(f.rows_read, f.rows_loaded) for f in report.files] == [(7, 4)] * 3
    assert rows(
        con,
        "SELECT order_id, line, sku, status FROM raw.orders WHERE file_name = 'part1.csv' "
        "ORDER BY line",
    ) == [
        ("B1", 1, "S1", "Completed"),
        ("B2", 2, "two\nphysical\nlines", "Completed"),
        ("B5", 5, "S1", "Comp\nleted"),
        ("B7", 7, "S1", "Completed"),
    ]
    assert rows(con, "SELECT file, line, reason FROM raw.quarantine ORDER BY file, line") == [
        (f"s1/orders/part{n}.csv", line, reason)
        for n in range(3)
        for line, reason in [
            (3, "out_of_range:quantity"),
            (4, "field_count_mismatch"),
            (6, "field_count_mismatch"),
        ]
    ]
    assert rows(con, "SELECT DISTINCT field_count FROM raw.quarantine ORDER BY 1") == [
        (4,), (9,), (10,),
    ]  # fmt: skip


def test_lines_follow_the_file_across_many_reader_chunks(inbox: Path, con) -> None:
    # 5,000 records per file span several 2,048-row vectors; order ids carry the ordinal.
    for n in range(3):
        body = "\n".join(
            f'F{n}-{i},"S\n{i}",1,2024-03-01 10:00:00,,5,Completed,x,y'
            if i % 7
            else f"F{n}-{i},S1,bad,2024-03-01 10:00:00,,5,Completed,x,y"
            for i in range(1, 5001)
        )
        put(inbox, f"s1/orders/big{n}.csv", ORDERS_EN + "\n" + body + "\n")
    report = ingest_inbox(con, inbox)
    assert [(f.rows_read, f.rows_loaded, f.rows_quarantined) for f in report.files] == [
        (5000, 4286, 714)
    ] * 3
    assert rows(
        con,
        "SELECT count(*) FROM raw.orders "
        "WHERE order_id <> 'F' || right(file_name, 5)[1:1] || '-' || line",
    ) == [(0,)]
    assert rows(
        con,
        "SELECT count(*), count(*) FILTER (WHERE line % 7 = 0) FROM raw.quarantine",
    ) == [(2142, 2142)]


def test_lines_hold_when_parallel_and_serial_reads_mix(inbox: Path, con) -> None:
    # With more threads than files the parallel scanner splits files, and then refuses the
    # two files whose quoted line break lies deep inside: they are read again alone by the
    # serial scanner, the third stays parallel. Every ordinal must hold either way.
    con.execute("SET threads = 4")
    for n in range(3):
        records = [
            f'M{n}-{i},"S,{i}",1,2024-03-01 10:00:00,,5,Completed,x,y' for i in range(1, 60001)
        ]
        if n != 1:
            records[44_999] = f'M{n}-45000,"S\n45000",1,2024-03-01 10:00:00,,5,Completed,x,y'
        put(inbox, f"s{n}/orders/mix.csv", ORDERS_EN + "\n" + "\n".join(records) + "\n")
    report = ingest_inbox(con, inbox)
    assert [(f.rows_read, f.rows_loaded) for f in report.files] == [(60000, 60000)] * 3
    assert rows(
        con,
        "SELECT count(*), count(DISTINCT store_id) FROM raw.orders "
        "WHERE order_id = 'M' || right(store_id, 1) || '-' || line",
    ) == [(180000, 3)]
