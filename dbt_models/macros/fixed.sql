{#- A number rounded to the digits a message prints it with (printf's %.Nf). printf rounds
    the double's binary value half to even (11.25 → "11.2") while Spark's format_string
    rounds its shortest decimal text half up ("11.3"); and round() on a double works on the
    binary value on DuckDB (1.005 → 1.0) but on the decimal text on Spark (1.01). Through a
    decimal of 9 places, rounded half up, both engines write the same text, as a seller
    rounds by hand. Back to a double at the end: Spark's format_string takes no decimal
    for %f, and a double of N decimals prints as those N decimals on both. -#}
{% macro fixed(expr, digits) -%}
    cast(round(cast({{ expr }} as decimal(38, 9)), {{ digits }}) as double)
{%- endmacro %}
