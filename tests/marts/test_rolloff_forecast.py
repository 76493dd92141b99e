"""volume_rolloff_forecast on as_of 2025-06-30 (metrics.md): by as_of + h the days
as_of - 364 (2024-07-01) .. as_of - 365 + h leave the 365-day window."""

import pytest

COLUMNS = (
    "units_365d, rolloff_units, run_rate_units, projected_units_365d, top100_threshold, "
    "top100_at_risk"
)

EXPECTED = {
    # s9 (home_garden, threshold 69000): 365 days 2024-07-01 .. 2025-06-30 hold
    # 30 + 50 + 400 + 800 + 1600 + 65830 + 300 = 69010 (o9-a's 100 of 2024-06-30 is out).
    # h 7 rolls off 07-01 .. 07-07: 30 + 50 = 80; run rate 300 x 7 / 30 = 70;
    # 69010 - 80 + 70 = 69000: exactly the threshold, not below it
    ("s9", 7): (69010, 80, 70.0, 69000.0, 69000.0, False),
    # h 30 rolls off 07-01 .. 07-30: 30 + 50 + 400 + 800 = 1280; 300 x 30 / 30 = 300;
    # 69010 - 1280 + 300 = 68030 < 69000
    ("s9", 30): (69010, 1280, 300.0, 68030.0, 69000.0, True),
    # s1 (apparel, 127000): 07-01 .. 07-07 holds o-t2's 2 units; units_30d 2025-06-01 ..
    # 06-30 = 128 + 3 + 5 + 1 + 10 + 256 + 512 + 1 + 1024 + 1 + 1 + 1 + 1 + 1 = 1945;
    # 197109 - 2 + 1945 x 7 / 30
    ("s1", 7): (197109, 2, 453.8333333333333, 197560.83333333334, 127000.0, False),
    # 07-01 .. 07-30: still 2 units
    ("s1", 30): (197109, 2, 1945.0, 199052.0, 127000.0, False),
    # s3's main category Toys -> other: no threshold, never at risk
    ("s3", 30): (1098, 0, 498.0, 1596.0, None, False),
}


def test_two_horizons_per_store(marts):
    rows = marts.query(
        "select store_id, list(horizon_days order by horizon_days), "
        "min(cast(as_of as varchar)) from marts.volume_rolloff_forecast group by 1 order by 1"
    )
    stores = ["s1", "s10", "s2", "s3", "s4", "s6", "s7", "s9"]
    assert rows == [(s, [7, 30], "2025-06-30") for s in stores]


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_forecast_row(marts, key):
    row = marts.one(
        f"select {COLUMNS} from marts.volume_rolloff_forecast "
        "where store_id = ? and horizon_days = ?",
        list(key),
    )
    expected = EXPECTED[key]
    assert row[:2] == expected[:2]
    assert row[2:4] == pytest.approx(expected[2:4], rel=1e-12)
    assert row[4:] == expected[4:]


def test_units_365d_is_the_daily_marts(marts):
    rows = marts.query(
        "select f.store_id from marts.volume_rolloff_forecast as f "
        "join marts.sales_volume_daily as d on d.store_id = f.store_id and d.date = f.as_of "
        "where d.units_365d <> f.units_365d"
    )
    assert rows == []
