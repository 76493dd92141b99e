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
    # A line ordered on 2024-03-11 is loaded and int_as_of, which defines the default day,
    # says 2024-03-11; but the marts still end on 2024-03-10: the default run asked for
    # 2024-03-11 and got the day before.
    run_sql(working_db, "update intermediate.int_as_of set as_of = date '2024-03-11'")
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


def test_the_as_of_passed_in_is_the_audited_day(working_db: Path) -> None:
    # The nightly job reads int_as_of once after the build and passes that day on.
    report = run_audit(working_db, run_id="test-run", as_of=date(2024, 3, 11))

    assert report.as_of == date(2024, 3, 11)
    assert CHECK in failed(report)
