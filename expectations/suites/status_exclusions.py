"""Suite status_exclusions: which order lines count towards sales volume (metrics.md, Order line
state). Order lines are grouped per (raw status, class, reason, counted) in DuckDB, so the frame
has a few dozen rows whatever the number of lines; n_rows carries the line count of each group
and example_line names one line of it."""

from expectations.frames import Frame, check, where
from expectations.report import WARN

SUITE = "status_exclusions"
CLASSES = ["completed", "in_progress", "excluded"]

LINE_STATES = Frame(
    suite=SUITE,
    name="line_states",
    asset="marts.fct_order_lines",
    weight="n_rows",
    # Group the lines first and map the few distinct statuses after: trimming and folding
    # ten million status texts would cost more than the whole group-by.
    sql="""
        with states as (
            select
                raw_status,
                status_class,
                status_reason,
                is_counted,
                count(*) as n_rows,
                any_value({'store_id': store_id, 'order_id': order_id, 'sku': sku}) as example
            from marts.fct_order_lines
            group by all
        ),
        status_map as (
            select lower(trim(raw_status)) as status_key, min("class") as mapped_class
            from seeds.status_map
            group by 1
        )
        select
            s.raw_status,
            s.status_class,
            s.status_reason,
            s.is_counted,
            m.mapped_class,
            s.n_rows,
            s.example.store_id || ' / ' || s.example.order_id || ' / ' || s.example.sku
                as example_line
        from states as s
        left join status_map as m on m.status_key = lower(trim(s.raw_status))
        order by s.n_rows desc
    """,
    checks=(
        check("line_has_status_class", "ExpectColumnValuesToNotBeNull", column="status_class"),
        check(
            "line_status_class_is_known",
            "ExpectColumnValuesToBeInSet",
            column="status_class",
            value_set=CLASSES,
        ),
        check(
            "line_raw_status_in_status_map", "ExpectColumnValuesToNotBeNull", column="mapped_class"
        ),
        check(
            "line_status_class_matches_status_map",
            "ExpectColumnPairValuesToBeEqual",
            column_A="status_class",
            column_B="mapped_class",
            ignore_row_if="both_values_are_missing",
        ),
        check(
            "counted_lines_are_completed",
            "ExpectColumnValuesToBeInSet",
            column="status_class",
            value_set=["completed"],
            **where("is_counted", True),
        ),
        check(
            "completed_lines_are_counted",
            "ExpectColumnValuesToBeInSet",
            column="is_counted",
            value_set=[True],
            **where("status_class", "completed"),
        ),
        check(
            "excluded_lines_have_reason",
            "ExpectColumnValuesToNotBeNull",
            column="status_reason",
            **where("status_class", "excluded"),
        ),
    ),
)

# Per store: the mart's units_365d on as_of against the counted lines of the same window.
UNITS_RECONCILIATION = Frame(
    suite=SUITE,
    name="units_365d_reconciliation",
    asset="marts.sales_volume_daily",
    sql="""
        with stores as (
            select distinct store_id from marts.fct_order_lines
        ),
        counted as (
            select store_id, sum(quantity)::bigint as units
            from marts.fct_order_lines
            where is_counted and order_day between $as_of::date - 364 and $as_of::date
            group by store_id
        ),
        mart as (
            select store_id, units_365d
            from marts.sales_volume_daily
            where date = $as_of::date
        )
        select
            s.store_id,
            $as_of::date as as_of,
            mart.units_365d as mart_units_365d,
            coalesce(counted.units, 0) as counted_line_units_365d
        from stores as s
        left join mart on mart.store_id = s.store_id
        left join counted on counted.store_id = s.store_id
        order by s.store_id
    """,
    checks=(
        check(
            "units_365d_equals_counted_lines",
            "ExpectColumnPairValuesToBeEqual",
            column_A="mart_units_365d",
            column_B="counted_line_units_365d",
            ignore_row_if="neither",
        ),
    ),
)

# Unknown statuses are held in quarantine by design; a warning tells the seller to extend
# status_map rather than blocking the publish.
UNKNOWN_STATUSES = Frame(
    suite=SUITE,
    name="quarantined_reasons",
    asset="audit.quarantine",
    weight="n_rows",
    sql="""
        select reason, store_id, file, count(*) as n_rows, min(line) as first_line
        from audit.quarantine
        group by all
        order by n_rows desc
    """,
    checks=(
        check(
            "no_line_held_for_unknown_status",
            "ExpectColumnValuesToNotBeInSet",
            severity=WARN,
            column="reason",
            value_set=["unknown_status"],
        ),
    ),
)

FRAMES = (LINE_STATES, UNITS_RECONCILIATION, UNKNOWN_STATUSES)
