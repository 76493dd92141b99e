"""Alert delivery: the outbox and every configured channel, after the publish."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.runs.record import deliver

OWNER = "team:data-platform"


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
    summary = deliver(warehouse.settings, warehouse.run)
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
