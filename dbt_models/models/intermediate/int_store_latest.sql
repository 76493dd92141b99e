-- One row per store_id: the latest store-file record.
select
    store_id,
    store_name,
    opened_at,
    main_category,
    main_category_class
from {{ ref('stg_store') }}
qualify row_number() over (
    partition by store_id
    order by snapshot_at desc, file_name desc, ingest_id desc, line desc
) = 1
