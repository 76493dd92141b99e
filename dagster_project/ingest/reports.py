"""What a load tells its caller: one report per file, and the totals of a whole inbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Status = Literal["loaded", "skipped", "error"]


@dataclass(frozen=True)
class FileReport:
    file: str  # path relative to the inbox, `/`-separated
    kind: str
    store_id: str
    status: Status
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    message: str = ""  # one line naming the file; the reason for errors
    snapshot_at: datetime | None = None
    notes: tuple[str, ...] = ()  # lines for the run's report (a workbook's other sheets)


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # inbox layout: bad folders, unknown kinds

    def _count(self, status: Status) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def files_loaded(self) -> int:
        return self._count("loaded")

    @property
    def files_skipped(self) -> int:
        return self._count("skipped")

    @property
    def files_error(self) -> int:
        return self._count("error")

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)

    def summary(self) -> str:
        return (
            f"{self.files_loaded} file(s) loaded, {self.files_skipped} already loaded, "
            f"{self.files_error} unreadable, {len(self.problems)} inbox problem(s); "
            f"{self.rows_read} rows read = {self.rows_loaded} loaded + "
            f"{self.rows_quarantined} quarantined"
        )
