-- One row per (store_id, sku): the latest listing record. A SKU missing from a
-- newer listings file keeps its last record.
select
    store_id,
    sku,
    product_id,
    category,
    category_class,
    listed_at,
    listed_day,
    delisted_at,
    delisted_day,
    snapshot_at,
    source_file
from {{ ref('stg_listings') }}
qualify row_number() over (
    partition by store_id, sku
    order by snapshot_at desc, file_name desc, ingest_id desc, line desc
) = 1
