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
    select store_id, sku, category_class
    from {{ ref('int_order_lines_latest') }}
    where category_class is not null
    qualify row_number() over (
        partition by store_id, sku
        order by order_time desc, snapshot_at desc, file_name desc, ingest_id desc, line desc
    ) = 1
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
