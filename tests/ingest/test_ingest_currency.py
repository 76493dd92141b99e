"""The currency of an order line (exports.md): its `currency` value (币种 / 货币 / Currency),
else its amount's prefix, else USD; the amount is stored as exported, without its prefix."""

from pathlib import Path

import pytest
from inbox_files import put, rows

from dagster_project.ingest import ingest_inbox

HEADER = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status"


def _load(inbox: Path, con, header: str, lines: list[str]) -> None:
    put(inbox, "s1/orders/o.csv", header + "\n" + "\n".join(lines) + "\n")
    ingest_inbox(con, inbox)


def test_every_prefix_names_its_currency(inbox: Path, con) -> None:
    prefixes = [
        ("US $", "USD"), ("us$", "USD"), ("$", "USD"), ("Usd ", "USD"),
        ("CN¥", "CNY"), ("cn¥ ", "CNY"), ("￥", "CNY"), ("¥ ", "CNY"), ("rmb", "CNY"),
        ("CNY ", "CNY"), ("€", "EUR"), ("€ ", "EUR"), ("eur", "EUR"), ("EUR  ", "EUR"),
        ("", "USD"),
    ]  # fmt: skip
    lines = [f'P{n},S1,1,2024-03-01,"{p}1,299.50",Completed' for n, (p, _) in enumerate(prefixes)]
    _load(inbox, con, HEADER, lines)
    assert rows(con, "SELECT amount::VARCHAR, currency FROM raw.orders ORDER BY line") == [
        ("1299.50", currency) for _, currency in prefixes
    ]
    assert rows(con, "SELECT * FROM raw.quarantine") == []


@pytest.mark.parametrize("header", ["币种", "货币", "Currency", " CURRENCY "])
def test_currency_column_under_each_name(inbox: Path, con, header: str) -> None:
    _load(inbox, con, HEADER + "," + header, ["A1,S1,1,2024-03-01,12.00,Completed,cny"])
    assert rows(con, "SELECT amount::VARCHAR, currency FROM raw.orders") == [("12.00", "CNY")]


def test_currency_value_prefix_and_default(inbox: Path, con) -> None:
    lines = [
        "A1,S1,1,2024-03-01,12.00,Completed,",  # neither: USD
        "A2,S1,1,2024-03-01,12.00,Completed,eur",  # value, stored upper case
        "A3,S1,1,2024-03-01,¥12.00,Completed,",  # prefix alone
        "A4,S1,1,2024-03-01,¥12.00,Completed,RMB",  # RMB means CNY: no mismatch
        "A5,S1,1,2024-03-01,12.00,Completed,rmb",
        "A6,S1,1,2024-03-01,12.00,Completed,JPY",  # a code the ECB quotes or not: kept
        "A7,S1,1,2024-03-01,12.00,Completed,xyz",  # a rate is judged at transformation
        "A8,S1,1,2024-03-01,€ 12.00,Completed, EUR ",
        "A9,S1,1,2024-03-01,US $12.00,Completed,usd",
    ]
    _load(inbox, con, HEADER + ",Currency", lines)
    query = "SELECT order_id, amount::VARCHAR, currency FROM raw.orders ORDER BY line"
    assert rows(con, query) == [
        ("A1", "12.00", "USD"),
        ("A2", "12.00", "EUR"),
        ("A3", "12.00", "CNY"),
        ("A4", "12.00", "CNY"),
        ("A5", "12.00", "CNY"),
        ("A6", "12.00", "JPY"),
        ("A7", "12.00", "XYZ"),
        ("A8", "12.00", "EUR"),
        ("A9", "12.00", "USD"),
    ]


def test_bad_currencies_and_mismatches(inbox: Path, con) -> None:
    lines = [
        "B1,S1,1,2024-03-01,¥12.00,Completed,JPY",  # ¥ is CNY even beside JPY
        "B2,S1,1,2024-03-01,$12.00,Completed,CNY",
        "B3,S1,1,2024-03-01,€12.00,Completed,USD",
        "B4,S1,1,2024-03-01,RMB 12.00,Completed,EUR",
        "B5,S1,1,2024-03-01,12.00,Completed,EURO",  # not three letters
        "B6,S1,1,2024-03-01,12.00,Completed,US$",
        "B7,S1,1,2024-03-01,12.00,Completed,人民币",
        "B8,S1,1,2024-03-01,12.00,Completed,U D",
        "B9,S1,1,2024-03-01,12.00 EUR,Completed,",  # currency after the number
        "B10,S1,1,2024-03-01,12元,Completed,",
        "B11,S1,1,2024-03-01,JPY 12.00,Completed,",  # another prefix
        "B12,S1,1,2024-03-01,£12.00,Completed,",
        "B13,S1,1,2024-03-01,EUR12.00 EUR,Completed,",
        # several faults, one reason: the amount is judged before the currency
        "B14,S1,1,2024-03-01,12元,Completed,EURO",
    ]
    _load(inbox, con, HEADER + ",币种", lines)
    assert rows(con, "SELECT * FROM raw.orders") == []
    assert rows(con, "SELECT line, reason FROM raw.quarantine ORDER BY line") == [
        (1, "currency_mismatch"),
        (2, "currency_mismatch"),
        (3, "currency_mismatch"),
        (4, "currency_mismatch"),
        (5, "bad_currency"),
        (6, "bad_currency"),
        (7, "bad_currency"),
        (8, "bad_currency"),
        (9, "bad_decimal:amount"),
        (10, "bad_decimal:amount"),
        (11, "bad_decimal:amount"),
        (12, "bad_decimal:amount"),
        (13, "bad_decimal:amount"),
        (14, "bad_decimal:amount"),
    ]


def test_warehouse_from_before_the_currency_column(inbox: Path, con) -> None:
    """raw.orders made without `currency` gets it appended; older rows keep NULL (USD)."""
    con.execute(
        "CREATE SCHEMA raw; CREATE TABLE raw.orders (store_id VARCHAR, source_file VARCHAR, "
        "file_name VARCHAR, ingest_id BIGINT, line BIGINT, snapshot_at TIMESTAMP, "
        "order_id VARCHAR, sku VARCHAR, product_id VARCHAR, category VARCHAR, "
        "quantity INTEGER, order_time TIMESTAMP, paid_at TIMESTAMP, amount DECIMAL(18,2), "
        "status VARCHAR, tracking_no VARCHAR, online_at TIMESTAMP, delivered_at TIMESTAMP); "
        "INSERT INTO raw.orders (store_id, order_id, sku, amount) VALUES ('s0', 'old', 'S', 1)"
    )
    _load(inbox, con, HEADER, ["A1,S1,2,2024-03-01,€3.00,Completed"])
    assert rows(
        con,
        "SELECT order_id, quantity, amount::VARCHAR, status, currency FROM raw.orders "
        "ORDER BY order_id",
    ) == [("A1", 2, "3.00", "Completed", "EUR"), ("old", None, "1.00", None, None)]
