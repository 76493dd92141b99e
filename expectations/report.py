"""What an audit run hands back: one outcome per expectation, plus timing and the docs path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ERROR = "ERROR"
WARN = "WARN"


@dataclass(frozen=True)
class CheckOutcome:
    """One expectation's verdict on one asset.

    severity ERROR blocks the publish, WARN is reported only. failing_rows counts rows of
    the audited table (an aggregated frame row stands for all the rows it groups).
    """

    check_name: str
    suite: str
    asset: str
    passed: bool
    severity: str
    failing_rows: int
    detail: str
    sample: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AuditReport:
    run_id: str
    checks: list[CheckOutcome]
    seconds: float
    data_docs_path: Path | None = None
    as_of: date | None = None

    @property
    def passed(self) -> bool:
        """True when no blocking (ERROR) check failed; warnings do not block."""
        return not any(not c.passed and c.severity == ERROR for c in self.checks)

    @property
    def failed_checks(self) -> list[CheckOutcome]:
        return [c for c in self.checks if not c.passed]

    def failing_checks_text(self) -> str | None:
        """Blocking failures as `check_name (asset)`, comma-separated (run_log.failing_checks)."""
        names = [
            f"{c.check_name} ({c.asset})"
            for c in self.checks
            if not c.passed and c.severity == ERROR
        ]
        return ", ".join(names) or None

    def outcome(self, check_name: str) -> CheckOutcome:
        for check in self.checks:
            if check.check_name == check_name:
                return check
        raise KeyError(check_name)
