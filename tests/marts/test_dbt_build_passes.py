"""The fixture is valid data: `dbt build` (models and dbt tests) passes on it, and
the daily marts hold one row per calendar day from each store's first order day."""

import pytest

DAILY_MARTS = ["marts.sales_volume_daily", "marts.store_health_daily"]


def test_dbt_build_passes(marts):
    assert marts.failed_nodes == [], marts.log_tail
    assert marts.returncode == 0, marts.log_tail


@pytest.mark.parametrize("mart", DAILY_MARTS)
def test_one_row_per_day_from_first_order_day_to_as_of(marts, mart):
    rows = marts.query(
        f"select store_id, min(date), max(date), count(*), count(distinct date) from {mart} "
        "group by store_id order by store_id"
    )
    got = [(s, str(lo), str(hi), n, d) for s, lo, hi, n, d in rows]
    assert got == [
        # 2024-06-01 .. 2025-06-30: 30 + 365 days; the 2025-07-01 line is after as_of
        ("s1", "2024-06-01", "2025-06-30", 395, 395),
        # days no order file covers still have their rows
        ("s10", "2024-12-01", "2025-06-30", 212, 212),
        # 2025-01-10 .. 2025-06-30: 22 + 28 + 31 + 30 + 31 + 30
        ("s2", "2025-01-10", "2025-06-30", 172, 172),
        # first order day (an in-progress line) 2025-05-10: 22 + 30
        ("s3", "2025-05-10", "2025-06-30", 52, 52),
        # the quarantined 2025-03-01 line does not open s4: 2025-04-10 .. : 21 + 31 + 30
        ("s4", "2025-04-10", "2025-06-30", 82, 82),
        # s5 has only a quarantined line: not a store of the marts
        # 2024-12-01 .. : 31 + 31 + 28 + 31 + 30 + 31 + 30
        ("s6", "2024-12-01", "2025-06-30", 212, 212),
        # the o-m4 line held for its currency leaves its older CNY version: 05-20 .. 06-30
        ("s7", "2025-05-20", "2025-06-30", 42, 42),
        # 2024-06-30 .. 2025-06-30: 1 + 365 days
        ("s9", "2024-06-30", "2025-06-30", 366, 366),
    ]
