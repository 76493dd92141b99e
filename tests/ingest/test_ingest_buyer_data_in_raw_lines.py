"""A quarantined row's raw line keeps only the recognised columns: buyer data under any
spelling, and any column nobody recognises, is blanked before it reaches a table."""

from pathlib import Path

from inbox_files import every_text_value, put, rows

from dagster_project.ingest import ingest_inbox
from dagster_project.ingest.headers import is_personal, match_header

# Header → a planted value that must never be stored.
PLANTED = {
    "Buyer's Name": "Wang Wu",
    "买家姓名": "王五",
    "收件人": "赵六",
    "收件人电话": "13900001111",
    "E-mail": "ww@example.org",
    "Mobile": "15811112222",
    "Address Line 1": "88 Nanjing Road",
    "邮政编码": "310000",
    "Customer": "Chen Qi",
    "Buyer Tel": "02188889999",
    "Email Address": "cq@example.org",
    "Consignee": "Sun Ba",
    "收货人": "周九",
    "Postal Code": "518000",
    "Nickname Note": "secret-nick",  # no personal phrase list can foresee every column
}


def test_raw_lines_keep_only_recognised_columns(inbox: Path, con) -> None:
    header = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status," + ",".join(PLANTED)
    secrets = ",".join(PLANTED.values())
    put(
        inbox,
        "s1/orders/o.csv",
        "\n".join(
            [
                header,
                f"A1,S1,1,2024-03-01 10:00:00,5,Completed,{secrets}",
                f"A2,S1,0,2024-03-01 10:00:00,5,Completed,{secrets}",  # quarantined
            ]
        ),
    )
    report = ingest_inbox(con, inbox)
    assert [(f.rows_loaded, f.rows_quarantined) for f in report.files] == [(1, 1)]
    blanks = "," * len(PLANTED)
    assert rows(con, "SELECT raw_line FROM raw.quarantine") == [
        (f"A2,S1,0,2024-03-01 10:00:00,5,Completed{blanks}",)
    ]
    leaks = [v for v in every_text_value(con) for s in PLANTED.values() if s in v]
    assert leaks == []


def test_the_vocabulary_knows_both_languages() -> None:
    for header in [h for h in PLANTED if h != "Nickname Note"] + ["Buyer Phone", "手机号码"]:
        assert is_personal(header), header


def test_recognised_headers_are_never_personal() -> None:
    store = match_header("store", ["Store Name", "Opened At", "Main Category", "Buyer Name"])
    assert dict(store.positions) == {"store_name": 0, "opened_at": 1, "main_category": 2}
    assert store.personal == (3,)
    zh = match_header("store", ["店铺名称", "开店时间", "主营类目"])
    assert dict(zh.positions) == {"store_name": 0, "opened_at": 1, "main_category": 2}
    orders = match_header(
        "orders",
        ["Order ID", "SKU", "Quantity", "Order Time", "Amount Received", "Order Status",
         "Tracking Number", "Delivery Time", "Paying Buyers"],
    )  # fmt: skip
    assert orders.index("order_id") == 0 and orders.index("delivered_at") == 7
