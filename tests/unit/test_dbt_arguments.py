"""`dbt build` as the nightly run calls it, and dbt tests described in words: pure helpers,
checked in milliseconds without running dbt."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dagster_project.defs.transform.build_args import dbt_build_args
from dagster_project.defs.transform.translator import WarehouseTranslator, describe_test


def test_no_as_of_passes_no_vars() -> None:
    # Any --vars differing from the parse-time ones would throw the partial parse away.
    assert dbt_build_args(None) == ["build", "--exclude-resource-type", "unit_test"]


def test_an_as_of_goes_in_as_a_json_var() -> None:
    args = dbt_build_args(date(2025, 6, 30))
    assert args[:3] == ["build", "--exclude-resource-type", "unit_test"]
    assert args[3] == "--vars"
    assert json.loads(args[4]) == {"as_of": "2025-06-30"}
    assert len(args) == 5


def test_unit_tests_never_run_at_night() -> None:
    for as_of in (None, date(2024, 1, 2)):
        args = dbt_build_args(as_of)
        assert args[args.index("--exclude-resource-type") + 1] == "unit_test"


def _test_node(name: str, **kwargs) -> dict:
    return {"name": f"{name}_x", "test_metadata": {"name": name, "kwargs": kwargs}}


@pytest.mark.parametrize(
    ("node", "words"),
    [
        (_test_node("not_null", column_name="store_id"), "store_id is never null."),
        (_test_node("unique", column_name="sku"), "No two rows share a sku."),
        (
            _test_node("accepted_values", column_name="program", values=["a", "b"]),
            "program is one of: a, b.",
        ),
        (
            _test_node(
                "relationships", column_name="store_id", field="store_id", to="ref('stores')"
            ),
            "Every store_id is a store_id of stores.",
        ),
        (
            _test_node(
                "unique_combination_of_columns", combination_of_columns=["store_id", "date"]
            ),
            "One row per (store_id, date).",
        ),
        (
            _test_node("expression_is_true", expression="units_7d <= units_30d"),
            "Holds on every row: units_7d <= units_30d.",
        ),
        ({"name": "assert_something"}, "dbt test assert_something."),
        (_test_node("my_own_test"), "dbt test my_own_test_x."),
    ],
)
def test_a_dbt_test_said_in_words(node: dict, words: str) -> None:
    assert describe_test(node) == words


def test_source_keys_meet_the_ingest_assets_and_models_follow_their_schema() -> None:
    translator = WarehouseTranslator()
    source = {"resource_type": "source", "source_name": "raw", "name": "orders"}
    assert translator.get_asset_key(source).path == ["raw", "orders"]
    model = {"resource_type": "model", "schema": "marts", "name": "sales_volume_daily"}
    assert translator.get_asset_key(model).path == ["marts", "sales_volume_daily"]
    # a node without a schema lands in DuckDB's default one
    assert translator.get_asset_key({"resource_type": "seed", "name": "x"}).path == ["main", "x"]
