"""What the report shows, read from a published serving.duckdb in one set-based query per
section across all stores (DuckDB builds each store's series as JSON), never row by row."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

# A store page lists at most this many diagnosis findings (most urgent step first); the
# rest are counted, and marts.store_diagnosis holds them all.
MAX_FINDINGS = 100
# Health metrics are charted over the last year; the tables give the as-of values.
HEALTH_DAYS = 365


@dataclass
class Store:
    store_id: str
    overview: dict
    sales: dict = field(default_factory=dict)
    health: dict = field(default_factory=dict)
    rolloff: list = field(default_factory=list)
    eligibility: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    findings_total: int = 0
    coverage: list = field(default_factory=list)
    alerts: list = field(default_factory=list)


@dataclass
class ReportData:
    as_of: date | None
    default_lang: str
    thresholds: dict[str, float]
    promotions: list[dict]
    stores: list[Store]
    alerts_table: bool


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def client_lang(con: duckdb.DuckDBPyConnection) -> str | None:
    """The `lang` of a client's file (marts.clients holds exactly one row there)."""
    if not _has_table(con, "marts", "clients"):
        return None
    rows = con.execute("select lang from marts.clients limit 2").fetchall()
    if len(rows) == 1 and rows[0][0] in ("zh", "en"):
        return rows[0][0]
    return None


def read_report_data(serving_db: Path, lang: str | None = None) -> ReportData:
    con = duckdb.connect(str(serving_db), read_only=True)
    try:
        return _read(con, lang)
    finally:
        con.close()


def _read(con: duckdb.DuckDBPyConnection, lang: str | None) -> ReportData:
    default_lang = lang or client_lang(con) or "zh"
    if not _has_table(con, "marts", "stores"):
        # No run has passed yet: the file holds the audit schema alone.
        return ReportData(None, default_lang, {}, [], [], False)
    as_of = con.execute(
        "select coalesce((select max(as_of) from marts.store_eligibility), "
        "(select max(date) from marts.sales_volume_daily))"
    ).fetchone()[0]
    thresholds = {}
    if _has_table(con, "marts", "thresholds"):
        thresholds = dict(con.execute("select name, value from marts.thresholds").fetchall())
    promotions = []
    if _has_table(con, "marts", "promotions"):
        promotions = _dicts(
            con,
            "select promotion, name_zh, name_en, strftime(start_date, '%Y-%m-%d') as start_date,"
            " strftime(end_date, '%Y-%m-%d') as end_date,"
            " strftime(stock_up_date, '%Y-%m-%d') as stock_up_date, is_next, days_until_start"
            " from marts.promotions order by start_date, promotion",
        )
    alerts_table = _has_table(con, "audit", "alerts")
    stores = {
        row["store_id"]: Store(row["store_id"], row) for row in _overview(con, as_of, alerts_table)
    }

    def attach(sql: str, params: list, attr: str) -> None:
        for store_id, payload in con.execute(sql, params).fetchall():
            if store_id in stores:
                setattr(stores[store_id], attr, json.loads(payload))

    attach(
        """
        select store_id, to_json({
            'date': list(strftime(date, '%Y-%m-%d') order by date),
            'units_1d': list(units_1d order by date),
            'units_7d': list(units_7d order by date),
            'units_30d': list(units_30d order by date),
            'total_sales_volume': list(total_sales_volume order by date),
            'covered': list(covered order by date)
        })
        from marts.sales_volume_daily group by store_id
        """,
        [],
        "sales",
    )
    attach(
        f"""
        select store_id, to_json({{
            'date': list(strftime(date, '%Y-%m-%d') order by date),
            'online_48h_rate_30d': list(round(online_48h_rate_30d, 4) order by date),
            'sku_active_rate_90d': list(round(sku_active_rate_90d, 4) order by date),
            'dsr_description_90d': list(round(dsr_description_90d, 3) order by date),
            'dsr_service_90d': list(round(dsr_service_90d, 3) order by date),
            'dsr_logistics_90d': list(round(dsr_logistics_90d, 3) order by date),
            'volatility_90d': list(round(volatility_90d, 4) order by date),
            'overdue_72h_orders': list(overdue_72h_orders order by date)
        }})
        from marts.store_health_daily
        where date > cast(? as date) - {HEALTH_DAYS}
        group by store_id
        """,
        [as_of],
        "health",
    )
    attach(
        """
        select store_id, to_json(list({
            'horizon_days': horizon_days, 'units_365d': units_365d,
            'rolloff_units': rolloff_units, 'run_rate_units': run_rate_units,
            'projected_units_365d': projected_units_365d,
            'top100_threshold': top100_threshold, 'top100_at_risk': top100_at_risk
        } order by horizon_days))
        from marts.volume_rolloff_forecast group by store_id
        """,
        [],
        "rolloff",
    )
    attach(
        """
        select store_id, to_json(list({
            'program': program, 'eligible': eligible, 'metric': metric,
            'metric_value': metric_value, 'threshold': threshold, 'shortfall': shortfall,
            'reason': reason
        } order by program))
        from marts.store_eligibility group by store_id
        """,
        [],
        "eligibility",
    )
    attach(
        f"""
        with ranked as (
            select *,
                row_number() over (
                    partition by store_id
                    order by coalesce(step, 9), code, date desc, sku, order_id
                ) as n,
                count(*) over (partition by store_id) as total
            from marts.store_diagnosis
        )
        select store_id, to_json({{
            'total': max(total),
            'rows': list({{
                'date': strftime(date, '%Y-%m-%d'), 'step': step, 'code': code, 'sku': sku,
                'order_id': order_id, 'metric_value': metric_value, 'threshold': threshold,
                'message': message
            }} order by n) filter (where n <= {MAX_FINDINGS})
        }})
        from ranked group by store_id
        """,
        [],
        "findings",
    )
    attach(
        """
        select store_id, to_json(list({
            'kind': kind, 'files': files,
            'last_snapshot_day': strftime(last_snapshot_day, '%Y-%m-%d'),
            'days_since_last_export': days_since_last_export, 'max_age_days': max_age_days,
            'stale': stale, 'gap_days': gap_days
        } order by kind))
        from marts.store_export_coverage group by store_id
        """,
        [],
        "coverage",
    )
    if alerts_table:
        attach(
            f"""
            with {_OPEN_ALERTS}
            select store_id, to_json(list({{
                'code': code, 'severity': severity,
                'raised_at': strftime(raised_at, '%Y-%m-%d %H:%M'),
                'metric_value': metric_value, 'threshold': threshold,
                'message_en': message_en, 'message_zh': message_zh
            }} order by severity, code))
            from open_alerts group by store_id
            """,
            [],
            "alerts",
        )
    for store in stores.values():
        found = store.findings or {}
        store.findings, store.findings_total = found.get("rows") or [], found.get("total") or 0
    return ReportData(
        as_of, default_lang, thresholds, promotions, list(stores.values()), alerts_table
    )


