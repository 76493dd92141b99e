{#- The N-day windows of shared/spec/metrics.md: the window of N days ending on day D holds
    the days D-(N-1) … D. A model writes a window through these macros with its length N as
    the parameter, never as a hand-computed bound (29, 89, 364), so a window is stated
    once, in the days the metric's name says. -#}

{#- The first day of the `days`-day window ending on `end_day` (a date expression). -#}
{% macro window_start(end_day, days) -%}
    ({{ end_day }} - {{ days - 1 }})
{%- endmacro %}

{#- `day` lies in the `days`-day window ending on `end_day`. -#}
{% macro in_window(day, end_day, days) -%}
    {{ day }} between {{ window_start(end_day, days) }} and {{ end_day }}
{%- endmacro %}

{#- The first day whose `days`-day window no longer holds `day`: a day counts in the
    windows ending on day … day + days - 1. -#}
{% macro window_leaves(day, days) -%}
    cast({{ day }} + {{ days }} as date)
{%- endmacro %}

{#- A window frame of `days` rows ending on the current one, over a dense calendar (one row
    per day). -#}
{% macro window_rows(days) -%}
    rows between {{ days - 1 }} preceding and current row
{%- endmacro %}

{#- A window frame of the `days` days ending on the current row's, over rows ordered by a
    date that may skip days. -#}
{% macro window_range(days) -%}
    range between interval {{ days - 1 }} day preceding and current row
{%- endmacro %}

{#- The windows the marts publish, each read by every model that uses it. -#}

{#- online_48h_rate_30d: orders paid in the 30 days ending on D (int_store_logistics_daily,
    and diagnosis step 2, int_diagnosis_logistics_bottleneck). -#}
{% macro online_rate_window_days() -%}
    {{ return(30) }}
{%- endmacro %}

{#- The 90-day store-health windows: sku_active_rate_90d, dsr_*_90d, volatility_90d,
    refund_rate_90d, positive_review_rate_90d, dispute_orders_90d. -#}
{% macro health_window_days() -%}
    {{ return(90) }}
{%- endmacro %}

{#- The rolling unit windows of sales_volume_daily (units_<N>d; units_1d is the day). -#}
{% macro sales_window_days() -%}
    {{ return([7, 30, 90, 180, 365]) }}
{%- endmacro %}
