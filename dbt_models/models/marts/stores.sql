-- One row per store of the marts: its name, opening day, main category, first order
-- day and the snapshot day of its latest order export, for BI tools to join every mart
-- to by store_id.
with profile as (
    select store_id, opened_day, main_category, first_order_day
    from {{ ref('int_store_profile') }}
),

store_file as (
    select store_id, store_name from {{ ref('int_store_latest') }}
),

-- order files that loaded (a file whose every row was quarantined loaded too); a file
-- rejected whole did not
order_exports as (
    select store_id, cast(max(snapshot_at) as date) as last_order_export_day
    from {{ source('raw', 'ingest_log') }}
    where kind = 'orders' and status = 'loaded'
    group by store_id
),

clients as (
    select store_id, client_id from {{ ref('stg_clients') }}
),

final as (
    select
        cast(profile.store_id as string) as store_id,
        cast(store_file.store_name as string) as store_name,
        cast(profile.opened_day as date) as opened_at,
        cast(profile.main_category as string) as main_category,
        cast(profile.first_order_day as date) as first_order_day,
        cast(order_exports.last_order_export_day as date) as last_order_export_day,
        -- clients.csv (interface.md); NULL without a client or when its client is in error
        cast(clients.client_id as string) as client_id
    from profile
    left join store_file on profile.store_id = store_file.store_id
    left join order_exports on profile.store_id = order_exports.store_id
    left join clients on profile.store_id = clients.store_id
)

select * from final
