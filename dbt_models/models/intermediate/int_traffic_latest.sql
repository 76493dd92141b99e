-- One row per (store_id, date, sku): the latest traffic record.
select
    store_id,
    date,
    sku,
    visitors,
    add_to_cart_users,
    paying_buyers
from {{ ref('stg_traffic') }}
qualify row_number() over (
    partition by store_id, date, sku
    order by snapshot_at desc, file_name desc, ingest_id desc, line desc
) = 1
