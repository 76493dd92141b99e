"""The audit is told which day the run asked for: marts built for another day fail it.

The tiny working database's marts are built for 2024-03-10, its latest order day.
"""

from datetime import date
from pathlib import Path

from audit_helpers import assert_sample_shows, failed
from tiny_working_db import run_sql

from expectations import run_audit

CHECK = "marts_built_for_the_requested_as_of"


def test_marts_of_the_requested_day_pass(working_db: Path) -> None:
    report = run_audit(working_db, run_id="test-run", requested_as_of=date(2024, 3, 10))
    assert report.passed, failed(report)


def test_marts_of_another_day_than_requested_fail(working_db: Path) -> None:
    report = run_audit(working_db, run_id="test-run", requested_as_of=date(2024, 3, 9))

    failures = failed(report)
    assert set(failures) == {CHECK}
    assert not report.passed
    assert_sample_shows(
        failures[CHECK],
        {"marts_as_of": date(2024, 3, 10), "requested_as_of": date(2024, 3, 9)},
    )


def test_default_run_fails_on_marts_older_than_the_latest_order_day(working_db: Path) -> None:
    # A line ordered on 2024-03-11 is loaded, but the marts still end on 2024-03-10: the
    # default run asked for 2024-03-11 (its latest order day) and got the day before.
    run_sql(
        working_db,
        """insert into marts.fct_order_lines (store_id, order_id, sku, category, quantity,
               amount, order_time, order_day, raw_status, status_class, is_counted,
               snapshot_at, source_file)
           values ('s1', 'o9', 'A', 'other', 1, 10.00, timestamp '2024-03-11 09:00',
               date '2024-03-11', 'Shipped', 'in_progress', false,
               timestamp '2024-03-11', 's1/orders/orders_2024-03-11.csv')""",
    )
    report = run_audit(working_db, run_id="test-run")

    failures = failed(report)
    assert CHECK in failures
    assert_sample_shows(
        failures[CHECK],
        {
            "marts_as_of": date(2024, 3, 10),
            "requested_as_of": date(2024, 3, 11),
            "requested_default": True,
        },
    )
