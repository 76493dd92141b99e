-- One row per raw order line version. Lines whose status is not in status_map keep
-- status_class NULL here; int_order_lines_latest leaves them out and
-- audit.quarantine lists them with reason unknown_status.
--
-- Incremental: a run stages the raw rows not staged yet plus every line of the last
-- order_lookback_days days (exports overlap by 90 days, so a status change arrives
-- within that window). The pre-hook first drops staged rows whose raw row is gone
-- and, when status_map or category_map changed, all staged rows; each staged row
-- depends only on its raw row and those maps, so the result equals a full refresh.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['store_id', 'ingest_id', 'line'],
        on_schema_change='sync_all_columns',
        pre_hook="{{ stg_orders_prune() }}",
    )
}}

with source as (
    select raw_orders.*
    from {{ source('raw', 'orders') }} as raw_orders
    {%- if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as staged
        where staged.store_id = raw_orders.store_id
            and staged.ingest_id = raw_orders.ingest_id
            and staged.line = raw_orders.line
    )
        or cast(raw_orders.order_time as date) >= (
            select max(order_day) - {{ var('order_lookback_days', 120) | int }} from {{ this }}
        )
    {%- endif %}
),

status_map as (
    select
        {{ match_key('raw_status') }} as status_key,
        class as status_class,
        nullif(trim(reason), '') as status_reason
    from {{ ref('status_map') }}
    qualify row_number() over (partition by {{ match_key('raw_status') }} order by raw_status) = 1
),

category_map as (
    {{ category_lookup() }}
),

final as (
    select
        source.store_id,
        source.source_file,
        source.file_name,
        source.ingest_id,
        source.line,
        source.snapshot_at,
        source.order_id,
        source.sku,
        source.product_id,
        source.category,
        case
            when nullif(trim(source.category), '') is null then null
            else coalesce(category_map.category_class, 'other')
        end as category_class,
        source.quantity,
        source.order_time,
        cast(source.order_time as date) as order_day,
        source.paid_at,
        source.amount,
        source.status as raw_status,
        status_map.status_class,
        case when status_map.status_class = 'excluded' then status_map.status_reason end
            as status_reason,
        source.tracking_no,
        source.online_at,
        source.delivered_at,
        {{ order_maps_fingerprint() }} as map_fingerprint
    from source
    left join status_map
        on {{ match_key('source.status') }} = status_map.status_key
    left join category_map
        on {{ match_key('source.category') }} = category_map.category_key
)

select * from final
