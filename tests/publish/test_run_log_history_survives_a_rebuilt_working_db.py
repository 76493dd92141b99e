from pathlib import Path

from publish_helpers import PASSED_CHECKS, query, run_record, working_db

from dagster_project.publish import publish


def test_run_log_history_is_carried_over_from_the_previous_serving_file(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), PASSED_CHECKS, passed=False)
    # The working database is rebuilt from scratch (say, after deleting it).
    (warehouse / "warehouse.duckdb").unlink()
    working_db.build_working_db(warehouse / "warehouse.duckdb")

    publish(warehouse, run_record(3), PASSED_CHECKS, passed=True)

    expected = [("run-1", "published"), ("run-2", "failed"), ("run-3", "published")]
    sql = "select run_id, outcome from audit.run_log order by started_at"
    assert query(warehouse / "serving.duckdb", sql) == expected
    assert query(warehouse / "warehouse.duckdb", sql) == expected


def test_a_run_published_twice_keeps_one_row(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=False)
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    assert query(warehouse / "serving.duckdb", "select run_id, outcome from audit.run_log") == [
        ("run-1", "published")
    ]
