"""The platform thresholds by name: which names exist and the range each value must fall in.

Their values live in one place only, the seed `dbt_models/seeds/platform_thresholds.csv`,
which a seller may edit; this module declares the names. dbt's `threshold('<name>')` stops
compilation on a name the loaded seed lacks (macros/thresholds.sql); the catalogue's tests
check that the seed holds exactly these names and that every `threshold('…')` in the dbt
project names one of them, and the Great Expectations suite `threshold_tables` audits the
seed against the names metrics.md requires.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

SEED = "platform_thresholds"


@dataclass(frozen=True)
class Threshold:
    name: str
    # The range the value must fall in (suite threshold_tables): positive (> 0), rate
    # (0–1), dsr (0–5), rating (1–5 stars).
    range: str
    # Named by metrics.md (Threshold seed tables); the others are the project's own.
    required: bool = True


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("logistics_online_hours", "positive"),
    Threshold("logistics_downrank_hours", "positive"),
    Threshold("logistics_online_target_rate", "rate"),
    Threshold("sku_active_rate_healthy", "rate"),
    Threshold("sku_active_rate_warning", "rate"),
    Threshold("dsr_healthy", "dsr"),
    Threshold("volatility_benchmark", "positive"),
    Threshold("volatility_industry", "positive"),
    Threshold("new_store_days", "positive"),
    Threshold("new_store_monthly_units", "positive"),
    Threshold("top_brand_gmv_usd", "positive"),
    Threshold("top_brand_sales_multiple", "positive"),
    Threshold("search_ads_volatility_max", "positive"),
    Threshold("overseas_warehouse_monthly_units", "positive"),
    Threshold("overseas_warehouse_months", "positive"),
    Threshold("anomaly_spike_multiple", "positive"),
    Threshold("anomaly_price_ratio", "rate"),
    Threshold("logistics_issue_share", "rate"),
    Threshold("conversion_drop", "rate"),
    Threshold("cart_stable_band", "rate"),
    Threshold("test_sku_conversion_min", "rate"),
    Threshold("test_sku_min_visitors", "positive"),
    Threshold("review_invite_days", "positive"),
    Threshold("review_window_days", "positive"),
    Threshold("positive_review_min_rating", "rating"),
    Threshold("negative_review_max_rating", "rating"),
    Threshold("promotion_stock_up_days", "positive", required=False),
)

THRESHOLD_NAMES: tuple[str, ...] = tuple(t.name for t in THRESHOLDS)


def seed_path(dbt_project: Path) -> Path:
    return dbt_project / "seeds" / f"{SEED}.csv"


def seed_rows(dbt_project: Path) -> list[dict[str, str]]:
    """The seed's rows as written (name, value, unit, source): the values in force."""
    with seed_path(dbt_project).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# threshold('name') and threshold_hours('name') in models and macros.
_REFERENCE = re.compile(r"""\bthreshold(?:_hours)?\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""")


def referenced_names(dbt_project: Path) -> dict[str, list[str]]:
    """Each threshold name the dbt project's SQL names, with the files naming it."""
    found: dict[str, list[str]] = {}
    for sub in ("models", "macros"):
        for path in sorted((dbt_project / sub).rglob("*.sql")):
            for name in _REFERENCE.findall(path.read_text(encoding="utf-8")):
                found.setdefault(name, []).append(path.relative_to(dbt_project).as_posix())
    return found
