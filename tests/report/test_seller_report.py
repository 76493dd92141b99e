"""The seller report in headless Chromium: written by the nightly run from the published file,
offline, in both languages, and every number read from the page equals the published marts.

One `asw run` (the session's `nightly_run`) writes the agency report; a client's report is
written here from a client-shaped serving file built by copying two of the three stores.
"""

from __future__ import annotations

import math
import shutil
import stat

import duckdb
import pytest

from dagster_project.report.data import MAX_FINDINGS
from tests.browser import offline_chromium
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"


def _rows(db, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, bool):
        return str(a).lower() == str(b).lower()
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=0)


@pytest.fixture(scope="module")
def report(nightly_run):
    assert nightly_run.exit_code == 0, nightly_run.output[-3000:]
    return nightly_run.warehouse / "report"


@pytest.fixture(scope="module")
def stores(nightly_run) -> list[str]:
    return [
        r[0] for r in _rows(nightly_run.serving_db, "select store_id from marts.stores order by 1")
    ]


def test_the_run_writes_the_report_and_names_it(nightly_run, report, stores) -> None:
    pages = sorted(p.name for p in report.glob("*.html"))
    assert pages == sorted(["index.html", *(f"{s}.html" for s in stores)])
    assert f"report: {report / 'index.html'}" in nightly_run.output
    for path in [report, *report.rglob("*")]:
        assert not stat.S_IMODE(path.stat().st_mode) & 0o007, path
    # A store page carries aggregates, not rows: small.
    assert max((report / f"{s}.html").stat().st_size for s in stores) < 150_000
    assert (report / "assets" / "echarts.min.js").is_file()


def _open(context, url: str):
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def _values(page, selector: str, field: str) -> dict[str, str]:
    return page.eval_on_selector_all(
        selector,
        f"""rows => Object.fromEntries(rows.map(r => [
            r.dataset.store || r.dataset.metric || r.dataset.program,
            r.querySelector('[data-field="{field}"]').dataset.value]))""",
    )


def test_pages_load_offline_and_match_the_marts(nightly_run, report, stores) -> None:
    serving = nightly_run.serving_db
    (as_of,) = _rows(serving, "select max(as_of) from marts.store_eligibility")[0]
    ARTIFACTS.mkdir(exist_ok=True)
    with offline_chromium(width=1400, height=1000) as (context, refused):
        page, errors = _open(context, (report / "index.html").as_uri())
        # Chinese unless a client file says otherwise.
        assert page.get_attribute("html", "data-lang") == "zh"
        totals = _values(page, "#stores tbody tr[data-store]", "total_sales_volume")
        expected = dict(
            _rows(
                serving,
                "select store_id, total_sales_volume from marts.sales_volume_daily where date = ?",
                [as_of],
            )
        )
        assert set(totals) == set(stores)
        for store, value in totals.items():
            assert int(value) == expected[store], store
        page.screenshot(path=str(ARTIFACTS / "report-overview-zh.png"), full_page=True)
        # search narrows the list; sorting by total puts the largest first on the second click
        page.fill("#store-search", stores[0])
        visible = page.eval_on_selector_all(
            "#stores tbody tr[data-store]",
            "rows => rows.filter(r => r.style.display !== 'none').map(r => r.dataset.store)",
        )
        assert visible == [stores[0]]
        page.fill("#store-search", "")
        page.click("#stores th[data-sort='1']")
        page.click("#stores th[data-sort='1']")
        first = page.get_attribute("#stores tbody tr[data-store]", "data-store")
        assert first == max(expected, key=expected.get)
        page.click("#lang-switch")
        assert page.get_attribute("html", "data-lang") == "en"
        page.screenshot(path=str(ARTIFACTS / "report-overview-en.png"), full_page=True)
        page.close()

        for n, store in enumerate(stores):
            page, store_errors = _open(context, (report / f"{store}.html").as_uri())
            errors += store_errors
            _check_store_page(page, serving, store, as_of)
            if n == 0:
                # The language chosen on the overview is kept: English first, then Chinese.
                assert page.get_attribute("html", "data-lang") == "en"
                page.wait_for_selector("#chart-sales svg")
                page.screenshot(path=str(ARTIFACTS / "report-store-en.png"), full_page=True)
                page.click("#lang-switch")
                assert page.is_visible("h2 >> text=活动资格清单")
                page.screenshot(path=str(ARTIFACTS / "report-store-zh.png"), full_page=True)
            page.close()
    assert refused == []
    assert errors == []


