from pathlib import Path

from publish_helpers import (
    AUDIT,
    FAILED_CHECKS,
    MARTS,
    PASSED_CHECKS,
    query,
    run_record,
    snapshot_marts,
    tables,
    working_db,
)

from dagster_project.publish import publish


def test_failed_audit_keeps_every_mart_exactly_as_before(warehouse: Path) -> None:
    serving = warehouse / "serving.duckdb"
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    before = snapshot_marts(serving)
    working_db.run_sql(
        warehouse / "warehouse.duckdb",
        """update marts.sales_volume_daily set units_7d = 9
           where store_id = 's1' and date = '2024-03-10';
           delete from marts.store_diagnosis;""",
    )

    result = publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    assert (result.outcome, result.marts_source) == ("failed", "previous")
    assert snapshot_marts(serving) == before
    assert query(serving, "select count(*) from marts.store_diagnosis") == [(1,)]
    assert query(
        serving, "select run_id, outcome, failing_checks from audit.run_log order by run_id"
    ) == [
        ("run-1", "published", None),
        ("run-2", "failed", "units_7d_not_above_units_30d (marts.sales_volume_daily)"),
    ]


def test_failed_audit_publishes_its_check_results_with_the_bad_rows(warehouse: Path) -> None:
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    assert query(
        warehouse / "serving.duckdb",
        "select run_id, check_name, passed, failing_rows, detail, sample from audit.check_results "
        "where not passed",
    ) == [
        (
            "run-2",
            "units_7d_not_above_units_30d",
            False,
            1,
            "units_7d_not_above_units_30d: failed on 1 row(s)",
            '[{"store_id": "s1", "date": "2024-03-10", "units_7d": 9, "units_30d": 5}]',
        )
    ]


def test_failing_checks_given_by_the_run_are_recorded_as_given(warehouse: Path) -> None:
    run = run_record(1, failing_checks="step dbt_build failed: compilation error")
    publish(warehouse, run, [], passed=False)

    assert query(
        warehouse / "serving.duckdb", "select outcome, failing_checks from audit.run_log"
    ) == [("failed", "step dbt_build failed: compilation error")]


def test_failed_run_without_marts_in_the_working_db_is_still_recorded(warehouse: Path) -> None:
    serving = warehouse / "serving.duckdb"
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)
    before = snapshot_marts(serving)
    working_db.run_sql(
        warehouse / "warehouse.duckdb", "drop schema marts cascade; drop schema audit cascade"
    )

    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)

    assert tables(serving) == [("audit", t) for t in AUDIT] + [("marts", t) for t in MARTS]
    assert snapshot_marts(serving) == before
    assert query(serving, "select run_id, outcome from audit.run_log order by 1") == [
        ("run-1", "published"),
        ("run-2", "failed"),
    ]
    # The quarantine of the last good run stays visible rather than an empty table.
    assert query(serving, "select count(*) from audit.quarantine") == [(1,)]
