"""SQL that turns the simulated world into export rows, one CSV line of text per row.

Every export kind yields rows `(store_idx, kind, k, r1, r2, line)`: `k` numbers the
export (0 = newest, downloaded the day after the last simulated day, then one every
`export_every` days back), `r1, r2` order the rows inside the file and `line` is the
finished CSV text. Lines are assembled here rather than by the CSV writer so that
bad rows (a field too many, `1,29.00`, ...) can be written exactly as a seller
centre would garble them. Header lines carry `r1 = -2^62`.
"""

from __future__ import annotations

from dagster_project.generate import vocab
from dagster_project.generate.model import Params, _d, buyer_sql, exported_sql, order_id_sql

HEADER_KEY = -(2**62)
WINDOW_DAYS = 90  # an order export covers the 90 days before its download
TRAFFIC_DAYS = 35  # the funnel exports cover only the last five weeks
BAD_RATE = {"orders": 0.0004, "listings": 0.001, "dsr": 0.001, "traffic": 0.001, "reviews": 0.002}


def _join(fields: list[str]) -> str:
    return " || ',' || ".join(f"coalesce({f}, '')" for f in fields)


def _window_k(p: Params, day_expr: str) -> str:
    """The exports whose 90-day window holds a day: d = days before the newest download."""
    d = f"({_d(p.first_export)} - {day_expr})"
    e = p.export_every
    return (
        f"unnest(range(greatest(0, ceil(({d} - {WINDOW_DAYS}) / {e}))::BIGINT, "
        f"(({d} - 1) // {e}) + 1))"
    )


def _snapshot(p: Params) -> str:
    return f"({_d(p.first_export)} - (k * {p.export_every})::INTEGER)::TIMESTAMP"


def _bad(kind: str, key: str, n_codes: int, forced: str = "null") -> str:
    """Bad-row code 1..n_codes for a small share of rows (0 = clean); `forced` pins
    some codes on fixed rows so that small runs still show every kind."""
    rate = BAD_RATE[kind]
    return (
        f"coalesce({forced}, case when rnd('bad{kind}', {key}, k) < {rate} then "
        f"1 + floor(rnd('badc{kind}', {key}, k) * {n_codes})::INTEGER else 0 end)"
    )


def header_sql(kind: str) -> str:
    """Per store, the header line of a kind in the store's language and variant."""
    parts = []
    for key, zh, en in vocab.HEADERS[kind]:
        zh_l, en_l = vocab.sql_list(zh), vocab.sql_list(en)
        name = (
            f"(case when s.lang = 'zh' then {zh_l}[1 + s.header_variant % {len(zh)}] "
            f"else {en_l}[1 + s.header_variant % {len(en)}] end)"
        )
        if key == "online_at":
            parts.append(f"(case when s.has_scan then ',' || {name} else '' end)")
        elif key == "currency":
            parts.append(f"(case when s.currency_column then ',' || {name} else '' end)")
        else:
            parts.append(("',' || " if parts else "") + name)
    return " || ".join(parts)


def status_texts_sql() -> str:
    rows = []
    for lang, states in vocab.STATUS_TEXTS.items():
        for state, texts in enumerate(states):
            for variant in range(4):
                rows.append(
                    f"('{lang}', {state}, {variant}, {vocab.sql_str(texts[variant % len(texts)])})"
                )
    return (
        "create or replace table status_texts as select * from (values "
        + ", ".join(rows)
        + ") t(lang, state, variant, text)"
    )


