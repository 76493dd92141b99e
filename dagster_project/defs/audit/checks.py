"""Great Expectations suites as blocking Dagster asset checks on the assets they judge.

dagster-ge only supports GE below 1.0, so this is our own bridge: one step runs
every suite once (the suites share narrowed DuckDB reads), then reports one
check per (suite, asset) with the failing expectations and a sample of rows.
"""

import dataclasses
import errno
from collections.abc import Iterator

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    multi_asset_check,
)

from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.diskfull import DiskFull
from dagster_project.publish import CheckRow
from dagster_project.runs.checks import SUITE_ASSETS, audit_counts, check_name, route
from dagster_project.runs.state import AuditResult


def _key(table: str) -> AssetKey:
    return AssetKey(table.split("."))


SPECS = [
    AssetCheckSpec(
        name=check_name(suite),
        asset=_key(table),
        blocking=True,
        description=(
            f"Great Expectations suite `{suite}` on `{table}`. A failed error-level "
            "expectation stops publishing; a warning-level one (lines held for an unknown "
            "status or currency) is reported and the run still publishes."
        ),
    )
    for suite, tables in SUITE_ASSETS.items()
    for table in tables
]


@multi_asset_check(specs=SPECS, name="great_expectations_audit")
def great_expectations_audit(
    context: AssetCheckExecutionContext, warehouse: WarehouseResource
) -> Iterator[AssetCheckResult]:
    from expectations.runner import run_audit

    settings = warehouse.settings
    state = warehouse.run
    warehouse.say(context, "audit: Great Expectations suites")
    run_id = context.run.run_id
    try:
        report = run_audit(
            settings.working_db,
            run_id,
            data_docs_dir=settings.data_docs_dir,
            requested_as_of=settings.as_of,
            as_of=state.as_of if state is not None else None,
        )
    except OSError as exc:
        # The audit reads read-only; its only writes are the Data Docs.
        if exc.errno == errno.ENOSPC:
            where = exc.filename or settings.data_docs_dir
            raise DiskFull(f"{where}: no space left on the device") from None
        raise
    if state is not None:
        state.audited(
            AuditResult(
                checks=[CheckRow(**dataclasses.asdict(o)) for o in report.checks],
                seconds=report.seconds,
                data_docs_path=report.data_docs_path,
            )
        )
    grouped: dict[tuple[str, str], list] = {
        (suite, table): [] for suite, tables in SUITE_ASSETS.items() for table in tables
    }
    for outcome in report.checks:
        target = route(outcome.suite, outcome.asset)
        suite = outcome.suite if outcome.suite in SUITE_ASSETS else "marts"
        grouped[(suite, target)].append(outcome)
    warehouse.say(
        context,
        f"  expectations: {audit_counts(report.checks)} ({report.seconds:.1f} s); "
        f"data docs: {report.data_docs_path}",
    )
    for outcome in report.checks:
        if not outcome.passed:
            label = "FAILED" if outcome.severity == "ERROR" else "WARNING"
            # The detail starts with the check's name already: print it once.
            detail = outcome.detail.removeprefix(f"{outcome.check_name}: ")
            warehouse.say(context, f"  {label} {outcome.check_name}: {detail}")
            for row in outcome.sample[:5]:
                warehouse.say(context, f"      failing row: {row}")
    for (suite, table), outcomes in grouped.items():
        failed = [o for o in outcomes if not o.passed]
        blocking = any(o.severity == "ERROR" for o in failed)
        yield AssetCheckResult(
            asset_key=_key(table),
            check_name=check_name(suite),
            passed=not failed,
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            description="; ".join(f"{o.check_name}: {o.detail}" for o in failed) or None,
            metadata={
                "expectations": len(outcomes),
                "failed": len(failed),
                "failing_rows": sum(o.failing_rows for o in failed),
                "results": MetadataValue.md(
                    "\n".join(
                        f"- {'PASS' if o.passed else 'FAIL'} `{o.check_name}`"
                        + ("" if o.passed else f": {o.detail}")
                        for o in outcomes
                    )
                    or "no expectation"
                ),
                "failing_sample": MetadataValue.json(
                    [row for o in failed for row in o.sample][:20]
                ),
            },
        )
