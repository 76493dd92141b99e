"""The nightly job: ingest → dbt build → Great Expectations audit → publish."""

from dagster import AssetSelection, define_asset_job, in_process_executor

from dagster_project.runs.tags import WAREHOUSE_TAG

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