def orders_sql(p: Params, where: str = "true") -> str:
    t = _snapshot(p)
    forced = (
        f"case when x.store_idx = 0 and k = 0 and x.j = 0 and x.li = 0 "
        f"and x.day_idx between {p.days - 52} and {p.days - 41} "
        f"then {p.days - 40} - x.day_idx end"
    )
    state = f"""case
        when fate = 1 then case when {t} < exit_ts then 0 else 5 end
        when fate = 2 then case when {t} < exit_ts then 1 else 6 end
        when {t} < online_ts then 1
        when fate = 4 and {t} >= exit_ts then 9
        when fate = 3 and {t} >= deliver_ts then 8
        when refund_ts is not null and {t} >= refund_ts then 7
        when refund_ts is not null and {t} >= refund_ts - interval 4 day then 10
        when fate in (3, 4) or {t} < deliver_ts then 2
        when {t} < confirm_ts then 3
        else 4 end"""
    unknown = (
        f"case when s.lang = 'zh' then {vocab.sql_str(vocab.UNKNOWN_STATUS['zh'])} "
        f"else {vocab.sql_str(vocab.UNKNOWN_STATUS['en'])} end"
    )
    fields = [
        "case when b = 1 then '' else order_id end",
        "case when b = 7 then '2026-02-30 25:61:00' else order_s end",
        f"case when b = 8 then 'pending' when paid_ts <= {t} then paid_s end",
        f"case when b = 9 then {unknown} else st.text end",
        "case when b = 2 then '' else sku end",
        "product_id",
        "category_text",
        """case when b = 5 then '0' when b = 6 then '2.5'
             when s.qty_style = 0 then quantity::VARCHAR
             when s.qty_style = 1 then quantity || '.0' else quantity || '.00' end""",
        "case when b = 3 then '\"1,29.00\"' when b = 4 then 'N/A' "
        f"else {_money_text()} end"
        " || case when s.currency_column then ',' || currency_value else '' end",
        "case when h % 3 = 0 then '0.00' else printf('%.2f', 1 + (h % 700) / 100.0) end",
        "buyer_name",
        "phone",
        "address",
        "zip",
        f"case when online_ts <= {t} then tracking end",
    ]
    online = (
        f"case when s.has_scan then ',' || "
        f"coalesce(case when online_ts <= {t} then online_s end, '') else '' end"
    )
    delivered = (
        f"case when b = 11 then '' when b = 12 then ',31/12/2026 10:00' "
        f"else ',' || coalesce(case when fate = 0 and deliver_ts <= {t} then deliver_s end, '') end"
    )
    line = f"{_join(fields)} || {online} || {delivered} || case when b = 10 then ',x' else '' end"
    buyer = buyer_sql("l")
    return f"""
        with lf as (
            select l.*, {order_id_sql("l")} as order_id, sku.sku, sku.product_id,
                sku.category_text, {buyer["buyer_name"]} as buyer_name,
                {buyer["phone"]} as phone, {buyer["address"]} as address,
                {buyer["zip"]} as zip, {buyer["tracking"]} as tracking,
                fmt_ts(l.order_ts, s.ts_style) as order_s,
                fmt_ts(l.paid_ts, s.ts_style) as paid_s,
                fmt_ts(l.online_ts, s.ts_style) as online_s,
                fmt_ts(l.deliver_ts, s.ts_style) as deliver_s,
                {_money_columns()}
            from lines l join stores s using (store_idx)
            join skus sku using (store_idx, sku_idx)
            where {where}
        ), x as (
            select lf.*, {_window_k(p, "lf.day")} as k from lf
        ), y as (
            select x.*, {_bad("orders", "xor(x.h, x.li::UBIGINT)", 12, forced)} as b,
                {state} as state
            from x
        )
        select y.store_idx, 'orders' as kind, y.k,
            -epoch(y.order_ts)::BIGINT as r1, (y.h >> 4)::BIGINT * 4 + y.li as r2,
            {line} as line
        from y join stores s using (store_idx)
        join status_texts st on st.lang = s.lang and st.state = y.state
            and st.variant = s.status_variant
    """


def _pick(lists: dict[str, tuple[str, ...]], currency: str, salt: str) -> str:
    """One of a currency's texts, chosen per line."""
    items = lists[currency]
    return f"{vocab.sql_list(items)}[1 + (hash(l.h, l.li, '{salt}') % {len(items)})::INTEGER]"


