from pathlib import Path

from publish_helpers import AUDIT, MARTS, PASSED_CHECKS, query, run_record, snapshot_marts, tables

from dagster_project.publish import publish


def test_passed_audit_publishes_every_mart_and_the_audit_schema(warehouse: Path) -> None:
    result = publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    serving = warehouse / "serving.duckdb"
    assert result.serving_path == serving
    assert (result.outcome, result.marts_source) == ("published", "working")
    assert result.marts_tables == tuple(MARTS)
    assert tables(serving) == [("audit", t) for t in AUDIT] + [("marts", t) for t in MARTS]
    assert snapshot_marts(serving) == snapshot_marts(warehouse / "warehouse.duckdb")
    assert query(serving, "select count(*) from marts.fct_order_lines") == [(6,)]


def test_audit_tables_hold_ingest_log_quarantine_checks_and_run_log(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    serving = warehouse / "serving.duckdb"
    assert query(
        serving,
        "select file, content_hash, rows_read, rows_loaded from audit.ingest_log order by 1",
    ) == [
        ("s1/orders/orders_2024-03-10.csv", "aa11", 5, 4),
        ("s2/orders/orders_2024-03-10.csv", "bb22", 2, 2),
    ]
    assert query(serving, "select store_id, line, reason from audit.quarantine") == [
        ("s1", 5, "bad_integer:quantity")
    ]
    assert query(
        serving,
        "select run_id, check_name, asset, passed, severity, failing_rows "
        "from audit.check_results order by check_name",
    ) == [
        ("run-1", "no_line_held_for_unknown_status", "audit.quarantine", True, "WARN", 0),
        ("run-1", "units_7d_not_above_units_30d", "marts.sales_volume_daily", True, "ERROR", 0),
    ]
    assert query(
        serving,
        "select run_id, cast(started_at as varchar), outcome, failing_checks from audit.run_log",
    ) == [("run-1", "2024-03-11 03:00:00", "published", None)]


def test_the_working_db_keeps_the_run_log_too(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), PASSED_CHECKS, passed=True)

    assert query(
        warehouse / "warehouse.duckdb", "select run_id, outcome from audit.run_log order by 1"
    ) == [("run-1", "published"), ("run-2", "published")]


def test_no_temporary_file_is_left_behind(warehouse: Path) -> None:
    (warehouse / ".serving-crashed.tmp.duckdb").write_bytes(b"half a file")

    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), PASSED_CHECKS, passed=True)

    assert sorted(p.name for p in warehouse.iterdir()) == ["serving.duckdb", "warehouse.duckdb"]


def test_published_file_has_every_table_and_column_of_the_contract(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    have = {}
    for schema, table, column in query(
        warehouse / "serving.duckdb",
        "select table_schema, table_name, column_name from information_schema.columns",
    ):
        have.setdefault(f"{schema}.{table}", set()).add(column)
    contract = {
        "audit.ingest_log": "file kind store_id snapshot_at content_hash rows_read rows_loaded "
        "rows_quarantined loaded_at",
        "audit.quarantine": "store_id kind file line reason raw_line",
        "audit.check_results": "run_id check_name asset passed severity failing_rows detail",
        "audit.run_log": "run_id started_at finished_at as_of outcome failing_checks",
    }
    for table, columns in contract.items():
        assert set(columns.split()) <= have[table], table
