"""For every file, rows read = rows loaded + rows quarantined, in reports, log and tables."""

from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox


def test_counts_add_up_for_every_file(inbox: Path, con) -> None:
    put(inbox, "s1/orders/a.csv", ORDERS_EN + "\nA1,S1,1,2024-03-01,,5,Completed,x,y\nA2,S1\n")
    put(inbox, "s1/orders/b.csv", ORDERS_EN + "\n" + "\n".join(
        f"B{i},S1,{i % 3},2024-03-01,,5,Completed,x,y" for i in range(9)
    ))  # fmt: skip
    put(inbox, "s2/orders/c.csv", ORDERS_EN + "\n")
    put(inbox, "s2/reviews/r.csv", "Order ID,Review Time,Rating\nA1,2024-03-01,3\nA2,,3\n")
    report = ingest_inbox(con, inbox)
    counts = [(f.file, f.rows_read, f.rows_loaded, f.rows_quarantined) for f in report.files]
    assert counts == [
        ("s1/orders/a.csv", 2, 1, 1),
        ("s1/orders/b.csv", 9, 6, 3),
        ("s2/orders/c.csv", 0, 0, 0),
        ("s2/reviews/r.csv", 2, 1, 1),
    ]
    assert (report.rows_read, report.rows_loaded, report.rows_quarantined) == (13, 8, 5)
    logged = rows(
        con,
        "SELECT file, rows_read, rows_loaded, rows_quarantined FROM raw.ingest_log ORDER BY file",
    )
    assert logged == counts
    in_tables = rows(
        con,
        """SELECT l.file,
                  (SELECT count(*) FROM raw.orders o WHERE o.ingest_id = l.ingest_id)
                + (SELECT count(*) FROM raw.reviews r WHERE r.ingest_id = l.ingest_id),
                  (SELECT count(*) FROM raw.quarantine q WHERE q.ingest_id = l.ingest_id)
           FROM raw.ingest_log l ORDER BY l.file""",
    )
    assert in_tables == [(f, loaded, bad) for f, _, loaded, bad in counts]
