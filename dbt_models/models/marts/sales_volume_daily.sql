-- One row per (store_id, date) from the store's first order day through as_of.
-- Rolling windows are row frames over the dense calendar (one row per day).
with calendar as (
    select store_id, date from {{ ref('int_store_calendar') }}
),

daily as (
    select
        calendar.store_id,
        calendar.date,
        coalesce(store_daily.counted_units, 0) as units,
        coalesce(store_daily.counted_amount, 0) as amount,
        coalesce(store_daily.paid_units, 0) as paid_units,
        coalesce(order_events.delta, 0) as order_delta,
        coverage.covered
    from calendar
    left join {{ ref('int_store_daily') }} as store_daily
        on calendar.store_id = store_daily.store_id
        and calendar.date = store_daily.date
    left join {{ ref('int_store_orders_365d_events') }} as order_events
        on calendar.store_id = order_events.store_id
        and calendar.date = order_events.date
    left join {{ ref('int_store_order_coverage_daily') }} as coverage
        on calendar.store_id = coverage.store_id
        and calendar.date = coverage.date
),

windows as (
    select
        store_id,
        date,
        covered,
        units as units_1d,
        {%- for days in sales_window_days() %}
            sum(units) over (
                partition by store_id order by date {{ window_rows(days) }}
            ) as units_{{ days }}d,
        {%- endfor %}
        sum(order_delta) over (
            partition by store_id order by date rows between unbounded preceding and current row
        ) as orders_365d,
        sum(amount) over (
            partition by store_id order by date {{ window_rows(30) }}
        ) as gmv_30d,
        sum(amount) over (
            partition by store_id order by date {{ window_rows(365) }}
        ) as gmv_365d,
        sum(paid_units) over (
            partition by store_id order by date rows between unbounded preceding and current row
        ) as sold_count
    from daily
),

final as (
    select
        cast(store_id as string) as store_id,
        cast(date as date) as date,
        cast(units_1d as bigint) as units_1d,
        cast(units_7d as bigint) as units_7d,
        cast(units_30d as bigint) as units_30d,
        cast(units_90d as bigint) as units_90d,
        cast(units_180d as bigint) as units_180d,
        cast(units_365d as bigint) as units_365d,
        cast(units_365d as bigint) as total_sales_volume,
        cast(orders_365d as bigint) as orders_365d,
        cast(gmv_30d as decimal(18, 2)) as gmv_30d,
        cast(gmv_365d as decimal(18, 2)) as gmv_365d,
        cast(sold_count as bigint) as sold_count,
        cast(coalesce(covered, false) as boolean) as covered
    from windows
)

select * from final
