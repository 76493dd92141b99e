-- One row per (store_id, sku, date) with at least one order line: counted units and
-- amount, and the paid quantity of all classes (for sold_count).
select
    store_id,
    sku,
    order_day as date,
    any_value(category) as category,
    coalesce(sum(quantity) filter (where is_counted), 0) as counted_units,
    coalesce(sum(amount) filter (where is_counted), 0) as counted_amount,
    coalesce(sum(quantity) filter (where paid_at is not null), 0) as paid_units
from {{ ref('fct_order_lines') }}
group by store_id, sku, order_day
