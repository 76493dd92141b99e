{#- Generic tests written here because the project uses no dbt hub packages. -#}

{#- Fails on every combination of the given columns that occurs more than once
    (NULLs compare equal, as a key with a NULL part is still one finding). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}

{#- Fails on every row where the SQL expression is not true. -#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% endtest %}
