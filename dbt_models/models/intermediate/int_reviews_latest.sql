-- One row per (store_id, order_id): the latest review record.
select
    store_id,
    order_id,
    reviewed_at,
    reviewed_day,
    rating
from {{ ref('stg_reviews') }}
qualify row_number() over (
    partition by store_id, order_id
    order by snapshot_at desc, file_name desc, ingest_id desc, line desc
) = 1
