"""listed_skus, active_skus_90d and sku_active_rate_90d, and the rows of
sku_sales_volume. s1's listings: the 2025-01-01 file and the 2025-07-01 file,
which delists A-OLD on 2025-03-01 15:00, adds A-NEW (06-26 15:00), A-NEW2 (06-23) and
A-NEW3 (06-27), and no longer mentions A-IDLE (whose record still stands)."""

import pytest


def activity(marts, store_id, day):
    return marts.one(
        "select listed_skus, active_skus_90d, sku_active_rate_90d from marts.store_health_daily "
        "where store_id = ? and date = ?",
        [store_id, day],
    )


@pytest.mark.parametrize(
    ("day", "listed", "active", "rate"),
    [
        # A-BULK A-TEE A-SPIKE A-MIS A-IDLE A-NEW A-NEW2 A-NEW3; active: A-BULK (04-15,
        # 05-15), A-TEE, A-SPIKE
        ("2025-06-30", 8, 3, 3 / 8),
        # A-NEW is listed 06-26 15:00, A-NEW3 06-27: 6 listed on 06-25 (with A-NEW2)
        ("2025-06-25", 6, 3, 3 / 6),
        ("2025-06-26", 7, 3, 3 / 7),
        # A-OLD still listed (delisted 03-01); active 2024-12-01 .. : A-BULK, A-TEE, A-OLD
        ("2025-02-28", 6, 3, 3 / 6),
        # A-OLD delisted; 2024-12-02 .. 2025-03-01: A-BULK, A-TEE
        ("2025-03-01", 5, 2, 2 / 5),
    ],
)
def test_s1_listed_and_active(marts, day, listed, active, rate):
    assert activity(marts, "s1", day) == (listed, active, pytest.approx(rate))


def test_store_without_listings_has_null_rate(marts):
    assert activity(marts, "s2", "2025-06-30") == (0, 0, None)


SKU_COLUMNS = "units_7d, units_30d, units_90d, units_365d, sold_count, category, listed"


def sku_row(marts, store_id, sku):
    return marts.one(
        f"select {SKU_COLUMNS} from marts.sku_sales_volume where store_id = ? and sku = ?",
        [store_id, sku],
    )


def test_sku_rows_per_store(marts):
    rows = marts.query(
        "select store_id, count(*) from marts.sku_sales_volume group by 1 order by 1"
    )
    # s1: A-OLD A-TEE A-CHEAP A-BULK A-SPIKE A-REV A-REV2 A-LOG A-LOG2 (order lines)
    # + A-MIS A-IDLE A-NEW A-NEW2 A-NEW3 (listings only); s5 is not a store of the marts;
    # s7: M-TEE (M-CAP has only held lines); s9: H-VASE and H-LAMP; s10: A-S10
    assert rows == [
        ("s1", 14),
        ("s10", 1),
        ("s2", 2),
        ("s3", 1),
        ("s4", 1),
        ("s6", 3),
        ("s7", 1),
        ("s9", 2),
    ]


@pytest.mark.parametrize(
    ("store_id", "sku", "expected"),
    [
        # delisted SKU: 2024-12-20 5 in the 365 days; sold_count also 2024-06-01 3
        ("s1", "A-OLD", (0, 0, 0, 5, 8, "apparel", False)),
        # listing only (category from the listing)
        ("s1", "A-NEW", (0, 0, 0, 0, 0, "consumer_electronics", True)),
        # no listing: category of its latest line with a category (服饰), not the later
        # line without one nor the older Home & Garden line; 06-10 5 + 06-12 1 + 2024-09-01 1
        ("s1", "A-CHEAP", (0, 6, 6, 7, 7, "apparel", False)),
        # listing Apparel beats the lines' 家居; 06-05 3 + 06-20 10 + 05-25 30;
        # sold_count also the refunded 100 of o-spk4
        ("s1", "A-SPIKE", (0, 13, 43, 43, 143, "apparel", True)),
        # 06-24 o-t10 + o-r1 + o-r3; 06-05 o-r5, o-r6; 06-08 o-r7; 05-27 o-r2; 05-25 o-r4
        ("s1", "A-REV", (3, 6, 8, 8, 8, "apparel", False)),
        # in-progress and excluded lines only: no units, but paid
        ("s1", "A-LOG", (0, 0, 0, 0, 16, "apparel", False)),
        ("s2", "E-CAB", (71, 300, 900, 900, 900, "consumer_electronics", False)),
        ("s3", "T-CAR", (0, 498, 1098, 1098, 1099, "other", False)),
        # same order_time on every line: the later snapshot, then the later line
        ("s6", "P-TIE", (0, 0, 0, 3, 3, "consumer_electronics", False)),
        # same order_time and snapshot: the later file name (zz_ after orders_)
        ("s6", "P-TIE2", (0, 0, 0, 2, 2, "apparel", False)),
    ],
)
def test_sku_row(marts, store_id, sku, expected):
    assert sku_row(marts, store_id, sku) == expected
