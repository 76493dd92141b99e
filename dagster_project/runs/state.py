"""What one nightly run has done so far, owned here and nowhere else.

The warehouse resource creates a run's `RunState` when it takes the run lock and hands
it to every step through itself (`WarehouseResource.run`): with the in-process executor
all steps of a run share one process and one resource, whoever launched the run (`asw
run`, the UI, the schedule, the sensor). On teardown the resource writes the state to
`<warehouse>/runs/<run_id>.json`, which is how `asw run` reads the run's summary after
Dagster returns, and what a run launched elsewhere leaves behind for a look afterwards.
The steps record through the methods below; nothing else writes the fields.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dagster_project.alerts.delivery import DeliverySummary
from dagster_project.ingest.layout import InboxScan
from dagster_project.ingest.reports import FileReport
from dagster_project.publish.client_files import ClientFile
from dagster_project.publish.records import CheckRow

# State files kept in <warehouse>/runs/: the newest ones, enough to look back a month.
KEEP_RUNS = 30


@dataclass
class AuditResult:
    """What the run keeps of its Great Expectations audit."""

    checks: list[CheckRow] = field(default_factory=list)
    seconds: float = 0.0
    data_docs_path: Path | None = None


@dataclass
class RunState:
    """What a run has done, for its summary and for recording a failure."""

    run_id: str
    started_at: datetime
    # The day the marts were built for: int_as_of's one row, read after the dbt build.
    as_of: date | None = None
    # The files this run read (loaded or refused); files loaded before are only counted:
    # an agency's inbox holds tens of thousands, and the state is written at every run.
    ingest_files: list[FileReport] = field(default_factory=list)
    already_loaded: int = 0
    ingest_problems: list[str] = field(default_factory=list)
    # Walked once per run and shared by the ingest steps; not written to the state file.
    inbox_scan: InboxScan | None = field(default=None, repr=False, metadata={"transient": True})
    audit: AuditResult | None = None
    published: bool = False
    publish_message: str = ""
    report_path: str = ""  # the seller report's index.html, once written
    failure_recorded: bool = False
    client_files: list[ClientFile] = field(default_factory=list)
    delivery: DeliverySummary | None = None
    record_error: str = ""  # why the failure could not be published, when it could not
    # What the marts are built from (runs/unchanged.py), taken before the dbt build.
    fingerprint: str = ""
    # Why nothing was rebuilt, on a night that changed nothing; empty when the run built.
    unchanged: str = ""

    def scanned(self, scan: InboxScan) -> None:
        self.inbox_scan = scan
        self.ingest_problems.extend(scan.problems)

    def ingested(self, reports: list[FileReport]) -> None:
        for report in reports:
            if report.status == "skipped":
                self.already_loaded += 1
            else:
                self.ingest_files.append(report)
            self.ingest_problems.extend(report.notes)

    def problem(self, text: str) -> None:
        self.ingest_problems.append(text)

    def built(self, as_of: date | None) -> None:
        self.as_of = as_of

    def audited(self, audit: AuditResult) -> None:
        self.audit = audit

    def published_to(self, message: str) -> None:
        self.published = True
        self.publish_message = message

    def fingerprinted(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint

    def rebuilt_nothing(self, as_of: date | None, reason: str, message: str) -> None:
        self.as_of = as_of
        self.unchanged = reason
        self.published_to(message)

    def failure_published(self, message: str) -> None:
        self.failure_recorded = True
        self.publish_message = message

    def failure_not_published(self, error: str) -> None:
        self.record_error = error

    def clients_written(self, client_files: list[ClientFile]) -> None:
        self.client_files = client_files

    def reported(self, index: Path) -> None:
        self.report_path = str(index)

    def delivered(self, summary: DeliverySummary) -> None:
        self.delivery = summary


def state_file(warehouse_dir: Path, run_id: str) -> Path:
    return warehouse_dir / "runs" / f"{run_id}.json"


def save(state: RunState, warehouse_dir: Path) -> Path:
    """The state as JSON, written beside and renamed into place; older files pruned."""
    path = state_file(warehouse_dir, state.run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    try:
        text = json.dumps(to_plain(state), ensure_ascii=False, default=str)
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)  # a full disk leaves the last whole file, nothing else
    older = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP_RUNS:]:
        stale.unlink(missing_ok=True)
    return path


def load(warehouse_dir: Path, run_id: str) -> RunState | None:
    """The state a run left, or None when it never started (it did not get the lock)."""
    path = state_file(warehouse_dir, run_id)
    if not path.is_file():
        return None
    return from_plain(RunState, json.loads(path.read_text(encoding="utf-8")))


def to_plain(value: Any) -> Any:
    """Dataclasses, paths, dates and tuples as JSON values (transient fields left out)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not f.metadata.get("transient")
        }
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


@functools.cache
def _init_hints(kind: type) -> dict[str, Any]:
    # Resolving the hints evaluates every annotation: once per class, not once per record
    # (a state holds a report for each of the inbox's files).
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.init}


def from_plain(kind: Any, value: Any) -> Any:
    """The inverse of to_plain, led by the type hints of the dataclasses."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_plain(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind) or (Any,)
        return [from_plain(item, v) for v in value]
    if origin is tuple:
        args = typing.get_args(kind)
        item = args[0] if args else Any
        return tuple(from_plain(item, v) for v in value)
    if dataclasses.is_dataclass(kind):
        hints = _init_hints(kind)
        return kind(**{k: from_plain(hints[k], v) for k, v in value.items() if k in hints})
    if kind is Path:
        return Path(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value
