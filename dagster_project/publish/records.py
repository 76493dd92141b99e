"""What the publish step is told about a run, and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class RunRecord:
    """One row of audit.run_log. Times without a zone are stored as given; times with a
    zone are stored as UTC wall-clock time."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    as_of: date | None
    failing_checks: str | None


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
