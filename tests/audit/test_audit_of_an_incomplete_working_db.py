from pathlib import Path

from audit_helpers import audit
from tiny_working_db import run_sql


def test_missing_marts_fail_their_checks_instead_of_stopping_the_audit(working_db: Path) -> None:
    # dbt never got as far as the intermediate models: no int_as_of, no marts.
    run_sql(working_db, "drop schema marts cascade; drop schema intermediate cascade")

    report = audit(working_db)

    assert not report.passed
    assert report.as_of is None
    mart_checks = [c for c in report.checks if c.asset.startswith("marts.")]
    assert mart_checks and all(not c.passed for c in mart_checks)
    assert all("cannot audit" in c.detail for c in mart_checks)
    line_states = report.outcome("line_has_status_class")
    assert "fct_order_lines" in line_states.detail
    seed_checks = [c for c in report.checks if c.asset.startswith("seeds.")]
    assert seed_checks and all(c.passed for c in seed_checks)
