"""audit.alert_conditions on the fixture (as_of 2025-06-30): the per-store conditions of
interface.md's alert table, from numbers the other mart tests derive by hand."""


def _conditions(marts, code: str) -> list[tuple]:
    return marts.query(
        "select store_id, metric_value, threshold from audit.alert_conditions "
        "where code = ? order by store_id",
        [code],
    )


def test_overdue_orders(marts):
    # s1: one order paid > 72 h before the end of as_of and not scanned (test_logistics_rates)
    assert ("s1", 1.0, 0.0) in _conditions(marts, "overdue_orders")
    assert marts.one(
        "select severity, message_en, message_zh from audit.alert_conditions "
        "where store_id = 's1' and code = 'overdue_orders'"
    ) == (
        "critical",
        "Store s1: 1 order(s) paid more than 72 h ago are not scanned online yet; this risks "
        "down-ranking.",
        "店铺 s1：1 个订单付款超过 72 小时仍未上网，有降权风险。",
    )


def test_export_stale_is_the_orders_coverage_row(marts):
    # s10: last order export 2025-06-22, 8 days before as_of, max age 7 (test_export_coverage)
    assert ("s10", 8.0, 7.0) in _conditions(marts, "export_stale")
    stale = {
        r[0]
        for r in marts.query(
            "select store_id from marts.store_export_coverage where kind = 'orders' and stale"
        )
    }
    assert {r[0] for r in _conditions(marts, "export_stale")} == stale


def test_top100_at_risk_on_the_30_day_horizon(marts):
    # s9: projected 68030 < 69000 (home_garden) with units_365d 69010 ≥ 69000
    assert _conditions(marts, "top100_at_risk") == [("s9", 68030.0, 69000.0)]


def test_volume_freeze_risk_only_within_7_days(marts):
    # s1's spike is dated 2025-06-20, ten days before as_of: a finding, but no alert
    assert _conditions(marts, "volume_freeze_risk") == []


def test_rate_conditions_follow_the_seed_thresholds(marts):
    rows = marts.query(
        "select a.store_id, a.code, a.threshold from audit.alert_conditions a "
        "where a.code in ('online_rate_below_target', 'sku_active_rate_low', "
        "'dsr_below_healthy') order by 1, 2"
    )
    expected = marts.query(
        "select store_id, code, threshold from ("
        " select store_id, 'online_rate_below_target' as code, 0.982 as threshold,"
        "   online_48h_rate_30d < 0.982 as holds from marts.store_health_daily"
        "   where date = '2025-06-30'"
        " union all select store_id, 'sku_active_rate_low', 0.30, sku_active_rate_90d < 0.30"
        "   from marts.store_health_daily where date = '2025-06-30'"
        " union all select store_id, 'dsr_below_healthy', 4.78, not dsr_healthy"
        "   from marts.store_health_daily where date = '2025-06-30'"
        ") where holds order by 1, 2"
    )
    assert [(s, c, round(t, 3)) for s, c, t in rows] == [(s, c, float(t)) for s, c, t in expected]
