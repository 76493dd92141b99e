{#- The category seed keyed for matching: one class per trimmed, case-folded text.
    Shared by every staging model that maps a category, so the rule lives in one place. -#}
{% macro category_lookup() %}
    select
        {{ match_key('raw_category') }} as category_key,
        category as category_class
    from {{ ref('category_map') }}
    qualify row_number() over (partition by {{ match_key('raw_category') }} order by raw_category) = 1
{% endmacro %}

{#- A category text's class through the `category_map` CTE built by category_lookup():
    empty text has none, text the seed does not list is `other`. -#}
{% macro category_class(text) -%}
    case
        when nullif(trim({{ text }}), '') is null then null
        else coalesce(category_map.category_class, 'other')
    end
{%- endmacro %}
