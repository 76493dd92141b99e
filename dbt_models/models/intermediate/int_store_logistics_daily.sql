-- One row per (store_id, date) of the store calendar: the 48 h online rate over the
-- 30-day payment window and the count of orders overdue past 72 h, seen at the end
-- of each day (D + 1 day, 00:00).
--
-- Each order contributes to a run of consecutive days, so both columns are running
-- sums of +1/-1 events over the dense calendar:
--   * its outcome is known from the first day whose end is at or after its scan
--     time, or strictly after paid_at + 48 h; it stays in the 30-day window until
--     paid day + 29;
--   * it is overdue from the first day whose end is strictly after paid_at + 72 h
--     until the day before its scan time falls at or before the end of the day.
with stores as (
    select store_id, first_order_day, has_online_data from {{ ref('int_stores') }}
),

orders as (
    select
        orders.store_id,
        orders.paid_at,
        orders.paid_day,
        orders.scan_at,
        stores.first_order_day,
        -- first day D whose end (D + 1, 00:00) is at or after the scan time
        case
            when orders.scan_at is null then null
            when orders.scan_at = date_trunc('day', orders.scan_at)
                then cast(orders.scan_at as date) - 1
            else cast(orders.scan_at as date)
        end as scanned_day,
        -- first day D whose end is strictly after paid_at + N hours
        cast(orders.paid_at + {{ threshold_hours('logistics_online_hours') }} as date)
            as online_deadline_day,
        cast(orders.paid_at + {{ threshold_hours('logistics_downrank_hours') }} as date)
            as overdue_day,
        coalesce(
            orders.scan_at - orders.paid_at <= {{ threshold_hours('logistics_online_hours') }},
            false
        ) as is_online_in_time
    from {{ ref('int_orders') }} as orders
    inner join stores on orders.store_id = stores.store_id
    where not orders.is_all_excluded
        and orders.paid_at is not null
),

rate_spans as (
    select
        store_id,
        is_online_in_time,
        greatest(
            paid_day,
            least(coalesce(scanned_day, online_deadline_day), online_deadline_day),
            first_order_day
        ) as start_day,
        {{ window_leaves('paid_day', online_rate_window_days()) }} as end_day
    from orders
),

overdue_spans as (
    select
        store_id,
        greatest(overdue_day, first_order_day) as start_day,
        scanned_day as end_day
    from orders
),

events as (
    select
        store_id,
        start_day as date,
        1 as known_delta,
        case when is_online_in_time then 1 else 0 end as online_delta,
        0 as overdue_delta
    from rate_spans
    where start_day < end_day
    union all
    select
        store_id,
        end_day as date,
        -1 as known_delta,
        case when is_online_in_time then -1 else 0 end as online_delta,
        0 as overdue_delta
    from rate_spans
    where start_day < end_day
    union all
    select store_id, start_day as date, 0 as known_delta, 0 as online_delta, 1 as overdue_delta
    from overdue_spans
    where end_day is null or start_day < end_day
    union all
    select store_id, end_day as date, 0 as known_delta, 0 as online_delta, -1 as overdue_delta
    from overdue_spans
    where end_day is not null and start_day < end_day
),

daily_events as (
    select
        store_id,
        date,
        sum(known_delta) as known_delta,
        sum(online_delta) as online_delta,
        sum(overdue_delta) as overdue_delta
    from events
    group by store_id, date
),

running as (
    select
        calendar.store_id,
        calendar.date,
        sum(coalesce(daily_events.known_delta, 0)) over by_day as known_orders,
        sum(coalesce(daily_events.online_delta, 0)) over by_day as online_orders,
        sum(coalesce(daily_events.overdue_delta, 0)) over by_day as overdue_orders
    from {{ ref('int_store_calendar') }} as calendar
    left join daily_events
        on calendar.store_id = daily_events.store_id
        and calendar.date = daily_events.date
    window by_day as (
        partition by calendar.store_id order by calendar.date
        rows between unbounded preceding and current row
    )
)

select
    running.store_id,
    running.date,
    case
        when stores.has_online_data and running.known_orders > 0
            then cast(running.online_orders as double) / running.known_orders
    end as online_48h_rate_30d,
    case when stores.has_online_data then running.overdue_orders end as overdue_72h_orders,
    running.known_orders,
    running.online_orders
from running
inner join stores on running.store_id = stores.store_id
