-- One row per raw daily DSR version.
select
    {{ lineage_columns() }}
    cast(date as date) as date,
    cast(dsr_description as double) as dsr_description,
    cast(dsr_service as double) as dsr_service,
    cast(dsr_logistics as double) as dsr_logistics
from {{ source('raw', 'dsr') }}
