"""Shared fixtures: a small generated inbox and one real nightly run over it."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

REPO = Path(__file__).resolve().parent.parent


# Every table of schema `marts` a published serving.duckdb holds (metrics.md, and the two
# reference tables the seller report reads: promotions, thresholds).
PUBLISHED_MARTS = [
    "clients",
    "fct_order_lines",
    "promotions",
    "sales_volume_daily",
    "sku_sales_volume",
    "store_diagnosis",
    "store_eligibility",
    "store_export_coverage",
    "store_health_daily",
    "stores",
    "thresholds",
    "volume_rolloff_forecast",
]


@dataclass
class NightlyRun:
    inbox: Path
    warehouse: Path
    exit_code: int
    output: str

    @property
    def serving_db(self) -> Path:
        return self.warehouse / "serving.duckdb"

    @property
    def working_db(self) -> Path:
        return self.warehouse / "warehouse.duckdb"


def run_asw(
    inbox: Path, warehouse: Path, as_of: str | None = None, verbose: bool = False
) -> tuple[int, str]:
    """`asw run` in this process, as the CLI does it, capturing what it prints."""
    from dagster_project.runner import run_nightly
    from dagster_project.settings import Settings

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = run_nightly(Settings.resolve(inbox, warehouse, as_of or ""), verbose=verbose)
    return code, buffer.getvalue()


@pytest.fixture(scope="session")
def small_inbox(tmp_path_factory) -> Path:
    from dagster_project.generate import generate_inbox

    inbox = tmp_path_factory.mktemp("inbox")
    generate_inbox(inbox, stores=3, days=150, seed=11, progress=None)
    return inbox


@pytest.fixture(scope="session")
def nightly_run(small_inbox, tmp_path_factory) -> NightlyRun:
    warehouse = tmp_path_factory.mktemp("warehouse")
    code, output = run_asw(small_inbox, warehouse)
    return NightlyRun(small_inbox, warehouse, code, output)
