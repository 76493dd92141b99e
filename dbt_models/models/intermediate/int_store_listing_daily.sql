-- One row per (store_id, date) of the store calendar: SKUs listed on the day and
-- listed SKUs with a counted unit in the 90-day window. A SKU is listed over
-- [listed day, delisted day); it is sale-active over the union of [d, d + 89] for
-- its counted sale days d. Both are turned into +1/-1 events and summed over the
-- dense calendar.
with stores as (
    select store_id, first_order_day from {{ ref('int_stores') }}
),

listings as (
    select
        listings.store_id,
        listings.sku,
        greatest(listings.listed_day, stores.first_order_day) as start_day,
        listings.delisted_day as end_day
    from {{ ref('int_listings_latest') }} as listings
    inner join stores on listings.store_id = stores.store_id
    where listings.listed_day is not null
),

sale_days as (
    select store_id, sku, date
    from {{ ref('int_sku_daily') }}
    where counted_units > 0
),

sale_day_starts as (
    select
        store_id,
        sku,
        date,
        case
            when lag(date) over by_sku is null
                or {{ days_between('date', 'lag(date) over by_sku') }}
                >= {{ health_window_days() }} then 1
            else 0
        end as is_start
    from sale_days
    window by_sku as (partition by store_id, sku order by date)
),

sale_day_groups as (
    select
        store_id,
        sku,
        date,
        sum(is_start) over (
            partition by store_id, sku
            order by date rows between unbounded preceding and current row
        ) as span_id
    from sale_day_starts
),

active_spans as (
    select
        store_id,
        sku,
        min(date) as start_day,
        {{ window_leaves('max(date)', health_window_days()) }} as end_day
    from sale_day_groups
    group by store_id, sku, span_id
),

listed_active_spans as (
    select
        listings.store_id,
        greatest(active_spans.start_day, listings.start_day) as start_day,
        least(active_spans.end_day, coalesce(listings.end_day, active_spans.end_day)) as end_day
    from active_spans
    inner join listings
        on active_spans.store_id = listings.store_id
        and active_spans.sku = listings.sku
),

events as (
    select store_id, start_day as date, 1 as listed_delta, 0 as active_delta
    from listings
    where end_day is null or start_day < end_day
    union all
    select store_id, end_day as date, -1 as listed_delta, 0 as active_delta
    from listings
    where end_day is not null and start_day < end_day
    union all
    select store_id, start_day as date, 0 as listed_delta, 1 as active_delta
    from listed_active_spans
    where start_day < end_day
    union all
    select store_id, end_day as date, 0 as listed_delta, -1 as active_delta
    from listed_active_spans
    where start_day < end_day
),

daily_events as (
    select store_id, date, sum(listed_delta) as listed_delta, sum(active_delta) as active_delta
    from events
    group by store_id, date
)

select
    calendar.store_id,
    calendar.date,
    sum(coalesce(daily_events.listed_delta, 0)) over by_day as listed_skus,
    sum(coalesce(daily_events.active_delta, 0)) over by_day as active_skus_90d
from {{ ref('int_store_calendar') }} as calendar
left join daily_events
    on calendar.store_id = daily_events.store_id
    and calendar.date = daily_events.date
window by_day as (
    partition by calendar.store_id order by calendar.date
    rows between unbounded preceding and current row
)
