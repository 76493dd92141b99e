"""The contract catalogue (dagster_project/contract) and what derives from it: the files dbt
reads are the generator's output, the raw schema is the catalogue's, the mart ymls and the
threshold seed agree with it. No dbt run: each test reads files or an in-memory DuckDB."""

from __future__ import annotations

import duckdb
import pytest
import yaml

from dagster_project import contract
from dagster_project.contract.generate import DBT_PROJECT, generated_files, main
from dagster_project.contract.thresholds import referenced_names, seed_rows
from dagster_project.ingest.headers import match_header, normalize
from dagster_project.ingest.schema import ensure_raw_schema

MARTS_DIR = DBT_PROJECT / "models" / "marts"


@pytest.mark.parametrize(
    "path", sorted(generated_files()), ids=lambda p: p.relative_to(DBT_PROJECT).as_posix()
)
def test_generated_file_is_current(path):
    """Fails when the catalogue changed and `python -m dagster_project.contract.generate`
    was not run (or the file was edited by hand)."""
    assert path.read_text(encoding="utf-8") == generated_files()[path], (
        f"{path} is stale: run python -m dagster_project.contract.generate"
    )


def test_generator_check_mode_passes_on_the_checkout(capsys):
    assert main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_ingest_creates_exactly_the_catalogue_tables():
    con = duckdb.connect()
    ensure_raw_schema(con)
    ensure_raw_schema(con)  # twice: existing tables are left alone
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, type_ in con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'raw' order by table_name, ordinal_position"
    ).fetchall():
        found.setdefault(table, []).append((column, type_.lower().replace(" ", "")))
    expected = {
        t.name: [(c.name, c.sql_type.replace(" ", "")) for c in t.columns]
        for t in contract.RAW_TABLES
    }
    assert found == expected


def test_an_older_table_gets_the_columns_added_since():
    con = duckdb.connect()
    con.execute("create schema raw")
    orders = contract.raw_table("orders")
    kept = [c for c in orders.columns if c.name != "currency"]
    con.execute(
        "create table raw.orders (" + ", ".join(f"{c.name} {c.sql_type}" for c in kept) + ")"
    )
    con.execute("insert into raw.orders (order_id) values ('o1')")
    ensure_raw_schema(con)
    assert con.execute("select order_id, currency from raw.orders").fetchall() == [("o1", None)]


def test_every_kind_declares_unambiguous_headers_and_its_key():
    for kind in contract.EXPORTS:
        names = [c.name for c in kind.columns]
        assert len(names) == len(set(names)), kind.name
        headers = [
            normalize(a) for c in kind.columns for a in dict.fromkeys(map(normalize, c.aliases))
        ]
        assert len(headers) == len(set(headers)), f"{kind.name}: a header names two columns"
        for column in kind.columns:
            assert column.zh and column.en, f"{kind.name}.{column.name}: both header names"
            assert column.type in contract.SQL_TYPES, f"{kind.name}.{column.name}"
        assert kind.key[0] == "store_id" and set(kind.key) <= {"store_id", *names}, kind.name
        assert kind.description and kind.rows, kind.name


def test_buyer_columns_are_never_a_kind_header():
    headers = {normalize(a) for k in contract.EXPORTS for c in k.columns for a in c.aliases}
    assert not headers & {normalize(b) for b in contract.BUYER_COLUMNS}


def _node(path, name: str, section: str = "models") -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(m for m in doc[section] if m["name"] == name)


def _model(mart: str) -> dict:
    return _node(MARTS_DIR / f"{mart}.yml", mart)


def _combinations(node: dict) -> list[list[str]]:
    return [
        t["unique_combination_of_columns"]["arguments"]["combination_of_columns"]
        for t in node.get("data_tests", [])
        if isinstance(t, dict) and "unique_combination_of_columns" in t
    ]


# Marts that are one row per row of a seed: the seed's yml tests their grain.
SEED_GRAIN = {"promotions": "platform_promotions"}


def test_published_marts_are_the_marts_folder():
    models = sorted(p.stem for p in MARTS_DIR.glob("*.sql"))
    assert list(contract.PUBLISHED_MARTS) == models


@pytest.mark.parametrize("mart", contract.MARTS, ids=lambda m: m.name)
def test_mart_grain_is_the_one_its_tests_hold(mart):
    """The grain is what the yml's one-row-per test checks (or, for one column, its unique
    test); every grain column is a documented column."""
    model = _model(mart.name)
    columns = {c["name"]: c for c in model["columns"]}
    assert set(mart.grain) <= set(columns), mart.name
    combos = _combinations(model)
    if mart.name in SEED_GRAIN:
        seeds = DBT_PROJECT / "seeds" / "seeds.yml"
        combos = _combinations(_node(seeds, SEED_GRAIN[mart.name], "seeds"))
    if len(mart.grain) > 1:
        assert list(mart.grain) in combos, mart.name
    else:
        assert combos == [list(mart.grain)] or "unique" in columns[mart.grain[0]]["data_tests"]


def test_seed_holds_exactly_the_catalogue_threshold_names():
    names = [row["name"] for row in seed_rows(DBT_PROJECT)]
    assert sorted(names) == sorted(contract.THRESHOLD_NAMES)
    assert len(names) == len(set(names))


def test_every_threshold_the_dbt_project_names_is_declared():
    referenced = referenced_names(DBT_PROJECT)
    assert referenced, "the pattern finds threshold('…') references"
    unknown = {n: files for n, files in referenced.items() if n not in contract.THRESHOLD_NAMES}
    assert not unknown


def test_freshness_seed_and_its_accepted_kinds_are_the_catalogue_kinds():
    # The seed holds values (max ages), so it stays hand-kept; it must still name each kind.
    lines = (DBT_PROJECT / "seeds" / "export_freshness.csv").read_text().splitlines()[1:]
    assert sorted(line.split(",")[0] for line in lines) == sorted(contract.KINDS)
    seeds = yaml.safe_load((DBT_PROJECT / "seeds" / "seeds.yml").read_text())["seeds"]
    (freshness,) = [s for s in seeds if s["name"] == "export_freshness"]
    (kind,) = [c for c in freshness["columns"] if c["name"] == "kind"]
    (accepted,) = [t["accepted_values"] for t in kind["data_tests"] if "accepted_values" in t]
    assert sorted(accepted["arguments"]["values"]) == sorted(contract.KINDS)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_kind_is_read_under_either_language_headers(language):
    """A header row in one language finds every column of the kind, in catalogue order."""
    for kind in contract.EXPORTS:
        fields = [getattr(c, language)[-1] for c in kind.columns]
        layout = match_header(kind.name, fields)
        assert layout.positions == tuple((c.name, i) for i, c in enumerate(kind.columns))
        assert layout.personal == ()
