{#- Fingerprint of the seeds that shape a staged order line. Staged rows carry it, so
    a seller who edits status_map or category_map gets every line judged again. -#}
{% macro order_maps_fingerprint() -%}
    (
        select md5(
            coalesce((
                select string_agg(concat_ws('|', raw_status, class, coalesce(reason, '')), '#'
                    order by raw_status, class, reason)
                from {{ ref('status_map') }}
            ), '')
            || '##'
            || coalesce((
                select string_agg(concat_ws('|', raw_category, category), '#'
                    order by raw_category, category)
                from {{ ref('category_map') }}
            ), '')
        )
    )
{%- endmacro %}

{#- Before an incremental run of stg_orders: drop staged rows whose raw row is gone
    or differs (a file replaced at ingest, a rebuilt raw table) and, when the maps changed, every staged row, so the
    run re-stages them and the table equals a full refresh. -#}
{% macro stg_orders_prune() %}
    {% if is_incremental() %}
        {%- set staged_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if 'map_fingerprint' not in staged_columns %}
        delete from {{ this }}
        {%- else %}
        delete from {{ this }}
        where map_fingerprint is distinct from {{ order_maps_fingerprint() }}
            or not exists (
                select 1
                from {{ source('raw', 'orders') }} as raw_orders
                where raw_orders.ingest_id = {{ this }}.ingest_id
                    and raw_orders.line = {{ this }}.line
                    and raw_orders.store_id = {{ this }}.store_id
                    -- guards against a raw table rebuilt with reused ingest ids
                    and raw_orders.source_file = {{ this }}.source_file
                    and raw_orders.snapshot_at = {{ this }}.snapshot_at
                    and raw_orders.order_id = {{ this }}.order_id
                    and raw_orders.sku = {{ this }}.sku
                    and raw_orders.status = {{ this }}.raw_status
                    and raw_orders.quantity = {{ this }}.quantity
                    and raw_orders.amount = {{ this }}.amount
            )
        {%- endif %}
    {% else %}
        select 1
    {% endif %}
{% endmacro %}
