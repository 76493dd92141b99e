"""BI drivers bundle DuckDB 1.1.3: the published file must open there, comments included.

The old DuckDB runs in its own virtual environment (created once per test session with uv,
which fetches duckdb 1.1.3 from PyPI), in a separate process.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from publish_helpers import FAILED_CHECKS, PASSED_CHECKS, run_record

from dagster_project.publish import publish
from tests.built_once import built_once

OLD_DUCKDB = "1.1.3"

READER_SCRIPT = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(json.dumps({
    "version": duckdb.__version__,
    "tables": con.execute(
        "select table_schema || '.' || table_name from information_schema.tables order by 1"
    ).fetchall(),
    "table_comment": con.execute(
        "select comment from duckdb_tables() where table_name = 'sales_volume_daily'"
    ).fetchall(),
    "column_comment": con.execute(
        "select comment from duckdb_columns() "
        "where table_name = 'sales_volume_daily' and column_name = 'units_365d'"
    ).fetchall(),
    "units_365d": con.execute(
        "select store_id, units_365d from marts.sales_volume_daily "
        "where date = '2024-03-10' order by 1"
    ).fetchall(),
    "runs": con.execute("select run_id, outcome from audit.run_log order by 1").fetchall(),
}))
"""


def _uv() -> list[str]:
    for python in (sys.executable, shutil.which("python3")):
        if (
            python
            and subprocess.run([python, "-m", "uv", "--version"], capture_output=True).returncode
            == 0
        ):
            return [python, "-m", "uv"]
    if shutil.which("uv"):
        return ["uv"]
    raise RuntimeError("uv is needed to build the duckdb 1.1.3 environment: pip install uv")


@pytest.fixture(scope="session")
def old_duckdb_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> None:
        uv = _uv()
        subprocess.run([*uv, "venv", "--quiet", str(folder / "venv")], check=True)
        python = folder / "venv" / "bin" / "python"
        install = [*uv, "pip", "install", "--quiet", "-p", str(python), f"duckdb=={OLD_DUCKDB}"]
        subprocess.run(install, check=True)

    return built_once(tmp_path_factory, "duckdb_1_1_3", build) / "venv" / "bin" / "python"


def _read_with_old_duckdb(python: Path, serving: Path) -> dict:
    done = subprocess.run(
        [str(python), "-c", READER_SCRIPT, str(serving)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_duckdb_1_1_3_reads_the_published_file(old_duckdb_python: Path, warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    seen = _read_with_old_duckdb(old_duckdb_python, warehouse / "serving.duckdb")

    assert seen["version"] == OLD_DUCKDB
    assert [t[0] for t in seen["tables"]] == [
        "audit.alert_deliveries",
        "audit.alerts",
        "audit.check_results",
        "audit.ingest_log",
        "audit.quarantine",
        "audit.run_log",
        "marts.fct_order_lines",
        "marts.sales_volume_daily",
        "marts.sku_sales_volume",
        "marts.store_diagnosis",
        "marts.store_eligibility",
        "marts.store_export_coverage",
        "marts.store_health_daily",
        "marts.stores",
        "marts.volume_rolloff_forecast",
    ]
    assert seen["table_comment"] == [["One row per (store_id, date): sales volume windows"]]
    assert seen["column_comment"] == [["Units of counted lines, 365-day window"]]
    assert seen["units_365d"] == [["s1", 5], ["s2", 4]]
    assert seen["runs"] == [["run-1", "published"], ["run-2", "failed"]]


def test_duckdb_1_1_3_reads_client_files_and_the_delivery_republish(
    old_duckdb_python: Path, warehouse: Path
) -> None:
    from publish_helpers import working_db

    from dagster_project.publish.client_files import publish_client_files
    from dagster_project.publish.publish import republish_deliveries

    working_db.run_sql(
        warehouse / "warehouse.duckdb",
        "update marts.stores set client_id = 'acme' where store_id = 's1'; "
        "create table marts.clients (client_id varchar, lang varchar, stores bigint); "
        "insert into marts.clients values ('acme', 'en', 1);",
    )
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish_client_files(warehouse / "serving.duckdb", warehouse / "clients")
    republish_deliveries(warehouse)

    client = _read_with_old_duckdb(
        old_duckdb_python, warehouse / "clients" / "acme" / "serving.duckdb"
    )
    assert client["units_365d"] == [["s1", 5]]
    assert client["column_comment"] == [["Units of counted lines, 365-day window"]]
    agency = _read_with_old_duckdb(old_duckdb_python, warehouse / "serving.duckdb")
    assert "audit.alert_deliveries" in [t[0] for t in agency["tables"]]
    assert agency["units_365d"] == [["s1", 5], ["s2", 4]]
