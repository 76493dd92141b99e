"""`asw run --engine spark` publishes the marts `asw run` publishes, row for row.

The small generated inbox, run on DuckDB by the shared `nightly_run` (tests/conftest.py),
runs again in this process on Spark (ingest to DuckDB and Parquet, dbt on a local Spark,
Spark's marts read back for Great Expectations and the publish). Both serving.duckdb
files must hold the same marts and the same audit.quarantine, and the same check
outcomes. One Spark dbt invocation.
"""

from __future__ import annotations

import io
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

import duckdb
import pytest

from dagster_project.runner import run_nightly
from dagster_project.settings import Settings

pytestmark = pytest.mark.spark

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import table_differences  # noqa: E402
from test_spark_matches_duckdb import _missing_engine, _published_marts  # noqa: E402


@pytest.fixture(scope="module")
def both_runs(nightly_run, tmp_path_factory):
    reason = _missing_engine()
    if reason:
        pytest.skip(reason)
    # `asw run` with the default engine, DuckDB, as the shared run is.
    runs = {"duckdb": (nightly_run.exit_code, nightly_run.output, nightly_run.serving_db)}
    warehouse = tmp_path_factory.mktemp("warehouse_spark")
    buffer = io.StringIO()
    started = time.monotonic()
    with redirect_stdout(buffer):
        code = run_nightly(Settings.resolve(nightly_run.inbox, warehouse, "", "spark"))
    print(f"asw run --engine spark: {time.monotonic() - started:.0f} s")
    runs["spark"] = (code, buffer.getvalue(), warehouse / "serving.duckdb")
    return runs


def test_both_runs_publish(both_runs):
    for engine, (code, output, serving) in both_runs.items():
        assert code == 0, f"{engine}:\n{output[-4000:]}"
        assert serving.exists()
    assert "(on Spark)" in both_runs["spark"][1]


@pytest.mark.parametrize(
    "table", [f"marts.{name}" for name in _published_marts()] + ["audit.quarantine"]
)
def test_published_table_matches(both_runs, table):
    con = duckdb.connect()
    try:
        con.execute(f"attach '{both_runs['duckdb'][2]}' as on_duckdb (read_only)")
        con.execute(f"attach '{both_runs['spark'][2]}' as on_spark (read_only)")
        types = "select column_name, column_type from (describe {})"
        assert (
            con.execute(types.format(f"on_spark.{table}")).fetchall()
            == con.execute(types.format(f"on_duckdb.{table}")).fetchall()
        )
        assert table_differences(con, f"on_duckdb.{table}", f"on_spark.{table}") == []
        comments = (
            "select column_name, comment from duckdb_columns() "
            "where database_name = ? and schema_name || '.' || table_name = ? order by 1"
        )
        assert (
            con.execute(comments, ["on_spark", table]).fetchall()
            == con.execute(comments, ["on_duckdb", table]).fetchall()
        )
    finally:
        con.close()


def test_same_check_outcomes(both_runs):
    outcomes = {}
    for engine, (_, _, serving) in both_runs.items():
        con = duckdb.connect(str(serving), read_only=True)
        try:
            columns = [r[0] for r in con.execute("describe audit.check_results").fetchall()]
            key = [
                c
                for c in columns
                if c in ("check_name", "suite", "asset", "passed", "severity", "failing_rows")
            ]
            outcomes[engine] = sorted(
                con.execute(f"select {', '.join(key)} from audit.check_results").fetchall(),
                key=str,
            )
        finally:
            con.close()
    assert outcomes["spark"] == outcomes["duckdb"]
