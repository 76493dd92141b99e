from pathlib import Path

from publish_helpers import FAILED_CHECKS, PASSED_CHECKS, query, run_record

from dagster_project.publish import publish

TABLE_COMMENT = (
    "select comment from duckdb_tables() "
    "where schema_name = 'marts' and table_name = 'sales_volume_daily'"
)
COLUMN_COMMENT = (
    "select comment from duckdb_columns() where schema_name = 'marts' "
    "and table_name = 'sales_volume_daily' and column_name = 'units_365d'"
)


def test_table_and_column_comments_reach_the_published_file(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    serving = warehouse / "serving.duckdb"
    assert query(serving, TABLE_COMMENT) == [
        ("One row per (store_id, date): sales volume windows",)
    ]
    assert query(serving, COLUMN_COMMENT) == [("Units of counted lines, 365-day window",)]


def test_comments_stay_when_a_failed_run_keeps_the_previous_marts(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    serving = warehouse / "serving.duckdb"
    assert query(serving, TABLE_COMMENT) == [
        ("One row per (store_id, date): sales volume windows",)
    ]
    assert query(serving, COLUMN_COMMENT) == [("Units of counted lines, 365-day window",)]


def test_audit_tables_are_described(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    described = query(
        warehouse / "serving.duckdb",
        "select table_name from duckdb_tables() "
        "where schema_name = 'audit' and comment is not null order by 1",
    )
    assert described == [
        ("alert_deliveries",),
        ("alerts",),
        ("check_results",),
        ("ingest_log",),
        ("quarantine",),
        ("run_log",),
    ]


def test_every_audit_column_is_described(warehouse: Path) -> None:
    """A BI tool's schema browser explains audit columns as it does the marts'."""
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    columns = query(
        warehouse / "serving.duckdb",
        "select table_name, column_name, comment from duckdb_columns() "
        "where schema_name = 'audit' order by 1, 2",
    )
    assert {t for t, _, _ in columns} == {
        "alert_deliveries",
        "alerts",
        "check_results",
        "ingest_log",
        "quarantine",
        "run_log",
    }
    assert [(t, c) for t, c, comment in columns if not comment] == []
    described = {(t, c): comment for t, c, comment in columns}
    assert described[("quarantine", "reason")].startswith("Reason code: missing_value:<column>")
    assert described[("run_log", "outcome")].startswith("published")
