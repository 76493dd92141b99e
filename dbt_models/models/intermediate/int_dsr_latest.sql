-- One row per (store_id, date): the latest DSR record of the day.
select
    store_id,
    date,
    dsr_description,
    dsr_service,
    dsr_logistics
from {{ ref('stg_dsr') }}
qualify row_number() over (
    partition by store_id, date
    order by snapshot_at desc, file_name desc, ingest_id desc, line desc
) = 1
