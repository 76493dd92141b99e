-- One row: the last day of the marts. The dbt var as_of when set, else the latest
-- order day over the latest non-quarantined order lines (any class).
-- The ref stays outside any Jinja branch: dbt, and Dagster ordering the build's events
-- by the parse-time graph, must see the same dependency whatever the var says.
{%- set as_of = as_of_var() %}
with latest as (
    select max(order_day) as order_day from {{ ref('int_order_lines_latest') }}
)

select
    {%- if as_of is none %}
        order_day as as_of
    {%- else %}
        date '{{ as_of }}' as as_of
    {%- endif %}
from latest
