"""clients/<client_id>/serving.duckdb: only that client's rows, anywhere, swapped in atomically,
readable by DuckDB 1.1.3 like serving.duckdb."""

import re
from pathlib import Path

import duckdb
from publish_helpers import FAILED_CHECKS, PASSED_CHECKS, query, run_record, working_db

from dagster_project.publish import publish
from dagster_project.publish.client_files import publish_client_files

# s1 belongs to acme, s2 to beta (the tiny working database holds s1 and s2).
CLIENTS_SQL = """
update marts.stores set client_id = case store_id when 's1' then 'acme' else 'beta' end;
create table marts.clients (client_id varchar, lang varchar, stores bigint);
insert into marts.clients values ('acme', 'en', 1), ('beta', 'zh', 1);
"""


def _text_values(path: Path) -> set[str]:
    """Every text value of every table of a database, as the leak test searches them."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        found: set[str] = set()
        for schema, table, column in con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and database_name = current_database() and not internal"
        ).fetchall():
            found |= {
                row[0]
                for row in con.execute(
                    f'select distinct "{column}" from {schema}."{table}" '
                    f'where "{column}" is not null'
                ).fetchall()
            }
        return found
    finally:
        con.close()


def _token(text: str) -> re.Pattern:
    """The text as a whole token: not part of a longer id (s1 is not in s10)."""
    return re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(text)}(?![A-Za-z0-9_-])")


def _identifiers(path: Path, store_id: str) -> set[str]:
    """Store id, order ids, SKUs and file names of one store in a published file."""
    ids = {store_id}
    for sql in (
        "select order_id from marts.fct_order_lines where store_id = ?",
        "select sku from marts.fct_order_lines where store_id = ?",
        "select sku from marts.sku_sales_volume where store_id = ?",
        "select source_file from marts.fct_order_lines where store_id = ?",
        "select file from audit.ingest_log where store_id = ?",
        "select file from audit.quarantine where store_id = ?",
    ):
        ids |= {row[0] for row in query(path, sql.replace("?", f"'{store_id}'")) if row[0]}
    return ids


def _publish_with_clients(warehouse: Path) -> None:
    working_db.run_sql(warehouse / "warehouse.duckdb", CLIENTS_SQL)
    publish(warehouse, run_record(1), PASSED_CHECKS, passed=True)


def test_each_client_file_holds_only_its_own_stores(warehouse: Path) -> None:
    _publish_with_clients(warehouse)
    files = publish_client_files(warehouse / "serving.duckdb", warehouse / "clients")
    assert [(f.client_id, f.stores) for f in files] == [("acme", 1), ("beta", 1)]
    serving = warehouse / "serving.duckdb"
    mine = {"acme": "s1", "beta": "s2"}
    for client, store in mine.items():
        path = warehouse / "clients" / client / "serving.duckdb"
        other = next(s for c, s in mine.items() if c != client)
        theirs = _identifiers(serving, other) - _identifiers(serving, store)
        assert other in theirs
        values = _text_values(path)
        # whole values and inside longer text (a message, a raw line, a path)
        leaks = {(t, v) for t in theirs for v in values if _token(t).search(v)}
        assert leaks == set(), (client, leaks)
        assert query(path, "select client_id, lang from marts.clients") == [
            (client, {"acme": "en", "beta": "zh"}[client])
        ]
        assert query(path, "select distinct store_id from marts.sales_volume_daily") == [(store,)]
        # check results without failing samples or detail text; the run log whole
        assert query(
            path,
            "select count(*) from audit.check_results where detail is not null "
            "or sample is not null",
        ) == [(0,)]
        assert query(path, "select run_id, outcome from audit.run_log") == [("run-1", "published")]


def test_a_failed_run_keeps_each_clients_marts_and_records_the_run(warehouse: Path) -> None:
    _publish_with_clients(warehouse)
    publish_client_files(warehouse / "serving.duckdb", warehouse / "clients")
    acme = warehouse / "clients" / "acme" / "serving.duckdb"
    before = query(acme, "select * from marts.sales_volume_daily order by all")
    working_db.run_sql(warehouse / "warehouse.duckdb", "delete from marts.sales_volume_daily")
    publish(warehouse, run_record(2), FAILED_CHECKS, passed=False)
    publish_client_files(warehouse / "serving.duckdb", warehouse / "clients")
    assert query(acme, "select * from marts.sales_volume_daily order by all") == before
    assert query(acme, "select run_id, outcome from audit.run_log order by 1") == [
        ("run-1", "published"),
        ("run-2", "failed"),
    ]
    # run_failed is run-level (store_id NULL): every client sees it
    assert query(acme, "select code, state from audit.alerts where store_id is null") == [
        ("run_failed", "raised")
    ]
    assert not list((warehouse / "clients" / "acme").glob(".serving-*"))
