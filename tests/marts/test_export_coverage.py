"""store_export_coverage, sales_volume_daily.covered and the logistics figures of days no
order file covers, on as_of 2025-06-30 (metrics.md, marts.store_export_coverage).

An order file covers the days from the earliest order_time day among its rows in raw
(any status, held rows included) to its snapshot day:
- s1: orders_2025-06-01 covers 2025-05-20 .. 06-01, orders_2025-07-01 2024-06-01 .. 07-01.
- s4: orders_2025-05-01 (loaded twice) 04-10 .. 05-01; export_b_2025-06-01 03-01 .. 06-01
  (its earliest row, o-u1 of 03-01, is held for an unknown status: it still counts);
  export_a_2025-06-01 05-20 .. 06-01; orders_2025-04-01 nothing (its only row is of
  04-10, after its snapshot day). Without the held rows 05-02 .. 05-19 would be a gap too.
- s7: orders_2025-06-01 covers 2025-05-20 .. 06-01, orders_2025-07-01 05-20 .. 07-01.
- s9: one file, 2024-06-30 .. 2025-06-30: exactly up to as_of.
- s10: orders_2025-01-10 2024-12-01 .. 01-10, orders_2025-06-22 05-01 .. 06-22.
"""

import pytest

COLUMNS = (
    "files, cast(first_snapshot_day as varchar), cast(last_snapshot_day as varchar), "
    "days_since_last_export, max_age_days, stale, gap_days"
)

# (store_id, kind): (files, first, last, days_since_last_export, max_age_days, stale, gap)
EXPECTED = {
    # dated 2025-07-01, after as_of: -1 day old
    ("s1", "orders"): (2, "2025-06-01", "2025-07-01", -1, 7, False, 0),
    ("s1", "listings"): (2, "2025-01-01", "2025-07-01", -1, 30, False, None),
    ("s1", "dsr"): (2, "2025-06-01", "2025-07-01", -1, 7, False, None),
    ("s1", "traffic"): (2, "2025-06-28", "2025-07-01", -1, 7, False, None),
    ("s1", "reviews"): (1, "2025-07-01", "2025-07-01", -1, 30, False, None),
    # no file, but the store kind has no max age: never stale
    ("s1", "store"): (0, None, None, None, None, False, None),
    # no file of a kind with a max age: stale
    ("s2", "listings"): (0, None, None, None, 30, True, None),
    # five loads, four files; 06-02 .. 06-30 uncovered: 29 days; 29 > 7: stale
    ("s4", "orders"): (4, "2025-04-01", "2025-06-01", 29, 7, True, 29),
    ("s4", "store"): (1, "2025-07-01", "2025-07-01", -1, None, False, None),
    # s6's older file (o-tie3 of 2024-12-01) and its two 07-01 files cover every day
    ("s6", "orders"): (3, "2025-06-01", "2025-07-01", -1, 7, False, 0),
    # both files start at o-m4's 05-20 (held for its currency in the 07-01 one): no gap
    ("s7", "orders"): (2, "2025-06-01", "2025-07-01", -1, 7, False, 0),
    ("s9", "orders"): (1, "2025-06-30", "2025-06-30", 0, 7, False, 0),
    ("s9", "reviews"): (2, "2025-06-01", "2025-06-30", 0, 30, False, None),
    # 2025-01-11 .. 04-30 (21 + 28 + 31 + 30 = 110) and 06-23 .. 06-30 (8): 118;
    # 8 days old, one more than 7: stale
    ("s10", "orders"): (2, "2025-01-10", "2025-06-22", 8, 7, True, 118),
    # exactly 7 days old: not stale
    ("s10", "dsr"): (1, "2025-06-23", "2025-06-23", 7, 7, False, None),
    # loaded with its only row quarantined: still a file
    ("s10", "traffic"): (1, "2025-06-24", "2025-06-24", 6, 7, False, None),
    # its only file was rejected whole: no file
    ("s10", "listings"): (0, None, None, None, 30, True, None),
    ("s10", "reviews"): (1, "2025-06-01", "2025-06-01", 29, 30, False, None),
}


def test_six_rows_per_store_of_the_marts(marts):
    rows = marts.query(
        "select store_id, count(*), count(distinct kind), min(cast(as_of as varchar)), "
        "max(cast(as_of as varchar)) from marts.store_export_coverage group by 1 order by 1"
    )
    # s5 has only a quarantined line: not a store of the marts
    stores = ["s1", "s10", "s2", "s3", "s4", "s6", "s7", "s9"]
    assert rows == [(s, 6, 6, "2025-06-30", "2025-06-30") for s in stores]


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_coverage_row(marts, key):
    row = marts.one(
        f"select {COLUMNS} from marts.store_export_coverage where store_id = ? and kind = ?",
        list(key),
    )
    assert row == EXPECTED[key]


def test_gap_days_only_for_orders(marts):
    rows = marts.query(
        "select distinct kind from marts.store_export_coverage where gap_days is not null"
    )
    assert rows == [("orders",)]


def _covered(marts, store_id):
    return dict(
        marts.query(
            "select cast(date as varchar), covered from marts.sales_volume_daily "
            "where store_id = ?",
            [store_id],
        )
    )


def test_covered_days(marts):
    s10 = _covered(marts, "s10")
    assert [s10[d] for d in ("2024-12-01", "2025-01-10", "2025-01-11", "2025-04-30")] == [
        True,
        True,
        False,
        False,
    ]
    assert [s10[d] for d in ("2025-05-01", "2025-06-22", "2025-06-23", "2025-06-30")] == [
        True,
        True,
        False,
        False,
    ]
    assert sum(not c for c in s10.values()) == 118
    s4 = _covered(marts, "s4")
    assert (s4["2025-05-10"], s4["2025-06-01"], s4["2025-06-02"]) == (True, True, False)
    # a file dated exactly as_of covers as_of
    assert _covered(marts, "s9")["2025-06-30"] is True
    assert all(_covered(marts, "s1").values())


def _logistics(marts, store_id, day):
    return marts.one(
        "select online_48h_rate_30d, overdue_72h_orders from marts.store_health_daily "
        "where store_id = ? and date = ?",
        [store_id, day],
    )


def test_logistics_unknown_on_days_no_order_file_covers(marts):
    # o10-d paid 06-19 10:00, never scanned: its outcome is known from 06-21 (48 h gone),
    # overdue at the end of 06-22 (86 h > 72 h)
    assert _logistics(marts, "s10", "2025-06-21") == (0.0, 0)
    assert _logistics(marts, "s10", "2025-06-22") == (0.0, 1)
    # after the last order export nothing is known of scans
    assert _logistics(marts, "s10", "2025-06-23") == (None, None)
    assert _logistics(marts, "s10", "2025-06-30") == (None, None)
    # inside the gap too, though o10-b (paid 01-05, scanned 24 h later) is in the window
    assert _logistics(marts, "s10", "2025-01-10") == (1.0, 0)
    assert _logistics(marts, "s10", "2025-02-01") == (None, None)


def test_no_logistics_bottleneck_for_a_store_with_stale_orders(marts):
    # s10's share on as_of would be 1 of 1 orders (o10-d unscanned), but its orders
    # coverage is stale; s1's finding stays
    rows = marts.query(
        "select store_id from marts.store_diagnosis where code = 'logistics_bottleneck'"
    )
    assert rows == [("s1",)]
