"""`asw run --as-of` on a fresh and on a built warehouse, before, on and after the last
order day, and back to the default: each publishes the marts a fresh build for that day
publishes, and records the day in audit.run_log."""

import re
import shutil
from datetime import timedelta

import duckdb
import pytest

from tests.conftest import PUBLISHED_MARTS, run_asw

MARTS = PUBLISHED_MARTS


def _marts(serving) -> dict:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return {m: con.execute(f"select * from marts.{m} order by all").fetchall() for m in MARTS}
    finally:
        con.close()


def _last_run(serving) -> tuple:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute(
            "select as_of, outcome from audit.run_log order by started_at desc limit 1"
        ).fetchone()
    finally:
        con.close()


def _as_of_of_marts(serving) -> tuple:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute(
            "select (select max(as_of) from marts.store_eligibility), "
            "(select max(date) from marts.sales_volume_daily)"
        ).fetchone()
    finally:
        con.close()


@pytest.fixture(scope="module")
def last_day(nightly_run):
    assert nightly_run.exit_code == 0, nightly_run.output
    con = duckdb.connect(str(nightly_run.serving_db), read_only=True)
    try:
        return con.execute("select max(order_day) from marts.fct_order_lines").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def built_warehouse(nightly_run, tmp_path_factory):
    """A copy of a warehouse that has published once with the default as-of."""
    copy = tmp_path_factory.mktemp("built") / "warehouse"
    shutil.copytree(nightly_run.warehouse, copy)
    return copy


def test_as_of_before_the_last_day_on_a_fresh_and_a_built_warehouse(
    nightly_run, built_warehouse, last_day, tmp_path
):
    before = last_day - timedelta(days=10)
    fresh = tmp_path / "fresh"
    code, output = run_asw(nightly_run.inbox, fresh, before.isoformat(), verbose=True)
    assert code == 0, output
    # --verbose: one line per loaded file, on top of the progress and totals.
    assert re.search(r"^  store_\d+/orders/\S+\.csv: \d+ rows read = ", output, re.MULTILINE)
    assert _last_run(fresh / "serving.duckdb") == (before, "published")
    assert _as_of_of_marts(fresh / "serving.duckdb") == (before, before)

    code, output = run_asw(nightly_run.inbox, built_warehouse, before.isoformat())
    assert code == 0, output
    assert "published:" in output
    assert _last_run(built_warehouse / "serving.duckdb") == (before, "published")
    assert _marts(built_warehouse / "serving.duckdb") == _marts(fresh / "serving.duckdb")
    assert not list(built_warehouse.glob("*.wal"))


def test_as_of_on_and_after_the_last_day_then_back_to_the_default(
    nightly_run, built_warehouse, last_day
):
    serving = built_warehouse / "serving.duckdb"
    default_marts = _marts(nightly_run.serving_db)

    # On the last order day: what the default builds.
    code, output = run_asw(nightly_run.inbox, built_warehouse, last_day.isoformat())
    assert code == 0, output
    assert _last_run(serving) == (last_day, "published")
    assert _marts(serving) == default_marts

    # After it: the marts run on to that day (days without orders count zero units).
    after = last_day + timedelta(days=5)
    code, output = run_asw(nightly_run.inbox, built_warehouse, after.isoformat())
    assert code == 0, output
    assert _last_run(serving) == (after, "published")
    assert _as_of_of_marts(serving) == (after, after)

    # Back to the default.
    code, output = run_asw(nightly_run.inbox, built_warehouse)
    assert code == 0, output
    assert _last_run(serving) == (last_day, "published")
    assert _marts(serving) == default_marts
    assert not list(built_warehouse.glob("*.wal"))
