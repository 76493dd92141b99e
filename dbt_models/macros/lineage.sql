{#- The lineage columns every raw kind starts with (docs/ARCHITECTURE.md, raw schema): the
    store, the file (its path under the inbox and its name), the ingest and the line a row
    comes from, and the export's snapshot time. Every staging model selects them through
    this macro, as their raw types (a cast could change them on Spark, whose Parquet
    timestamps have no time zone), so a new lineage column is added in one place. The list
    ends with a comma: the kind's own columns follow. -#}
{% macro lineage_column_names() -%}
    {{ return(['store_id', 'source_file', 'file_name', 'ingest_id', 'line', 'snapshot_at']) }}
{%- endmacro %}

{% macro lineage_columns(relation=none) -%}
    {%- for column in lineage_column_names() -%}
        {{ relation ~ '.' if relation }}{{ column }},{{ ' ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
