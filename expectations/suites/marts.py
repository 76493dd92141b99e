"""Suite marts: shape rules of the six marts (metrics.md). Daily and SKU marts are read at their
own grain with only the columns a check needs (stores x days stays small); the order-line mart
is only ever read as aggregates or duplicate-key candidates."""

from dagster_project.ingest.layout import KINDS
from expectations.frames import Check, Frame, check, not_below

SUITE = "marts"
PROGRAMS = [
    "new_store_accelerator",
    "top_brand",
    "search_ads",
    "overseas_warehouse",
    "category_top100",
]


def _unique(mart: str, *columns: str) -> Check:
    return check(
        f"{mart}_one_row_per_key", "ExpectCompoundColumnsToBeUnique", column_list=list(columns)
    )


SALES_VOLUME_WINDOWS = Frame(
    suite=SUITE,
    name="sales_volume_windows",
    asset="marts.sales_volume_daily",
    sql="""
        select store_id, date, units_1d, units_7d, units_30d, units_90d, units_180d, units_365d,
            total_sales_volume
        from marts.sales_volume_daily
        order by store_id, date
    """,
    checks=(
        _unique("sales_volume_daily", "store_id", "date"),
        not_below("units_1d_not_above_units_7d", "units_7d", "units_1d"),
        not_below("units_7d_not_above_units_30d", "units_30d", "units_7d"),
        not_below("units_30d_not_above_units_90d", "units_90d", "units_30d"),
        not_below("units_90d_not_above_units_180d", "units_180d", "units_90d"),
        not_below("units_180d_not_above_units_365d", "units_365d", "units_180d"),
        check(
            "total_sales_volume_equals_units_365d",
            "ExpectColumnPairValuesToBeEqual",
            column_A="total_sales_volume",
            column_B="units_365d",
            ignore_row_if="both_values_are_missing",
        ),
    ),
)

SKU_WINDOWS = Frame(
    suite=SUITE,
    name="sku_windows",
    asset="marts.sku_sales_volume",
    sql="""
        select store_id, sku, units_7d, units_30d, units_90d, units_365d
        from marts.sku_sales_volume
        order by store_id, sku
    """,
    checks=(
        _unique("sku_sales_volume", "store_id", "sku"),
        not_below("sku_units_7d_not_above_units_30d", "units_30d", "units_7d"),
        not_below("sku_units_30d_not_above_units_90d", "units_90d", "units_30d"),
        not_below("sku_units_90d_not_above_units_365d", "units_365d", "units_90d"),
    ),
)

# The rates' range ([0, 1] or NULL) is a dbt test of store_health_daily.yml
# (online_48h_rate_between_0_and_1, rates_90d_in_range): the audit runs only on a build
# whose tests passed, so it is not restated here.
HEALTH_KEYS = Frame(
    suite=SUITE,
    name="store_health_keys",
    asset="marts.store_health_daily",
    sql="""
        select store_id, date
        from marts.store_health_daily
        order by store_id, date
    """,
    checks=(_unique("store_health_daily", "store_id", "date"),),
)

