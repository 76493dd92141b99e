"""Publish: copy the audited marts into serving.duckdb, or record why not."""

import re
from datetime import date, datetime

from dagster import (
    AssetExecutionContext,
    AssetKey,
    DagsterEventType,
    DagsterInstance,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from dagster_project.defs.audit_checks import SUITE_ASSETS, check_name
from dagster_project.defs.warehouse import RUNS, RunState, WarehouseResource
from dagster_project.publish import RunRecord, publish
from dagster_project.publish.client_files import publish_client_files
from expectations.report import CheckOutcome

OWNER = "team:data-platform"
# The marts of metrics.md, and the reference tables published for the seller report.
MARTS = [*SUITE_ASSETS["marts"], "marts.promotions", "marts.thresholds"]
_GE_CHECK_NAMES = {check_name(suite) for suite in SUITE_ASSETS}


def dbt_test_outcomes(instance: DagsterInstance, run_id: str) -> list[CheckOutcome]:
    """dbt tests of this run, read back from Dagster's event log as audit rows."""
    records = instance.get_records_for_run(
        run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000
    ).records
    outcomes = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if evaluation.check_name in _GE_CHECK_NAMES:
            continue
        metadata = {k: getattr(v, "value", v) for k, v in evaluation.metadata.items()}
        failing = metadata.get("dagster_dbt/failed_row_count") or 0
        outcomes.append(
            CheckOutcome(
                check_name=f"dbt:{evaluation.check_name}",
                suite="dbt",
                asset=".".join(evaluation.asset_key.path),
                passed=evaluation.passed,
                severity=evaluation.severity.value if evaluation.severity else "ERROR",
                failing_rows=int(failing) if str(failing).isdigit() else 0,
                detail=evaluation.description or ("passed" if evaluation.passed else "failed"),
                sample=[],
            )
        )
    return outcomes


def _failed_steps(instance: DagsterInstance, run_id: str) -> list[str]:
    records = instance.get_records_for_run(
        run_id, of_type=DagsterEventType.STEP_FAILURE, limit=1000
    ).records
    failed = []
    for record in records:
        event = record.event_log_entry.dagster_event
        message = root_cause(getattr(event.event_specific_data, "error", None))
        failed.append(f"step {event.step_key} failed: {message}".strip())
    return failed


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_DBT_NODE_ERROR = re.compile(r"^(\w+ Error) in (model|test|seed|snapshot|unit_test) (\S+)")
_DBT_ERRORS = "Errors parsed from dbt logs:"


def _meaningful(line: str) -> bool:
    # DuckDB's pointer under the failing SQL and its echo of that SQL explain nothing alone.
    text = line.strip()
    return bool(text) and not re.fullmatch(r"[\^~\s]+", text) and not text.startswith("LINE ")


def root_cause(error) -> str:
    """One line saying why: the innermost error (Dagster wraps user errors in its own), and
    for a failed dbt build the failing node with dbt's reason."""
    while error is not None and getattr(error, "cause", None) is not None:
        error = error.cause
    if error is None:
        return ""
    text = _ANSI.sub("", error.message)
    if _DBT_ERRORS in text:
        lines = [line.strip() for line in text.split(_DBT_ERRORS, 1)[1].splitlines()]
        for n, line in enumerate(lines):
            found = _DBT_NODE_ERROR.match(line)
            if found:
                reason = next((x for x in lines[n + 1 :] if _meaningful(x)), found.group(1))
                return f"dbt {found.group(2)} {found.group(3)}: {reason}"
    lines = [line.strip() for line in text.strip().splitlines() if _meaningful(line)]
    return lines[-1] if lines else ""


def _as_of(warehouse: WarehouseResource, state: RunState) -> date | None:
    """The day the marts were built for: the flag, else what the audit read off the marts."""
    if warehouse.as_of:
        return date.fromisoformat(warehouse.as_of)
    if state.audit_report is not None:
        return state.audit_report.as_of
    # Imported here: Great Expectations is slow to import and the code location loads often.
    from expectations.runner import resolve_as_of

    try:
        with warehouse.connect(read_only=True) as con:
            return resolve_as_of(con)
    except Exception:  # noqa: BLE001 - a failed run may have no working database at all
        return None


def _all_outcomes(state: RunState, instance: DagsterInstance) -> list[CheckOutcome]:
    ge = list(state.audit_report.checks) if state.audit_report is not None else []
    return ge + dbt_test_outcomes(instance, state.run_id)


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
    state = RUNS[context.run.run_id]
    outcomes = _all_outcomes(state, context.instance)
    failing = [o for o in outcomes if not o.passed and o.severity == "ERROR"]
    if state.audit_report is None or failing:
        raise Failure(
            "audit did not pass: " + ", ".join(o.check_name for o in failing)
            if failing
            else "audit did not run"
        )
    run = RunRecord(
        run_id=context.run.run_id,
        started_at=state.started_at,
        finished_at=datetime.now(),
        as_of=_as_of(warehouse, state),
        failing_checks=None,
    )
    result = publish(warehouse.settings.warehouse_dir, run, outcomes, passed=True)
    state.published = True
    state.publish_message = f"published {warehouse.settings.serving_db}"
    warehouse.say(context, f"publish: {state.publish_message}")
    state.client_files = publish_client_files(
        warehouse.settings.serving_db, warehouse.settings.clients_dir
    )
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


def record_failed_run(
    warehouse: WarehouseResource, instance: DagsterInstance, state: RunState
) -> None:
    """Publish the audit tables of a failed run; the last good marts stay as they are."""
    outcomes = _all_outcomes(state, instance)
    reasons = [o.check_name for o in outcomes if not o.passed and o.severity == "ERROR"]
    reasons += _failed_steps(instance, state.run_id)
    run = RunRecord(
        run_id=state.run_id,
        started_at=state.started_at,
        finished_at=datetime.now(),
        as_of=_as_of(warehouse, state),
        failing_checks="; ".join(reasons) or "run failed before publishing",
    )
    publish(warehouse.settings.warehouse_dir, run, outcomes, passed=False)
    state.failure_recorded = True
    # The clients see the failed run too: their last good marts, the new audit tables.
    try:
        state.client_files = publish_client_files(
            warehouse.settings.serving_db, warehouse.settings.clients_dir
        )
    except Exception as exc:  # noqa: BLE001 - the run is recorded; the summary says this
        state.record_error = f"client files not updated: {str(exc).splitlines()[0]}"
    # run_failed is delivered by the failed run itself.
    from dagster_project.defs.alert_assets import deliver

    deliver(warehouse, state)
    state.publish_message = run.failing_checks
