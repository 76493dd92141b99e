"""Chinese or English headers, any alias, any case, padded, in any column order."""

from pathlib import Path

from inbox_files import ORDERS_EN, ORDERS_ZH, put, rows

from dagster_project.ingest import ingest_inbox

ROW = "A1,S1,2,2024-03-01 10:00:00,2024-03-01 10:05:00,US $12.50,Completed,Ann,111"
EXPECTED = [("A1", "S1", 2, "2024-03-01 10:00:00", "2024-03-01 10:05:00", "12.50", "Completed")]
QUERY = (
    "SELECT order_id, sku, quantity, order_time::VARCHAR, paid_at::VARCHAR, amount::VARCHAR, "
    "status FROM raw.orders"
)


def test_english_headers(inbox: Path, con) -> None:
    put(inbox, "s1/orders/en.csv", f"{ORDERS_EN}\n{ROW}\n")
    ingest_inbox(con, inbox)
    assert rows(con, QUERY) == EXPECTED


def test_chinese_headers(inbox: Path, con) -> None:
    put(inbox, "s1/orders/zh.csv", f"{ORDERS_ZH}\n{ROW}\n")
    ingest_inbox(con, inbox)
    assert rows(con, QUERY) == EXPECTED


def test_case_spaces_other_alias_and_order(inbox: Path, con) -> None:
    header = (
        " order status ,EXTRA COLUMN,amount received,成交时间,Payment Time,QUANTITY,sku,  ORDER id"
    )
    put(
        inbox,
        "s1/orders/mixed.csv",
        f"{header}\nCompleted,ignored,US $12.50,2024-03-01 10:00:00,2024-03-01 10:05:00,2,S1,A1\n",
    )
    ingest_inbox(con, inbox)
    assert rows(con, QUERY) == EXPECTED
    assert rows(con, "SELECT product_id, category, tracking_no FROM raw.orders") == [
        (None, None, None)
    ]


def test_other_kinds_in_chinese(inbox: Path, con) -> None:
    put(inbox, "s1/dsr/d.csv", "日期,描述相符,服务态度,物流服务\n2024-03-01,4.9,4.8,4.7\n")
    put(inbox, "s1/traffic/t.csv", "日期,SKU,访客数,加购人数,支付买家数\n2024/03/01,S1,10.0,3,1\n")
    put(inbox, "s1/reviews/r.csv", "订单号,评价时间,评分\nA1,2024-03-05T08:00:00,4\n")
    put(inbox, "s1/store/s.csv", "店铺名称,开店时间,主营类目\n好店,2022-05-01,服饰\n")
    put(
        inbox,
        "s1/listings/l.csv",
        "商品编码,商品ID,类目,上架时间,下架时间\nS1,P1,服饰,2024-01-01,\n",
    )
    report = ingest_inbox(con, inbox)
    assert [f.rows_loaded for f in report.files] == [1, 1, 1, 1, 1]
    assert rows(con, "SELECT date::VARCHAR, dsr_logistics FROM raw.dsr") == [("2024-03-01", 4.7)]
    assert rows(con, "SELECT date::VARCHAR, visitors FROM raw.traffic") == [("2024-03-01", 10)]
    assert rows(con, "SELECT reviewed_at::VARCHAR, rating FROM raw.reviews") == [
        ("2024-03-05 08:00:00", 4)
    ]
    assert rows(con, "SELECT store_name, opened_at::VARCHAR, main_category FROM raw.store") == [
        ("好店", "2022-05-01", "服饰")
    ]
    assert rows(con, "SELECT sku, listed_at::VARCHAR, delisted_at FROM raw.listings") == [
        ("S1", "2024-01-01 00:00:00", None)
    ]
