-- One row per (store_id, date) with at least one order line: counted units, GMV,
-- paid quantity, refunded and settled (completed or refunded) units of the day.
select
    store_id,
    date,
    sum(counted_units) as counted_units,
    sum(counted_amount) as counted_amount,
    sum(paid_units) as paid_units,
    sum(refunded_units) as refunded_units,
    sum(settled_units) as settled_units
from {{ ref('int_sku_daily') }}
group by store_id, date
