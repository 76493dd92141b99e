-- One row per store of the marts (a store with at least one non-quarantined order
-- line): its first order day (any class), whether its exports carry online_at, and
-- as_of.
select
    order_lines.store_id,
    min(order_lines.order_day) as first_order_day,
    bool_or(order_lines.online_at is not null) as has_online_data,
    any_value(as_of.as_of) as as_of
from {{ ref('int_order_lines_latest') }} as order_lines
cross join {{ ref('int_as_of') }} as as_of
group by order_lines.store_id
