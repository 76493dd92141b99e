import shutil
from pathlib import Path

import pytest
from working_db import build_working_db

from expectations import AuditReport, CheckOutcome, run_audit


@pytest.fixture(scope="session")
def valid_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_working_db(tmp_path_factory.mktemp("template") / "warehouse.duckdb")


@pytest.fixture
def working_db(valid_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid working database, free for a test to break."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(valid_db_template, path)
    return path


def audit(path: Path) -> AuditReport:
    return run_audit(path, run_id="test-run")


def failed(report: AuditReport) -> dict[str, CheckOutcome]:
    return {c.check_name: c for c in report.checks if not c.passed}


def assert_sample_shows(outcome: CheckOutcome, expected: dict) -> None:
    """Some sampled row carries every expected column value."""
    assert any(all(row.get(k) == v for k, v in expected.items()) for row in outcome.sample), (
        f"{outcome.check_name}: no sampled row matches {expected}: {outcome.sample}"
    )
