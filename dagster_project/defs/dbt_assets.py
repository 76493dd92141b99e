"""dbt models as Dagster assets: seeds → staging → intermediate → marts, and audit.quarantine."""

import contextlib
import io
import json
import sys
import time
from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetCheckResult, AssetExecutionContext, AssetKey, AssetSpec
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from dagster_project.dbt_project import dbt_executable, warehouse_dbt_project
from dagster_project.defs.warehouse import WarehouseResource

OWNER = "team:analytics-engineering"

# dbt schema → Dagster group; the schema names are fixed by generate_schema_name.
_GROUPS = {"seeds": "staging", "staging": "staging", "intermediate": "staging"}


def dbt_build_args(as_of: str) -> list[str]:
    """`dbt build` for the nightly run.

    Unit tests check the SQL, not the data: they run in the test suite, not every night.
    The as-of date goes in as a var only when set, because any `--vars` differing from
    the parse-time ones makes dbt throw its partial parse away (seconds on every run).
    """
    args = ["build", "--exclude-resource-type", "unit_test"]
    if as_of:
        args += ["--vars", json.dumps({"as_of": as_of})]
    return args


class WarehouseTranslator(DagsterDbtTranslator):
    """Keys follow the database (`marts/sales_volume_daily`): raw sources meet the ingest assets."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        schema = dbt_resource_props.get("schema") or "main"
        return AssetKey([schema, dbt_resource_props["name"]])

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        schema = spec.key.path[0]
        return spec.replace_attributes(group_name=_GROUPS.get(schema, schema), owners=[OWNER])


translator = WarehouseTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(
    manifest=warehouse_dbt_project().manifest_path,
    project=warehouse_dbt_project(),
    dagster_dbt_translator=translator,
    name="dbt_build",
)
def dbt_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator:
    warehouse.say(context, "dbt build: seeds, staging, intermediate, marts, tests")
    # A target folder per warehouse keeps dbt's partial parse (valid for this database's
    # profile) from one night to the next, and its logs beside the data they describe.
    target = warehouse.settings.warehouse_dir / "dbt_target"
    invocation = dbt.cli(dbt_build_args(warehouse.as_of), context=context, target_path=target)
    # In the UI dbt's own log is the step's stdout; on the command line it would bury
    # the summary, so `asw run` shows a heartbeat and the totals instead.
    quiet = (
        contextlib.redirect_stdout(io.StringIO()) if warehouse.echo else contextlib.nullcontext()
    )
    started = last_beat = time.monotonic()
    built = passed = failed = 0
    with quiet:
        for event in invocation.stream():
            if isinstance(event, AssetCheckResult):
                passed += event.passed
                failed += not event.passed
            else:
                built += 1
            if time.monotonic() - last_beat > 15:
                last_beat = time.monotonic()
                with contextlib.redirect_stdout(sys.__stdout__):
                    warehouse.say(context, f"  dbt: {built} models built, {passed + failed} tests")
            yield event
    warehouse.say(
        context,
        f"  dbt: {built} models and seeds built, {passed} tests passed, {failed} failed "
        f"({time.monotonic() - started:.1f} s)",
    )


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=warehouse_dbt_project(), dbt_executable=dbt_executable())
