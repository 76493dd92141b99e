"""The published marts of metrics.md: each one's grain, owner and description, declared once.

dbt reads the description and the owner from the model's yml, where
`python -m dagster_project.contract.generate` writes them (the model-level `description`
and `config: meta:`); the columns, their docs and the tests stay in the yml, beside the SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

# Owner of every published mart: the Dagster asset's owner (meta.dagster.owners).
ANALYTICS_ENGINEERING = "team:analytics-engineering"
# Dagster group of the published marts: their schema, as for every dbt folder.
GROUP = "marts"


@dataclass(frozen=True)
class Mart:
    """One table of schema `marts` in serving.duckdb."""

    name: str
    grain: tuple[str, ...]  # the columns one row is unique on
    description: str  # the model's description: dbt docs, Dagster, the published comment
    owner: str = ANALYTICS_ENGINEERING


MARTS: tuple[Mart, ...] = (
    Mart(
        "clients",
        ("client_id",),
        "One row per client of the agency's clients.csv in force (a client with a line in "
        "error is left out, and its file is not published): its language and its number of "
        "stores. Published in the agency's serving.duckdb and, one row, in each client's "
        "clients/<client_id>/serving.duckdb. No e-mail address or webhook.",
    ),
    Mart(
        "fct_order_lines",
        ("store_id", "order_id", "sku"),
        "One row per (store_id, order_id, sku). The latest state of every loaded order line "
        "that is not in quarantine (latest snapshot, then later file name, ingest and line), "
        "with its class under status_map and its SKU's category.",
    ),
    Mart(
        "promotions",
        ("promotion", "start_date"),
        "One row per platform promotion of the platform_promotions seed (Super March Sale, "
        "9.9, 11.11 by year), as of as_of: its dates, the day to have stock in by "
        "(promotion_stock_up_days, 30, before it starts) and whether it is the next promotion"
        " to start after as_of. The seller report marks them on the daily units chart and "
        "names the next one.",
    ),
    Mart(
        "sales_volume_daily",
        ("store_id", "date"),
        "One row per (store_id, date), from the store's first order day through as_of, "
        "zero-sale days included. Rolling sales volume over counted (completed) lines by "
        "order day, using each line's latest state.",
    ),
    Mart(
        "sku_sales_volume",
        ("store_id", "sku"),
        "One row per (store_id, sku) with an order line or a listing, in the stores of the "
        "marts, as of as_of. Sales volume windows end on as_of.",
    ),
    Mart(
        "store_diagnosis",
        ("store_id", "code", "date", "sku", "order_id"),
        "One row per finding. The three-step diagnosis of a sales drop run for each store on "
        "as_of (1 volume_freeze_risk, 2 logistics_bottleneck, 3 listing_mismatch_suspect) "
        "plus test_sku_eliminate and review_invite findings (step NULL).",
    ),
    Mart(
        "store_eligibility",
        ("store_id", "program"),
        "One row per (store_id, program), as of as_of. Whether the store meets the rule of "
        "each platform program (new_store_accelerator, top_brand, search_ads, "
        "overseas_warehouse, category_top100), with the metric, its value, the threshold and "
        "a readable reason.",
    ),
    Mart(
        "store_export_coverage",
        ("store_id", "kind"),
        "One row per (store_id, kind) for every store of the marts and each of the six export"
        " kinds (orders, listings, dsr, traffic, reviews, store), as of as_of; a kind with no"
        " file still has its row. Says which exports loaded, how old the latest is, whether "
        "it is stale, and for orders how many days no file covers: a missing or late export "
        "must never look like a sales collapse.",
    ),
    Mart(
        "store_health_daily",
        ("store_id", "date"),
        "One row per (store_id, date), from the store's first order day through as_of. "
        "Logistics (48 h online rate, 72 h overdue orders), listing activity (动销率), DSR and "
        "sales volatility as seen at the end of each day.",
    ),
    Mart(
        "stores",
        ("store_id",),
        "One row per store of the marts (a store with at least one order line not in "
        "quarantine): its name, opening day, main category, first order day, the snapshot day"
        " of its latest order export and its client. BI tools join every mart to it by "
        "store_id.",
    ),
    Mart(
        "thresholds",
        ("name",),
        "The platform_thresholds seed as the marts of this run read it: one row per named "
        "threshold. Published so that a reader of serving.duckdb (the seller report's health "
        "lights and threshold lines, a BI tool) compares a metric with the value its flag was"
        " computed from.",
    ),
    Mart(
        "volume_rolloff_forecast",
        ("store_id", "horizon_days"),
        "One row per (store_id, horizon_days) for every store of the marts and each horizon "
        "of the rolloff_horizons seed (7 and 30 days), as of as_of. Units leave the 365-day "
        "total as the window moves: by day as_of + h the days as_of − 364 … as_of − 365 + h "
        "have left it. Shows what leaves, what the 30-day run rate brings in, and whether the"
        " store drops below its main category's top-100 threshold.",
    ),
)

PUBLISHED_MARTS: tuple[str, ...] = tuple(m.name for m in MARTS)
BY_NAME: dict[str, Mart] = {m.name: m for m in MARTS}


def mart(name: str) -> Mart:
    return BY_NAME[name]
