"""Helpers of the audit tests (a module of its own: pytest puts several test folders on
sys.path, so test modules never import from a conftest)."""

from pathlib import Path

from expectations import AuditReport, CheckOutcome, run_audit


def audit(path: Path) -> AuditReport:
    return run_audit(path, run_id="test-run")


def failed(report: AuditReport) -> dict[str, CheckOutcome]:
    return {c.check_name: c for c in report.checks if not c.passed}


def assert_sample_shows(outcome: CheckOutcome, expected: dict) -> None:
    """Some sampled row carries every expected column value."""
    assert any(all(row.get(k) == v for k, v in expected.items()) for row in outcome.sample), (
        f"{outcome.check_name}: no sampled row matches {expected}: {outcome.sample}"
    )