def _check_store_page(page, serving, store: str, as_of) -> None:
    (total, units_30d, units_7d) = _rows(
        serving,
        "select total_sales_volume, units_30d, units_7d from marts.sales_volume_daily "
        "where store_id = ? and date = ?",
        [store, as_of],
    )[0]
    for field, value in (
        ("total_sales_volume", total),
        ("units_30d", units_30d),
        ("units_7d", units_7d),
    ):
        assert int(page.get_attribute(f'.kpi [data-field="{field}"]', "data-value")) == value

    health = _values(page, "#health tbody tr[data-metric]", "value")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        row = con.execute(
            "select * from marts.store_health_daily where store_id = ? and date = ?",
            [store, as_of],
        )
        marts = dict(zip([d[0] for d in row.description], row.fetchone(), strict=True))
    finally:
        con.close()
    assert len(health) == 10
    for metric, shown in health.items():
        assert _same(shown or None, marts[metric]), (store, metric, shown, marts[metric])

    eligible = _values(page, "#eligibility tbody tr[data-program]", "eligible")
    expected = dict(
        _rows(
            serving,
            "select program, eligible from marts.store_eligibility where store_id = ?",
            [store],
        )
    )
    assert {k: v == "true" for k, v in eligible.items()} == expected
    shortfalls = _values(page, "#eligibility tbody tr[data-program]", "shortfall")
    for program, shortfall in _rows(
        serving,
        "select program, shortfall from marts.store_eligibility where store_id = ?",
        [store],
    ):
        assert _same(shortfalls[program] or None, shortfall)

    findings = page.eval_on_selector_all(
        "#findings tr.finding",
        """rows => rows.map(r => [r.dataset.code, r.dataset.sku, r.dataset.order,
            r.querySelector('[data-field="metric_value"]').dataset.value])""",
    )
    expected_findings = _rows(
        serving,
        "select code, coalesce(sku, ''), coalesce(order_id, ''), metric_value "
        "from marts.store_diagnosis where store_id = ?",
        [store],
    )
    shown = sorted((c, s, o, float(v)) for c, s, o, v in findings)
    published = sorted((c, s, o, float(v)) for c, s, o, v in expected_findings)
    if len(published) <= MAX_FINDINGS:
        assert shown == published
    else:
        # A long list is cut (most urgent first); the page counts the rest.
        assert len(shown) == MAX_FINDINGS and set(shown) <= set(published)
        more = page.get_attribute(".more-findings", "data-value")
        assert int(more) == len(published) - MAX_FINDINGS
    expected_findings = [f for f in expected_findings if (f[0], f[1], f[2], float(f[3])) in shown]
    for code, sku, order_id, _ in expected_findings:
        text = page.inner_text(
            f'#findings tr[data-code="{code}"][data-order="{order_id}"][data-sku="{sku}"]'
        )
        assert (order_id or sku) in text


def test_a_client_report_shows_only_its_own_stores(nightly_run, stores, tmp_path) -> None:
    from dagster_project.report import write_reports

    warehouse = tmp_path / "warehouse"
    client_dir = warehouse / "clients" / "acme"
    client_dir.mkdir(parents=True)
    shutil.copy(nightly_run.serving_db, warehouse / "serving.duckdb")
    client_db = client_dir / "serving.duckdb"
    shutil.copy(nightly_run.serving_db, client_db)
    mine, other = stores[:2], stores[2]
    con = duckdb.connect(str(client_db))
    for (table,) in con.execute(
        "select table_schema || '.' || table_name from information_schema.columns "
        "where column_name = 'store_id' and table_schema in ('marts', 'audit')"
    ).fetchall():
        con.execute(
            f"delete from {table} where store_id is distinct from ? "
            "and store_id is distinct from ?",
            mine,
        )
    # the run had no clients.csv: this file is shaped as a client's (one marts.clients row)
    con.execute("delete from marts.clients")
    con.execute("insert into marts.clients (client_id, lang, stores) values ('acme', 'en', 2)")
    con.execute("delete from audit.alerts")
    con.execute(
        "insert into audit.alerts (alert_id, run_id, raised_at, store_id, code, severity, "
        "state, metric_value, threshold, message_en, message_zh) values "
        "('a1', 'r1', '2026-10-01 03:00', ?, 'overdue_orders', 'critical', 'raised', 2, 0, "
        "'2 orders unscanned after 72 h', '2 个订单超72小时未上网'),"
        "('a2', 'r1', '2026-10-01 03:00', ?, 'dsr_below_healthy', 'warning', 'raised', 4.5, "
        "4.78, 'DSR below 4.78', 'DSR 低于 4.78'),"
        "('a3', 'r2', '2026-10-02 03:00', ?, 'dsr_below_healthy', 'warning', 'cleared', 4.9, "
        "4.78, 'DSR back above 4.78', 'DSR 恢复')",
        [mine[0], mine[0], mine[0]],
    )
    con.close()

    written = dict(write_reports(warehouse))
    client_report = client_dir / "report"
    assert written["acme"].out_dir == client_report
    assert sorted(p.name for p in client_report.glob("*.html")) == sorted(
        ["index.html", *(f"{s}.html" for s in mine)]
    )
    for page in client_report.glob("*.html"):
        assert other not in page.read_text(encoding="utf-8"), page
    with offline_chromium() as (context, refused):
        page, errors = _open(context, (client_report / "index.html").as_uri())
        assert page.get_attribute("html", "data-lang") == "en"  # the client's lang
        alerts = _values(page, "#stores tbody tr[data-store]", "open_alerts")
        assert alerts == {mine[0]: "1", mine[1]: "0"}  # the DSR alert was cleared
        page, more = _open(context, (client_report / f"{mine[0]}.html").as_uri())
        assert page.eval_on_selector_all("li.alert", "xs => xs.map(x => x.dataset.code)") == [
            "overdue_orders"
        ]
    assert refused == [] and errors + more == []
    # the agency's report, written beside, still lists every store; --lang overrides
    agency = write_reports(warehouse, lang="en")[0][1]
    assert agency.stores == len(stores) and agency.lang == "en"
