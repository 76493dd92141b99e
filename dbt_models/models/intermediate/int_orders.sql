-- One row per (store_id, order_id): order-level facts over the latest state of its
-- lines. paid_at is the earliest over its lines; the scan time is the earliest
-- online_at, else the earliest delivered_at (a delivered parcel was scanned).
select
    store_id,
    order_id,
    min(paid_at) as paid_at,
    cast(min(paid_at) as date) as paid_day,
    coalesce(min(online_at), min(delivered_at)) as scan_at,
    cast(min(delivered_at) as date) as delivered_day,
    bool_and(status_class = 'excluded') as is_all_excluded,
    bool_and(status_class = 'excluded' and coalesce(status_reason, '') <> 'logistics_exception')
        as is_all_excluded_not_logistics,
    bool_or(status_reason = 'logistics_exception') as has_logistics_exception,
    bool_or(is_counted) as has_counted_line,
    -- an order's day is the earliest day among its lines
    min(order_day) as order_day,
    bool_or(status_reason = 'dispute') as has_dispute
from {{ ref('fct_order_lines') }}
group by store_id, order_id
