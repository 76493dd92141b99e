"""The nightly job: ingest → dbt build → Great Expectations audit → publish."""

from dagster import AssetSelection, define_asset_job, in_process_executor

from dagster_project.settings import Settings

# The daemon's run queue limits runs carrying this tag to one at a time (see
# dagster.yaml written by `asw ui`); the run lock inside the job covers `asw run`.
WAREHOUSE_TAG = {"asw/warehouse": "working-db"}
INBOX_TAG = "asw/inbox"
AS_OF_TAG = "asw/as_of"


def run_tags(settings: Settings) -> dict[str, str]:
    """What tells one run from another in the UI's run list: its inbox and as-of day."""
    return {
        INBOX_TAG: str(settings.inbox),
        AS_OF_TAG: settings.as_of.isoformat() if settings.as_of else "latest",
    }


nightly_job = define_asset_job(
    name="nightly",
    selection=AssetSelection.all(),  # external (source) assets are left out by default
    description=(
        "Ingest new exports, build the dbt marts, audit them with dbt tests and Great "
        "Expectations, and publish serving.duckdb only if every blocking check passed."
    ),
    # One process for the whole run: the run lock and run state live in it, and the
    # multiprocess executor's per-step start-up would dominate small runs.
    executor_def=in_process_executor,
    tags=WAREHOUSE_TAG,
)
