{#- Raw order rows typed for the marts: status class and reason (NULL where the seed's
    is empty) through status_map, category class through category_map. stg_orders
    applies it to every raw row; int_order_lines_latest applies it only to each key's
    winning row. -#}
{% macro stage_orders(relation) %}
    with source as (
        select * from {{ relation }}
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
            {{ category_class('source.category') }} as category_class,
            source.quantity,
            source.order_time,
            cast(source.order_time as date) as order_day,
            source.paid_at,
            source.amount,
            source.status as raw_status,
            status_map.status_class,
            -- excluded statuses say why; the in-progress dispute statuses say `dispute`
            status_map.status_reason,
            source.tracking_no,
            source.online_at,
            source.delivered_at
        from source
        left join status_map
            on {{ match_key('source.status') }} = status_map.status_key
        left join category_map
            on {{ match_key('source.category') }} = category_map.category_key
    )

    select * from final
{% endmacro %}
