"""Text that a spreadsheet would take for a formula is data: it is loaded exactly as exported.

Neutralising it is the job of whatever writes a file for a spreadsheet
(dagster_project/spreadsheet.py), never of the warehouse, whose values must match the
seller centre's.
"""

from pathlib import Path

from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox

HEADER = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status,Category"


def test_formula_like_text_loads_unchanged(inbox: Path, con) -> None:
    put(
        inbox,
        "s1/orders/orders_20240302.csv",
        "\n".join(
            [
                HEADER,
                'A1,"=HYPERLINK(""http://x.example"",""click"")",1,2024-03-01 10:00,5,Completed,',
                "A2,+cmd|' /C calc'!A0,1,2024-03-01 10:00,5,Completed,@SUM(1+1)",
                "A3,-S3,1,2024-03-01 10:00,5,Completed,=1+1",
            ]
        )
        + "\n",
    )
    report = ingest_inbox(con, inbox)
    assert [f.rows_loaded for f in report.files] == [3]
    assert rows(con, "SELECT sku, category FROM raw.orders ORDER BY order_id") == [
        ('=HYPERLINK("http://x.example","click")', None),
        ("+cmd|' /C calc'!A0", "@SUM(1+1)"),
        ("-S3", "=1+1"),
    ]
