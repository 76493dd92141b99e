{#- Custom schemas are used verbatim (seeds, staging, intermediate, marts, audit)
    so that BI tools and the audit step find fixed names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
