-- Diagnosis step 1, one row per flagged SKU-day: a SKU-day in the 30-day window
-- ending on as_of whose counted units reach anomaly_spike_multiple x B (B > 0: the
-- SKU's counted units over the 30 days before that day / 30) at an average price
-- below anomaly_price_ratio x the category's average unit price.
{#- the window of the findings, and the length of each SKU-day's baseline -#}
{%- set window_days = 30 %}

with stores as (
    select store_id, as_of from {{ ref('int_stores') }}
),

recent as (
    -- the 30-day window plus the 30 days of baseline before its first day
    select
        sku_daily.store_id, sku_daily.sku, sku_daily.date, sku_daily.category,
        sku_daily.counted_units, sku_daily.counted_amount, stores.as_of
    from {{ ref('int_sku_daily') }} as sku_daily
    inner join stores on sku_daily.store_id = stores.store_id
    where sku_daily.date <= stores.as_of
        and sku_daily.date >= {{ window_start('stores.as_of', 2 * window_days) }}
        and sku_daily.counted_units > 0
),

baselines as (
    select
        *,
        coalesce(
            sum(counted_units) over (
                partition by store_id, sku order by date
                range between interval {{ window_days }} day preceding and interval 1 day preceding
            ),
            0
        ) as baseline_units
    from recent
)

select
    baselines.store_id,
    baselines.date,
    1 as step,
    'volume_freeze_risk' as code,
    baselines.sku,
    cast(null as string) as order_id,
    cast(baselines.counted_units as double) * {{ window_days }} / baselines.baseline_units
        as metric_value,
    {{ threshold('anomaly_spike_multiple') }} as threshold,
    printf(
        'SKU %s sold %d units on %s, %.1f times its {{ window_days }}-day daily average, at %.2f USD a unit against a %s average of %.2f USD: risk of a sales-volume freeze.',  -- noqa: LT05
        baselines.sku, cast(baselines.counted_units as bigint), cast(baselines.date as string),
        {{ fixed('cast(baselines.counted_units as double) * ' ~ window_days
            ~ ' / baselines.baseline_units', 1) }},
        {{ fixed('cast(baselines.counted_amount as double) / baselines.counted_units', 2) }},
        baselines.category,
        {{ fixed('benchmarks.avg_unit_price_usd', 2) }}
    ) as message
from baselines
inner join {{ ref('category_benchmarks') }} as benchmarks
    on baselines.category = benchmarks.category
where baselines.date >= {{ window_start('baselines.as_of', window_days) }}
    and baselines.baseline_units > 0
    -- units >= multiple x (baseline_units / 30), multiplied out to avoid rounding
    and baselines.counted_units * {{ window_days }}
    >= {{ threshold('anomaly_spike_multiple') }} * baselines.baseline_units
    and baselines.counted_amount
    < {{ threshold('anomaly_price_ratio') }} * benchmarks.avg_unit_price_usd
    * baselines.counted_units
