"""Publish: copy the audited marts into serving.duckdb, or record why not."""

from datetime import datetime

from dagster import (
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.publish import RunRecord, publish
from dagster_project.publish.client_files import publish_client_files
from dagster_project.runs import unchanged
from dagster_project.runs.checks import SUITE_ASSETS
from dagster_project.runs.record import all_outcomes, run_as_of

OWNER = "team:data-platform"
# The marts of metrics.md, and the reference tables published for the seller report.
MARTS = [*SUITE_ASSETS["marts"], "marts.promotions", "marts.thresholds"]


@asset(
    key=AssetKey(["publish", "serving_db"]),
    group_name="publish",
    owners=[OWNER],
    kinds={"duckdb"},
    deps=[AssetKey(t.split(".")) for t in MARTS]
    + [AssetKey(["marts", "clients"]), AssetKey(["audit", "quarantine"])]
    + [AssetKey(["audit", "alert_conditions"])],
    description=(
        "`serving.duckdb`, the database BI tools read: schemas `marts` and `audit`, written "
        "beside the old file and swapped in atomically once every blocking check passed; "
        "this run's alert transitions go into `audit.alerts`, and every client of clients.csv "
        "gets its own `clients/<client_id>/serving.duckdb` cut from it."
    ),
)
def serving_db(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    state = warehouse.run
    if state is None:
        raise Failure("the warehouse resource was not set up for this run")
    outcomes = all_outcomes(state, context.instance)
    failing = [o for o in outcomes if not o.passed and o.severity == "ERROR"]
    if state.audit is None or failing:
        raise Failure(
            "audit did not pass: " + ", ".join(o.check_name for o in failing)
            if failing
            else "audit did not run"
        )
    run = RunRecord(
        run_id=context.run.run_id,
        started_at=state.started_at,
        finished_at=datetime.now(),
        as_of=run_as_of(warehouse.settings, state),
        failing_checks=None,
    )
    result = publish(warehouse.settings.warehouse_dir, run, outcomes, passed=True)
    state.published_to(f"published {warehouse.settings.serving_db}")
    warehouse.say(context, f"publish: {state.publish_message}")
    state.clients_written(
        publish_client_files(warehouse.settings.serving_db, warehouse.settings.clients_dir)
    )
    # Only now, with every published file written, may a night with nothing new skip.
    unchanged.remember(warehouse.settings, state.run_id, state.fingerprint, run.as_of)
    for client in state.client_files:
        warehouse.say(
            context, f"  client {client.client_id}: {client.stores} store(s) → {client.path}"
        )
    with warehouse.connect(read_only=True) as con:
        counts = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in MARTS
        }
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(warehouse.settings.serving_db)),
            "as_of": str(run.as_of),
            **{f"rows.{table}": n for table, n in counts.items()},
            "publish": str(result),
            "alert_rows_recorded": result.alerts,
            "client_files": MetadataValue.md(
                "\n".join(f"- `{c.client_id}`: {c.stores} store(s)" for c in state.client_files)
                or "no clients.csv"
            ),
        }
    )