def _money_columns() -> str:
    """Per line: its currency, the amount in it, the prefix and the currency value."""
    local = " ".join(
        f"when '{c}' then round(l.amount / {r}, 2)" for c, r in vocab.LOCAL_USD_PER_UNIT.items()
    )
    prefixes = " ".join(
        f"when '{c}' then case when s.encoding = 'gbk' "
        f"then {_pick(vocab.GBK_SAFE_PREFIXES, c, 'pre')} "
        f"else {_pick(vocab.AMOUNT_PREFIXES, c, 'pre')} end"
        for c in vocab.AMOUNT_PREFIXES
    )
    values = " ".join(
        f"when '{c}' then {_pick(vocab.CURRENCY_VALUES, c, 'val')}" for c in vocab.CURRENCY_VALUES
    )
    line_currency = (
        f"case when date_trunc('month', l.order_ts) <= {_d(vocab.RATES_THROUGH)} "
        "then s.currency else 'USD' end"
    )
    return f"""
        {line_currency} as line_currency,
        case {line_currency} {local} else l.amount end as local_amount,
        -- with the column, a yuan or euro amount may also go without a prefix
        case when s.currency_column and hash(l.h, l.li, 'bare') % 4 = 0 then ''
             else case {line_currency} {prefixes} end end as amount_prefix,
        case {line_currency} {values} end as currency_value"""


def _money_text() -> str:
    """The amount as a store writes it: USD in the store's amount style, yuan and euros
    with one of their prefixes, thousands commas on every other line."""
    return (
        "case when line_currency = 'USD' then fmt_amount(amount, s.amount_style) "
        "when hash(h, li, 'commas') % 2 = 0 then "
        "'\"' || amount_prefix || format('{:,.2f}', local_amount::DOUBLE) || '\"' "
        "else amount_prefix || printf('%.2f', local_amount) end"
    )


def orders_files_sql(p: Params, where: str = "true") -> str:
    """(store, export) pairs with at least one order line: the order files to head."""
    return f"""
        select store_idx, k from (
            select store_idx, day from lines where {where} group by all
        ) d, (select {_window_k(p, "d.day")} as k)
        group by all
    """


def listings_sql(p: Params) -> str:
    n_exports = (p.days - 1) // p.export_every + 1
    snap_day = f"({_d(p.first_export)} - (k * {p.export_every})::INTEGER)"
    date_fmt = (
        "case when s.ts_style = 3 then strftime({x}, '%Y-%m-%d') else fmt_ts({x}, s.ts_style) end"
    )
    fields = [
        "case when b = 4 then '' else sku end",
        "product_id",
        "case when b = 1 then '' else category_text end",
        "case when b = 2 then 'soon' else " + date_fmt.format(x="listed_ts") + " end",
        f"case when delisted_day < {snap_day} then "
        + date_fmt.format(x="delisted_day::TIMESTAMP")
        + " end",
    ]
    forced = "case when x.store_idx = 0 and k = 0 and x.sku_idx between 1 and 4 then x.sku_idx end"
    return f"""
        with x as (
            select k.*, unnest(range({n_exports})) as k from skus k
        ), y as (
            select x.*,
                {_bad("listings", "x.store_idx::BIGINT * 100000 + x.sku_idx", 4, forced)} as b
            from x where x.listed_day < {snap_day}
        )
        select y.store_idx, 'listings' as kind, y.k, y.sku_idx as r1, 0 as r2,
            {_join(fields)} || case when b = 3 then ',x' else '' end as line
        from y join stores s using (store_idx)
    """


