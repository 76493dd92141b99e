{#- A platform threshold as a scalar subquery on the seed, so a seller who edits
    seeds/platform_thresholds.csv and reruns sees the new rule. -#}
{% macro threshold(name) -%}
    (select max(value) from {{ ref('platform_thresholds') }} where name = '{{ name }}')
{%- endmacro %}

{#- Trimmed, case-insensitive key used to match statuses and categories. -#}
{% macro match_key(expr) -%}
    lower(trim({{ expr }}))
{%- endmacro %}

{#- Length in hours of a threshold as an interval. -#}
{% macro threshold_hours(name) -%}
    to_seconds(cast(round({{ threshold(name) }} * 3600) as bigint))
{%- endmacro %}

{#- The as_of var as a date literal, or none when it is empty / absent. -#}
{% macro as_of_var() -%}
    {%- set v = var('as_of', '') -%}
    {%- if v is none or (v | string | trim) == '' -%}
        {{ return(none) }}
    {%- else -%}
        {{ return(v | string | trim) }}
    {%- endif -%}
{%- endmacro %}
