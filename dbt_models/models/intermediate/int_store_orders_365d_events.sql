-- One row per (store_id, date) where the number of distinct counted orders in the
-- 365-day window changes: delta to add on that day. An order with counted lines on
-- days d1 < d2 < ... is inside the window ending D while some di is in [D-364, D],
-- i.e. over the union of the intervals [di, di+364]. Each merged interval adds +1 on
-- its first day and -1 the day after its last, so a running sum over the dense
-- calendar gives the exact distinct count without joining days to a year of rows.
--
-- An order whose counted days lie within 364 days of each other (in practice every
-- order: its lines share one order time) is one interval, found by a grouped min and
-- max; only the others need their days in order to merge the intervals.
{%- set window_days = 365 %}

with spans as (
    select
        store_id,
        order_id,
        min(order_day) as first_day,
        max(order_day) as last_day
    from {{ ref('fct_order_lines') }}
    where is_counted
    group by store_id, order_id
),

spread_days as (
    select distinct order_lines.store_id, order_lines.order_id, order_lines.order_day
    from {{ ref('fct_order_lines') }} as order_lines
    inner join spans
        on order_lines.store_id = spans.store_id
        and order_lines.order_id = spans.order_id
    where order_lines.is_counted
        and {{ days_between('spans.last_day', 'spans.first_day') }} >= {{ window_days }}
),

neighbours as (
    select
        store_id,
        order_id,
        order_day,
        lag(order_day) over by_order as prev_day,
        lead(order_day) over by_order as next_day
    from spread_days
    window by_order as (partition by store_id, order_id order by order_day)
),

events as (
    select store_id, first_day as date, 1 as delta
    from spans
    where {{ days_between('last_day', 'first_day') }} < {{ window_days }}
    union all
    select store_id, {{ window_leaves('last_day', window_days) }} as date, -1 as delta
    from spans
    where {{ days_between('last_day', 'first_day') }} < {{ window_days }}
    union all
    select store_id, order_day as date, 1 as delta
    from neighbours
    where prev_day is null or {{ days_between('order_day', 'prev_day') }} >= {{ window_days }}
    union all
    select store_id, {{ window_leaves('order_day', window_days) }} as date, -1 as delta
    from neighbours
    where next_day is null or {{ days_between('next_day', 'order_day') }} >= {{ window_days }}
)

select store_id, date, sum(delta) as delta
from events
group by store_id, date
