"""Buyer names, phones, emails and addresses never reach any column of any table."""

from pathlib import Path

from inbox_files import every_text_value, put, rows

from dagster_project.ingest import ensure_raw_schema, ingest_inbox

SECRETS = ["Zhang San", "13812345678", "zs@example.com", "Room 5, Lane 9", "200000", "Li Si"]


def test_no_personal_data_in_any_table(inbox: Path, con) -> None:
    header = (
        "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status,Buyer Name,"
        "BUYER EMAIL,Recipient Phone Number,Shipping Address (full),Zip Code,收货人姓名"
    )
    good = "A1,S1,1,2024-03-01 10:00:00,5,Completed,Zhang San,zs@example.com,13812345678,"
    put(
        inbox,
        "s1/orders/o.csv",
        "\n".join(
            [
                header,
                good + '"Room 5, Lane 9",200000,Li Si',
                # quarantined with a raw line: personal fields must be blanked there too
                "A2,S1,0,2024-03-01 10:00:00,5,Completed,Zhang San,zs@example.com,13812345678,"
                '"Room 5, Lane 9",200000,Li Si',
                # field count mismatch: no raw text at all
                "A3,S1,1,2024-03-01 10:00:00,5,Completed,Zhang San,13812345678",
            ]
        ),
    )
    put(
        inbox,
        "s1/orders/zh.csv",
        "订单号,SKU,数量,成交时间,实收金额,订单状态,买家名称,联系电话,收货地址\n"
        "B1,S1,x,2024-03-01,5,已完成,Zhang San,13812345678,Room 5\n",
    )
    report = ingest_inbox(con, inbox)
    assert [(f.rows_loaded, f.rows_quarantined) for f in report.files] == [(1, 2), (0, 1)]
    values = every_text_value(con)
    assert "A2,S1,0,2024-03-01 10:00:00,5,Completed,,,,,," in values
    assert "B1,S1,x,2024-03-01,5,已完成,,," in values
    leaks = [v for v in values for secret in SECRETS if secret in v]
    assert leaks == []


def test_personal_headers_are_found_inside_other_words(inbox: Path, con) -> None:
    # `Telephone`, `Buyer_Email`, `ZipCode`, `Recipients`: spelled differently, same data.
    ensure_raw_schema(con)
    put(
        inbox,
        "s1/orders/orders_2024-01-05.csv",
        "Order ID,SKU,Quantity,Order Time,Order Status,Amount Received,Telephone,Buyer_Email,"
        "ZipCode,Recipients\n"
        "o1,s1,x,2024-01-05,Completed,12.00,555-1234,a@b.c,90210,Alice\n",
    )
    ingest_inbox(con, inbox)
    assert rows(con, "SELECT raw_line FROM raw.quarantine") == [
        ("o1,s1,x,2024-01-05,Completed,12.00,,,,",)
    ]
