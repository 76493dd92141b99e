"""`asw run`: the nightly job executed in this process, with a readable summary."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import uuid
from pathlib import Path

import duckdb
from dagster import DagsterEventType, DagsterInstance

from dagster_project import progress
from dagster_project.dbt_project import prepare_manifest
from dagster_project.diskfull import no_space, no_space_in
from dagster_project.file_modes import private_folder
from dagster_project.preflight import inbox_notes, preflight
from dagster_project.runs import state as run_state
from dagster_project.runs.checks import audit_counts
from dagster_project.runs.events import dbt_test_outcomes, root_cause
from dagster_project.runs.state import RunState
from dagster_project.runs.tags import run_tags
from dagster_project.settings import Settings, quiet_telemetry

_INSTANCE_YAML = """\
# Written by asw: run history, schedules and sensor state persist here.
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 4
  tag_concurrency_limits:
    - key: "asw/warehouse"
      limit: 1
"""


def dagster_instance(settings: Settings) -> DagsterInstance:
    """The persistent instance inside the warehouse folder, shared with `asw ui`."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(_INSTANCE_YAML, encoding="utf-8")
    return DagsterInstance.from_config(str(home))


def run_config(settings: Settings, echo: bool = True) -> dict:
    return {
        "resources": {
            "warehouse": {
                "config": {
                    "inbox": str(settings.inbox),
                    "warehouse_dir": str(settings.warehouse_dir),
                    "as_of": settings.as_of.isoformat() if settings.as_of else "",
                    "engine": settings.engine,
                    "clients": str(settings.clients_override or ""),
                    "echo": echo,
                }
            }
        },
        # Progress goes through the resource's own lines; Dagster's debug log is for the UI.
        "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
    }


def run_nightly(settings: Settings, echo: bool = True, verbose: bool = False) -> int:
    """Run the nightly job in process; 0 only when the marts were published.

    A mistake in the paths (no inbox, nothing to build, a warehouse path that is a file) is
    refused before anything runs: one line on stderr and exit code 2.
    """
    quiet_telemetry()
    problem = preflight(settings)
    if problem:
        print(f"asw run: {problem}", file=sys.stderr, flush=True)
        return 2
    # Dagster's run history is created below, before the job's resource secures the folder.
    private_folder(settings.warehouse_dir)
    print(f"asw run: inbox {settings.inbox} → warehouse {settings.warehouse_dir}", flush=True)
    for note in inbox_notes(settings):
        print(f"asw run: {note}", flush=True)
    # dbt's partial parse is only reused when the profile is unchanged, and the profile
    # names the database: set it before the manifest is prepared.
    os.environ["ASW_DUCKDB_PATH"] = str(settings.working_db)
    prepare_manifest()
    from dagster_project.definitions import defs

    job = defs().resolve_job_def("nightly")
    # Great Expectations logs a rendering failure with its traceback and carries on; the
    # run's own lines report the failure, once.
    logging.getLogger("great_expectations").setLevel(logging.CRITICAL)
    # On a night that rebuilds nothing the dbt step yields no check result, by design; the
    # summary says why, once, instead of a warning per dbt test.
    logging.getLogger("dagster._core.execution.plan.active").addFilter(_NoSkippedCheckWarnings())
    # Chosen here, so the run's state file is found even when Dagster returns no result.
    run_id = str(uuid.uuid4())
    crash: Exception | None = None
    result = None
    with progress.reporting(progress.Reporter(sys.stdout, verbose=verbose)):
        # Dagster writes a failed event-log write to stderr itself; on a full disk that is a
        # screen of SQL per event. The run's own one line below says it instead.
        with contextlib.redirect_stderr(_WithoutEventLogNoise(sys.stderr)):
            try:
                with dagster_instance(settings) as instance:
                    result = job.execute_in_process(
                        run_config=run_config(settings, echo),
                        instance=instance,
                        raise_on_error=False,
                        tags=run_tags(settings),
                        run_id=run_id,
                    )
            except Exception as exc:  # noqa: BLE001 - Dagster's own storage failed mid-run
                crash = exc
    state = _state_of(settings, run_id)
    if result is None:
        error = _crash_line(crash, settings)
    else:
        if state is None:
            print(f"asw run: not started: {_first_error(result)}", flush=True)
            return 75
        error = _first_error(result) if not result.success else ""
    if error and not no_space(error, settings.warehouse_dir):
        print(f"asw run: FAILED: {error}", flush=True)
    if state is not None:
        try:
            _print_summary(settings, state, result is not None and result.success, error)
        except Exception as exc:  # noqa: BLE001 - the summary reads Dagster's storage too
            print(f"summary: not available ({_crash_line(exc, settings)})", flush=True)
    full = no_space(error, settings.warehouse_dir) or (
        state is not None and no_space(state.record_error, settings.warehouse_dir)
    )
    if full:
        # The last word on a full disk: the path, and that the published file is untouched.
        print(
            f"asw run: {full}; {settings.serving_db.name} is unchanged. Free some space "
            "and run again.",
            flush=True,
        )
    published = state is not None and state.published and result is not None
    return 0 if published and result.success else 1


def _state_of(settings: Settings, run_id: str) -> RunState | None:
    """What the run's resource kept; None when the run never took the lock."""
    try:
        return run_state.load(settings.warehouse_dir, run_id)
    except (OSError, ValueError):
        return None


def _crash_line(exc: Exception | None, settings: Settings) -> str:
    if exc is None:
        return "the run ended without a result"
    return no_space_in(exc, settings.warehouse_dir) or str(exc).strip().splitlines()[0]


