"""What the publish step is told about a run, and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RunRecord:
    """One row of audit.run_log. Times without a zone are stored as given; times with a
    zone are stored as UTC wall-clock time."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    as_of: date | None
    failing_checks: str | None
    # Why a published run rebuilt nothing; None for a run that built its marts.
    note: str | None = None


@dataclass(frozen=True)
class CheckRow:
    """One row of audit.check_results: a dbt test's or an expectation's verdict on one table.

    severity ERROR blocks the publish, WARN is reported only; failing_rows counts rows of
    the judged table; sample holds up to a few failing rows (JSON-able values).
    """

    check_name: str
    suite: str
    asset: str
    passed: bool
    severity: str
    failing_rows: int
    detail: str
    sample: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class PublishResult:
    serving_path: Path
    outcome: str  # "published" or "failed"
    # Where the published marts came from: "working" (this run), "previous" (the last good
    # run, after a failed audit) or None (no run ever passed: the file holds `audit` alone).
    marts_source: str | None
    marts_tables: tuple[str, ...]
    run_log_rows: int
    seconds: float
    alerts: int = 0  # rows this run added to audit.alerts (raised and cleared)

    def __str__(self) -> str:
        source = {
            "working": "new marts",
            "previous": "previous marts kept",
            None: "audit schema only",
        }[self.marts_source]
        return (
            f"{self.outcome}: {self.serving_path} ({source}: {len(self.marts_tables)} tables; "
            f"run log {self.run_log_rows} runs; {self.seconds:.1f} s)"
        )
