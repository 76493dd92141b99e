{#- The SQL the two engines of the project (DuckDB, Spark) write differently, and only
    that: every other construct in the models is one both accept (docs/SPARK.md). Each
    macro dispatches to its `duckdb__` or `spark__` form; a model never tests the target.
    The DuckDB forms are what the models wrote before Spark, so DuckDB's results do not
    change. -#}

{#- Whole days from `earlier` to `later` (an integer). DuckDB's date - date is one;
    Spark's is an interval. -#}
{% macro days_between(later, earlier) -%}
    {{ return(adapter.dispatch('days_between')(later, earlier)) }}
{%- endmacro %}
{% macro duckdb__days_between(later, earlier) -%}
    ({{ later }} - {{ earlier }})
{%- endmacro %}
{% macro spark__days_between(later, earlier) -%}
    datediff({{ later }}, {{ earlier }})
{%- endmacro %}

{#- An interval of a number of seconds (an integer expression), to add to a timestamp
    or to compare with a timestamp difference. -#}
{% macro seconds_interval(seconds) -%}
    {{ return(adapter.dispatch('seconds_interval')(seconds)) }}
{%- endmacro %}
{% macro duckdb__seconds_interval(seconds) -%}
    to_seconds({{ seconds }})
{%- endmacro %}
{% macro spark__seconds_interval(seconds) -%}
    make_dt_interval(0, 0, 0, {{ seconds }})
{%- endmacro %}

{#- The first day of the month `months` (an integer expression) before the month that
    starts on `month_start` (a date). -#}
{% macro months_before(month_start, months) -%}
    {{ return(adapter.dispatch('months_before')(month_start, months)) }}
{%- endmacro %}
{% macro duckdb__months_before(month_start, months) -%}
    cast({{ month_start }} - to_months({{ months }}) as date)
{%- endmacro %}
{% macro spark__months_before(month_start, months) -%}
    add_months({{ month_start }}, -({{ months }}))
{%- endmacro %}

{#- One row per integer from `first` through `last`: a set-returning select item. -#}
{% macro explode_series(first, last) -%}
    {{ return(adapter.dispatch('explode_series')(first, last)) }}
{%- endmacro %}
{% macro duckdb__explode_series(first, last) -%}
    unnest(generate_series({{ first }}, {{ last }}))
{%- endmacro %}
{% macro spark__explode_series(first, last) -%}
    explode(sequence({{ first }}, {{ last }}))
{%- endmacro %}

{#- One row per day from `first` through `last` (dates), as a date. -#}
{% macro explode_days(first, last) -%}
    {{ return(adapter.dispatch('explode_days')(first, last)) }}
{%- endmacro %}
{% macro duckdb__explode_days(first, last) -%}
    cast(unnest(generate_series({{ first }}, {{ last }}, interval 1 day)) as date)
{%- endmacro %}
{% macro spark__explode_days(first, last) -%}
    explode(sequence({{ first }}, {{ last }}, interval 1 day))
{%- endmacro %}

{#- The values of `expr` joined by `separator` in the order of `order_by`
    (an aggregate). -#}
{% macro string_agg_ordered(expr, separator, order_by) -%}
    {{ return(adapter.dispatch('string_agg_ordered')(expr, separator, order_by)) }}
{%- endmacro %}
{% macro duckdb__string_agg_ordered(expr, separator, order_by) -%}
    string_agg({{ expr }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}
{% macro spark__string_agg_ordered(expr, separator, order_by) -%}
    listagg({{ expr }}, {{ separator }}) within group (order by {{ order_by }})
{%- endmacro %}

{#- A date or timestamp as text, `pattern` in strftime's letters (%Y %m %d %H %M %S),
    which Spark's date_format writes as yyyy MM dd HH mm ss. -#}
{% macro format_datetime(expr, pattern) -%}
    {{ return(adapter.dispatch('format_datetime')(expr, pattern)) }}
{%- endmacro %}
{% macro duckdb__format_datetime(expr, pattern) -%}
    strftime({{ expr }}, '{{ pattern }}')
{%- endmacro %}
{% macro spark__format_datetime(expr, pattern) -%}
    {%- set java = pattern | replace('%Y', 'yyyy') | replace('%m', 'MM') | replace('%d', 'dd')
        | replace('%H', 'HH') | replace('%M', 'mm') | replace('%S', 'ss') -%}
    date_format({{ expr }}, '{{ java }}')
{%- endmacro %}

{#- SHA-256 of a text, as 64 lower-case hex digits. -#}
{% macro sha256_hex(expr) -%}
    {{ return(adapter.dispatch('sha256_hex')(expr)) }}
{%- endmacro %}
{% macro duckdb__sha256_hex(expr) -%}
    sha256({{ expr }})
{%- endmacro %}
{% macro spark__sha256_hex(expr) -%}
    sha2({{ expr }}, 256)
{%- endmacro %}

{#- A number as printf's %g writes it (48, 0.012, 500000): the shortest text, no
    trailing zeros. Spark's printf is Java's, whose %g keeps them (48.0000): there an
    integral value is written as an integer and any other by its shortest decimal text,
    which is %g's for the thresholds of the seeds (at most six significant digits,
    below one million). -#}
{% macro format_g(expr) -%}
    {{ return(adapter.dispatch('format_g')(expr)) }}
{%- endmacro %}
{% macro duckdb__format_g(expr) -%}
    printf('%g', {{ expr }})
{%- endmacro %}
{% macro spark__format_g(expr) -%}
    case
        when {{ expr }} = floor({{ expr }}) and abs({{ expr }}) < 1e15
            then cast(cast({{ expr }} as bigint) as string)
        else cast(cast({{ expr }} as double) as string)
    end
{%- endmacro %}

{#- A struct of the given columns (of `relation` when given) under their own names,
    compared field by field in order: a version tuple for max() and max_by(). -#}
{% macro version_struct(columns, relation=none) -%}
    {{ return(adapter.dispatch('version_struct')(columns, relation)) }}
{%- endmacro %}
{% macro duckdb__version_struct(columns, relation) -%}
    struct_pack(
        {%- for column in columns -%}
        {{ column }} := {{ relation ~ '.' if relation }}{{ column }}{{ ', ' if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}
{% macro spark__version_struct(columns, relation) -%}
    named_struct(
        {%- for column in columns -%}
        '{{ column }}', {{ relation ~ '.' if relation }}{{ column }}{{ ', ' if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}

{#- How the latest state of the order lines is kept. DuckDB: incremental, delete+insert of
    the keys whose winner changed (int_order_lines_latest). Spark without Delta or Iceberg
    can neither delete nor merge rows of a Parquet table: it rebuilds the table, which
    equals the incremental result (the model's comment). A Spark target with Delta or
    Iceberg could run the model incremental with incremental_strategy='merge'. -#}
{% macro latest_state_materialization() -%}
    {{ return(adapter.dispatch('latest_state_materialization')()) }}
{%- endmacro %}
{% macro duckdb__latest_state_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}
{% macro spark__latest_state_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- At the start of every dbt run: the sources of schema `raw`. DuckDB holds them as
    tables (the ingest step writes them). Spark reads them as external tables over the
    Parquet files the ingest step writes beside (dagster_project/engines/raw_parquet.py),
    one folder per table under ASW_RAW_PARQUET_DIR; REFRESH makes files appended since
    the last run visible. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{%- endmacro %}
{% macro duckdb__register_raw_sources() -%}
{%- endmacro %}
{% macro spark__register_raw_sources() -%}
    {%- if execute -%}
        {%- set root = env_var('ASW_RAW_PARQUET_DIR', '../data/warehouse/raw_parquet') -%}
        {%- do run_query('create database if not exists raw') -%}
        {#- every table of the `raw` source (generated from the catalogue) -#}
        {%- set sources = graph.sources.values() | selectattr('source_name', 'equalto', 'raw') -%}
        {%- for table in sources | map(attribute='name') | sort -%}
            {%- do run_query(
                "create table if not exists raw." ~ table ~ " using parquet options "
                ~ "(mergeSchema 'true') location '" ~ root ~ "/" ~ table ~ "'") -%}
            {%- do run_query('refresh table raw.' ~ table) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#- Seeds on Spark: dbt-spark binds every CSV value into its INSERT by Python string
    formatting, which writes an empty cell as the text 'None' (and would choke on a '%').
    The values are written here as SQL literals instead: an empty cell is NULL, as on
    DuckDB. Text is escaped for Spark's literals (backslash and quote). -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set inferred = adapter.convert_type(agate_table, loop.index0) -%}
        {%- do types.append(column_override.get(col_name, inferred)) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    {%- if value is none -%}
                        cast(null as {{ types[loop.index0] }})
                    {%- else -%}
                        cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ types[loop.index0] }})
                    {%- endif -%}
                    {{- ', ' if not loop.last -}}
                {%- endfor -%}){{ ',' if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
