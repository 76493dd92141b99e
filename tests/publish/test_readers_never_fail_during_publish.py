import multiprocessing
import time
from pathlib import Path

from publish_helpers import FAILED_CHECKS, PASSED_CHECKS, run_record, working_db
from publish_serving_reader import poll

from dagster_project.publish import publish


def _mark(warehouse: Path, run_id: str) -> None:
    """Give this run's marts a marker, so a reader can tell which version it reads."""
    working_db.run_sql(
        warehouse / "warehouse.duckdb",
        f"create or replace table marts.publish_marker as select '{run_id}' as run_id",
    )


def test_a_polling_reader_never_gets_an_error_or_a_mixed_version(warehouse: Path) -> None:
    _mark(warehouse, "run-1")
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)

    context = multiprocessing.get_context("spawn")
    ready, stop, report = context.Event(), context.Event(), context.Queue()
    reader = context.Process(target=poll, args=(warehouse / "serving.duckdb", ready, stop, report))
    reader.start()
    try:
        assert ready.wait(timeout=60), "the reader process never read serving.duckdb"
        for n in range(2, 9):
            _mark(warehouse, f"run-{n}")
            # Every third run fails: its marker must never become visible.
            passed = n % 3 != 0
            publish(warehouse, run_record(n), PASSED_CHECKS if passed else FAILED_CHECKS, passed)
            time.sleep(0.3)
        time.sleep(0.5)
    finally:
        stop.set()
        reads, errors, versions = report.get(timeout=60)
        reader.join(timeout=30)

    assert errors == []
    assert reads > 10
    assert versions[0] == "run-1" and len(versions) >= 3
    assert "run-3" not in versions and "run-6" not in versions
