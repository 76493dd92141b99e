{#- Fingerprint of the seeds that decide an order line's class, category and USD
    amount (status_map, category_map, fx_rates). The
    incremental latest-state model stores it on every row, so a seller who edits
    status_map, category_map or fx_rates gets every line judged again on the next run. -#}
{% macro order_maps_fingerprint() -%}
    (
        select md5(
            coalesce((
                select {{ string_agg_ordered(
                    "concat_ws('|', raw_status, class, coalesce(reason, ''))", "'#'",
                    'raw_status, class, reason') }}
                from {{ ref('status_map') }}
            ), '')
            || '##'
            || coalesce((
                select {{ string_agg_ordered(
                    "concat_ws('|', raw_category, category)", "'#'", 'raw_category, category') }}
                from {{ ref('category_map') }}
            ), '')
            || '##'
            || coalesce((
                select {{ string_agg_ordered(
                    "concat_ws('|', currency, month, usd_per_unit)", "'#'",
                    'currency, month, usd_per_unit') }}
                from {{ ref('fx_rates') }}
            ), '')
        )
    )
{%- endmacro %}

{#- Before an incremental run of int_order_lines_latest: rows judged with other seeds
    than today's are dropped, so the run recomputes every key. -#}
{% macro order_lines_latest_reset() %}
    {%- if is_incremental() %}
        {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if 'maps_fingerprint' in columns %}
    delete from {{ this }} where maps_fingerprint is distinct from {{ order_maps_fingerprint() }}
        {%- else %}
    delete from {{ this }}
        {%- endif %}
    {%- else %}
    select 1
    {%- endif %}
{% endmacro %}