class _NoSkippedCheckWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "emitted no result in step" not in record.getMessage()


class _WithoutEventLogNoise(io.TextIOBase):
    """stderr without Dagster's 'Exception while writing logger call to event log' lines."""

    _NOISE = "Exception while writing logger call to event log"

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if not text.startswith(self._NOISE):
            self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def _first_error(result) -> str:
    for event in result.all_events:
        message = root_cause(getattr(event.event_specific_data, "error", None))
        if message:
            return message
    return "see the run in the Dagster UI"


def step_seconds(instance: DagsterInstance, run_id: str) -> dict[str, float]:
    """Wall time per stage (all ingest assets together), from the run's event log."""
    kinds = {
        DagsterEventType.STEP_START,
        DagsterEventType.STEP_SUCCESS,
        DagsterEventType.STEP_FAILURE,
    }
    starts: dict[str, float] = {}
    totals: dict[str, float] = {}
    for entry in instance.all_logs(run_id, of_type=kinds):
        step = entry.step_key or ""
        if entry.dagster_event.event_type == DagsterEventType.STEP_START:
            starts[step] = entry.timestamp
        elif step in starts:
            stage = "ingest" if step.startswith("raw__") else step
            totals[stage] = totals.get(stage, 0.0) + entry.timestamp - starts[step]
    return totals


def _held_rows(working_db: Path) -> dict[str, int] | None:
    """Order lines held at transformation, by reason (unknown_status, unknown_currency)."""
    try:
        con = duckdb.connect(str(working_db), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = con.execute(
            "select reason, count(*) from audit.quarantine "
            "where reason in ('unknown_status', 'unknown_currency') group by reason"
        ).fetchall()
        return dict(rows)
    except duckdb.Error:
        return None
    finally:
        con.close()


def _print_summary(settings: Settings, state: RunState, success: bool, error: str) -> None:
    files = state.ingest_files
    loaded = [f for f in files if f.status == "loaded"]
    read = sum(f.rows_read for f in loaded)
    ok = sum(f.rows_loaded for f in loaded)
    bad = sum(f.rows_quarantined for f in loaded)
    lines = [
        "summary:",
        f"  files: {len(loaded)} loaded, {state.already_loaded} already loaded, "
        f"{sum(f.status == 'error' for f in files)} unreadable, "
        f"{len(state.ingest_problems)} inbox problem(s)",
        f"  rows: {read} read = {ok} loaded + {bad} quarantined"
        + ("" if read == ok + bad else "  (MISMATCH)"),
    ]
    held = _held_rows(settings.working_db)
    if held is not None:
        lines.append(f"  order lines held for an unknown status: {held.get('unknown_status', 0)}")
        if held.get("unknown_currency"):
            lines.append(
                f"  order lines held for a currency without a rate: {held['unknown_currency']}"
            )
    report = state.audit
    if report is not None:
        lines.append(f"  expectations: {audit_counts(report.checks)}")
    with dagster_instance(settings) as instance:
        dbt = dbt_test_outcomes(instance, state.run_id)
        timings = step_seconds(instance, state.run_id)
    dbt_failed = sum(not o.passed for o in dbt)
    if state.unchanged:
        lines.append(
            f"  {state.unchanged}: dbt build, audit, publish of the marts and report skipped"
        )
    else:
        lines.append(f"  dbt tests: {len(dbt) - dbt_failed} passed, {dbt_failed} failed")
    if timings:
        lines.append(
            "  steps: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
        )
    if state.published:
        lines.append(f"  published: {settings.serving_db}")
        if state.report_path:
            lines.append(f"  report: {state.report_path}")
    else:
        why = state.publish_message or error
        lines.append(f"  NOT published: {why}")
        if state.record_error:
            lines.append(f"  run log: {state.record_error}")
    if state.client_files:
        lines.append(
            f"  client files: {len(state.client_files)} ("
            + ", ".join(f"{c.client_id} {c.stores} store(s)" for c in state.client_files)
            + f") under {settings.clients_dir}"
        )
    if state.delivery is not None:
        lines.append(
            f"  alerts: {state.delivery.new_alerts} new; deliveries: "
            f"{state.delivery.delivered} delivered, {state.delivery.pending} pending"
        )
        for failure in state.delivery.failures:
            lines.append(f"  alert delivery FAILED (retried next run): {failure}")
    lines += where_to_look(settings, report.data_docs_path if report is not None else None)
    print("\n".join(lines), flush=True)


def _python() -> str:
    """This interpreter (it has duckdb), relative to the current folder when inside it."""
    executable = Path(sys.executable)
    try:
        return str(executable.relative_to(Path.cwd()))
    except ValueError:
        return str(executable)


def where_to_look(settings: Settings, data_docs: Path | None) -> list[str]:
    """How to look at the results, ready to paste."""
    serving = settings.serving_db
    if not serving.exists():
        return []
    query = "select * from marts.store_eligibility order by store_id, program"
    python = (
        f"{_python()} -c \"import duckdb; duckdb.connect('{serving}', read_only=True)"
        f".sql('{query}').show()\""
    )
    lines = [
        "look at the results:",
        f"  duckdb -readonly {serving}   (DuckDB's command-line tool)",
        f"  {python}",
        f"  asw ui --warehouse {settings.warehouse_dir}   (runs, assets and checks in a browser)",
    ]
    if data_docs is not None and data_docs.exists():
        lines.append(f"  audit report: {data_docs.as_uri()}")
    return lines
