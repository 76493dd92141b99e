"""refund_rate_90d, positive_review_rate_90d and dispute_orders_90d of store_health_daily
(metrics.md, Rates in store_health_daily), and the dispute reason of fct_order_lines.
s9's window on as_of 2025-06-30 is 2025-04-02 .. 06-30; on 06-29 it is 03-31 .. 06-29."""

import pytest


def rates(marts, store_id, day):
    return marts.one(
        "select refund_rate_90d, positive_review_rate_90d, dispute_orders_90d "
        "from marts.store_health_daily where store_id = ? and date = ?",
        [store_id, day],
    )


@pytest.mark.parametrize(
    ("store_id", "day", "expected"),
    [
        # refunded o9-i 100 / (completed o9-h 300 + 100); o9-n's 1000 (04-01) is out and
        # cancelled o9-j counts on neither side.
        # reviews: 5 (o9-r1), 4 (o9-r2, 04-02), 5 (o9-r6, its older 1-star record
        # replaced) against 2 (o9-r4); the 3-star o9-r3 is neutral, o9-r5 (04-01) is out:
        # 3 / 4. disputes: o9-l (04-02) and o9-m (its day is its first line's, 06-20);
        # o9-k (04-01) is out
        ("s9", "2025-06-30", (0.25, 0.75, 2)),
        # (100 + 1000) / (300 + 100 + 1000) = 11 / 14; o9-r5 (1 star) in: 3 / 5; o9-k in
        ("s9", "2025-06-29", (0.7857142857142857, 0.6, 3)),
        # only o9-g's 65830 completed units, no review
        ("s9", "2025-02-01", (0.0, None, 0)),
        # 2024-10-13 .. 2025-01-10: no line, no review
        ("s9", "2025-01-10", (None, None, 0)),
        # s10's only review is 3 stars: neutral only, NULL
        ("s10", "2025-06-30", (0.0, None, 0)),
        # s1: refunded o-ref 1000 (05-20, completed in the older export) + o-spk4 100 +
        # o-r7/A-REV2 1 = 1101 over units_90d 71073 (test_rolling_windows) + 1101;
        # o-r5's 5 stars of 06-15 is the only review dated in the window (o-r6's: 07-02)
        ("s1", "2025-06-30", (1101 / 72174, 1.0, 0)),
    ],
)
def test_rates(marts, store_id, day, expected):
    got = rates(marts, store_id, day)
    assert got[0] == (None if expected[0] is None else pytest.approx(expected[0], rel=1e-12))
    assert got[1:] == expected[1:]


def test_dispute_lines_carry_the_dispute_reason(marts):
    rows = marts.query(
        "select order_id, sku, raw_status, status_class, status_reason, is_counted "
        "from marts.fct_order_lines where store_id = 's9' and status_reason = 'dispute' "
        "order by order_id, sku"
    )
    assert rows == [
        ("o9-k", "H-VASE", "纠纷中", "in_progress", "dispute", False),
        ("o9-l", "H-VASE", "In Dispute", "in_progress", "dispute", False),
        ("o9-m", "H-LAMP", "纠纷中", "in_progress", "dispute", False),
    ]
    # other in-progress statuses keep no reason
    assert marts.one(
        "select status_reason from marts.fct_order_lines "
        "where store_id = 's9' and order_id = 'o9-m' and sku = 'H-VASE'"
    ) == (None,)
