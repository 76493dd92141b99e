"""HTML of the overview and the store pages. Text comes in both languages (the page's switch
shows one); numbers are formatted for people with the exact value in `data-value` and on
hover; chart series travel as one small JSON block per page, drawn by assets/report.js."""

from __future__ import annotations

import json
from html import escape

from dagster_project.report.data import ReportData, Store
from dagster_project.report.i18n import (
    ACTIONS,
    HEALTH_PLAIN,
    HEALTH_RULES,
    RATE_METRICS,
    t,
)

ROLLOFF_HEADERS = [
    "horizon",
    "units_365d",
    "rolloff_units",
    "run_rate_units",
    "projected_units_365d",
    "top100_threshold",
    "top100_at_risk",
]
ELIGIBILITY_HEADERS = ["program", "eligible", "metric", "value", "threshold", "shortfall", "reason"]
COVERAGE_HEADERS = ["kind", "files", "last_export", "days_since", "max_age", "stale", "gap_days"]


def bi(key: str, **values: object) -> str:
    zh, en = t(key, **values)
    return both(zh, en)


def both(zh: str, en: str) -> str:
    return f'<span lang="zh">{escape(zh)}</span><span lang="en">{escape(en)}</span>'


def exact(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def human(value: object, rate: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if rate:
            return f"{value * 100:,.2f}%"
        if value.is_integer() and abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:,.2f}" if abs(value) >= 100 else f"{value:,.3f}"
    return str(value)


def cell(value: object, field: str = "", rate: bool = False, signed: bool = False) -> str:
    text = human(value, rate)
    if signed and isinstance(value, int | float) and value > 0:
        text = "+" + text
    attr = f' data-field="{field}"' if field else ""
    return (
        f'<td class="num"{attr} data-value="{escape(exact(value))}" '
        f'title="{escape(exact(value))}">{escape(text)}</td>'
    )


def light(metric: str, value: object, thresholds: dict[str, float]) -> str:
    """ok / warn / bad / unknown for a health metric on as_of."""
    good_name, warn_name, direction = HEALTH_RULES[metric]
    if value is None:
        return "unknown"
    if direction == "zero":
        return "ok" if value == 0 else "bad"
    good = thresholds.get(good_name)
    if good is None:
        return "unknown"
    warn = thresholds.get(warn_name) if warn_name else None
    if direction == "min":
        if value >= good:
            return "ok"
        return "warn" if warn is not None and value >= warn else "bad"
    if value <= good:
        return "ok"
    return "warn" if warn is not None and value <= warn else "bad"


def dot(state: str, title: str = "") -> str:
    zh, en = t(state)
    return (
        f'<span class="light {state}" data-light="{state}" title="{escape(title)}">'
        f'<span class="sr">{both(zh, en)}</span></span>'
    )


def _json_block(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def page(title_zh: str, title_en: str, lang: str, body: str, data: object, prefix: str) -> str:
    return f"""<!doctype html>
<html lang="{lang}" data-lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title_zh if lang == "zh" else title_en)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{prefix}assets/report.css">
</head>
<body>
<header><h1>{both(title_zh, title_en)}</h1>
<button type="button" id="lang-switch">{bi("switch")}</button></header>
<main>
{body}
</main>
<script id="report-data" type="application/json">{_json_block(data)}</script>
<script src="{prefix}assets/echarts.min.js"></script>
<script src="{prefix}assets/report.js"></script>
</body>
</html>
"""


def _programs(names: list[str]) -> str:
    if not names:
        return bi("none")
    return "、".join(
        f'<span class="program" data-program="{escape(n)}">{bi(n)}</span>' for n in names
    )


def _kinds(names: list[str]) -> str:
    if not names:
        return bi("none")
    return " ".join(f'<span class="kind" data-kind="{escape(n)}">{bi(n)}</span>' for n in names)


def overview(data: ReportData) -> str:
    rows = []
    for store in data.stores:
        o = store.overview
        lights = "".join(
            dot(light(m, o.get(m), data.thresholds), title=f"{m}: {exact(o.get(m))}")
            for m in HEALTH_RULES
        )
        name = o["store_name"] or ""
        rows.append(
            f'<tr data-store="{escape(store.store_id)}" '
            f'data-search="{escape((store.store_id + " " + name).lower())}">'
            f'<td data-value="{escape(store.store_id)}"><a href="{escape(store.store_id)}.html">'
            f"{escape(store.store_id)}</a> <small>{escape(name)}</small></td>"
            + cell(o["total_sales_volume"], "total_sales_volume")
            + cell(o["change_7d"], "change_7d", signed=True)
            + cell(o["change_30d"], "change_30d", signed=True)
            + f'<td class="lights">{lights}</td>'
            + f'<td data-value="{len(o["eligible_programs"])}">'
            f"{_programs(o['eligible_programs'])}</td>"
            + cell(o["open_alerts"], "open_alerts")
            + f'<td data-value="{len(o["stale_kinds"])}">{_kinds(o["stale_kinds"])}</td></tr>'
        )
    head = "".join(
        f'<th data-sort="{i}"{" class=num" if i in (1, 2, 3, 6) else ""}>{bi(k)}</th>'
        for i, k in enumerate(
            [
                "store",
                "total_sales_volume",
                "change_7d",
                "change_30d",
                "health",
                "eligible_programs",
                "open_alerts",
                "stale_exports",
            ]
        )
    )
    as_of = data.as_of.isoformat() if data.as_of else "–"
    body = f"""<p class="meta">{bi("as_of")}: <time id="as-of">{as_of}</time> ·
{bi("stores_count", n=f"{len(data.stores):,}")} {_next_promotion(data)}</p>
<input type="search" id="store-search" autocomplete="off"
 placeholder="{escape(t("search")[0])} / {escape(t("search")[1])}">
<table id="stores" class="sortable"><thead><tr>{head}</tr></thead>
<tbody>{"".join(rows) or f'<tr><td colspan="8">{bi("no_stores")}</td></tr>'}</tbody></table>"""
    zh, en = t("title_overview")
    return page(zh, en, data.default_lang, body, {"page": "overview"}, "")


def _next_promotion(data: ReportData) -> str:
    upcoming = [p for p in data.promotions if p["is_next"]]
    if not upcoming:
        return f'<span id="next-promotion">· {bi("no_promotion")}</span>' if data.promotions else ""
    parts = []
    for p in upcoming:
        passed = data.as_of is not None and p["stock_up_date"] <= data.as_of.isoformat()
        note = bi("stock_up_passed") if passed else ""
        parts.append(
            f'<span class="promotion" data-promotion="{escape(p["promotion"])}">'
            f"<b>{both(p['name_zh'], p['name_en'])}</b> {bi('starts')} "
            f"<time>{p['start_date']}</time> ({bi('days_left', n=p['days_until_start'])}), "
            f'{bi("stock_up_by")} <time class="stock-up">{p["stock_up_date"]}</time> {note}'
            "</span>"
        )
    return f'<span id="next-promotion">· {bi("next_promotion")}: {" ".join(parts)}</span>'


def _table(headers: list[str], rows: list[str], table_id: str) -> str:
    head = "".join(f"<th>{bi(h)}</th>" for h in headers)
    return (
        f'<table id="{table_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _action(finding: dict) -> tuple[str, str]:
    code = finding["code"]
    value = finding["metric_value"]
    shown = human(value, rate=code in RATE_METRICS) if code != "review_invite" else human(value)
    if code == "review_invite" and isinstance(value, float) and value.is_integer():
        shown = f"{int(value):,}"
    zh, en = ACTIONS.get(code, (finding["message"] or code, finding["message"] or code))
    fields = {
        "sku": finding["sku"] or "",
        "order_id": finding["order_id"] or "",
        "date": finding["date"],
        "value": shown,
    }
    return zh.format(**fields), en.format(**fields)


def store_page(store: Store, data: ReportData) -> str:
    o = store.overview
    th = data.thresholds
    kpis = "".join(
        f'<div class="kpi"><div class="label">{bi(k)}</div>'
        f'<div class="big" data-field="{k}" data-value="{escape(exact(o[k]))}" '
        f'title="{escape(exact(o[k]))}">{human(o[k])}</div></div>'
        for k in ("total_sales_volume", "units_30d", "units_7d")
    )
    health_rows = []
    for metric, (good, _warn, _d) in HEALTH_RULES.items():
        value = o.get(metric)
        state = light(metric, value, th)
        threshold = th.get(good) if good else 0
        health_rows.append(
            f'<tr data-metric="{metric}"><td>{bi(metric)}</td>'
            + cell(value, "value", rate=metric in RATE_METRICS)
            + cell(threshold, "threshold", rate=metric in RATE_METRICS)
            + f"<td>{dot(state)} {bi(state)}</td></tr>"
        )
    for metric in HEALTH_PLAIN:
        health_rows.append(
            f'<tr data-metric="{metric}"><td>{bi(metric)}</td>'
            + cell(o.get(metric), "value", rate=metric in RATE_METRICS)
            + "<td></td><td></td></tr>"
        )
    eligibility_rows = [
        f'<tr data-program="{escape(e["program"])}"><td>{bi(e["program"])}</td>'
        f'<td data-field="eligible" data-value="{exact(e["eligible"])}">'
        f"{dot('ok' if e['eligible'] else 'bad')} {bi('yes' if e['eligible'] else 'no')}</td>"
        f"<td><code>{escape(e['metric'] or '')}</code></td>"
        + cell(e["metric_value"], "metric_value")
        + cell(e["threshold"], "threshold")
        + cell(e["shortfall"], "shortfall")
        + f'<td class="reason">{escape(e["reason"] or "")}</td></tr>'
        for e in store.eligibility
    ]
    finding_rows = []
    for f in store.findings:
        zh, en = _action(f)
        finding_rows.append(
            f'<tr class="finding" data-code="{escape(f["code"])}" '
            f'data-sku="{escape(f["sku"] or "")}" data-order="{escape(f["order_id"] or "")}">'
            f"<td><time>{f['date']}</time></td><td>{both(zh, en)}</td>"
            + cell(f["metric_value"], "metric_value")
            + cell(f["threshold"], "threshold")
            + "</tr>"
        )
    more = store.findings_total - len(store.findings)
    findings = (
        _table(["date", "action", "value", "threshold"], finding_rows, "findings")
        if finding_rows
        else f"<p>{bi('no_findings')}</p>"
    )
    if more > 0:
        findings += (
            f'<p class="meta more-findings" data-value="{more}">'
            f"{bi('more_findings', n=f'{more:,}')}</p>"
        )
    coverage_rows = [
        f'<tr data-kind="{escape(c["kind"])}"{" class=stale" if c["stale"] else ""}>'
        f"<td>{bi(c['kind']) if c['kind'] != 'store' else 'store'}</td>"
        + cell(c["files"], "files")
        + f"<td><time>{c['last_snapshot_day'] or '–'}</time></td>"
        + cell(c["days_since_last_export"], "days_since_last_export")
        + cell(c["max_age_days"], "max_age_days")
        + f'<td data-field="stale" data-value="{exact(c["stale"])}">'
        f"{dot('bad' if c['stale'] else 'ok')} {bi('yes' if c['stale'] else 'no')}</td>"
        + cell(c["gap_days"], "gap_days")
        + "</tr>"
        for c in store.coverage
    ]
    rolloff_rows = [
        f'<tr data-horizon="{r["horizon_days"]}">'
        + cell(r["horizon_days"], "horizon_days")
        + cell(r["units_365d"], "units_365d")
        + cell(r["rolloff_units"], "rolloff_units")
        + cell(r["run_rate_units"], "run_rate_units")
        + cell(r["projected_units_365d"], "projected_units_365d")
        + cell(r["top100_threshold"], "top100_threshold")
        + f"<td>{bi('yes' if r['top100_at_risk'] else 'no')}</td></tr>"
        for r in store.rolloff
    ]
    alert_rows = [
        f'<li class="alert {escape(a["severity"])}" data-code="{escape(a["code"])}">'
        f"<b>{escape(a['severity'])}</b> "
        f"{both(a['message_zh'] or a['code'], a['message_en'] or a['code'])}"
        f" <small>{escape(a['raised_at'] or '')}</small></li>"
        for a in store.alerts
    ]
    alerts = f"<ul>{''.join(alert_rows)}</ul>" if alert_rows else f"<p>{bi('no_alerts')}</p>"
    name = o["store_name"] or store.store_id
    as_of = data.as_of.isoformat() if data.as_of else "–"
    body = f"""<p class="meta"><a href="index.html">{bi("back")}</a> · {bi("as_of")}:
<time id="as-of">{as_of}</time> · <code>{escape(store.store_id)}</code>
{_next_promotion(data)}</p>
<section class="kpis">{kpis}</section>
<section><h2>{bi("alerts")}</h2>{alerts}</section>
<section><h2>{bi("sales_history")}</h2><div class="chart" id="chart-sales"></div></section>
<section><h2>{bi("daily_units")}</h2><div class="chart" id="chart-daily"></div></section>
<section><h2>{bi("health_metrics")}</h2><div class="chart tall" id="chart-health"></div>
{_table(["metric", "value", "threshold", "status"], health_rows, "health")}</section>
<section><h2>{bi("rolloff")}</h2><div class="chart" id="chart-rolloff"></div>
{_table(ROLLOFF_HEADERS, rolloff_rows, "rolloff")}</section>
<section><h2>{bi("eligibility")}</h2>
{_table(ELIGIBILITY_HEADERS, eligibility_rows, "eligibility")}</section>
<section><h2>{bi("diagnosis")}</h2>{findings}</section>
<section><h2>{bi("coverage")}</h2>
{_table(COVERAGE_HEADERS, coverage_rows, "coverage")}</section>"""
    series = {
        "page": "store",
        "sales": store.sales,
        "health": store.health,
        "rolloff": store.rolloff,
        "thresholds": {
            m: th.get(rule[0]) for m, rule in HEALTH_RULES.items() if rule[0] and th.get(rule[0])
        },
        "promotions": [
            p
            for p in data.promotions
            if store.sales.get("date")
            and p["end_date"] >= store.sales["date"][0]
            and p["start_date"] <= store.sales["date"][-1]
        ],
        "labels": {
            k: t(k)
            for k in (
                "total_sales_volume",
                "units_30d",
                "units_7d",
                "units_1d",
                "units_365d",
                "rolloff_units",
                "run_rate_units",
                "projected_units_365d",
                "top100_threshold",
                "threshold",
                "horizon",
                *HEALTH_RULES,
            )
        },
    }
    return page(f"{name} · 店铺", f"{name} · store", data.default_lang, body, series, "")
