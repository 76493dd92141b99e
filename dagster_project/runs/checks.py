"""Which assets each Great Expectations suite judges, and the audit told in one wording."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

# Which assets each suite judges; a suite's result for another table is reported
# on the suite's first asset, so a new expectation never goes unseen.
SUITE_ASSETS: dict[str, list[str]] = {
    "status_exclusions": [
        "marts.fct_order_lines",
        "marts.sales_volume_daily",
        "audit.quarantine",
    ],
    "threshold_tables": [
        "seeds.platform_thresholds",
        "seeds.category_benchmarks",
        "seeds.status_map",
        "seeds.fx_rates",
        "seeds.export_freshness",
        "seeds.rolloff_horizons",
    ],
    "marts": [
        "marts.fct_order_lines",
        "marts.sales_volume_daily",
        "marts.sku_sales_volume",
        "marts.store_health_daily",
        "marts.store_eligibility",
        "marts.store_diagnosis",
        "marts.stores",
        "marts.store_export_coverage",
        "marts.volume_rolloff_forecast",
    ],
}


def check_name(suite: str) -> str:
    return f"ge_{suite}"


# The Dagster checks that carry Great Expectations suites (every other check is a dbt test).
GE_CHECK_NAMES = frozenset(check_name(suite) for suite in SUITE_ASSETS)


def route(suite: str, asset: str) -> str:
    """The asset a suite's outcome is reported on."""
    tables = SUITE_ASSETS.get(suite)
    if not tables:
        return SUITE_ASSETS["marts"][0]
    return asset if asset in tables else tables[0]


class Verdict(Protocol):
    passed: bool
    severity: str


def audit_counts(checks: Iterable[Verdict]) -> str:
    """One wording for the audit everywhere: passed, failed (blocking), warnings."""
    checks = list(checks)
    failed = sum(not o.passed and o.severity == "ERROR" for o in checks)
    warned = sum(not o.passed and o.severity != "ERROR" for o in checks)
    return (
        f"{len(checks) - failed - warned} passed, {failed} failed, "
        f"{warned} warning{'s' if warned != 1 else ''}"
    )
