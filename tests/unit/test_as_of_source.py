"""The run's as-of day is int_as_of's one row, read once; the resource parses --as-of once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.runs.as_of import built_as_of
from dagster_project.settings import Settings


def test_read_from_int_as_of(tmp_path: Path) -> None:
    con = duckdb.connect(":memory:")
    con.execute("create schema intermediate")
    con.execute("create table intermediate.int_as_of as select date '2026-02-28' as as_of")
    assert built_as_of(con, Settings(tmp_path, tmp_path)) == date(2026, 2, 28)


def test_none_before_any_build(tmp_path: Path) -> None:
    assert built_as_of(duckdb.connect(":memory:"), Settings(tmp_path, tmp_path)) is None


def test_spark_reads_sparks_own_table(tmp_path: Path) -> None:
    folder = tmp_path / "spark" / "spark-warehouse" / "intermediate.db" / "int_as_of"
    folder.mkdir(parents=True)
    con = duckdb.connect(":memory:")
    con.execute(f"copy (select date '2026-01-31' as as_of) to '{folder / 'part-0.parquet'}'")
    settings = Settings(tmp_path, tmp_path, engine="spark")
    assert built_as_of(con, settings) == date(2026, 1, 31)


def test_the_resource_parses_the_as_of_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASW_AS_OF", "2026-03-01")
    resource = WarehouseResource(as_of="2026-02-15")
    first = resource.settings
    assert first.as_of == date(2026, 2, 15)
    assert resource.settings is first


def test_the_resource_reads_the_environment_when_a_run_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resource = WarehouseResource()  # as the definitions build it, reading nothing
    monkeypatch.setenv("ASW_AS_OF", "2026-03-01")
    assert resource.settings.as_of == date(2026, 3, 1)


def test_a_bad_as_of_is_refused_with_its_text() -> None:
    with pytest.raises(ValueError, match="must be YYYY-MM-DD, got '2026-13-01'"):
        _ = WarehouseResource(as_of="2026-13-01").settings
