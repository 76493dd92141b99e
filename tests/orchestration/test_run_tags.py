"""Every way a run starts tags it with its inbox and as-of day, so the UI's run list can
tell runs apart: `asw run`, the schedule and the inbox sensor."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

from dagster import DagsterInstance, build_schedule_context, build_sensor_context

from dagster_project.defs.automation.schedules import nightly_schedule
from dagster_project.defs.automation.sensors import inbox_sensor


def test_the_schedule_tags_its_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("ASW_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("ASW_AS_OF", "2026-03-01")
    context = build_schedule_context(
        scheduled_execution_time=datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    )
    request = nightly_schedule.evaluate_tick(context).run_requests[0]
    assert request.tags["asw/inbox"] == str((tmp_path / "inbox").resolve())
    assert request.tags["asw/as_of"] == "2026-03-01"


def test_the_sensor_tags_its_runs(small_inbox, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    shutil.copytree(small_inbox, inbox)
    monkeypatch.setenv("ASW_INBOX", str(inbox))
    monkeypatch.setenv("ASW_WAREHOUSE_DIR", str(tmp_path / "empty-warehouse"))
    monkeypatch.delenv("ASW_AS_OF", raising=False)
    with DagsterInstance.ephemeral() as instance:
        result = inbox_sensor(build_sensor_context(instance=instance))
    tags = result.run_requests[0].tags
    assert tags["asw/inbox"] == str(inbox.resolve())
    assert tags["asw/as_of"] == "latest"


def test_asw_run_tags_its_run(nightly_run):
    assert nightly_run.exit_code == 0, nightly_run.output
    home = Path(nightly_run.warehouse) / "dagster_home"
    with DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()  # newest first
    assert runs
    assert runs[0].tags["asw/inbox"] == str(Path(nightly_run.inbox).resolve())
    assert runs[0].tags["asw/as_of"] == "latest"