def dsr_sql(p: Params) -> str:
    def score(name: str, spread: float) -> str:
        return (
            f"printf('%.2f', least(5.0, greatest(3.5, s.dsr_base + {spread} "
            f"* gauss('{name}', d.store_idx, d.day_idx))))"
        )

    fields = [
        "case when b = 3 then '' else strftime(day, '%Y-%m-%d') end",
        f"case when b = 1 then '5.3' else {score('dd', 0.08)} end",
        f"case when b = 2 then 'N/A' else {score('ds', 0.06)} end",
        score("dl", 0.1),
    ]
    forced = (
        f"case when d.store_idx = 0 and k = 0 and d.day_idx between {p.days - 13} "
        f"and {p.days - 10} then {p.days - 9} - d.day_idx end"
    )
    return f"""
        with d as (
            select sd.store_idx, sd.day_idx, sd.day, {_window_k(p, "sd.day")} as k
            from store_days sd
        ), e as (
            select d.*,
                {_bad("dsr", "d.store_idx::BIGINT * 100000 + d.day_idx", 4, forced)} as b
            from d
        )
        select d.store_idx, 'dsr' as kind, d.k, d.day_idx as r1, 0 as r2,
            {_join(fields)} || case when b = 4 then ',x' else '' end as line
        from e d join stores s using (store_idx)
    """


def traffic_sql(p: Params) -> str:
    first_day = max(p.days - TRAFFIC_DAYS, 0)
    mismatch_week = p.days - 7
    fields = [
        "strftime(day, '%Y-%m-%d')",
        "case when b = 3 then '' else sku end",
        "case when b = 1 then '-3' when b = 2 then '1.5' else visitors::VARCHAR end",
        "cart::VARCHAR",
        "paying::VARCHAR",
    ]
    forced = (
        f"case when store_idx = 0 and k = 0 and sku_idx = 0 and day_idx between "
        f"{p.days - 4} and {p.days - 1} then {p.days} - day_idx end"
    )
    return f"""
        with sd as (
            select k.store_idx, k.sku_idx, k.sku, k.n_skus, k.listed_day, k.delisted_day,
                unnest(range({first_day}, {p.days})) as day_idx
            from skus k
        ), live as (
            select sd.*, {_d(p.start_date)} + day_idx::INTEGER as day from sd
        ), paid as (
            select store_idx, sku_idx, day_idx, count(*) as paying
            from lines where paid_ts is not null and day_idx >= {first_day}
            group by all
        ), funnel as (
            select l.*, coalesce(p.paying, 0) as paying,
                coalesce(p.paying, 0) / (0.015 + 0.05 * rnd('conv', l.store_idx, l.sku_idx))
                + floor(12 * pow(rnd('vis', l.store_idx::BIGINT * 100000 + l.sku_idx,
                                     l.day_idx), 2))
                -- SKUs in their test week get traffic that does not convert
                + case when l.sku_idx >= l.n_skus - 2
                       then 40 + floor(60 * rnd('tv', l.store_idx, l.day_idx)) else 0 end
                as base_visitors
            from live l
            left join paid p using (store_idx, sku_idx, day_idx)
            where l.day >= l.listed_day and (l.delisted_day is null or l.day < l.delisted_day)
        ), shaped as (
            select *, round(base_visitors)::BIGINT as base_v,
                greatest(paying, round(base_visitors
                    * (0.06 + 0.08 * rnd('cart', store_idx::BIGINT * 100000 + sku_idx,
                                         day_idx))))::BIGINT
                    as cart,
                -- a few SKUs draw more visitors in the last week without more carts or
                -- buyers: what a listing that no longer matches its traffic looks like
                case when day_idx >= {mismatch_week}
                          and rnd('mm', store_idx, sku_idx) < 0.05 then 2.5 else 1.0 end
                    as boost
            from funnel
        ), y as (
            select *, round(base_v * boost)::BIGINT as visitors,
                ((({_d(p.first_export)} - day) - 1) // {p.export_every}) as k
            from shaped
        ), z as (
            select *, {_bad("traffic", "store_idx::BIGINT * 100000 + sku_idx", 4, forced)} as b
            from y
        )
        select store_idx, 'traffic' as kind, k, day_idx as r1, sku_idx as r2,
            {_join(fields)} || case when b = 4 then ',x' else '' end as line
        from z
    """


