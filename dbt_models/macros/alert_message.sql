{#- An alert message from its seed template: {store_id}, {value} and {threshold} filled
    in, numbers written as the code's value_format says (int, pct or num). -#}
{% macro alert_number(expr, fmt) -%}
    case {{ fmt }}
        when 'int' then cast(cast(round({{ expr }}) as bigint) as string)
        when 'pct' then printf('%.1f%%', {{ fixed(expr ~ ' * 100', 1) }})
        else printf('%.2f', {{ fixed(expr, 2) }})
    end
{%- endmacro %}

{% macro alert_message(template, store_id, value, threshold, fmt) -%}
    replace(replace(replace({{ template }},
        '{store_id}', coalesce({{ store_id }}, '')),
        '{value}', coalesce({{ alert_number(value, fmt) }}, '')),
        '{threshold}', coalesce({{ alert_number(threshold, fmt) }}, ''))
{%- endmacro %}
