"""A line completed in the 2025-06-01 export and refunded in the 2025-07-01 export
(o-ref, A-TEE, 1000 units on 2025-05-20) leaves every day's totals, also the days
before the refund was exported, but stays in sold_count (已售数量)."""

import pytest


def test_latest_state_is_refunded(marts):
    row = marts.one(
        "select raw_status, status_class, status_reason, is_counted, quantity, source_file, "
        "cast(snapshot_at as varchar) from marts.fct_order_lines "
        "where store_id = 's1' and order_id = 'o-ref' and sku = 'A-TEE'"
    )
    assert row == (
        "已退款",
        "excluded",
        "refunded",
        False,
        1000,
        "s1/orders/orders_2025-07-01.csv",
        "2025-07-01 00:00:00",
    )


def test_refund_day_and_window_totals(marts):
    row = marts.one(
        "select units_1d, units_7d, units_30d, sold_count, gmv_30d from marts.sales_volume_daily "
        "where store_id = 's1' and date = '2025-05-20'"
    )
    units_1d, units_7d, units_30d, sold_count, gmv_30d = row
    assert units_1d == 0
    assert units_7d == 35000  # 05-14 .. 05-20: o-bulk05 only
    # 04-21 .. 05-20: o-bulk05 35000
    assert units_30d == 35000
    assert float(gmv_30d) == pytest.approx(100000.00)
    # counted up to 05-20: 2024: 3 + 1 + 2 + 1 + 31000 + 5; 2025: 4 + 8 + 32000 + 30000
    # + 33000 + 16 + 32 + 34000 + 35000 = 195072; + the refunded, paid 1000
    assert sold_count == 196072


def test_refund_leaves_the_365_day_total(marts):
    total = marts.one(
        "select total_sales_volume from marts.sales_volume_daily "
        "where store_id = 's1' and date = '2025-06-30'"
    )[0]
    assert total == 197109  # would be 198109 with the refunded line


def test_refund_leaves_the_sku_row(marts):
    row = marts.one(
        "select units_30d, units_90d, units_365d, sold_count from marts.sku_sales_volume "
        "where store_id = 's1' and sku = 'A-TEE'"
    )
    # units_90d: 04-02 32 + 05-31 64 + June 128 + 256 + 512 + 1024;
    # units_365d: + 2024-07-01 2 + 01-01 4 + 01-02 8 + 04-01 16;
    # sold_count: + 2024-06-30 1 + refunded 1000 (o-nopay unpaid, o-fut after as_of)
    assert row == (1920, 2016, 2046, 3047)
