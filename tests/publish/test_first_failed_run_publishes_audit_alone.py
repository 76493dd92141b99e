from pathlib import Path

from publish_helpers import AUDIT, FAILED_CHECKS, query, run_record, tables

from dagster_project.publish import publish


def test_first_failed_run_publishes_the_audit_schema_alone(warehouse: Path) -> None:
    result = publish(warehouse, run_record(1), FAILED_CHECKS, passed=False)

    serving = warehouse / "serving.duckdb"
    assert (result.outcome, result.marts_source, result.marts_tables) == ("failed", None, ())
    assert tables(serving) == [("audit", t) for t in AUDIT]
    assert query(serving, "select run_id, outcome from audit.run_log") == [("run-1", "failed")]


def test_failed_run_before_any_working_db_exists_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "warehouse"

    publish(folder, run_record(1, failing_checks="ingest failed"), [], passed=False)

    serving = folder / "serving.duckdb"
    assert tables(serving) == [("audit", t) for t in AUDIT]
    assert query(serving, "select outcome, failing_checks from audit.run_log") == [
        ("failed", "ingest failed")
    ]
    assert query(serving, "select count(*) from audit.ingest_log") == [(0,)]


def test_two_failed_runs_then_a_passed_one(warehouse: Path) -> None:
    publish(warehouse, run_record(1), FAILED_CHECKS, passed=False)
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)
    result = publish(warehouse, run_record(3), [], passed=True)

    assert result.marts_source == "working"
    assert query(
        warehouse / "serving.duckdb", "select run_id, outcome from audit.run_log order by 1"
    ) == [("run-1", "failed"), ("run-2", "failed"), ("run-3", "published")]
