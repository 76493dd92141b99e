"""Every night at 03:00 Shanghai time, after the seller centre's daily exports are ready."""

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, schedule

from dagster_project.defs.automation.jobs import nightly_job
from dagster_project.runs.tags import run_tags
from dagster_project.settings import Settings


@schedule(
    name="nightly_0300_shanghai",
    job=nightly_job,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Runs the nightly job at 03:00 Asia/Shanghai.",
)
def nightly_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    return RunRequest(tags=run_tags(Settings.resolve()))
