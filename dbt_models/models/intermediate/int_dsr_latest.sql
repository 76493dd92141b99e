-- One row per (store_id, date): the latest DSR record of the day.
{{ latest_version(
    ref('stg_dsr'),
    keys=['store_id', 'date'],
    columns=[
        'store_id',
        'date',
        'dsr_description',
        'dsr_service',
        'dsr_logistics',
    ],
) }}
