"""Money (metrics.md): every amount of the marts is USD. s7 exports yuan and euro amounts;
fct_order_lines keeps them as amount_original and currency, and amount is converted with
the fx_rates seed at the month of order_time, not rounded. A line whose currency has no
rate is held with reason unknown_currency; an older valid version of its key stays in force.

Rates (dbt_models/seeds/fx_rates.csv): CNY 2025-05 0.13864070408798448,
EUR 2025-06 1.1516190476190478.
"""

import pytest

CNY_2025_05 = 0.13864070408798448
EUR_2025_06 = 1.1516190476190478


def test_order_lines_in_usd(marts):
    rows = marts.query(
        "select order_id, currency, cast(amount_original as varchar), amount, source_file "
        "from marts.fct_order_lines where store_id = 's7' order by order_id"
    )
    assert rows == [
        # 1000 CNY on May 31, 23:00: May's rate
        ("o-m1", "CNY", "1000.00", 1000 * CNY_2025_05, "s7/orders/orders_2025-07-01.csv"),
        # 100 EUR on June 1, 00:00: June's rate
        ("o-m2", "EUR", "100.00", 100 * EUR_2025_06, "s7/orders/orders_2025-07-01.csv"),
        ("o-m3", "USD", "50.00", 50.0, "s7/orders/orders_2025-07-01.csv"),
        # the 07-01 version (AED, no rate) is held: the 06-01 CNY version stays in force
        ("o-m4", "CNY", "500.00", 500 * CNY_2025_05, "s7/orders/orders_2025-06-01.csv"),
    ]
    # 138.64070408798448, 115.16190476190478, 69.32035204399224: not rounded
    assert rows[0][3] == pytest.approx(138.6407040879845, abs=1e-12)


def test_usd_lines_keep_their_amount(marts):
    assert marts.query(
        "select count(*) from marts.fct_order_lines "
        "where currency = 'USD' and amount <> cast(amount_original as double)"
    ) == [(0,)]
    assert marts.query(
        "select distinct currency from marts.fct_order_lines where store_id <> 's7'"
    ) == [("USD",)]


def test_gmv_is_usd(marts):
    row = marts.one(
        "select units_30d, units_365d, gmv_30d::double, gmv_365d::double "
        "from marts.sales_volume_daily where store_id = 's7' and date = '2025-06-30'"
    )
    # 30 days (06-01 ..): o-m2 115.16190476 + o-m3 50 = 165.16;
    # 365 days: + o-m1 138.64070409 + o-m4 69.32035204 = 373.12
    assert row == (3, 18, 165.16, 373.12)


def test_sku_day_amount_is_usd(marts):
    rows = marts.query(
        "select cast(date as varchar), counted_units, counted_amount::double "
        "from intermediate.int_sku_daily where store_id = 's7' order by date"
    )
    assert rows == [
        ("2025-05-20", 5, pytest.approx(69.32035204, abs=1e-8)),
        ("2025-05-31", 10, pytest.approx(138.64070409, abs=1e-8)),
        ("2025-06-01", 2, pytest.approx(115.16190476, abs=1e-8)),
        ("2025-06-10", 1, 50.0),
    ]


def test_lines_without_a_rate_are_held(marts):
    rows = marts.query(
        "select line, reason, raw_line, field_count from audit.quarantine "
        "where store_id = 's7' order by line"
    )
    # raw lines rebuilt in the orders column order of exports.md, currency after amount
    assert rows == [
        (4, "unknown_currency",
         "o-m4,M-TEE,,服装,5,2025-05-20 10:00:00,2025-05-20 10:00:00,500.00,AED,交易完成,,,", 13),
        (5, "unknown_currency",
         "o-m5,M-CAP,,服装,3,2025-06-15 10:00:00,2025-06-15 10:00:00,30.00,AED,交易完成,,,", 13),
        (6, "unknown_status",
         "o-m6,M-CAP,,服装,4,2025-06-16 10:00:00,2025-06-16 10:00:00,40.00,AED,"
         "Awaiting Pickup,,,", 13),
    ]  # fmt: skip
    assert (
        marts.query("select 1 from marts.sku_sales_volume where store_id = 's7' and sku = 'M-CAP'")
        == []
    )


def test_a_rate_added_brings_the_lines_back(marts_statuses_added):
    """The second build's fx_rates has AED for 2025-06 (0.25) and its status map knows
    'Awaiting Pickup': both June AED lines come back without re-ingesting; o-m4's AED
    version is dated May, which still has no rate, so its CNY version stays in force."""
    rows = marts_statuses_added.query(
        "select order_id, currency, cast(amount_original as varchar), amount, quantity "
        "from marts.fct_order_lines where store_id = 's7' and currency <> 'USD' "
        "order by order_id"
    )
    assert rows == [
        ("o-m1", "CNY", "1000.00", 1000 * CNY_2025_05, 10),
        ("o-m2", "EUR", "100.00", 100 * EUR_2025_06, 2),
        ("o-m4", "CNY", "500.00", 500 * CNY_2025_05, 5),
        ("o-m5", "AED", "30.00", 7.5, 3),  # 30 x 0.25
        ("o-m6", "AED", "40.00", 10.0, 4),  # 40 x 0.25
    ]
