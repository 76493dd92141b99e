"""One published file per client of an agency: clients/<client_id>/serving.duckdb.

Each client's file is cut from the agency's serving.duckdb just published, so it follows
the same write-audit-publish rules: after a passed audit it holds the new marts, after a
failed one the last good marts with the updated audit tables. It is written beside the old
one and swapped in with one rename, in DuckDB 1.1.3's storage format, like serving.duckdb.

What a client's file holds, and nothing else (interface.md): every marts table filtered to
the client's stores (marts.clients to its own row); audit.ingest_log, audit.quarantine and
audit.alerts filtered to them (run-level alerts, store_id NULL, included), and
audit.alert_deliveries of those alerts (without target or error text);
audit.run_log whole;
audit.check_results without failing samples or detail text. The reference marts that hold
no store's data (the thresholds and promotions the report draws) are copied whole; any
other marts table without a store_id column is left out rather than risk another client's
rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.publish.audit_tables import COMMENTS
from dagster_project.publish.serving_file import (
    STORAGE_VERSION,
    copy_comments,
    quote_ident,
    quote_text,
    remove_leftovers,
    scratch_connection,
    swap_in,
    tables_in,
    temp_path,
)

SOURCE, NEW = "agency", "client_file"
# a client's alerts: its stores' and the run-level ones (store_id NULL)
_CLIENT_ALERTS = "store_id is null or store_id in (select store_id from client_stores)"
# audit tables of a client's file and the filter each gets
AUDIT_TABLES = {
    "ingest_log": "store_id in (select store_id from client_stores)",
    "quarantine": "store_id in (select store_id from client_stores)",
    "alerts": _CLIENT_ALERTS,
    "run_log": "true",
    "check_results": "true",
    # deliveries of the alerts above, as of the publish (before this run's delivery step)
    "alert_deliveries": (
        f"alert_id in (select alert_id from {SOURCE}.audit.alerts where {_CLIENT_ALERTS})"
    ),
}
# no target or error text of a channel reaches a client's file, masked or not
SCRUBBED = {"check_results": ("detail", "sample"), "alert_deliveries": ("target", "last_error")}


@dataclass(frozen=True)
class ClientFile:
    client_id: str
    path: Path
    stores: int


# Seed-made tables the seller report reads: platform figures, no store's rows.
REFERENCE_MARTS = ("promotions", "thresholds")


def publish_client_files(serving: Path, clients_dir: Path) -> list[ClientFile]:
    """Write the file of every client of serving.duckdb's marts.clients; returns them.

    A client missing from marts.clients (none of its lines valid, or a line in error) gets
    no new file: the one it had stays as it was.
    """
    if not serving.exists():
        return []
    con = scratch_connection()
    try:
        con.execute(f"attach {quote_text(str(serving))} as {SOURCE} (read_only)")
        if "clients" not in tables_in(con, SOURCE, "marts"):
            return []
        clients = [
            row[0]
            for row in con.execute(
                f"select client_id from {SOURCE}.marts.clients order by client_id"
            ).fetchall()
        ]
        return [_write_one(con, client, clients_dir / client) for client in clients]
    finally:
        con.close()


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where database_name = ? "
            "and schema_name = ? and table_name = ? order by column_index",
            [SOURCE, schema, table],
        ).fetchall()
    ]


def _write_one(con: duckdb.DuckDBPyConnection, client_id: str, folder: Path) -> ClientFile:
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    target = folder / "serving.duckdb"
    temp = temp_path(folder)
    con.execute(
        "create or replace temp table client_stores as "
        f"select store_id from {SOURCE}.marts.stores where client_id = ?",
        [client_id],
    )
    try:
        con.execute(
            f"attach {quote_text(str(temp))} as {NEW} (storage_version '{STORAGE_VERSION}')"
        )
        con.execute(f"create schema {NEW}.marts")
        written = set()
        for table in tables_in(con, SOURCE, "marts"):
            columns = _columns(con, "marts", table)
            if table == "clients":
                where = f"client_id = {quote_text(client_id)}"
            elif "store_id" in columns:
                where = "store_id in (select store_id from client_stores)"
            elif table in REFERENCE_MARTS:
                where = "true"
            else:
                continue
            name = f"marts.{quote_ident(table)}"
            con.execute(f"create table {NEW}.{name} as select * from {SOURCE}.{name} where {where}")
            written.add(table)
        copy_comments(con, SOURCE, NEW, "marts", only=written)
        con.execute(f"create schema {NEW}.audit")
        present = tables_in(con, SOURCE, "audit")
        for table, where in AUDIT_TABLES.items():
            if table not in present:
                continue
            scrub = SCRUBBED.get(table, ())
            picks = ", ".join(
                f"cast(null as varchar) as {quote_ident(c)}" if c in scrub else quote_ident(c)
                for c in _columns(con, "audit", table)
            )
            con.execute(
                f"create table {NEW}.audit.{table} as "
                f"select {picks} from {SOURCE}.audit.{table} where {where}"
            )
        copy_comments(con, SOURCE, NEW, "audit", only=set(AUDIT_TABLES) & set(present))
        for table, comment in COMMENTS.items():
            if table in AUDIT_TABLES and table in present:
                con.execute(f"comment on table {NEW}.audit.{table} is {quote_text(comment)}")
        stores = con.execute("select count(*) from client_stores").fetchone()[0]
        con.execute(f"detach {NEW}")
        swap_in(temp, target)
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".wal").unlink(missing_ok=True)
    return ClientFile(client_id=client_id, path=target, stores=stores)
