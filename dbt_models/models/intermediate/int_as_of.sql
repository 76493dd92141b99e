-- One row: the last day of the marts. The dbt var as_of when set, else the latest
-- order day over the latest non-quarantined order lines (any class).
{%- set as_of = as_of_var() %}
select
{%- if as_of is none %}
    max(order_day) as as_of
from {{ ref('int_order_lines_latest') }}
{%- else %}
    date '{{ as_of }}' as as_of
{%- endif %}
