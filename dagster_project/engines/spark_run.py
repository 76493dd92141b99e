"""The dbt step on the spark engine: what comes before and after `dbt build --target spark`.

Before: the raw tables are appended to their Parquet copies (raw_parquet.py), and the
environment tells the profile where Spark keeps its tables and metastore (ASW_SPARK_DIR)
and reads raw (ASW_RAW_PARQUET_DIR). After: Spark's seeds, marts and audit tables replace
those schemas in the working DuckDB file (spark_marts.py), with the comments dbt writes on
DuckDB (persist_docs) taken from the manifest, so that the audit and the publish step read
exactly what they read after a DuckDB build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from dagster_project.engines.raw_parquet import mirror_raw_to_parquet
from dagster_project.engines.spark_marts import load_spark_schema
from dagster_project.settings import Settings

# What the audit and the publish step read from the working database.
SCHEMAS_READ_AFTER_BUILD = ("seeds", "marts", "audit")


def spark_environment(settings: Settings) -> dict[str, str]:
    """The variables the `spark` profile reads (dbt_models/profiles.yml)."""
    return {
        "ASW_SPARK_DIR": str(settings.spark_dir),
        "ASW_RAW_PARQUET_DIR": str(settings.raw_parquet_dir),
        # Spark binds its driver to the machine's name otherwise, which may not resolve
        "SPARK_LOCAL_IP": "127.0.0.1",
    }


def prepare_spark_build(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, int]:
    """Raw rows of the new ingests to Parquet, and the profile's environment set."""
    settings.spark_dir.mkdir(parents=True, exist_ok=True)
    written = mirror_raw_to_parquet(con, settings.raw_parquet_dir)
    os.environ.update(spark_environment(settings))
    return written


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_dbt_comments(
    con: duckdb.DuckDBPyConnection, manifest_path: Path, schemas: tuple[str, ...]
) -> None:
    """COMMENT ON the loaded tables and columns as dbt's persist_docs does on DuckDB."""
    if not manifest_path.exists():
        return
    nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    for node in nodes:
        if node.get("resource_type") not in ("model", "seed") or node["schema"] not in schemas:
            continue
        docs = node.get("config", {}).get("persist_docs") or {}
        table = f"{node['schema']}.{node.get('alias') or node['name']}"
        if docs.get("relation") and node.get("description"):
            con.execute(f"comment on table {table} is {_sql_text(node['description'])}")
        if docs.get("columns"):
            for column in node.get("columns", {}).values():
                if column.get("description"):
                    con.execute(
                        f'comment on column {table}."{column["name"]}" is '
                        f"{_sql_text(column['description'])}"
                    )


def collect_spark_build(
    con: duckdb.DuckDBPyConnection, settings: Settings, manifest_path: Path
) -> list[str]:
    """Spark's tables of the schemas read after the build, into the working database."""
    loaded = []
    for schema in SCHEMAS_READ_AFTER_BUILD:
        loaded += [f"{schema}.{t}" for t in load_spark_schema(con, settings.spark_dir, schema)]
    apply_dbt_comments(con, manifest_path, SCHEMAS_READ_AFTER_BUILD)
    return loaded
