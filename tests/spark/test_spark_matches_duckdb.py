"""The same dbt project on Spark builds the same marts as on DuckDB, row for row.

The hand-made marts fixture (tests/marts) is built with `dbt build` on the DuckDB target
(the build of the `marts` fixture of tests/marts, made once per session for both); its raw
tables are then written as Parquet files exactly as the ingest step writes them
(dagster_project/engines/raw_parquet.py), and one `dbt build` on the `spark` target (a
local Spark session, `local[2]`) builds seeds, models, data tests and unit tests from
those files. Every published mart and audit.quarantine must hold the same rows with the
same column types; floats may differ in the last bits (sums in another order). One Spark
invocation only: each costs a minute or more of start-up.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dagster_project.engines.raw_parquet import mirror_raw_to_parquet
from dagster_project.engines.spark_marts import parquet_scan, spark_table_folder, spark_tables

pytestmark = pytest.mark.spark

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DBT_PROJECT = REPO / "dbt_models"
DBT = Path(sys.executable).parent / "dbt"


def _missing_engine() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install '.[spark]'; scripts/test.sh does)"
    if importlib.util.find_spec("dbt.adapters.spark") is None:
        return "dbt-spark is not installed (pip install '.[spark]'; scripts/test.sh does)"
    if shutil.which("java") is None:
        return "java is not on PATH (apt-get install openjdk-17-jre-headless)"
    return None


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    reason = _missing_engine()
    if reason:
        pytest.skip(reason)
    sys.path.insert(0, str(REPO / "tests" / "marts"))
    sys.path.insert(0, str(HERE))
    marts_conftest = _load("marts_conftest_for_spark", REPO / "tests" / "marts" / "conftest.py")
    fixture = _load("marts_fixture_for_spark", REPO / "tests" / "marts" / "marts_fixture.py")

    work = tmp_path_factory.mktemp("spark_vs_duckdb")
    # The `marts` fixture of tests/marts: the same name, so the same build, read-only.
    duck = marts_conftest._built_once(
        tmp_path_factory, "marts", lambda folder: marts_conftest.build_fixture(DBT_PROJECT, folder)
    )
    assert duck.returncode == 0, duck.log_tail

    raw_parquet = work / "raw_parquet"
    con = duckdb.connect(str(duck.db), read_only=True)
    try:
        mirror_raw_to_parquet(con, raw_parquet)
    finally:
        con.close()

    spark_dir = work / "spark"
    target = work / "spark_target"
    env = dict(os.environ)
    env.update(
        ASW_SPARK_DIR=str(spark_dir),
        ASW_RAW_PARQUET_DIR=str(raw_parquet),
        SPARK_LOCAL_IP="127.0.0.1",
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    started = time.monotonic()
    result = subprocess.run(
        [
            str(DBT),
            "build",
            "--target",
            "spark",
            "--project-dir",
            str(DBT_PROJECT),
            "--profiles-dir",
            str(DBT_PROJECT),
            "--target-path",
            str(target),
            "--log-path",
            str(work / "spark_logs"),
            "--vars",
            json.dumps({"as_of": fixture.AS_OF}),
        ],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    wall = time.monotonic() - started
    results_file = target / "run_results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else None
    tail = "\n".join(
        line for line in (result.stdout + result.stderr).splitlines() if len(line) < 500
    )[-6000:]
    if results is not None:
        # the first statement (the on-run-start hook) starts the JVM, the Spark session
        # and the metastore
        start_up = sum(
            node["execution_time"]
            for node in results["results"]
            if node["unique_id"].startswith("operation.")
        )
        print(
            f"Spark dbt build: {wall:.0f} s in all; {start_up:.0f} s to the first node "
            f"(session start and raw tables registered), "
            f"{results['elapsed_time'] - start_up:.0f} s building {len(results['results'])} nodes"
        )
    duck_results = json.loads((duck.db.parent / "target" / "run_results.json").read_text())
    return duck, spark_dir, result.returncode, results, duck_results, tail


def test_spark_build_passes(builds):
    _, _, returncode, results, _, tail = builds
    assert results is not None, tail
    failed = [
        f"{node['unique_id']}: {node['status']}: {node.get('message')}"
        for node in results["results"]
        if node["status"] not in ("success", "pass")
    ]
    assert returncode == 0 and not failed, "\n".join(failed) + "\n" + tail


def test_unit_tests_ran_on_both_engines(builds):
    _, _, _, results, duck_results, tail = builds
    assert results is not None, tail

    def unit_tests(run):
        return {
            node["unique_id"]: node["status"]
            for node in run["results"]
            if node["unique_id"].startswith("unit_test.")
        }

    on_duckdb, on_spark = unit_tests(duck_results), unit_tests(results)
    assert on_duckdb, "the DuckDB build ran no unit test"
    assert on_spark == on_duckdb
    assert set(on_spark.values()) == {"pass"}


def _published_marts() -> list[str]:
    return _load("tests_conftest_for_spark", REPO / "tests" / "conftest.py").PUBLISHED_MARTS


@pytest.mark.parametrize(
    "schema,table", [("marts", name) for name in _published_marts()] + [("audit", "quarantine")]
)
def test_table_matches_duckdb(builds, schema, table):
    from compare import table_differences

    duck, spark_dir, _, results, _, tail = builds
    assert results is not None, tail
    assert table in spark_tables(spark_dir, schema), f"Spark built no {schema}.{table}"
    con = duckdb.connect(str(duck.db), read_only=True)
    try:
        scan = parquet_scan(spark_table_folder(spark_dir, schema, table))
        types = "select column_name, column_type from (describe select * from {})"
        assert (
            con.execute(types.format(scan)).fetchall()
            == con.execute(types.format(f"{schema}.{table}")).fetchall()
        )
        (rows,) = con.execute(f"select count(*) from {schema}.{table}").fetchone()
        assert rows > 0, f"the fixture has no row in {schema}.{table}: nothing is compared"
        assert table_differences(con, f"{schema}.{table}", scan) == []
    finally:
        con.close()
