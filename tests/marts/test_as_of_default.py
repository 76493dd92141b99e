"""With the dbt var as_of empty, as_of is the latest order day over the loaded
lines (latest versions, quarantine left out): 2025-07-01 (s1's o-fut), not
2025-07-05 (s5's line, still held for an unknown status in this build).

Uses the second build (status map extended, as_of empty); s4 then opens on
2025-03-01 (see test_unknown_status_quarantine)."""


def test_daily_marts_end_on_the_latest_order_day(marts_statuses_added):
    build = marts_statuses_added
    assert build.failed_nodes == [], build.log_tail
    rows = build.query(
        "select store_id, cast(max(date) as varchar), count(*) from marts.sales_volume_daily "
        "group by 1 order by 1"
    )
    # one more day than with as_of 2025-06-30 (395, 172, 52, 212); s4 from 03-01
    assert rows == [
        ("s1", "2025-07-01", 396),
        # 2024-12-01 .. : 212 + 1
        ("s10", "2025-07-01", 213),
        ("s2", "2025-07-01", 173),
        ("s3", "2025-07-01", 53),
        ("s4", "2025-07-01", 123),
        ("s6", "2025-07-01", 213),
        ("s7", "2025-07-01", 43),
        # 2024-06-30 .. 2025-07-01: 366 + 1
        ("s9", "2025-07-01", 367),
    ]


def test_marts_as_of_the_latest_order_day(marts_statuses_added):
    build = marts_statuses_added
    assert build.query("select distinct cast(as_of as varchar) from marts.store_eligibility") == [
        ("2025-07-01",)
    ]
    row = build.one(
        "select units_1d, units_365d from marts.sales_volume_daily "
        "where store_id = 's1' and date = '2025-07-01'"
    )
    # 365 days 2024-07-02 .. 2025-07-01: 197109 - 2 (2024-07-01) + 2000 (o-fut)
    assert row == (2000, 199107)
    # 06-25 .. 07-01: 1024 + 2000
    assert build.one(
        "select units_7d from marts.sku_sales_volume where store_id = 's1' and sku = 'A-TEE'"
    ) == (3024,)
