-- One row per (store_id, date): every calendar day from the store's first order day
-- through as_of (empty for a store whose first order day is after as_of).
select
    store_id,
    {{ explode_days('first_order_day', 'as_of') }} as date,
    first_order_day,
    as_of
from {{ ref('int_stores') }}
where first_order_day <= as_of
