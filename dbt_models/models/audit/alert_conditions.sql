-- The per-store alert conditions of interface.md that hold on as_of, one row per
-- (store_id, code), from the marts and the thresholds of the seeds. Which of them are
-- new (raised) and which stopped (cleared) is decided at publish against the last
-- published run (dagster_project/alerts); eligibility changes are found there too, since
-- they compare with the published file.
with as_of as (
    select as_of from {{ ref('int_as_of') }}
),

health as (
    select h.*
    from {{ ref('store_health_daily') }} as h
    inner join as_of on h.date = as_of.as_of
),

conditions as (
    select
        store_id, 'export_stale' as code,
        cast(days_since_last_export as double) as metric_value,
        cast(max_age_days as double) as threshold
    from {{ ref('store_export_coverage') }}
    where kind = 'orders' and stale

    union all
    select
        store_id,
        'overdue_orders' as code,
        cast(overdue_72h_orders as double) as metric_value,
        0 as threshold
    from health
    where overdue_72h_orders > 0

    union all
    select
        store_id,
        'online_rate_below_target' as code,
        online_48h_rate_30d as metric_value,
        {{ threshold('logistics_online_target_rate') }} as threshold
    from health
    where online_48h_rate_30d < {{ threshold('logistics_online_target_rate') }}

    union all
    -- the lowest of the three means is the one that fails
    select
        store_id,
        'dsr_below_healthy' as code,
        least(dsr_description_90d, dsr_service_90d, dsr_logistics_90d) as metric_value,
        {{ threshold('dsr_healthy') }} as threshold
    from health
    where dsr_healthy = false

    union all
    select
        store_id,
        'sku_active_rate_low' as code,
        sku_active_rate_90d as metric_value,
        {{ threshold('sku_active_rate_warning') }} as threshold
    from health
    where sku_active_rate_90d < {{ threshold('sku_active_rate_warning') }}

    union all
    select
        store_id,
        'top100_at_risk' as code,
        cast(projected_units_365d as double) as metric_value,
        cast(top100_threshold as double) as threshold
    from {{ ref('volume_rolloff_forecast') }}
    where horizon_days = 30 and top100_at_risk

    union all
    -- one alert per store: the strongest spike of the 7 days ending on as_of
    select
        d.store_id,
        'volume_freeze_risk' as code,
        max(d.metric_value) as metric_value,
        max(d.threshold) as threshold
    from {{ ref('store_diagnosis') }} as d
    cross join as_of
    where d.code = 'volume_freeze_risk'
        and {{ in_window('d.date', 'as_of.as_of', 7) }}
    group by d.store_id
),

codes as (
    select * from {{ ref('alert_codes') }}
)

select
    cast(c.store_id as string) as store_id,
    cast(c.code as string) as code,
    cast(codes.severity as string) as severity,
    cast(c.metric_value as double) as metric_value,
    cast(c.threshold as double) as threshold,
    cast({{ alert_message(
        'codes.raised_en', 'c.store_id', 'c.metric_value', 'c.threshold', 'codes.value_format'
    ) }} as string) as message_en,
    cast({{ alert_message(
        'codes.raised_zh', 'c.store_id', 'c.metric_value', 'c.threshold', 'codes.value_format'
    ) }} as string) as message_zh
from conditions as c
inner join codes on c.code = codes.code
