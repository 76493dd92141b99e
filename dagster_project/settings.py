"""Where the warehouse reads and writes, resolved once from flags, environment and defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The Dagster code location's name, as pyproject.toml's [tool.dagster] gives it (a test
# keeps the two equal): `asw ui` loads the definitions under this name.
CODE_LOCATION = "aliexpress_sales_warehouse"
DEFINITIONS_MODULE = "dagster_project.definitions"

DEFAULT_INBOX = Path("data/inbox")
DEFAULT_WAREHOUSE_DIR = Path("data/warehouse")

MEMORY_LIMIT_ENV = "ASW_DUCKDB_MEMORY_LIMIT"
# DuckDB's budget in each process (the pipeline, its dbt child; profiles.yml repeats it):
# the budget leaves room for Python and DuckDB's own overhead, so that a W400 run's whole
# process tree stays within 3 GiB (BENCHMARKS.md). Beyond it DuckDB spills to disk.
DEFAULT_MEMORY_LIMIT = "2GB"


def duckdb_memory_limit() -> str:
    """`ASW_DUCKDB_MEMORY_LIMIT`, else the default budget."""
    return os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT


def quiet_telemetry() -> None:
    """Switch off usage tracking of dbt and Great Expectations.

    Sellers' offices are often closed networks, and a phone-home attempt either
    hangs on a timeout or leaks usage data; both are unwelcome.
    """
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


def parse_as_of(text: str | None) -> date | None:
    """`YYYY-MM-DD` or empty; anything else is a usage error worth a clear message."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"--as-of / ASW_AS_OF must be YYYY-MM-DD, got {text!r}") from exc


ENGINE_ENV = "ASW_ENGINE"
ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse_dir: Path
    as_of: date | None = None
    # Where dbt builds the marts: "duckdb" (the working database) or "spark" (docs/SPARK.md)
    engine: str = "duckdb"
    # clients.csv of an agency: --clients, ASW_CLIENTS, else <inbox>/clients.csv
    clients_override: Path | None = None

    @classmethod
    def resolve(
        cls,
        inbox: str | Path | None = None,
        warehouse_dir: str | Path | None = None,
        as_of: str | None = None,
        engine: str | None = None,
        clients: str | Path | None = None,
    ) -> Settings:
        """Flags win over `ASW_*` environment variables, which win over the defaults."""
        inbox = inbox or os.environ.get("ASW_INBOX") or DEFAULT_INBOX
        warehouse_dir = (
            warehouse_dir or os.environ.get("ASW_WAREHOUSE_DIR") or DEFAULT_WAREHOUSE_DIR
        )
        as_of_text = as_of if as_of is not None else os.environ.get("ASW_AS_OF")
        engine = (engine or os.environ.get(ENGINE_ENV) or "duckdb").strip().lower()
        if engine not in ENGINES:
            raise ValueError(f"{ENGINE_ENV}={engine}: the engine is one of {', '.join(ENGINES)}")
        clients = clients or os.environ.get("ASW_CLIENTS") or None
        return cls(
            inbox=Path(inbox).expanduser().resolve(),
            warehouse_dir=Path(warehouse_dir).expanduser().resolve(),
            as_of=parse_as_of(as_of_text),
            engine=engine,
            clients_override=Path(clients).expanduser().resolve() if clients else None,
        )

    @property
    def clients_file(self) -> Path:
        return self.clients_override or self.inbox / "clients.csv"

    @property
    def clients_dir(self) -> Path:
        """One published file per client: clients/<client_id>/serving.duckdb."""
        return self.warehouse_dir / "clients"

    @property
    def outbox(self) -> Path:
        return self.warehouse_dir / "outbox" / "alerts.jsonl"

    @property
    def working_db(self) -> Path:
        return self.warehouse_dir / "warehouse.duckdb"

    @property
    def serving_db(self) -> Path:
        return self.warehouse_dir / "serving.duckdb"

    @property
    def spark_dir(self) -> Path:
        """Spark's tables (Parquet) and its Derby metastore, on the spark engine."""
        return self.warehouse_dir / "spark"

    @property
    def raw_parquet_dir(self) -> Path:
        """The raw tables as Parquet files, one folder per table, which Spark reads."""
        return self.warehouse_dir / "raw_parquet"

    @property
    def lock_file(self) -> Path:
        return self.warehouse_dir / "run.lock"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse_dir / "data_docs"

    @property
    def dagster_home(self) -> Path:
        return self.warehouse_dir / "dagster_home"