# An alert is open when the latest row of its (store, code) says raised.
_OPEN_ALERTS = """
latest_alerts as (
    select *, row_number() over (
        partition by store_id, code order by raised_at desc, alert_id desc
    ) as n
    from audit.alerts where store_id is not null
),
open_alerts as (select * from latest_alerts where n = 1 and state = 'raised')
"""


def _overview(con: duckdb.DuckDBPyConnection, as_of, alerts_table: bool) -> list[dict]:
    alerts_cte = (
        f", {_OPEN_ALERTS}, alerts as (select store_id, count(*) as open_alerts, "
        "list(code order by code) as alert_codes from open_alerts group by store_id)"
        if alerts_table
        else ", alerts as (select null::varchar as store_id, 0 as open_alerts, "
        "[]::varchar[] as alert_codes where false)"
    )
    return _dicts(
        con,
        f"""
        with day as (select cast(? as date) as as_of),
        programs as (
            select store_id, list(program order by program) filter (where eligible) as eligible
            from marts.store_eligibility group by store_id
        ),
        stale as (
            select store_id, list(kind order by kind) filter (where stale) as stale_kinds
            from marts.store_export_coverage group by store_id
        ){alerts_cte}
        select
            s.store_id, s.store_name, s.main_category, s.client_id,
            now.total_sales_volume, now.units_30d, now.units_7d,
            now.total_sales_volume - w7.total_sales_volume as change_7d,
            now.total_sales_volume - w30.total_sales_volume as change_30d,
            h.online_48h_rate_30d, h.overdue_72h_orders, h.sku_active_rate_90d,
            h.dsr_description_90d, h.dsr_service_90d, h.dsr_logistics_90d, h.dsr_healthy,
            h.volatility_90d, h.refund_rate_90d, h.positive_review_rate_90d,
            h.dispute_orders_90d,
            coalesce(p.eligible, []) as eligible_programs,
            coalesce(st.stale_kinds, []) as stale_kinds,
            coalesce(a.open_alerts, 0) as open_alerts,
            coalesce(a.alert_codes, []) as alert_codes
        from marts.stores as s
        cross join day
        left join marts.sales_volume_daily as now
            on now.store_id = s.store_id and now.date = day.as_of
        left join marts.sales_volume_daily as w7
            on w7.store_id = s.store_id and w7.date = day.as_of - 7
        left join marts.sales_volume_daily as w30
            on w30.store_id = s.store_id and w30.date = day.as_of - 30
        left join marts.store_health_daily as h
            on h.store_id = s.store_id and h.date = day.as_of
        left join programs as p on p.store_id = s.store_id
        left join stale as st on st.store_id = s.store_id
        left join alerts as a on a.store_id = s.store_id
        order by s.store_id
        """,
        [as_of],
    )
