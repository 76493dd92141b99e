{#- A platform threshold as a scalar subquery on the seed, so a seller who edits
    seeds/platform_thresholds.csv and reruns sees the new rule. -#}
{% macro threshold(name) -%}
    {%- do check_threshold_name(name) -%}
    (select max(value) from {{ ref('platform_thresholds') }} where name = '{{ name }}')
{%- endmacro %}

{#- A misspelled name would read NULL, and `coalesce(…, false)` would quietly make every
    store "not eligible": stop the model's compilation instead. The check reads the loaded
    seed table by its real name (a unit test replaces ref() with its fixture rows) on
    every use, and is skipped while parsing, in unit tests (no graph) or before the seed
    was ever loaded. -#}
{% macro check_threshold_name(name) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set seed_id = 'seed.' ~ project_name ~ '.platform_thresholds' -%}
    {%- set seed = (graph.get('nodes') or {}).get(seed_id) -%}
    {%- if seed is none -%}{{ return(none) }}{%- endif -%}
    {%- set relation = adapter.get_relation(seed.database, seed.schema, seed.alias or seed.name) -%}
    {%- if relation is none -%}{{ return(none) }}{%- endif -%}
    {%- set names = run_query('select distinct name from ' ~ relation).columns[0].values() -%}
    {%- if name not in names -%}
        {{ exceptions.raise_compiler_error(
            "threshold('" ~ name ~ "') is not a name in seeds/platform_thresholds.csv (known: "
            ~ (names | sort | join(', ')) ~ ")") }}
    {%- endif -%}
{%- endmacro %}

{#- Trimmed, case-insensitive key used to match statuses and categories. -#}
{% macro match_key(expr) -%}
    lower(trim({{ expr }}))
{%- endmacro %}

{#- Length in hours of a threshold as an interval. -#}
{% macro threshold_hours(name) -%}
    {{ seconds_interval('cast(round(' ~ threshold(name) ~ ' * 3600) as bigint)') }}
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
