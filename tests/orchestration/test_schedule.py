"""The nightly job fires at 03:00 in Shanghai, whatever the server's time zone."""

from dagster_project.defs.automation.schedules import nightly_schedule


def test_schedule_runs_at_three_in_shanghai():
    assert nightly_schedule.cron_schedule == "0 3 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Shanghai"
    assert nightly_schedule.job_name == "nightly"
