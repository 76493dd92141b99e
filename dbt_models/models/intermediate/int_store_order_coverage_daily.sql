-- One row per (store_id, date) of the store calendar: whether at least one order file
-- of the store covers the day (int_order_file_coverage). Each file's span, clipped to
-- the calendar, adds +1 on its first day and -1 on the day after its last; a running
-- sum above 0 is a covered day.
with stores as (
    select store_id, first_order_day from {{ ref('int_stores') }}
),

spans as (
    select
        files.store_id,
        greatest(files.covers_from, stores.first_order_day) as start_day,
        cast(files.covers_through + 1 as date) as end_day
    from {{ ref('int_order_file_coverage') }} as files
    inner join stores on files.store_id = stores.store_id
    where files.covers_from is not null
        and files.covers_from <= files.covers_through
        and files.covers_through >= stores.first_order_day
),

events as (
    select store_id, date, sum(delta) as delta
    from (
        select store_id, start_day as date, 1 as delta from spans
        union all
        select store_id, end_day as date, -1 as delta from spans
    ) as span_events
    group by store_id, date
)

select
    calendar.store_id,
    calendar.date,
    sum(coalesce(events.delta, 0)) over (
        partition by calendar.store_id order by calendar.date
        rows between unbounded preceding and current row
    ) > 0 as covered
from {{ ref('int_store_calendar') }} as calendar
left join events
    on calendar.store_id = events.store_id
    and calendar.date = events.date
