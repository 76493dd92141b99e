"""dbt models as Dagster assets: seeds → staging → intermediate → marts, and audit.quarantine."""

import contextlib
import io
import time
from collections.abc import Iterator

from dagster import AssetCheckResult, AssetExecutionContext, Output
from dagster_dbt import DbtCliResource, dbt_assets

from dagster_project.dbt_project import dbt_executable, warehouse_dbt_project
from dagster_project.defs.transform.build_args import dbt_build_args
from dagster_project.defs.transform.translator import translator
from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.engines.spark_run import collect_spark_build, prepare_spark_build
from dagster_project.runs import unchanged
from dagster_project.runs.as_of import built_as_of
from dagster_project.runs.record import record_unchanged_run


@dbt_assets(
    manifest=warehouse_dbt_project().manifest_path,
    project=warehouse_dbt_project(),
    dagster_dbt_translator=translator,
    name="dbt_build",
)
def dbt_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator:
    settings = warehouse.settings
    spark = settings.engine == "spark"
    state = warehouse.run
    # A subset launched from the UI always builds: whoever picked it wants it rebuilt.
    whole = len(context.selected_asset_keys) == len(context.assets_def.keys)
    if state is not None and whole:
        with warehouse.connect(read_only=True) as con:
            state.fingerprinted(unchanged.fingerprint(settings, con))
        last = unchanged.unchanged_since(settings, state.fingerprint)
        if last is not None:
            # No output: Dagster skips the audit, the publish and the report after this step.
            record_unchanged_run(settings, state, last)
            warehouse.say(context, f"dbt build: skipped, {state.unchanged}")
            warehouse.say(context, f"publish: {state.publish_message}")
            return
        unchanged.forget(settings)
    warehouse.say(
        context,
        "dbt build: seeds, staging, intermediate, marts, tests" + (" (on Spark)" if spark else ""),
    )
    # A target folder per warehouse keeps dbt's partial parse (valid for this database's
    # profile) from one night to the next, and its logs beside the data they describe.
    target = settings.warehouse_dir / ("dbt_target_spark" if spark else "dbt_target")
    args = dbt_build_args(settings.as_of)
    if spark:
        # Spark reads raw from Parquet: the rows of the ingests since the last run first
        with warehouse.connect() as con:
            prepare_spark_build(con, settings)
        args += ["--target", "spark"]
    invocation = dbt.cli(args, context=context, target_path=target)
    # In the UI dbt's own log is the step's stdout; on the command line it would bury
    # the summary, so `asw run` shows a progress line and the totals instead. The
    # redirect wraps each read from dbt's stream and never a `yield`: while this
    # generator is suspended (or abandoned by a failing step) stdout is the real one.
    quiet = _quiet if warehouse.echo else contextlib.nullcontext
    started = time.monotonic()
    built = passed = failed = 0
    total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
    step = warehouse.step("dbt build", total)
    # Mart events wait until dbt has let go of the database, so each can carry the
    # mart's row count; on a failure they are still reported, without counts.
    held: list = []
    events = iter(invocation.stream())
    try:
        while True:
            with quiet():
                event = next(events, _END)
            if event is _END:
                break
            if isinstance(event, AssetCheckResult):
                passed += event.passed
                failed += not event.passed
            else:
                built += 1
            step.update(
                built + passed + failed,
                f"{built} built, {passed} tests passed, {failed} failed",
            )
            # Outputs must keep dbt's (topological) order: from the first mart on,
            # everything waits.
            if held or _is_mart(context, event):
                held.append(event)
            else:
                yield event
    except Exception:
        step.close()
        _stop(invocation)
        yield from held
        raise
    finally:
        step.close()
        # A step abandoned half-way must not leave dbt writing the database (and its WAL)
        # while the run records the failure and lets go of the lock.
        _stop(invocation)
    if spark:
        # the audit and the publish read the working database: Spark's tables go there
        with warehouse.connect() as con:
            collect_spark_build(con, settings, target / "manifest.json")
    if warehouse.run is not None:
        # The run's as-of day, read once from the model that defines it, for the audit and
        # the publish.
        with warehouse.connect(read_only=True) as con:
            warehouse.run.built(built_as_of(con, settings))
    yield from _with_row_counts(context, warehouse, held)
    warehouse.say(
        context,
        f"  dbt: {built} models and seeds built, {passed} tests passed, {failed} failed "
        f"({time.monotonic() - started:.1f} s)",
    )


_END = object()


def _stop(invocation) -> None:
    process = getattr(invocation, "process", None)
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except Exception:  # noqa: BLE001 - a dbt that ignores SIGTERM gets SIGKILL
        process.kill()
        process.wait()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def _is_mart(context: AssetExecutionContext, event) -> bool:
    if isinstance(event, AssetCheckResult):
        return event.asset_key is not None and event.asset_key.path[0] == "marts"
    if isinstance(event, Output):
        return context.asset_key_for_output(event.output_name).path[0] == "marts"
    return False


def _with_row_counts(context: AssetExecutionContext, warehouse: WarehouseResource, held: list):
    outputs = [e for e in held if isinstance(e, Output)]
    counts: dict[str, int] = {}
    try:
        with warehouse.connect(read_only=True) as con:
            for event in outputs:
                table = ".".join(context.asset_key_for_output(event.output_name).path)
                counts[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
    except Exception:  # noqa: BLE001 - a count is a nicety; never fail the build over it
        counts = {}
    for event in held:
        if isinstance(event, Output):
            table = ".".join(context.asset_key_for_output(event.output_name).path)
            if table in counts:
                event = Output(
                    value=event.value,
                    output_name=event.output_name,
                    metadata={**event.metadata, "dagster/row_count": counts[table]},
                    data_version=event.data_version,
                    tags=event.tags,
                )
        yield event


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=warehouse_dbt_project(), dbt_executable=dbt_executable())
