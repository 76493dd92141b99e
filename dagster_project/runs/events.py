"""What a run's Dagster event log says: its dbt tests, its failed steps, why it failed."""

from __future__ import annotations

import re

from dagster import DagsterEventType, DagsterInstance

from dagster_project.publish.records import CheckRow
from dagster_project.runs.checks import GE_CHECK_NAMES


def dbt_test_outcomes(instance: DagsterInstance, run_id: str) -> list[CheckRow]:
    """dbt tests of this run, read back from Dagster's event log as audit rows."""
    records = instance.get_records_for_run(
        run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000
    ).records
    outcomes = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if evaluation.check_name in GE_CHECK_NAMES:
            continue
        metadata = {k: getattr(v, "value", v) for k, v in evaluation.metadata.items()}
        failing = metadata.get("dagster_dbt/failed_row_count") or 0
        outcomes.append(
            CheckRow(
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


def failed_steps(instance: DagsterInstance, run_id: str) -> list[str]:
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
