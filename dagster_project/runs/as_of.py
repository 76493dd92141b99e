"""The day the marts were built for, read where dbt defines it: the `int_as_of` model.

`--as-of` (or `ASW_AS_OF`) is parsed once into a date (settings.parse_as_of) and goes into
dbt as the var `as_of`; without it `int_as_of` takes the latest order day. Either way its
one row is the run's as-of day, read here after the build and passed on as a date to the
audit and the publish; nothing in Python derives it again from the marts.
"""

from __future__ import annotations

from datetime import date

import duckdb

from dagster_project.engines.spark_marts import parquet_scan, spark_table_folder
from dagster_project.settings import Settings

AS_OF_MODEL = "intermediate.int_as_of"


def built_as_of(con: duckdb.DuckDBPyConnection, settings: Settings) -> date | None:
    """int_as_of's day from the last build, or None before any build got that far.

    `con` is a connection to the working database. On DuckDB int_as_of is a table there; on
    Spark it stays among Spark's intermediate tables (Parquet), which are read in place.
    """
    source = AS_OF_MODEL
    if settings.engine == "spark":
        folder = spark_table_folder(settings.spark_dir, "intermediate", "int_as_of")
        if not folder.is_dir():
            return None
        source = parquet_scan(folder)
    try:
        row = con.execute(f"select max(as_of) from {source}").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None
