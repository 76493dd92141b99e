-- One row per (store_id, date) of the store calendar: mean daily DSR values over the
-- 90-day window (days without a DSR row skipped). DSR rows before the first order
-- day still count for the early windows, so the frame is a RANGE over the union of
-- calendar days and DSR days.
with stores as (
    select store_id, first_order_day, as_of from {{ ref('int_stores') }}
),

dsr as (
    select dsr.store_id, dsr.date, dsr.dsr_description, dsr.dsr_service, dsr.dsr_logistics
    from {{ ref('int_dsr_latest') }} as dsr
    inner join stores on dsr.store_id = stores.store_id
    where dsr.date <= stores.as_of
        and dsr.date >= {{ window_start('stores.first_order_day', health_window_days()) }}
),

points as (
    select store_id, date from {{ ref('int_store_calendar') }}
    union
    select store_id, date from dsr
),

windows as (
    select
        points.store_id,
        points.date,
        avg(dsr.dsr_description) over by_window as dsr_description_90d,
        avg(dsr.dsr_service) over by_window as dsr_service_90d,
        avg(dsr.dsr_logistics) over by_window as dsr_logistics_90d
    from points
    left join dsr
        on points.store_id = dsr.store_id
        and points.date = dsr.date
    window by_window as (
        partition by points.store_id order by points.date
        {{ window_range(health_window_days()) }}
    )
)

select
    windows.store_id,
    windows.date,
    windows.dsr_description_90d,
    windows.dsr_service_90d,
    windows.dsr_logistics_90d
from windows
inner join {{ ref('int_store_calendar') }} as calendar
    on windows.store_id = calendar.store_id
    and windows.date = calendar.date
