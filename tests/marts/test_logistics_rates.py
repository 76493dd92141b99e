"""online_48h_rate_30d and overdue_72h_orders of store_health_daily.

s1's A-LOG orders sit on the 48 h and 72 h edges: o-l1 scanned after exactly 48 h,
o-l2 one second later, o-l4 unscanned for exactly 72 h at the end of as_of, o-l5
for 73 h, o-l8 scanned exactly at the end of as_of, o-l9 one second after it;
o-l10 has only a delivery time, o-l11 takes paid_at and scan time from different
lines, o-l12 (cancelled) and o-l13 (logistics exception) are all-excluded orders.
"""

import pytest


def health(marts, store_id, day):
    return marts.one(
        "select online_48h_rate_30d, overdue_72h_orders from marts.store_health_daily "
        "where store_id = ? and date = ?",
        [store_id, day],
    )


def test_s1_rate_and_overdue_on_as_of(marts):
    rate, overdue = health(marts, "s1", "2025-06-30")
    # June orders with a known outcome at 2025-07-01 00:00 (o-l6 36 h and o-l9 4 h
    # unscanned are not known yet; o-l12, o-l13, o-spk4 all excluded; o-nopay never paid):
    # within 48 h: 8 A-TEE/A-SPIKE/A-CHEAP orders, o-r1 o-r3 o-r5 o-r6 o-r7,
    # o-l1 o-l7 o-l8 o-l10 o-l11 = 18;
    # not: o-l2 (48 h 1 s), o-l3 (60 h), o-l4 (72 h), o-l5 (73 h), o-l14, o-l15, o-l16 = 7
    assert rate == pytest.approx(18 / 25)  # 0.72
    # only o-l5 (paid 06-27 23:00, 73 h); o-l4 has exactly 72 h; o-l12 is cancelled
    assert overdue == 1


def test_s1_rate_leaves_out_unknown_outcomes(marts):
    rate, _ = health(marts, "s1", "2025-06-11")
    # paid 05-13 .. 06-11, seen at 06-12 00:00: within 48 h o-bulk05, o-spk1, o-r4, o-r2,
    # o-t7, o-t8, o-spk2, o-r5, o-r6, o-r7, o-chp2, o-l10 = 12; late o-l14, o-l15 = 2;
    # o-l1, o-l2, o-l16 (paid 06-10 10:00, 38 h) not known yet; o-ref all excluded
    assert rate == pytest.approx(12 / 14)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-06-12", 0),  # o-l16 paid 06-10 10:00: 62 h at 06-13 00:00
        ("2025-06-13", 1),  # 86 h, still unscanned (scan 06-20)
        ("2025-06-20", 0),  # scanned 06-20 10:00, before the end of the day
        ("2025-06-29", 0),  # o-l5 has 49 h at 06-30 00:00
    ],
)
def test_s1_overdue_over_time(marts, day, expected):
    assert health(marts, "s1", day)[1] == expected


def test_store_without_online_at_has_null_logistics(marts):
    # s2 has a delivery time but no online_at in any line; s4 and s6 have neither
    for store_id in ("s2", "s4", "s6"):
        assert health(marts, store_id, "2025-06-30") == (None, None)


def test_s3_rates(marts):
    # 06-15 order scanned after 23 h
    assert health(marts, "s3", "2025-06-30") == (pytest.approx(1.0), 0)
    # first day: the 05-10 10:00 order is unscanned for 14 h at 05-11 00:00: nothing known
    assert health(marts, "s3", "2025-05-10") == (None, 0)
