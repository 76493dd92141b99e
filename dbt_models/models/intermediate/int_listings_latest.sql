-- One row per (store_id, sku): the latest listing record. A SKU missing from a
-- newer listings file keeps its last record.
{{ latest_version(
    ref('stg_listings'),
    keys=['store_id', 'sku'],
    columns=[
        'store_id',
        'sku',
        'product_id',
        'category',
        'category_class',
        'listed_at',
        'listed_day',
        'delisted_at',
        'delisted_day',
        'snapshot_at',
        'source_file',
    ],
) }}
