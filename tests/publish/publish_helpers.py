"""Helpers of the publish tests (a module of its own: pytest puts several test folders on
sys.path, so test modules never import from a conftest)."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

import duckdb

from dagster_project.publish import CheckRow, RunRecord


def _load_working_db_builder():
    # The audit tests own the tiny working database; load it by path, not as a package.
    path = Path(__file__).parent.parent / "audit" / "tiny_working_db.py"
    spec = importlib.util.spec_from_file_location("audit_working_db", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


working_db = _load_working_db_builder()

MARTS = [
    "fct_order_lines",
    "sales_volume_daily",
    "sku_sales_volume",
    "store_diagnosis",
    "store_eligibility",
    "store_export_coverage",
    "store_health_daily",
    "stores",
    "volume_rolloff_forecast",
]
AUDIT = ["alert_deliveries", "alerts", "check_results", "ingest_log", "quarantine", "run_log"]

PASSED_CHECKS = [
    CheckRow(
        "units_7d_not_above_units_30d",
        "marts",
        "marts.sales_volume_daily",
        True,
        "ERROR",
        0,
        "passed on 5 rows",
    ),
    CheckRow(
        "no_line_held_for_unknown_status",
        "status_exclusions",
        "audit.quarantine",
        True,
        "WARN",
        0,
        "passed on 1 rows",
    ),
]
FAILED_CHECKS = [
    CheckRow(
        "units_7d_not_above_units_30d",
        "marts",
        "marts.sales_volume_daily",
        False,
        "ERROR",
        1,
        "units_7d_not_above_units_30d: failed on 1 row(s)",
        [{"store_id": "s1", "date": date(2024, 3, 10), "units_7d": 9, "units_30d": 5}],
    ),
    CheckRow(
        "no_line_held_for_unknown_status",
        "status_exclusions",
        "audit.quarantine",
        True,
        "WARN",
        0,
        "passed on 1 rows",
    ),
]


def run_record(n: int, failing_checks: str | None = None) -> RunRecord:
    """Run n of a sequence, one night apart."""
    return RunRecord(
        run_id=f"run-{n}",
        started_at=datetime(2024, 3, 10 + n, 3, 0),
        finished_at=datetime(2024, 3, 10 + n, 3, 4),
        as_of=date(2024, 3, 10),
        failing_checks=failing_checks,
    )


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def tables(path: Path) -> list[tuple[str, str]]:
    return query(
        path,
        "select table_schema, table_name from information_schema.tables "
        "order by table_schema, table_name",
    )


def snapshot_marts(path: Path) -> dict[str, list[tuple]]:
    """Every row of every marts table, in a stable order."""
    return {t: query(path, f"select * from marts.{t} order by all") for t in MARTS}
