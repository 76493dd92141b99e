{#- The latest version of every key of a staged relation (exports.md: the latest
    snapshot_at wins, ties to the later file name, then the later ingest, then the later
    line). Equal to `qualify row_number() over (partition by keys order by snapshot_at
    desc, file_name desc, ingest_id desc, line desc) = 1`, at a fraction of its cost on
    tens of millions of versions: a grouped max of the narrow version tuple finds each
    key's winner, and a hash join fetches its columns, instead of sorting every wide
    row. (ingest_id, line) names one raw row. int_order_lines_latest follows the same
    pattern on raw.orders, staging only the winners. -#}
{% macro latest_version(relation, keys, columns) %}
    with winners as (
        select
            {{ keys | join(', ') }},
            max({{ version_struct(['snapshot_at', 'file_name', 'ingest_id', 'line']) }}) as winning_version
        from {{ relation }}
        group by {{ keys | join(', ') }}
    )

    select
        {%- for column in columns %}
        {{ column if ' as ' in column else 'versions.' ~ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }} as versions
    inner join winners
        on versions.ingest_id = winners.winning_version.ingest_id
        and versions.line = winners.winning_version.line
        {%- for key in keys %}
        and versions.{{ key }} is not distinct from winners.{{ key }}
        {%- endfor %}
{% endmacro %}