# Ten million order lines never leave DuckDB: only keys seen more than once come out. Sorting
# one 64-bit hash per line finds candidate keys faster than grouping ten million text keys;
# the candidates are then counted exactly, so a hash collision cannot raise a false alarm.
ORDER_LINE_KEYS = Frame(
    suite=SUITE,
    name="order_line_duplicate_keys",
    asset="marts.fct_order_lines",
    weight="occurrences",
    sql="""
        with hashed as (
            select hash(store_id, order_id, sku) as key_hash from marts.fct_order_lines
        ),
        repeated as (
            select distinct key_hash
            from (
                select key_hash, lead(key_hash) over (order by key_hash) as next_hash
                from hashed
            )
            where key_hash = next_hash
        )
        select store_id, order_id, sku, count(*) as occurrences
        from marts.fct_order_lines
        where hash(store_id, order_id, sku) in (select key_hash from repeated)
        group by all
        having count(*) > 1
        order by occurrences desc, store_id, order_id, sku
        limit 1000
    """,
    checks=(
        check(
            "fct_order_lines_one_row_per_key",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
    ),
)


def _calendar(mart: str) -> Frame:
    """Each store's daily rows run without a gap from its first order day to as_of."""
    return Frame(
        suite=SUITE,
        name=f"{mart}_calendar",
        asset=f"marts.{mart}",
        sql=f"""
            with first_days as (
                select store_id, min(order_day) as first_order_day
                from marts.fct_order_lines
                group by store_id
            ),
            calendar as (
                select store_id, min(date) as first_date, max(date) as last_date,
                    count(distinct date) as days
                from marts.{mart}
                group by store_id
            )
            select
                coalesce(c.store_id, f.store_id) as store_id,
                f.first_order_day,
                c.first_date,
                c.last_date,
                $as_of::date as as_of,
                c.days,
                date_diff('day', c.first_date, c.last_date) + 1 as calendar_days
            from calendar as c
            full join first_days as f on f.store_id = c.store_id
            order by store_id
        """,
        checks=(
            not_below(f"{mart}_dates_not_after_as_of", "as_of", "last_date"),
            check(
                f"{mart}_ends_on_as_of",
                "ExpectColumnPairValuesToBeEqual",
                column_A="last_date",
                column_B="as_of",
                ignore_row_if="neither",
            ),
            check(
                f"{mart}_starts_on_first_order_day",
                "ExpectColumnPairValuesToBeEqual",
                column_A="first_date",
                column_B="first_order_day",
                ignore_row_if="neither",
            ),
            check(
                f"{mart}_one_row_per_calendar_day",
                "ExpectColumnPairValuesToBeEqual",
                column_A="days",
                column_B="calendar_days",
                ignore_row_if="neither",
            ),
        ),
    )


DIAGNOSIS = Frame(
    suite=SUITE,
    name="store_diagnosis_findings",
    asset="marts.store_diagnosis",
    sql="""
        select store_id, date, step, code, sku, order_id, $as_of::date as as_of
        from marts.store_diagnosis
        order by store_id, date, code, sku, order_id
    """,
    checks=(
        _unique("store_diagnosis", "store_id", "date", "code", "sku", "order_id"),
        not_below("store_diagnosis_dates_not_after_as_of", "as_of", "date"),
    ),
)

_PROGRAM_VALUES = ", ".join(f"('{p}')" for p in PROGRAMS)

ELIGIBILITY = Frame(
    suite=SUITE,
    name="store_eligibility_programs",
    asset="marts.store_eligibility",
    sql=f"""
        with programs(program) as (values {_PROGRAM_VALUES}),
        stores as (
            select distinct store_id from marts.fct_order_lines
        ),
        eligibility as (
            select store_id, program, count(*) as occurrences, max(as_of) as as_of
            from marts.store_eligibility
            group by all
        ),
        expected as (
            select s.store_id, p.program from stores as s cross join programs as p
        )
        select
            coalesce(x.store_id, e.store_id) as store_id,
            coalesce(x.program, e.program) as program,
            coalesce(e.occurrences, 0) as occurrences,
            e.as_of,
            $as_of::date as audit_as_of
        from expected as x
        full join eligibility as e on e.store_id = x.store_id and e.program = x.program
        order by store_id, program
    """,
    checks=(
        check(
            "store_eligibility_every_program_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
        check(
            "store_eligibility_known_program",
            "ExpectColumnValuesToBeInSet",
            column="program",
            value_set=PROGRAMS,
        ),
        check(
            "store_eligibility_as_of_is_audit_as_of",
            "ExpectColumnPairValuesToBeEqual",
            column_A="as_of",
            column_B="audit_as_of",
            # A missing program row is reported by the check above, not twice.
            ignore_row_if="either_value_is_missing",
        ),
    ),
)

# Export coverage and the roll-off forecast (metrics.md, store_export_coverage and
# volume_rolloff_forecast).
EXPORT_KINDS = list(KINDS)  # the inbox's kind folders, one list
_KIND_VALUES = ", ".join(f"('{k}')" for k in EXPORT_KINDS)

EXPORT_COVERAGE = Frame(
    suite=SUITE,
    name="store_export_coverage_kinds",
    asset="marts.store_export_coverage",
    sql=f"""
        with kinds(kind) as (values {_KIND_VALUES}),
        stores as (
            select distinct store_id from marts.fct_order_lines
        ),
        coverage as (
            select store_id, kind, count(*) as occurrences
            from marts.store_export_coverage
            group by all
        ),
        expected as (
            select s.store_id, k.kind from stores as s cross join kinds as k
        )
        select
            coalesce(x.store_id, c.store_id) as store_id,
            coalesce(x.kind, c.kind) as kind,
            coalesce(c.occurrences, 0) as occurrences
        from expected as x
        full join coverage as c on c.store_id = x.store_id and c.kind = x.kind
        order by store_id, kind
    """,
    checks=(
        check(
            "store_export_coverage_six_kinds_once",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
        check(
            "store_export_coverage_known_kind",
            "ExpectColumnValuesToBeInSet",
            column="kind",
            value_set=EXPORT_KINDS,
        ),
    ),
)

ROLLOFF_FORECAST = Frame(
    suite=SUITE,
    name="volume_rolloff_forecast_rows",
    asset="marts.volume_rolloff_forecast",
    sql="""
        select store_id, horizon_days, units_365d, rolloff_units, projected_units_365d
        from marts.volume_rolloff_forecast
        order by store_id, horizon_days
    """,
    checks=(
        _unique("volume_rolloff_forecast", "store_id", "horizon_days"),
        check(
            "projected_units_365d_not_negative",
            "ExpectColumnValuesToBeBetween",
            column="projected_units_365d",
            min_value=0,
        ),
        not_below("rolloff_units_not_above_units_365d", "units_365d", "rolloff_units"),
    ),
)

# The day the run asked for against the day the marts say they were built for.
# `$requested_as_of` is the run's --as-of, NULL for the default, which is `$as_of`: the
# day int_as_of computed from the loaded lines.
RUN_AS_OF = Frame(
    suite=SUITE,
    name="run_as_of",
    asset="marts.store_eligibility",
    sql="""
        select
            (select max(as_of) from marts.store_eligibility) as marts_as_of,
            coalesce($requested_as_of::date, $as_of::date) as requested_as_of,
            $requested_as_of::date is null as requested_default
    """,
    checks=(
        check(
            "marts_built_for_the_requested_as_of",
            "ExpectColumnPairValuesToBeEqual",
            column_A="marts_as_of",
            column_B="requested_as_of",
            ignore_row_if="both_values_are_missing",
        ),
    ),
)

FRAMES = (
    SALES_VOLUME_WINDOWS,
    SKU_WINDOWS,
    HEALTH_KEYS,
    ORDER_LINE_KEYS,
    _calendar("sales_volume_daily"),
    _calendar("store_health_daily"),
    DIAGNOSIS,
    ELIGIBILITY,
    EXPORT_COVERAGE,
    ROLLOFF_FORECAST,
    RUN_AS_OF,
)
