"""The raw tables as Parquet files: what a second engine (Spark) builds the marts from.

One folder per raw table under the warehouse folder (`raw_parquet/orders/`, ...), each
holding one file per span of ingest ids: `ingest_<first>_<last>.parquet`. Raw is
append-only and ingest ids only grow, so a run writes only the rows of the ingests that
no file holds yet, and a file once written never changes, like the rows it copies.
The file names are the bookkeeping: no other state is kept.

DuckDB writes them (`COPY ... TO ... (FORMAT parquet)`): the same rows, the same types
(VARCHAR as string, TIMESTAMP as a local date-time, DECIMAL as decimal), so an engine that
reads them sees what `raw` holds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from dagster_project.contract import KINDS

# The raw tables of the contract catalogue that only grow: every kind's, the log, quarantine.
RAW_TABLES = (*KINDS, "ingest_log", "quarantine")

# Read whole from clients.csv on every run, not appended: its one file is replaced.
REPLACED_TABLES = ("clients",)

_FILE = re.compile(r"^ingest_(\d+)_(\d+)\.parquet$")


def mirrored_through(folder: Path) -> int:
    """The highest ingest id the files of one table's folder hold (-1: none yet)."""
    last = -1
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _FILE.match(entry.name)
            if match:
                last = max(last, int(match.group(2)))
    return last


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def mirror_raw_to_parquet(con: duckdb.DuckDBPyConnection, root: Path) -> dict[str, int]:
    """Append to `root/<table>/` the raw rows of every ingest not mirrored yet.

    Returns the rows written per table. A table with no row yet gets one empty file
    (`ingest_000000000000_000000000000`: ingest ids start at 1) so that its folder always
    names the table's columns and types for a reader.
    """
    written: dict[str, int] = {}
    for table in RAW_TABLES:
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        done = mirrored_through(folder)
        has_files = any(_FILE.match(e.name) for e in folder.iterdir())
        (last,) = con.execute(
            f"select max(ingest_id) from raw.{table} where ingest_id > ?", [done]
        ).fetchone()
        if last is None:
            written[table] = 0
            if has_files:
                continue
            # no row yet: an empty file that still names the columns and their types
            first = last = 0
        else:
            first = done + 1
        name = f"ingest_{first:012d}_{last:012d}.parquet"
        partial = folder / f".{name}.partial"
        (count,) = con.execute(
            f"select count(*) from raw.{table} where ingest_id between ? and ?", [first, last]
        ).fetchone()
        con.execute(
            f"copy (select * from raw.{table} where ingest_id between {first} and {last} "
            f"order by ingest_id) to '{_sql_path(partial)}' (format parquet)"
        )
        # whole files only: a reader never sees a file being written
        os.replace(partial, folder / name)
        written[table] = count
    for table in REPLACED_TABLES:
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / ".current.parquet.partial"
        con.execute(f"copy raw.{table} to '{_sql_path(partial)}' (format parquet)")
        os.replace(partial, folder / "current.parquet")
        (written[table],) = con.execute(f"select count(*) from raw.{table}").fetchone()
    return written
