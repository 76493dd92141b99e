"""Alert delivery: the outbox and every configured channel, after the publish."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from dagster_project.defs.warehouse import RUNS, RunState, WarehouseResource

OWNER = "team:data-platform"


def deliver(warehouse: WarehouseResource, state: RunState | None):
    """Deliver what is pending and publish the delivery ledger; never raises."""
    from dagster_project.alerts.delivery import DeliverySummary, deliver_alerts
    from dagster_project.publish.publish import republish_deliveries

    settings = warehouse.settings
    try:
        summary = deliver_alerts(settings.working_db, settings.outbox)
        republish_deliveries(settings.warehouse_dir)
    except Exception as exc:  # noqa: BLE001 - a delivery failure never fails the run
        summary = DeliverySummary(failures=[f"delivery not done: {str(exc).splitlines()[0]}"])
    if state is not None:
        state.delivery = summary
    return summary


@asset(
    key=AssetKey(["publish", "alert_delivery"]),
    group_name="publish",
    owners=[OWNER],
    kinds={"python"},
    deps=[AssetKey(["publish", "serving_db"])],
    description=(
        "New rows of `audit.alerts` appended to `outbox/alerts.jsonl` and delivered to every "
        "configured channel (webhook, e-mail; the agency's and each client's from clients.csv), "
        "recorded in `audit.alert_deliveries`. A failed delivery is retried at the next run and "
        "never fails this one."
    ),
)
def alert_delivery(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    state = RUNS.get(context.run.run_id)
    summary = deliver(warehouse, state)
    warehouse.say(context, f"alerts: {summary}")
    for failure in summary.failures:
        context.log.warning(f"alert delivery: {failure}")
    return MaterializeResult(
        metadata={
            "alerts_new": summary.new_alerts,
            "delivered": summary.delivered,
            "pending": summary.pending,
            "failures": MetadataValue.md("\n".join(f"- {f}" for f in summary.failures) or "none"),
        }
    )
