-- One row per (store_id, sku) known from a listing or an order line: the SKU's
-- category class. Its listing's category, else the category of its latest order
-- line (latest order_time, then later snapshot, file name, line; lines without a
-- category skipped), else other.
with from_listing as (
    select store_id, sku, category_class
    from {{ ref('int_listings_latest') }}
    where category_class is not null
),

from_orders as (
    -- a grouped max_by over the ordering tuple, not a window sorting every line
    select
        store_id,
        sku,
        max_by(
            category_class,
            {{ version_struct(['order_time', 'snapshot_at', 'file_name', 'ingest_id', 'line']) }}
        ) as category_class
    from {{ ref('int_order_lines_latest') }}
    where category_class is not null
    group by store_id, sku
),

skus as (
    select store_id, sku from {{ ref('int_listings_latest') }}
    union
    select store_id, sku from {{ ref('int_order_lines_latest') }}
)

select
    skus.store_id,
    skus.sku,
    coalesce(from_listing.category_class, from_orders.category_class, 'other') as category
from skus
left join from_listing using (store_id, sku)
left join from_orders using (store_id, sku)
