"""Which asset a Great Expectations suite's outcome is reported on."""

from __future__ import annotations

from dagster_project.defs.audit.checks import SPECS
from dagster_project.runs.checks import SUITE_ASSETS, check_name, route


def test_an_outcome_on_an_asset_of_its_suite_stays_there() -> None:
    assert route("marts", "marts.store_diagnosis") == "marts.store_diagnosis"
    assert route("threshold_tables", "seeds.fx_rates") == "seeds.fx_rates"
    assert route("status_exclusions", "audit.quarantine") == "audit.quarantine"


def test_an_outcome_on_another_table_goes_to_the_suites_first_asset() -> None:
    assert route("status_exclusions", "marts.stores") == "marts.fct_order_lines"
    assert route("threshold_tables", "marts.stores") == "seeds.platform_thresholds"


def test_an_unknown_suite_is_reported_on_the_first_mart_never_dropped() -> None:
    assert route("a_new_suite", "anything") == "marts.fct_order_lines"
    assert route("", "marts.stores") == "marts.fct_order_lines"


def test_one_blocking_check_per_suite_and_asset() -> None:
    pairs = [(spec.name, spec.asset_key.to_user_string()) for spec in SPECS]
    expected = [
        (check_name(suite), table.replace(".", "/"))
        for suite, tables in SUITE_ASSETS.items()
        for table in tables
    ]
    assert pairs == expected
    assert len(set(pairs)) == len(pairs)
    assert all(spec.blocking for spec in SPECS)
    assert check_name("marts") == "ge_marts"
