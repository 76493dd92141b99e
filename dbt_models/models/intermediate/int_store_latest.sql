-- One row per store_id: the latest store-file record.
{{ latest_version(
    ref('stg_store'),
    keys=['store_id'],
    columns=[
        'store_id',
        'store_name',
        'opened_at',
        'main_category',
        'main_category_class',
    ],
) }}
