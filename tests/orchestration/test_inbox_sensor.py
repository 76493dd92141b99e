"""The inbox sensor asks for exactly one run for new files and none for files already loaded."""

import shutil

from dagster import DagsterInstance, RunRequest, SkipReason, build_sensor_context

from dagster_project.defs.automation.sensors import inbox_sensor


def _evaluate(cursor=None):
    with DagsterInstance.ephemeral() as instance:
        context = build_sensor_context(instance=instance, cursor=cursor)
        return inbox_sensor(context)


def test_new_files_request_one_run_then_none(small_inbox, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    shutil.copytree(small_inbox, inbox)
    monkeypatch.setenv("ASW_INBOX", str(inbox))
    monkeypatch.setenv("ASW_WAREHOUSE_DIR", str(tmp_path / "empty-warehouse"))

    first = _evaluate()
    assert len(first.run_requests) == 1
    assert isinstance(first.run_requests[0], RunRequest)

    again = _evaluate(cursor=first.cursor)
    assert isinstance(again, SkipReason)

    store = next(p for p in inbox.iterdir() if p.is_dir())
    (store / "dsr" / "dsr_2099-01-01.csv").write_text(
        "date,dsr_description,dsr_service,dsr_logistics\n2099-01-01,4.9,4.9,4.9\n",
        encoding="utf-8",
    )
    later = _evaluate(cursor=first.cursor)
    assert len(later.run_requests) == 1
    assert later.run_requests[0].run_key != first.run_requests[0].run_key


def test_files_in_the_published_ingest_log_start_no_run(nightly_run, monkeypatch):
    monkeypatch.setenv("ASW_INBOX", str(nightly_run.inbox))
    monkeypatch.setenv("ASW_WAREHOUSE_DIR", str(nightly_run.warehouse))
    assert nightly_run.exit_code == 0, nightly_run.output
    result = _evaluate()
    assert isinstance(result, SkipReason)
