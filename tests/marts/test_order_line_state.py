"""fct_order_lines holds the latest state of each (store_id, order_id, sku):
latest snapshot, then the later file name, then the newer load of the same file
name, then the later line. s4's files:

- orders_2025-05-01.csv loaded twice (ingest 17, then 22 with o-t4 DELIVERED),
- orders_2025-04-01.csv (older snapshot, loaded later: ingest 21),
- export_b_2025-06-01.csv (ingest 19) and export_a_2025-06-01.csv (ingest 20),
  same snapshot; export_b has o-t2 twice (line 2 completed, line 5 cancelled).
"""

import pytest

COLUMNS = (
    "raw_status, status_class, status_reason, is_counted, quantity, source_file, "
    "cast(snapshot_at as varchar)"
)


def state(marts, store_id, order_id, sku):
    return marts.one(
        f"select {COLUMNS} from marts.fct_order_lines "
        "where store_id = ? and order_id = ? and sku = ?",
        [store_id, order_id, sku],
    )


@pytest.mark.parametrize(
    ("order_id", "expected"),
    [
        # same snapshot: export_b beats export_a by file name, though loaded first
        (
            "o-t1",
            (
                "交易完成",
                "completed",
                None,
                True,
                2,
                "s4/orders/export_b_2025-06-01.csv",
                "2025-06-01 00:00:00",
            ),
        ),
        # same file: line 5 beats line 2
        (
            "o-t2",
            (
                "已取消",
                "excluded",
                "cancelled",
                False,
                6,
                "s4/orders/export_b_2025-06-01.csv",
                "2025-06-01 00:00:00",
            ),
        ),
        # the 2025-05-01 snapshot beats the 2025-04-01 one loaded after it
        (
            "o-t3",
            (
                "Completed",
                "completed",
                None,
                True,
                4,
                "s4/orders/orders_2025-05-01.csv",
                "2025-05-01 00:00:00",
            ),
        ),
        # re-downloaded file with the same name: the newer load wins; status matched
        # case-insensitively
        (
            "o-t4",
            (
                "DELIVERED",
                "completed",
                None,
                True,
                5,
                "s4/orders/orders_2025-05-01.csv",
                "2025-05-01 00:00:00",
            ),
        ),
        # its newest version (待揽收, not in the status map) is held in quarantine:
        # the older valid version stays in force
        (
            "o-u2",
            (
                "Shipped",
                "in_progress",
                None,
                False,
                1,
                "s4/orders/orders_2025-05-01.csv",
                "2025-05-01 00:00:00",
            ),
        ),
    ],
)
def test_latest_state(marts, order_id, expected):
    assert state(marts, "s4", order_id, "H-MUG") == expected


def test_one_row_per_key(marts):
    rows = marts.query(
        "select store_id, count(*), count(distinct order_id || '|' || sku) "
        "from marts.fct_order_lines group by 1 order by 1"
    )
    # s1: 55 lines in its latest export (o-ref twice across exports counts once);
    # s2: 91; s3: 3; s4: o-t1..o-t4 and o-u2 (o-u1 only exists quarantined);
    # s7: o-m1..o-m4 (o-m5, o-m6 only exist held); s9: 14 orders, o9-m with two SKUs;
    # s10: 2 + 2
    assert rows == [
        ("s1", 55, 55),
        ("s10", 4, 4),
        ("s2", 91, 91),
        ("s3", 3, 3),
        ("s4", 5, 5),
        ("s6", 6, 6),
        ("s7", 4, 4),
        ("s9", 15, 15),
    ]


def test_line_columns(marts):
    row = marts.one(
        "select category, cast(order_day as varchar), cast(paid_at as varchar), "
        "cast(online_at as varchar), delivered_at, cast(amount as double) "
        "from marts.fct_order_lines "
        "where store_id = 's1' and order_id = 'o-chp1' and sku = 'A-CHEAP'"
    )
    # the line itself says Home & Garden; the SKU's category is that of its latest line
    # with a category (服饰 -> apparel)
    assert row == (
        "apparel",
        "2024-09-01",
        "2024-09-01 10:00:00",
        "2024-09-02 10:00:00",
        None,
        10.0,
    )


def test_never_paid_line(marts):
    row = marts.one(
        "select status_class, is_counted, paid_at from marts.fct_order_lines "
        "where store_id = 's1' and order_id = 'o-nopay'"
    )
    assert row == ("in_progress", False, None)
