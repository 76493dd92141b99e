"""Checks of the Money and stores parts of metrics.md: the `fx_rates` seed (suite
threshold_tables), `marts.stores` (suite marts) and lines held for a currency without a
rate (suite status_exclusions, a warning like unknown statuses)."""

from expectations.frames import Frame, check
from expectations.report import WARN

# Each (currency, month) row: a rate is a positive number of USD.
FX_RATE_VALUES = Frame(
    suite="threshold_tables",
    name="fx_rate_values",
    asset="seeds.fx_rates",
    sql="""
        select currency, month, try_cast(usd_per_unit as double) as usd_per_unit
        from seeds.fx_rates
        order by currency, month
    """,
    checks=(
        check(
            "fx_rate_positive",
            "ExpectColumnValuesToBeBetween",
            column="usd_per_unit",
            min_value=0,
            strict_min=True,
        ),
        check("fx_rate_present", "ExpectColumnValuesToNotBeNull", column="usd_per_unit"),
    ),
)

# Per currency: one row for every calendar month between its first and its last month, so
# a line of a month inside the range is never held for a missing rate by accident.
FX_RATE_MONTHS = Frame(
    suite="threshold_tables",
    name="fx_rate_months",
    asset="seeds.fx_rates",
    sql="""
        select
            currency,
            min(month) as first_month,
            max(month) as last_month,
            count(distinct date_trunc('month', month)) as months,
            date_diff('month', min(month), max(month)) + 1 as calendar_months,
            count(*) - count(distinct date_trunc('month', month)) as repeated_months
        from seeds.fx_rates
        group by currency
        order by currency
    """,
    checks=(
        check(
            "fx_rates_no_missing_month",
            "ExpectColumnPairValuesToBeEqual",
            column_A="months",
            column_B="calendar_months",
        ),
        check(
            "fx_rates_one_row_per_month",
            "ExpectColumnValuesToBeBetween",
            column="repeated_months",
            min_value=0,
            max_value=0,
        ),
    ),
)

# marts.stores holds every store of the marts (a store with an order line not in
# quarantine) exactly once, and no other.
STORES = Frame(
    suite="marts",
    name="stores_rows",
    asset="marts.stores",
    sql="""
        with of_the_marts as (
            select distinct store_id from marts.fct_order_lines
        ),
        listed as (
            select store_id, count(*) as occurrences from marts.stores group by store_id
        )
        select
            coalesce(m.store_id, l.store_id) as store_id,
            coalesce(l.occurrences, 0) as occurrences,
            m.store_id is not null as of_the_marts
        from of_the_marts as m
        full join listed as l on l.store_id = m.store_id
        order by store_id
    """,
    checks=(
        check(
            "stores_one_row_per_store_of_the_marts",
            "ExpectColumnValuesToBeBetween",
            column="occurrences",
            min_value=1,
            max_value=1,
        ),
        check(
            "stores_only_stores_of_the_marts",
            "ExpectColumnValuesToBeInSet",
            column="of_the_marts",
            value_set=[True],
        ),
    ),
)

# Held by design until the seller refreshes fx_rates (`asw fx-rates`): a warning.
UNKNOWN_CURRENCIES = Frame(
    suite="status_exclusions",
    name="quarantined_currency_reasons",
    asset="audit.quarantine",
    weight="n_rows",
    sql="""
        select reason, store_id, file, count(*) as n_rows, min(line) as first_line
        from audit.quarantine
        where reason = 'unknown_currency'
        group by all
        order by n_rows desc
    """,
    checks=(
        check(
            "no_line_held_for_unknown_currency",
            "ExpectColumnValuesToNotBeInSet",
            severity=WARN,
            column="reason",
            value_set=["unknown_currency"],
        ),
    ),
)

FRAMES = (FX_RATE_VALUES, FX_RATE_MONTHS, STORES, UNKNOWN_CURRENCIES)
