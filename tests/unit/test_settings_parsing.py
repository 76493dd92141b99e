"""Flags, `ASW_*` variables and defaults, resolved once; `--as-of` parsed with a clear error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dagster_project.runs.checks import audit_counts
from dagster_project.settings import (
    DEFAULT_INBOX,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_WAREHOUSE_DIR,
    Settings,
    duckdb_memory_limit,
    parse_as_of,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_asw_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("ASW_INBOX", "ASW_WAREHOUSE_DIR", "ASW_AS_OF"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_as_of_is_a_day_or_nothing() -> None:
    assert parse_as_of("2024-02-29") == date(2024, 2, 29)
    assert parse_as_of("") is None
    assert parse_as_of(None) is None


@pytest.mark.parametrize("text", ["31/12/2024", "2024-02-30", "yesterday", "2024-1-2 "])
def test_a_bad_as_of_names_the_flag_and_the_value(text: str) -> None:
    with pytest.raises(ValueError, match=r"--as-of / ASW_AS_OF must be YYYY-MM-DD, got '"):
        parse_as_of(text)


def test_defaults_resolve_against_the_current_folder(no_asw_environment, tmp_path) -> None:
    no_asw_environment.chdir(tmp_path)
    settings = Settings.resolve()
    assert settings.inbox == (tmp_path / DEFAULT_INBOX).resolve()
    assert settings.warehouse_dir == (tmp_path / DEFAULT_WAREHOUSE_DIR).resolve()
    assert settings.as_of is None


def test_environment_beats_defaults_and_flags_beat_environment(no_asw_environment) -> None:
    no_asw_environment.setenv("ASW_INBOX", "/env/inbox")
    no_asw_environment.setenv("ASW_WAREHOUSE_DIR", "/env/wh")
    no_asw_environment.setenv("ASW_AS_OF", "2024-01-02")
    from_env = Settings.resolve()
    assert (from_env.inbox, from_env.warehouse_dir) == (Path("/env/inbox"), Path("/env/wh"))
    assert from_env.as_of == date(2024, 1, 2)

    flags = Settings.resolve("/flag/inbox", "/flag/wh", "2024-03-04")
    assert (flags.inbox, flags.warehouse_dir) == (Path("/flag/inbox"), Path("/flag/wh"))
    assert flags.as_of == date(2024, 3, 4)


def test_an_empty_as_of_flag_overrides_the_environment(no_asw_environment) -> None:
    # `asw run --as-of ""` means "the latest day" even when ASW_AS_OF is set.
    no_asw_environment.setenv("ASW_AS_OF", "2024-01-02")
    assert Settings.resolve(as_of="").as_of is None
    assert Settings.resolve(as_of=None).as_of == date(2024, 1, 2)


def test_everything_the_run_writes_is_inside_the_warehouse_folder() -> None:
    settings = Settings(Path("/in"), Path("/wh"))
    assert settings.working_db == Path("/wh/warehouse.duckdb")
    assert settings.serving_db == Path("/wh/serving.duckdb")
    assert settings.lock_file == Path("/wh/run.lock")
    assert settings.data_docs_dir == Path("/wh/data_docs")
    assert settings.dagster_home == Path("/wh/dagster_home")


def test_a_resolved_path_is_absolute_with_home_expanded(no_asw_environment) -> None:
    no_asw_environment.setenv("HOME", "/home/seller")
    settings = Settings.resolve("~/inbox", "~/wh/../wh2")
    assert settings.inbox == Path("/home/seller/inbox")
    assert settings.warehouse_dir == Path("/home/seller/wh2")


class _Outcome:
    def __init__(self, passed: bool, severity: str = "ERROR") -> None:
        self.passed, self.severity = passed, severity


def test_audit_counts_have_one_wording() -> None:
    checks = [_Outcome(True), _Outcome(True), _Outcome(False), _Outcome(False, "WARN")]
    assert audit_counts(checks) == "2 passed, 1 failed, 1 warning"
    assert audit_counts([]) == "0 passed, 0 failed, 0 warnings"
    assert audit_counts([_Outcome(False, "WARN")] * 2) == "0 passed, 0 failed, 2 warnings"


def test_dbt_profile_repeats_the_default_memory_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    profile = (REPO / "dbt_models" / "profiles.yml").read_text(encoding="utf-8")
    assert f"env_var('ASW_DUCKDB_MEMORY_LIMIT', '{DEFAULT_MEMORY_LIMIT}')" in profile
    monkeypatch.delenv("ASW_DUCKDB_MEMORY_LIMIT", raising=False)
    assert duckdb_memory_limit() == DEFAULT_MEMORY_LIMIT
    monkeypatch.setenv("ASW_DUCKDB_MEMORY_LIMIT", "6GB")
    assert duckdb_memory_limit() == "6GB"
