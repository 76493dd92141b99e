-- One row per (store_id, sku, date) with at least one order line: counted units and
-- amount, the paid quantity of all classes (for sold_count), and the refunded units
-- against the completed or refunded ones (for refund_rate_90d).
--
-- The USD amounts are summed as decimals (to 1e-8 USD): a decimal sum does not depend on
-- the order of the rows, so an incremental build equals a full refresh to the last digit
-- and a USD amount of whole cents stays whole cents at a threshold.
select
    store_id,
    sku,
    order_day as date,
    any_value(category) as category,
    coalesce(sum(quantity) filter (where is_counted), 0) as counted_units,
    coalesce(sum(cast(amount as decimal(38, 8))) filter (where is_counted), 0) as counted_amount,
    coalesce(sum(quantity) filter (where paid_at is not null), 0) as paid_units,
    coalesce(sum(quantity) filter (where status_reason = 'refunded'), 0) as refunded_units,
    coalesce(sum(quantity) filter (where is_counted or status_reason = 'refunded'), 0)
        as settled_units
from {{ ref('fct_order_lines') }}
group by store_id, sku, order_day
