from datetime import date
from pathlib import Path

from audit_helpers import audit

from expectations import run_audit
from expectations.suites import ALL_FRAMES


def test_every_check_passes_on_a_valid_working_db(working_db: Path) -> None:
    report = audit(working_db)

    assert [c.check_name for c in report.checks if not c.passed] == []
    assert report.passed
    assert report.as_of == date(2024, 3, 10)
    assert {c.suite for c in report.checks} == {"status_exclusions", "threshold_tables", "marts"}
    assert len(report.checks) == sum(len(f.checks) for f in ALL_FRAMES)
    assert all(c.failing_rows == 0 and c.sample == [] for c in report.checks)


def test_check_names_are_unique() -> None:
    names = [c.name for f in ALL_FRAMES for c in f.checks]
    assert len(names) == len(set(names))


def test_data_docs_are_written_when_asked(working_db: Path, tmp_path: Path) -> None:
    report = run_audit(working_db, run_id="docs-run", data_docs_dir=tmp_path / "docs")

    assert report.data_docs_path == tmp_path / "docs" / "index.html"
    html = report.data_docs_path.read_text(encoding="utf-8")
    assert "status_exclusions.line_states" in html
    assert list((tmp_path / "docs" / "validations").iterdir())


def test_audit_reads_the_working_db_without_changing_it(working_db: Path) -> None:
    before = working_db.read_bytes()
    audit(working_db)
    assert working_db.read_bytes() == before
