"""Suite threshold_tables: the seed tables every metric reads its thresholds from
(metrics.md, Threshold seed tables). Seeds are small; frames are the seed rows themselves,
joined with the list of names metrics.md requires."""

from dagster_project.contract.thresholds import THRESHOLDS
from dagster_project.ingest.layout import KINDS
from expectations.frames import Check, Frame, check, where

SUITE = "threshold_tables"

# Every name metrics.md requires, with the range its value must fall in (the catalogue's).
THRESHOLD_KINDS = {t.name: t.range for t in THRESHOLDS if t.required}
CATEGORIES = ["apparel", "consumer_electronics", "home_garden", "other"]
EXCLUSION_REASONS = ["cancelled", "refunded", "rejected", "logistics_exception"]


def _values(rows: list[tuple[str, ...]]) -> str:
    return ", ".join("(" + ", ".join(f"'{v}'" for v in row) + ")" for row in rows)


_EXPECTED_THRESHOLDS = (
    f"expected(name, kind) as (values {_values(sorted(THRESHOLD_KINDS.items()))})"
)

THRESHOLD_NAMES = Frame(
    suite=SUITE,
    name="threshold_names",
    asset="seeds.platform_thresholds",
    sql=f"""
        with {_EXPECTED_THRESHOLDS},
        seen as (
            select name, count(*) as occurrences from seeds.platform_thresholds group by name
        )
        select e.name, coalesce(s.occurrences, 0) as occurrences
        from expected as e
        left join seen as s on s.name = e.name
        order by e.name
    """,
    checks=(
        check(
            "threshold_present_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
    ),
)

THRESHOLD_VALUES = Frame(
    suite=SUITE,
    name="threshold_values",
    asset="seeds.platform_thresholds",
    sql=f"""
        with {_EXPECTED_THRESHOLDS}
        select
            t.name,
            e.kind,
            cast(t.value as varchar) as value,
            try_cast(t.value as double) as numeric_value
        from seeds.platform_thresholds as t
        join expected as e on e.name = t.name
        order by t.name
    """,
    checks=(
        check("threshold_is_numeric", "ExpectColumnValuesToNotBeNull", column="numeric_value"),
        check(
            "threshold_rate_in_unit_interval",
            "ExpectColumnValuesToBeBetween",
            column="numeric_value",
            min_value=0,
            max_value=1,
            **where("kind", "rate"),
        ),
        check(
            "threshold_hours_and_counts_positive",
            "ExpectColumnValuesToBeBetween",
            column="numeric_value",
            min_value=0,
            strict_min=True,
            **where("kind", "positive"),
        ),
        check(
            "threshold_rating_in_range",
            "ExpectColumnValuesToBeBetween",
            column="numeric_value",
            min_value=1,
            max_value=5,
            **where("kind", "rating"),
        ),
        check(
            "threshold_dsr_in_range",
            "ExpectColumnValuesToBeBetween",
            column="numeric_value",
            min_value=0,
            max_value=5,
            **where("kind", "dsr"),
        ),
    ),
)

SKU_ACTIVE_RATE_ORDER = Frame(
    suite=SUITE,
    name="sku_active_rate_order",
    asset="seeds.platform_thresholds",
    sql="""
        select
            max(try_cast(value as double)) filter (where name = 'sku_active_rate_warning')
                as sku_active_rate_warning,
            max(try_cast(value as double)) filter (where name = 'sku_active_rate_healthy')
                as sku_active_rate_healthy
        from seeds.platform_thresholds
    """,
    checks=(
        check(
            "sku_active_rate_warning_below_healthy",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            column_A="sku_active_rate_healthy",
            column_B="sku_active_rate_warning",
            or_equal=False,
            ignore_row_if="neither",
        ),
    ),
)

BENCHMARK_CATEGORIES = Frame(
    suite=SUITE,
    name="benchmark_categories",
    asset="seeds.category_benchmarks",
    sql=f"""
        with expected(category) as (values {_values([(c,) for c in CATEGORIES])}),
        seen as (
            select category, count(*) as occurrences
            from seeds.category_benchmarks
            group by category
        )
        select category, coalesce(s.occurrences, 0) as occurrences
        from expected
        full join seen as s using (category)
        order by category
    """,
    checks=(
        check(
            "benchmark_category_present_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
    ),
)


def _positive(name: str, column: str) -> tuple[Check, Check]:
    return (
        check(f"{name}_present", "ExpectColumnValuesToNotBeNull", column=column),
        check(
            f"{name}_positive",
            "ExpectColumnValuesToBeBetween",
            column=column,
            min_value=0,
            strict_min=True,
        ),
    )


BENCHMARK_VALUES = Frame(
    suite=SUITE,
    name="benchmark_values",
    asset="seeds.category_benchmarks",
    sql="""
        select
            category,
            try_cast(top100_annual_units as double) as top100_annual_units,
            try_cast(avg_unit_price_usd as double) as avg_unit_price_usd,
            try_cast(industry_avg_units_180d as double) as industry_avg_units_180d
        from seeds.category_benchmarks
        order by category
    """,
    checks=(
        *_positive("benchmark_avg_unit_price", "avg_unit_price_usd"),
        *_positive("benchmark_industry_avg_units_180d", "industry_avg_units_180d"),
        # Empty for `other` (no published top-100 figure); positive wherever it is set.
        check(
            "benchmark_top100_annual_units_positive",
            "ExpectColumnValuesToBeBetween",
            column="top100_annual_units",
            min_value=0,
            strict_min=True,
        ),
    ),
)

STATUS_MAP_KEYS = Frame(
    suite=SUITE,
    name="status_map_keys",
    asset="seeds.status_map",
    sql="""
        select
            lower(trim(raw_status)) as status_key,
            count(*) as occurrences,
            string_agg(raw_status, ' | ' order by raw_status) as raw_statuses
        from seeds.status_map
        group by 1
        order by 1
    """,
    checks=(
        check(
            "status_map_raw_status_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
    ),
)

STATUS_MAP_CLASSES = Frame(
    suite=SUITE,
    name="status_map_classes",
    asset="seeds.status_map",
    sql="""
        select raw_status, "class" as status_class, reason
        from seeds.status_map
        order by raw_status
    """,
    checks=(
        check("status_map_class_present", "ExpectColumnValuesToNotBeNull", column="status_class"),
        check(
            "status_map_known_classes",
            "ExpectColumnValuesToBeInSet",
            column="status_class",
            value_set=["completed", "in_progress", "excluded"],
        ),
        check(
            "status_map_excluded_has_reason",
            "ExpectColumnValuesToNotBeNull",
            column="reason",
            **where("status_class", "excluded"),
        ),
        check(
            "status_map_excluded_reason_known",
            "ExpectColumnValuesToBeInSet",
            column="reason",
            value_set=EXCLUSION_REASONS,
            **where("status_class", "excluded"),
        ),
    ),
)

# Export freshness (metrics.md, store_export_coverage): each of the six kinds once, an
# age limit that is a whole number of days, not negative, where one is set.
EXPORT_KINDS = list(KINDS)  # the inbox's kind folders, one list

EXPORT_FRESHNESS = Frame(
    suite=SUITE,
    name="export_freshness_kinds",
    asset="seeds.export_freshness",
    sql=f"""
        with expected(kind) as (values {_values([(k,) for k in EXPORT_KINDS])}),
        seen as (
            select kind, count(*) as occurrences, max(try_cast(max_age_days as double)) as days
            from seeds.export_freshness
            group by kind
        )
        select kind, coalesce(s.occurrences, 0) as occurrences, s.days as max_age_days
        from expected
        full join seen as s using (kind)
        order by kind
    """,
    checks=(
        check(
            "export_freshness_kind_present_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
        check(
            "export_freshness_max_age_not_negative",
            "ExpectColumnValuesToBeBetween",
            column="max_age_days",
            min_value=0,
        ),
    ),
)

ROLLOFF_HORIZONS = Frame(
    suite=SUITE,
    name="rolloff_horizons",
    asset="seeds.rolloff_horizons",
    sql="""
        select try_cast(horizon_days as double) as horizon_days, count(*) as occurrences
        from seeds.rolloff_horizons
        group by 1
        order by 1
    """,
    checks=(
        check(
            "rolloff_horizon_within_a_year",
            "ExpectColumnValuesToBeBetween",
            column="horizon_days",
            min_value=1,
            max_value=365,
        ),
        check(
            "rolloff_horizon_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
    ),
)

FRAMES = (
    THRESHOLD_NAMES,
    THRESHOLD_VALUES,
    SKU_ACTIVE_RATE_ORDER,
    BENCHMARK_CATEGORIES,
    BENCHMARK_VALUES,
    STATUS_MAP_KEYS,
    STATUS_MAP_CLASSES,
    EXPORT_FRESHNESS,
    ROLLOFF_HORIZONS,
)
