"""The run state's file: what `asw run` reads back after Dagster returns."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from dagster_project.alerts.delivery import DeliverySummary
from dagster_project.ingest.layout import InboxScan
from dagster_project.ingest.reports import FileReport
from dagster_project.publish.client_files import ClientFile
from dagster_project.publish.records import CheckRow
from dagster_project.runs import state as run_state
from dagster_project.runs.state import AuditResult, RunState


def _state() -> RunState:
    state = RunState(run_id="r1", started_at=datetime(2026, 3, 1, 3, 0, 5))
    state.scanned(InboxScan(problems=["s1/unknown_kind: not an export kind"]))
    state.ingested(
        [
            FileReport("s1/orders/a.csv", "orders", "s1", "loaded", 3, 2, 1, "a", None, ("n1",)),
            FileReport("s1/orders/b.csv", "orders", "s1", "skipped"),
        ]
    )
    state.built(date(2026, 2, 28))
    check = CheckRow("c", "marts", "marts.stores", False, "ERROR", 1, "d", [{"day": "2026-02-28"}])
    state.audited(AuditResult(checks=[check], seconds=1.5, data_docs_path=Path("/w/docs.html")))
    state.published_to("published /w/serving.duckdb")
    state.clients_written([ClientFile("acme", Path("/w/clients/acme/serving.duckdb"), 2)])
    state.delivered(DeliverySummary(new_alerts=2, delivered=1, pending=1, failures=["HTTP 503"]))
    return state


def test_the_state_survives_its_file(tmp_path: Path) -> None:
    state = _state()
    run_state.save(state, tmp_path)

    back = run_state.load(tmp_path, "r1")

    state.inbox_scan = None  # walked for the run's steps only, never written
    assert back == state
    assert back.ingest_problems == ["s1/unknown_kind: not an export kind", "n1"]
    assert isinstance(back.ingest_files[0].notes, tuple)
    # a file loaded by an earlier run is counted, not kept
    assert [f.file for f in back.ingest_files] == ["s1/orders/a.csv"]
    assert back.already_loaded == 1
    assert back.as_of == date(2026, 2, 28)


def test_a_run_that_never_started_has_no_state(tmp_path: Path) -> None:
    assert run_state.load(tmp_path, "never") is None


def test_old_state_files_are_pruned(tmp_path: Path) -> None:
    for n in range(run_state.KEEP_RUNS + 3):
        path = run_state.save(RunState(run_id=f"r{n}", started_at=datetime(2026, 1, 1)), tmp_path)
        os.utime(path, (n, n))
    kept = sorted(p.stem for p in (tmp_path / "runs").glob("*.json"))
    assert len(kept) == run_state.KEEP_RUNS
    assert "r0" not in kept and f"r{run_state.KEEP_RUNS + 2}" in kept