def reviews_sql(p: Params) -> str:
    fields = [
        "order_id",
        "case when b = 3 then 'tomorrow' else fmt_ts(reviewed_ts, s.ts_style) end",
        "case when b = 1 then '6' when b = 2 then '' else rating::VARCHAR end",
    ]
    return f"""
        with r as (
            select o.store_idx, {order_id_sql("o")} as order_id, o.h,
                o.confirm_ts + to_seconds(floor(86400 * 7
                    * rnd('rv', o.store_idx, o.h))) as reviewed_ts,
                rnd('rating', o.store_idx, o.h) as ur
            from orders o
            where o.fate = 0 and rnd('review', o.store_idx, o.h) < 0.35
        ), x as (
            select r.*, case when ur < 0.05 then 1 when ur < 0.08 then 2 when ur < 0.15 then 3
                             when ur < 0.3 then 4 else 5 end as rating,
                {_window_k(p, "reviewed_ts::DATE")} as k
            from r where reviewed_ts < {_d(p.first_export)}
        ), y as (
            select x.*, {_bad("reviews", "x.h", 4)} as b from x
        )
        select y.store_idx, 'reviews' as kind, y.k, epoch(y.reviewed_ts)::BIGINT as r1,
            (y.h >> 2)::BIGINT as r2,
            {_join(fields)} || case when b = 4 then ',x' else '' end as line
        from y join stores s using (store_idx)
    """


def store_sql() -> str:
    words = vocab.sql_list(list(vocab.STORE_WORDS))
    nouns = vocab.sql_list(list(vocab.STORE_NOUNS))
    main = " ".join(
        f"when s.lang = '{lang}' and s.main_cat = {c} then {vocab.sql_str(texts[0])}"
        for lang in ("zh", "en")
        for c, texts in enumerate(vocab.CATEGORY_TEXTS[lang])
    )
    name = (
        f"{words}[1 + (hash(s.store_idx, 'w') % {len(vocab.STORE_WORDS)})::INTEGER] || ' ' "
        f"|| {nouns}[1 + (hash(s.store_idx, 'n') % {len(vocab.STORE_NOUNS)})::INTEGER] "
        f"|| ' ' || (s.store_idx + 1)::VARCHAR"
    )
    return f"""
        select s.store_idx, 'store' as kind, 0::BIGINT as k, 0 as r1, 0 as r2,
            {_join([name, "strftime(s.opened_at, '%Y-%m-%d')", f"case {main} end"])} as line
        from stores s
    """


SIDE_KINDS = ("listings", "dsr", "traffic", "reviews", "store")


def side_rows_sql(p: Params, kind: str) -> str:
    """The rows of a kind other than orders (small enough to materialise first)."""
    return {
        "listings": listings_sql,
        "dsr": dsr_sql,
        "traffic": traffic_sql,
        "reviews": reviews_sql,
    }.get(kind, lambda _: store_sql())(p)


def copy_rows_sql(p: Params, lo: int, hi: int) -> str:
    """Every data row and header line of the stores lo..hi, for one partitioned COPY.
    Side kinds are read from their `rows_<kind>` tables."""
    keep = f"store_idx between {lo} and {hi}"
    parts = [orders_sql(p, keep)]
    parts.append(
        f"""select f.store_idx, 'orders' as kind, f.k, {HEADER_KEY} as r1, 0 as r2,
                {header_sql("orders")} as line
            from ({orders_files_sql(p, keep)}) f join stores s using (store_idx)"""
    )
    for kind in SIDE_KINDS:
        parts.append(f"select * from rows_{kind} where {keep}")
        parts.append(
            f"""select f.store_idx, '{kind}' as kind, f.k, {HEADER_KEY} as r1, 0 as r2,
                    {header_sql(kind)} as line
                from (select distinct store_idx, k from rows_{kind} where {keep}) f
                join stores s using (store_idx)"""
        )
    union = "\n union all \n".join(
        f"select store_idx::INTEGER as store_idx, kind, k::BIGINT as k, r1::BIGINT as r1, "
        f"r2::BIGINT as r2, line from ({q})"
        for q in parts
    )
    return (
        f"select store_idx, kind, k, line from ({union}) join stores s using (store_idx) "
        f"where {exported_sql(p)} order by store_idx, kind, k, r1, r2"
    )
