{#- A number rounded to the digits a message prints it with (printf's %.Nf). printf rounds
    the double's binary value half to even (11.25 → "11.2") while Spark's format_string
    rounds its shortest decimal text half up ("11.3"); rounding first, half up on both
    engines, makes every message read the same on both and as a seller rounds by hand. -#}
{% macro fixed(expr, digits) -%}
    round(cast({{ expr }} as double), {{ digits }})
{%- endmacro %}
