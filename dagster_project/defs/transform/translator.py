"""How dbt's nodes look in Dagster: keys, groups, owners, descriptions and checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetCheckSpec, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings
from dagster_dbt.asset_utils import default_description_fn


class WarehouseTranslator(DagsterDbtTranslator):
    """Keys follow the database (`marts/sales_volume_daily`): raw sources meet the ingest assets.

    Group and owners come from dbt (`+meta: dagster:` per folder in dbt_project.yml), the
    description from the model's yml, not its SQL; a dbt test's check carries the test's
    yml `description`, or one said in words from the test's arguments.
    """

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        schema = dbt_resource_props.get("schema") or "main"
        return AssetKey([schema, dbt_resource_props["name"]])

    def get_description(self, dbt_resource_props: Mapping[str, Any]) -> str:
        return default_description_fn(dbt_resource_props, display_raw_sql=False)

    def get_asset_check_spec(
        self, asset_spec: AssetSpec, manifest: Mapping[str, Any], unique_id: str, project
    ) -> AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        test = manifest["nodes"][unique_id]
        return spec._replace(description=test.get("description") or describe_test(test))


def describe_test(test: Mapping[str, Any]) -> str:
    """A dbt generic test in words, from its arguments (for tests whose yml gives none)."""
    meta = test.get("test_metadata") or {}
    kwargs = meta.get("kwargs") or {}
    column = kwargs.get("column_name")
    kind = meta.get("name")
    if kind == "not_null":
        return f"{column} is never null."
    if kind == "unique":
        return f"No two rows share a {column}."
    if kind == "accepted_values":
        return f"{column} is one of: {', '.join(str(v) for v in kwargs.get('values', []))}."
    if kind == "relationships":
        target = str(kwargs.get("to", "")).removeprefix("ref(").strip("()'\"")
        return f"Every {column} is a {kwargs.get('field')} of {target}."
    if kind == "unique_combination_of_columns":
        return f"One row per ({', '.join(kwargs.get('combination_of_columns', []))})."
    if kind == "expression_is_true":
        return f"Holds on every row: {kwargs.get('expression')}."
    return f"dbt test {test['name']}."


translator = WarehouseTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))
