"""Spark's marts in the working DuckDB file, where the audit and the publish step read them.

dbt on Spark writes every table as Parquet under its warehouse folder
(`<ASW_SPARK_DIR>/spark-warehouse/<schema>.db/<table>/`, dbt_project.yml: file_format).
After a Spark build the `marts` schema of the working DuckDB file is replaced by those
files, table by table, in one transaction: from there on the run goes on exactly as after
a DuckDB build (Great Expectations, then the publish of serving.duckdb).
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def spark_table_folder(spark_dir: Path, schema: str, table: str) -> Path:
    """Where Spark's default catalog keeps a managed table's Parquet files."""
    return spark_dir / "spark-warehouse" / f"{schema}.db" / table


def spark_tables(spark_dir: Path, schema: str) -> list[str]:
    """The tables Spark built in a schema (folders holding Parquet files), sorted."""
    folder = spark_dir / "spark-warehouse" / f"{schema}.db"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.parquet")))


def parquet_scan(folder: Path) -> str:
    """A DuckDB table expression over one table's Parquet files."""
    pattern = str(folder / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}')"


def load_spark_schema(
    con: duckdb.DuckDBPyConnection, spark_dir: Path, schema: str = "marts"
) -> list[str]:
    """Replace `schema` in the DuckDB connection by the tables Spark built in it.

    Returns the tables loaded. Column types are Parquet's, which are the contract's
    (string as VARCHAR, timestamp as TIMESTAMP, decimal, date, bigint, integer, double,
    boolean); the tables' and columns' comments are copied from the dbt catalog by the
    caller when it needs them.
    """
    tables = spark_tables(spark_dir, schema)
    if not tables:
        raise FileNotFoundError(
            f"no Spark table in schema {schema} under {spark_dir}: did the Spark build run?"
        )
    con.execute("begin transaction")
    try:
        con.execute(f"create schema if not exists {schema}")
        for table in tables:
            scan = parquet_scan(spark_table_folder(spark_dir, schema, table))
            con.execute(f"create or replace table {schema}.{table} as select * from {scan}")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return tables
