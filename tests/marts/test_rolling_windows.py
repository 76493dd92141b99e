"""Rolling windows of sales_volume_daily: an N-day window ending on D covers
D-(N-1) .. D. s1 has one A-TEE line on each side of every boundary, with
quantities that are powers of two so each sum shows which lines it took."""

import pytest

COLUMNS = (
    "units_1d, units_7d, units_30d, units_90d, units_180d, units_365d, total_sales_volume, "
    "orders_365d, gmv_30d, gmv_365d, sold_count"
)


def day_row(marts, store_id, day):
    row = marts.one(
        f"select {COLUMNS} from marts.sales_volume_daily where store_id = ? and date = ?",
        [store_id, day],
    )
    return dict(zip([c.strip() for c in COLUMNS.split(",")], row, strict=True))


def test_s1_windows_on_as_of(marts):
    row = day_row(marts, "s1", "2025-06-30")
    assert row["units_1d"] == 1024  # o-t11 only
    # 2025-06-24 (D-6): 512 + A-REV 1 + o-r1 1 + o-r3 1; 06-30: 1024; 06-23 (D-7) left out
    assert row["units_7d"] == 1539
    # 06-01 128, 06-05 3+1+1, 06-08 1, 06-10 5, 06-12 1, 06-20 10, 06-23 256, 06-24 515,
    # 06-30 1024 = 1945 (05-31, D-30, left out)
    assert row["units_30d"] == 1945
    # + 05-31 64 + 05-27 1 + 05-25 31 + 05-15 35000 + 04-15 34000 + 04-02 (D-89) 32;
    # 04-01 (D-90) left out; the refunded 1000 on 05-20 never counts
    assert row["units_90d"] == 71073
    # + 04-01 16 + 03-15 33000 + 02-15 30000 + 01-15 32000 + 01-02 (D-179) 8
    assert row["units_180d"] == 166097
    # + 01-01 4 + 2024-12-20 5 + 12-15 31000 + 09-01 1 + 2024-07-01 (D-364) 2;
    # 2024-06-30 (D-365) 1 and 2024-06-01 3 left out
    assert row["units_365d"] == 197109
    assert row["total_sales_volume"] == 197109


def test_s1_orders_gmv_and_sold_count_on_as_of(marts):
    row = day_row(marts, "s1", "2025-06-30")
    # 30 distinct orders with a counted line from 2024-07-01 on; o-t10 has two counted lines
    assert row["orders_365d"] == 30
    # June: 1280 + 15 + 10*3 (o-r5, o-r6, o-r7) + 10 + 10 (A-CHEAP) + 50 + 2560 + 5120 + 10
    # + 10*2 (o-r1, o-r3) + 10240
    assert float(row["gmv_30d"]) == pytest.approx(19345.00)
    # + May 100960 + Apr 100480 + Mar 100000 + Feb 100000 + Jan 100120 + Dec 100050
    # + Sep 10 + Jul 20
    assert float(row["gmv_365d"]) == pytest.approx(620985.00)
    # every paid line dated <= D, any class: counted 197109 + 3 + 1 (before the 365 days)
    # + refunded o-ref 1000 + refunded o-spk4 100 + refunded A-REV2 1 + 17 A-LOG lines;
    # never-paid o-nopay (7) and the 2025-07-01 line (2000) are not in
    assert row["sold_count"] == 198231


def test_s1_windows_one_day_earlier(marts):
    row = day_row(marts, "s1", "2025-06-29")
    assert row["units_1d"] == 0
    # 06-23 256 + 06-24 515
    assert row["units_7d"] == 771
    # 05-31 64 joins, 06-30 1024 leaves: 1945 - 1024 + 64
    assert row["units_30d"] == 985
    # 2024-06-30 (now D-364) joins: 197109 - 1024 + 1
    assert row["units_365d"] == 196086


def test_s2_alternating_days(marts):
    row = day_row(marts, "s2", "2025-06-30")
    # day k of 2025-04-02 + k sells 9 (k even) or 11 (k odd); D is k = 89
    assert row["units_1d"] == 11
    assert row["units_7d"] == 71  # k 83..89: 4 x 11 + 3 x 9
    assert row["units_30d"] == 300  # 15 x 9 + 15 x 11
    assert row["units_90d"] == 900
    assert row["units_180d"] == 1800  # + the 900-unit A-SOCK line of 2025-01-10
    assert row["units_365d"] == 1800
    assert row["orders_365d"] == 91
    assert float(row["gmv_30d"]) == pytest.approx(6000.00)  # 300 x 20
    assert float(row["gmv_365d"]) == pytest.approx(27000.00)  # 900 x 20 + 9000
    assert row["sold_count"] == 1800


def test_zero_sale_day_keeps_its_windows(marts):
    # 2025-06-02 has no line in s1: 05-27 1, 05-31 64 and 06-01 128 are still in the 7 days
    row = day_row(marts, "s1", "2025-06-02")
    assert row["units_1d"] == 0
    assert row["units_7d"] == 193
