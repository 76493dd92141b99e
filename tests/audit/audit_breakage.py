"""Shared shape of the "this suite can fail" tests: break the valid working DB with one SQL
script, then expect exactly the named checks to fail, with the bad rows in the sample."""

from dataclasses import dataclass, field
from pathlib import Path

from audit_helpers import assert_sample_shows, audit, failed
from tiny_working_db import run_sql


@dataclass(frozen=True)
class Breakage:
    id: str
    sql: str
    fails: set[str]
    check: str
    failing_rows: int
    sample: dict = field(default_factory=dict)


def assert_breakage_caught(working_db: Path, case: Breakage) -> None:
    run_sql(working_db, case.sql)
    report = audit(working_db)

    failures = failed(report)
    assert set(failures) == case.fails
    outcome = failures[case.check]
    assert outcome.failing_rows == case.failing_rows
    assert case.check in outcome.detail
    assert_sample_shows(outcome, case.sample)
    assert not report.passed
