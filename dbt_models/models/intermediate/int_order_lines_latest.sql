-- One row per (store_id, order_id, sku): the latest loaded version of the line
-- (exports.md ties: snapshot_at, then file_name, then ingest_id, then line, all
-- descending). Lines held for an unknown status take no part, so an older valid
-- version of the same key stays in force.
{{ latest_version(
    ref('stg_orders'),
    keys=['store_id', 'order_id', 'sku'],
    columns=[
        'store_id',
        'order_id',
        'sku',
        'category',
        'category_class',
        'quantity',
        'amount',
        'order_time',
        'order_day',
        'paid_at',
        'online_at',
        'delivered_at',
        'raw_status',
        'status_class',
        'status_reason',
        "status_class = 'completed' as is_counted",
        'snapshot_at',
        'source_file',
        'file_name',
        'ingest_id',
        'line',
    ],
    where='status_class is not null',
) }}
