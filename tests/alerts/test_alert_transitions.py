"""audit.alerts transitions on hand-built databases: raised once while a condition holds,
cleared when it stops, eligibility changes against the last published run, run_failed."""

import csv
from pathlib import Path

import duckdb
import pytest

from dagster_project.alerts.evaluate import record_alerts

SEED = Path(__file__).resolve().parents[2] / "dbt_models" / "seeds" / "alert_codes.csv"


@pytest.fixture
def con():
    """`working` as the publish step sees it, and `previous`, the last published file."""
    con = duckdb.connect(":memory:")
    con.execute("attach ':memory:' as working")
    con.execute("attach ':memory:' as previous")
    for db in ("working", "previous"):
        con.execute(f"create schema {db}.marts")
        con.execute(
            f"create table {db}.marts.store_eligibility (store_id varchar, program varchar, "
            "eligible boolean, metric_value double, threshold double, reason varchar)"
        )
    con.execute("create schema working.seeds")
    con.execute("create schema working.audit")
    with SEED.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    con.execute(
        "create table working.seeds.alert_codes (code varchar, severity varchar, "
        "value_format varchar, raised_en varchar, raised_zh varchar, cleared_en varchar, "
        "cleared_zh varchar)"
    )
    con.executemany(
        "insert into working.seeds.alert_codes values (?, ?, ?, ?, ?, ?, ?)",
        [tuple(r.values()) for r in rows],
    )
    con.execute(
        "create table working.audit.alert_conditions (store_id varchar, code varchar, "
        "severity varchar, metric_value double, threshold double, message_en varchar, "
        "message_zh varchar)"
    )
    yield con
    con.close()


def _holds(con, *conditions: tuple[str, str, float]) -> None:
    con.execute("delete from working.audit.alert_conditions")
    for store, code, value in conditions:
        con.execute(
            "insert into working.audit.alert_conditions values (?, ?, 'critical', ?, 0, ?, ?)",
            [store, code, value, f"{store} {code} en", f"{store} {code} zh"],
        )


def _rows(con, run_id: str) -> list[tuple]:
    return con.execute(
        "select store_id, code, state, metric_value from working.audit.alerts "
        "where run_id = ? order by store_id nulls first, code, state",
        [run_id],
    ).fetchall()


def test_a_standing_condition_raises_once_and_clears_when_fixed(con) -> None:
    _holds(con, ("s1", "overdue_orders", 3))
    assert record_alerts(con, "working", None, "r1", passed=True) == 1
    assert _rows(con, "r1") == [("s1", "overdue_orders", "raised", 3.0)]
    # nights 2 and 3: still overdue (another count), nothing new
    _holds(con, ("s1", "overdue_orders", 5))
    assert record_alerts(con, "working", None, "r2", passed=True) == 0
    assert record_alerts(con, "working", None, "r3", passed=True) == 0
    # night 4: fixed, cleared with the seed's message
    _holds(con)
    record_alerts(con, "working", None, "r4", passed=True)
    assert _rows(con, "r4") == [("s1", "overdue_orders", "cleared", None)]
    assert con.execute(
        "select message_en, message_zh from working.audit.alerts where run_id = 'r4'"
    ).fetchone() == (
        "Store s1: no order is overdue for its online scan any more.",
        "店铺 s1：已无超时未上网的订单。",
    )
    # night 5: overdue again, raised again
    _holds(con, ("s1", "overdue_orders", 1))
    record_alerts(con, "working", None, "r5", passed=True)
    assert _rows(con, "r5") == [("s1", "overdue_orders", "raised", 1.0)]


def test_a_failed_run_raises_run_failed_once_and_clears_nothing(con) -> None:
    _holds(con, ("s1", "export_stale", 9))
    record_alerts(con, "working", None, "r1", passed=True)
    _holds(con)  # the failed runs' marts are not judged: export_stale stays open
    record_alerts(con, "working", None, "r2", passed=False)
    assert _rows(con, "r2") == [(None, "run_failed", "raised", None)]
    assert record_alerts(con, "working", None, "r3", passed=False) == 0
    _holds(con, ("s1", "export_stale", 10))
    record_alerts(con, "working", None, "r4", passed=True)
    assert _rows(con, "r4") == [(None, "run_failed", "cleared", None)]


def test_eligibility_changes_against_the_last_published_run(con) -> None:
    con.execute(
        "insert into previous.marts.store_eligibility values "
        "('s1', 'search_ads', true, 0.1, 0.15, 'ok'), ('s1', 'top_brand', false, 1, 1.5, 'no'), "
        "('s2', 'search_ads', true, 0.1, 0.15, 'ok')"
    )
    con.execute(
        "insert into working.marts.store_eligibility values "
        "('s1', 'search_ads', false, 0.2, 0.15, 'volatility_90d 0.20 is not below 0.15'), "
        "('s1', 'top_brand', true, 2, 1.5, 'meets it'), "
        "('s2', 'search_ads', true, 0.12, 0.15, 'ok'), ('s3', 'search_ads', true, 0.1, 0.15, 'new')"
    )
    record_alerts(con, "working", "previous", "r1", passed=True)
    # s2 did not change; s3 was not in the last published run
    assert _rows(con, "r1") == [
        ("s1", "eligibility_gained", "raised", 2.0),
        ("s1", "eligibility_lost", "raised", 0.2),
    ]
    assert con.execute(
        "select message_en from working.audit.alerts where code = 'eligibility_lost'"
    ).fetchone() == (
        "Store s1 is no longer eligible for search_ads: volatility_90d 0.20 is not below 0.15",
    )
    # next night the same marts are published: no change, the notices are cleared
    con.execute("delete from previous.marts.store_eligibility")
    con.execute(
        "insert into previous.marts.store_eligibility select * from working.marts.store_eligibility"
    )
    record_alerts(con, "working", "previous", "r2", passed=True)
    assert [(c, s) for _, c, s, _ in _rows(con, "r2")] == [
        ("eligibility_gained", "cleared"),
        ("eligibility_lost", "cleared"),
    ]


def test_history_is_carried_over_from_the_published_file(con) -> None:
    _holds(con, ("s1", "overdue_orders", 3))
    record_alerts(con, "working", None, "r1", passed=True)
    con.execute("create schema previous.audit")
    con.execute("create table previous.audit.alerts as select * from working.audit.alerts")
    con.execute("drop table working.audit.alerts")  # the working database was rebuilt
    assert record_alerts(con, "working", "previous", "r2", passed=True) == 0
