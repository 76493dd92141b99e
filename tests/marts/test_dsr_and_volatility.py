"""DSR 90-day means (days without a DSR row skipped), dsr_healthy, and
volatility_90d (population std / mean of units_1d over the 90 days, limited to
days on or after the store's first order day)."""

import pytest

DSR = "dsr_description_90d, dsr_service_90d, dsr_logistics_90d, dsr_healthy"


def dsr(marts, store_id, day):
    return marts.one(
        f"select {DSR} from marts.store_health_daily where store_id = ? and date = ?",
        [store_id, day],
    )


def volatility(marts, store_id, day):
    return marts.one(
        "select volatility_90d from marts.store_health_daily where store_id = ? and date = ?",
        [store_id, day],
    )[0]


def test_s1_dsr_on_as_of(marts):
    description, service, logistics, healthy = dsr(marts, "s1", "2025-06-30")
    # rows on 04-02, 05-15, 06-30 (the 4.0 row of 04-01 is D-90; the 1.0 row of 05-15 is
    # from an older export): (4.8 + 4.9 + 4.8) / 3 ...
    assert description == pytest.approx(14.5 / 3)
    assert service == pytest.approx(14.5 / 3)
    assert logistics == pytest.approx(14.5 / 3)
    assert healthy is True  # 4.8333 >= 4.78 three times


def test_s1_dsr_one_day_earlier(marts):
    description, service, logistics, healthy = dsr(marts, "s1", "2025-06-29")
    # rows on 04-01, 04-02, 05-15: (4.0 + 4.8 + 4.9) / 3, (4.0 + 4.9 + 4.8) / 3,
    # (4.0 + 4.8 + 4.8) / 3
    assert description == pytest.approx(13.7 / 3)
    assert service == pytest.approx(13.7 / 3)
    assert logistics == pytest.approx(13.6 / 3)
    assert healthy is False


def test_a_mean_exactly_on_the_healthy_line_is_healthy(marts):
    description, service, logistics, healthy = dsr(marts, "s10", "2025-06-30")
    # (4.76 + 4.80) / 2, (4.79 + 4.77) / 2, (4.75 + 4.81) / 2: each exactly 4.78, which
    # meets dsr_healthy 4.78 (the doubles' sums fall an ulp short of it)
    assert description == pytest.approx(4.78)
    assert service == pytest.approx(4.78)
    assert logistics == pytest.approx(4.78)
    assert healthy is True


def test_no_dsr_row_in_window_is_null(marts):
    # 2024-10-04 .. 2025-01-01 holds no DSR row; s2 has no DSR at all
    assert dsr(marts, "s1", "2025-01-01") == (None, None, None, None)
    assert dsr(marts, "s2", "2025-06-30") == (None, None, None, None)


def test_s2_steady_volatility(marts):
    # 45 days of 9 and 45 of 11: mean 10, population std 1
    assert volatility(marts, "s2", "2025-06-30") == pytest.approx(0.1)


def test_s1_volatility_on_as_of(marts):
    # units_1d over 04-02 .. 06-30: 32, 34000, 35000, 31, 1, 64, 128, 5, 1, 5, 1, 10, 256,
    # 515, 1024 and 75 zero days; mean 71073 / 90 = 789.7,
    # variance = 2382401955 / 90 - 789.7^2 = 25847506.743; sqrt / 789.7
    assert volatility(marts, "s1", "2025-06-30") == pytest.approx(6.437943940, rel=1e-6)


def test_single_sale_store(marts):
    # first day: one value 7, std 0
    assert volatility(marts, "s6", "2024-12-01") == pytest.approx(0.0)
    # 2024-12-01 .. 2025-02-28: one 7 among 90 days: sqrt(89)
    assert volatility(marts, "s6", "2025-02-28") == pytest.approx(9.43398113, rel=1e-6)
    # 2024-12-02 .. 2025-03-01 holds no unit: mean 0
    assert volatility(marts, "s6", "2025-03-01") is None


def test_volatility_starts_at_first_order_day(marts):
    # s3 opens its daily rows on 05-10 with an in-progress line only: mean 0
    assert volatility(marts, "s3", "2025-05-10") is None
    # 05-10 .. 05-20: ten zeros and 600: std / mean = sqrt(n - 1) = sqrt(10)
    assert volatility(marts, "s3", "2025-05-20") == pytest.approx(3.16227766, rel=1e-6)
    # 52 days 05-10 .. 06-30 with 600 and 498: mean 1098 / 52 = 21.1154,
    # variance 608004 / 52 - 21.1154^2 = 11246.525
    assert volatility(marts, "s3", "2025-06-30") == pytest.approx(5.02238710, rel=1e-6)
