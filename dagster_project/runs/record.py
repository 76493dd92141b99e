"""A run's outcome into serving.duckdb: the checks it made, a failed run's record, and
the alert delivery that follows every publish (passed or failed)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
from dagster import DagsterInstance

from dagster_project.alerts.delivery import DeliverySummary
from dagster_project.publish import CheckRow, RunRecord, publish
from dagster_project.publish.client_files import publish_client_files
from dagster_project.runs import unchanged
from dagster_project.runs.as_of import built_as_of
from dagster_project.runs.events import dbt_test_outcomes, failed_steps
from dagster_project.runs.state import RunState
from dagster_project.settings import Settings, duckdb_memory_limit


def all_outcomes(state: RunState, instance: DagsterInstance) -> list[CheckRow]:
    """Great Expectations' verdicts of this run, then its dbt tests."""
    ge = list(state.audit.checks) if state.audit is not None else []
    return ge + dbt_test_outcomes(instance, state.run_id)


def run_as_of(settings: Settings, state: RunState) -> date | None:
    """The day the run's marts were built for: what the dbt step read off int_as_of; a run
    that failed before reading it gets the flag, else what the last build left there."""
    if state.as_of is not None:
        return state.as_of
    if settings.as_of is not None:
        return settings.as_of
    try:
        con = duckdb.connect(
            str(settings.working_db),
            read_only=True,
            config={"memory_limit": duckdb_memory_limit()},
        )
    except duckdb.Error:  # a failed run may have no working database at all
        return None
    try:
        return built_as_of(con, settings)
    finally:
        con.close()


def deliver(settings: Settings, state: RunState | None, republish: bool = True) -> DeliverySummary:
    """Deliver what is pending and (unless the caller publishes it) publish the delivery
    ledger; never raises."""
    from dagster_project.alerts.delivery import deliver_alerts
    from dagster_project.publish.publish import republish_deliveries

    try:
        summary = deliver_alerts(settings.working_db, settings.outbox)
        if republish:
            republish_deliveries(settings.warehouse_dir)
    except Exception as exc:  # noqa: BLE001 - a delivery failure never fails the run
        summary = DeliverySummary(failures=[f"delivery not done: {str(exc).splitlines()[0]}"])
    if state is not None:
        state.delivered(summary)
    return summary


def record_failed_run(settings: Settings, instance: DagsterInstance, state: RunState) -> None:
    """Publish the audit tables of a failed run; the last good marts stay as they are."""
    outcomes = all_outcomes(state, instance)
    reasons = [o.check_name for o in outcomes if not o.passed and o.severity == "ERROR"]
    reasons += failed_steps(instance, state.run_id)
    run = RunRecord(
        run_id=state.run_id,
        started_at=state.started_at,
        finished_at=datetime.now(),
        as_of=run_as_of(settings, state),
        failing_checks="; ".join(reasons) or "run failed before publishing",
    )
    unchanged.forget(settings)
    publish(settings.warehouse_dir, run, outcomes, passed=False)
    # The clients see the failed run too: their last good marts, the new audit tables.
    try:
        state.clients_written(publish_client_files(settings.serving_db, settings.clients_dir))
    except Exception as exc:  # noqa: BLE001 - the run is recorded; the summary says this
        state.failure_not_published(f"client files not updated: {str(exc).splitlines()[0]}")
    # run_failed is delivered by the failed run itself.
    deliver(settings, state)
    state.failure_published(run.failing_checks)


def record_unchanged_run(settings: Settings, state: RunState, last: dict) -> None:
    """A night with nothing new: the run into every run log, the marts left as published,
    pending alert deliveries retried."""
    from dagster_project.publish.publish import publish_unchanged

    note = unchanged.reason(last)
    as_of = date.fromisoformat(last["as_of"]) if last.get("as_of") else None
    run = RunRecord(
        run_id=state.run_id,
        started_at=state.started_at,
        finished_at=datetime.now(),
        as_of=as_of,
        failing_checks=None,
        note=note,
    )
    # Nothing new is raised (the conditions are those of the same marts and day); what
    # earlier runs could not deliver is retried, and its ledger goes out with the run log.
    deliver(settings, state, republish=False)
    files = publish_unchanged(settings.warehouse_dir, settings.clients_dir, run)
    unchanged.remember(settings, state.run_id, state.fingerprint, as_of)
    state.rebuilt_nothing(
        as_of,
        note,
        f"marts unchanged since run {last['run_id'][:8]}; this run added to the run log of "
        f"{files} published file(s)",
    )
    report = settings.warehouse_dir / "report" / "index.html"
    if report.exists():
        state.reported(report)
