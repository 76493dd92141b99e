-- One row per (store_id, date, sku): the latest traffic record.
{{ latest_version(
    ref('stg_traffic'),
    keys=['store_id', 'date', 'sku'],
    columns=[
        'store_id',
        'date',
        'sku',
        'visitors',
        'add_to_cart_users',
        'paying_buyers',
    ],
) }}
