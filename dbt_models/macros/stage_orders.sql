{#- Raw order rows typed for the marts: status class and reason (NULL where the seed's
    is empty) through status_map, category class through category_map, the USD amount
    through fx_rates (metrics.md, Money). stg_orders applies it to every raw row;
    int_order_lines_latest applies it only to each key's winning row. -#}
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

    fx_rates as (
        {{ fx_rates_lookup() }}
    ),

    final as (
        select
            {{ lineage_columns('source') }}
            source.order_id,
            source.sku,
            source.product_id,
            source.category,
            {{ category_class('source.category') }} as category_class,
            source.quantity,
            source.order_time,
            cast(source.order_time as date) as order_day,
            source.paid_at,
            {{ line_currency('source') }} as currency,
            source.amount as amount_original,
            -- USD needs no rate; another currency without a rate for the month leaves
            -- amount NULL and has_rate false (the line is held: unknown_currency)
            case
                when {{ line_currency('source') }} = 'USD' then cast(source.amount as double)
                else cast(source.amount as double) * fx_rates.usd_per_unit
            end as amount,
            {{ line_currency('source') }} = 'USD' or fx_rates.usd_per_unit is not null
                as has_rate,
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
        left join fx_rates
            on {{ line_currency('source') }} = fx_rates.currency
            and {{ rate_month('source.order_time') }} = fx_rates.month
    )

    select * from final
{% endmacro %}

{#- A line's currency: raw rows loaded before the column existed have none, and their
    amounts were USD (the only currency read then). -#}
{% macro line_currency(relation) -%}
    coalesce({{ relation }}.currency, 'USD')
{%- endmacro %}

{#- The fx_rates month of a line: the month of its order_time. -#}
{% macro rate_month(order_time) -%}
    cast(date_trunc('month', {{ order_time }}) as date)
{%- endmacro %}

{#- One rate per (currency, month); a USD row, if a seller adds one, is not used. -#}
{% macro fx_rates_lookup() %}
    select upper(trim(currency)) as currency, month, usd_per_unit
    from {{ ref('fx_rates') }}
    where upper(trim(currency)) <> 'USD' and usd_per_unit is not null
    qualify row_number() over (
        partition by upper(trim(currency)), month order by usd_per_unit
    ) = 1
{% endmacro %}
