-- One row per (store_id, order_id): the latest review record.
{{ latest_version(
    ref('stg_reviews'),
    keys=['store_id', 'order_id'],
    columns=[
        'store_id',
        'order_id',
        'reviewed_at',
        'reviewed_day',
        'rating',
    ],
) }}
