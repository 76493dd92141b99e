"""The simulated world: stores, SKUs, orders and order lines, built set-wise in DuckDB.

Randomness comes from `rnd(salt, a, b)`, a hash of the seed and the row's own keys, so
every value depends only on the seed and its coordinates, never on thread scheduling.
Timelines (payment, carrier scan, delivery, confirmation, refund) are drawn once per
line; the export step later reads each line's state as of each export date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from dagster_project.generate import vocab

# Mean order lines per store per day at the default mix: 1000 stores x 400 days gives
# about ten million lines.
ORDERS_PER_STORE_DAY = 20.8


@dataclass(frozen=True)
class Params:
    stores: int
    days: int
    seed: int
    export_every: int
    utf8_only: bool
    end_date: date

    @property
    def start_date(self) -> date:
        return self.end_date - timedelta(days=self.days - 1)

    @property
    def first_export(self) -> date:
        """The newest export is downloaded the morning after the last simulated day."""
        return self.end_date + timedelta(days=1)


def _d(value: date) -> str:
    return f"DATE '{value.isoformat()}'"


def create_macros(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    con.execute(
        f"""
        create or replace macro rnd(salt, a, b) as
            (hash(salt, a, b, {p.seed}::BIGINT) >> 11)::DOUBLE / 9007199254740992.0;
        create or replace macro gauss(salt, a, b) as
            sqrt(-2 * ln(greatest(rnd(salt || '1', a, b), 1e-12)))
            * cos(2 * pi() * rnd(salt || '2', a, b));
        create or replace macro fmt_ts(ts, style) as case style
            when 0 then strftime(ts, '%Y-%m-%d %H:%M:%S')
            when 1 then strftime(ts, '%Y/%m/%d %H:%M')
            when 2 then strftime(ts, '%Y-%m-%dT%H:%M:%S')
            else strftime(ts, '%Y-%m-%d %H:%M') end;
        create or replace macro fmt_amount(a, style) as case style
            when 0 then printf('%.2f', a)
            when 1 then '"US $' || format('{{:,.2f}}', a::DOUBLE) || '"'
            when 2 then '"$' || format('{{:,.2f}}', a::DOUBLE) || '"'
            else 'USD ' || printf('%.2f', a) end;
        """
    )


def build_stores(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """One row per store: size, language, encoding, formats and quality."""
    n = p.stores
    width = max(4, len(str(n)))
    young = n - 1 if n >= 2 else -1
    mid = n - 2 if n >= 6 else -1
    # Stores 0..3 get fixed traits so that even a five-store run shows every variety.
    if p.utf8_only:
        encoding = "'utf8'"
    else:
        # store 3 exports yuan with every prefix, `¥` included, which GBK cannot hold
        encoding = """case when i = 0 then 'gbk' when i = 1 then 'bom' when i = 3 then 'utf8'
            when lang = 'zh' and rnd('enc', i, 0) < 0.2 then 'gbk'
            when rnd('enc', i, 0) < 0.32 then 'bom' else 'utf8' end"""
    cw = vocab.MAIN_CATEGORY_WEIGHTS
    con.execute(
        f"""
        create or replace table stores as
        with base as (
            select i::INTEGER as i,
                row_number() over (order by hash(i, 'rank', {p.seed}::BIGINT)) as size_rank,
                case when i = 0 then 'zh' when i = 1 then 'en'
                     when rnd('lang', i, 0) < 0.55 then 'zh' else 'en' end as lang
            from range({n}) t(i)
        ), sized as (
            select *, pow(size_rank, -0.9) / sum(pow(size_rank, -0.9)) over () as share
            from base
        )
        select i as store_idx,
            'store_' || lpad((i + 1)::VARCHAR, {width}, '0') as store_id,
            lang,
            {encoding} as encoding,
            -- orders per day before weekday, promotion and trend factors
            greatest({ORDERS_PER_STORE_DAY} * {n} * share, 1.5) as rate,
            case when i = 2 then false else rnd('scan', i, 0) >= 0.15 end as has_scan,
            case when i = 3 then 3 when rnd('name', i, 0) < 0.05 then 3
                 else floor(rnd('name', i, 1) * 3)::INTEGER end as name_style,
            (i % 4)::INTEGER as ts_style,
            case when i = 1 then 1 else floor(rnd('amt', i, 0) * 4)::INTEGER end as amount_style,
            case when i = 0 then 1 else floor(rnd('qty', i, 0) * 3)::INTEGER end as qty_style,
            -- money: store 0 (a Chinese seller, GBK) exports yuan with a currency column,
            -- store 2 euros and store 3 yuan with prefixes only; a few others either
            case when i in (0, 3) then 'CNY' when i = 2 then 'EUR'
                 when rnd('cur', i, 0) < 0.10 then 'CNY'
                 when rnd('cur', i, 0) < 0.15 then 'EUR' else 'USD' end as currency,
            case when i = 0 then true when i in (2, 3) then false
                 else rnd('curcol', i, 0) < 0.5 end as currency_column,
            floor(rnd('hdr', i, 0) * 2)::INTEGER as header_variant,
            floor(rnd('stv', i, 0) * 4)::INTEGER as status_variant,
            case when rnd('cat', i, 0) < {cw[0]} then 0
                 when rnd('cat', i, 0) < {cw[0] + cw[1]} then 1
                 when rnd('cat', i, 0) < {cw[0] + cw[1] + cw[2]} then 2 else 3 end as main_cat,
            -- share of orders scanned late: most stores are prompt, a few are slow
            0.006 + 0.07 * pow(rnd('slow', i, 0), 4) as slow_share,
            (rnd('growth', i, 0) - 0.4) * 0.8 as growth,
            4.55 + 0.4 * rnd('dsr', i, 0) as dsr_base,
            case when i = {young} then {_d(p.end_date)} - 59
                 when i = {mid} then {_d(p.start_date)} + {p.days // 2}
                 else {_d(p.start_date)} - (180 + floor(rnd('open', i, 0) * 1800))::INTEGER
            end as opened_at
        from sized
        """
    )


def build_skus(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """Each store's catalogue, indexed in listing order so that `sku_idx < n_avail`
    means listed. Old SKUs predate the window, new ones arrive through it, and the
    last two are in their test week on the last day."""
    end, start = _d(p.end_date), _d(p.start_date)
    cat_lists = {
        lang: [vocab.sql_list(texts) for texts in vocab.CATEGORY_TEXTS[lang]]
        for lang in ("zh", "en")
    }
    # a store writes a class one way (always 服饰, say); "other" SKUs spread over several
    # real categories (toys, beauty, ...), all of which map to other
    cat_text = " ".join(
        f"when lang = '{lang}' and cat = {c} then {lst}[1 + (hash(store_idx, "
        f"{'sku_idx' if c == 3 else 'cat'}, 'ct') "
        f"% {len(vocab.CATEGORY_TEXTS[lang][c])})::INTEGER]"
        for lang in ("zh", "en")
        for c, lst in enumerate(cat_lists[lang])
    )
    medians = vocab.sql_list([str(m) for m in vocab.PRICE_MEDIAN])
    sigmas = vocab.sql_list([str(s) for s in vocab.PRICE_SIGMA])
    prefixes = vocab.sql_list(list(vocab.SKU_PREFIX))
    con.execute(
        f"""
        create or replace table skus as
        with base as (
            select s.store_idx, s.lang, s.opened_at, s.main_cat,
                (8 + round(4 * pow(s.rate, 0.75)))::INTEGER as n_skus,
                unnest(range((8 + round(4 * pow(s.rate, 0.75)))::INTEGER)) as sku_idx
            from stores s
        ), shaped as (
            select *,
                (n_skus - 2 - round(0.25 * n_skus))::INTEGER as n_old,
                greatest(opened_at, {start} - 1) as old_end,
                case when rnd('skc', store_idx, sku_idx) < 0.7 then main_cat
                     else floor(rnd('skc2', store_idx, sku_idx) * 4)::INTEGER end as cat
            from base
        ), listed as (
            select *,
                case
                    when sku_idx >= n_skus - 2 then {end} - (case when sku_idx = n_skus - 2
                                                            then 5 else 2 end)
                    when sku_idx >= n_old then old_end + 1 + greatest(0, floor(
                        ({end} - 10 - old_end) * (sku_idx - n_old + 1)
                        / (n_skus - 2 - n_old + 1)))::INTEGER
                    else opened_at + floor((old_end - opened_at) * sku_idx / n_old)::INTEGER
                end as listed_day
            from shaped
        )
        select store_idx, sku_idx, n_skus, cat, listed_day,
            listed_day + to_seconds(floor(rnd('lsec', store_idx, sku_idx) * 36000)
                                               + 28800) as listed_ts,
            case when sku_idx >= 5 and sku_idx < n_skus - 2
                      and rnd('delist', store_idx, sku_idx) < 0.06
                 then listed_day + 7 + floor(rnd('dl2', store_idx, sku_idx)
                                             * greatest({end} - listed_day, 1) * 1.3)::INTEGER
            end as delisted_raw,
            {prefixes}[cat + 1] || '-' || lpad((store_idx * 7 % 1000)::VARCHAR, 3, '0')
                || lpad(sku_idx::VARCHAR, 5, '0') as sku,
            '1005' || lpad(((store_idx::BIGINT * 100003 + sku_idx) * 7919
                            % 1000000000000)::VARCHAR, 12, '0') as product_id,
            case {cat_text} end as category_text,
            round(floor({medians}[cat + 1]::DOUBLE
                        * exp({sigmas}[cat + 1]::DOUBLE * gauss('price', store_idx, sku_idx)))
                  + 0.99, 2) as unit_price
        from listed
        """
    )
    con.execute(
        f"""
        alter table skus add column delisted_day DATE;
        update skus set delisted_day = case when delisted_raw <= {end} then delisted_raw end;
        alter table skus drop column delisted_raw;
        -- how many SKUs are listed on a day: the ASOF join target of order generation
        create or replace table sku_avail as
        select store_idx, listed_day, max(sku_idx) + 1 as n_avail
        from skus group by all;
        """
    )


def _promo_case() -> str:
    by_factor: dict[float, list[str]] = {}
    for (month, day), factor in vocab.PROMO_DAYS.items():
        by_factor.setdefault(factor, []).append(f"(m = {month} and dd = {day})")
    whens = " ".join(f"when {' or '.join(c)} then {f}" for f, c in by_factor.items())
    return f"case {whens} else 1.0 end"


def build_orders(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """Orders per store-day with weekly rhythm, promotions and trend, then each
    order's timeline and buyer."""
    end, start = _d(p.end_date), _d(p.start_date)
    weekday = vocab.sql_list([str(f) for f in vocab.WEEKDAY_FACTORS])
    con.execute(
        f"""
        create or replace table store_days as
        with days as (
            select s.store_idx, s.rate, s.growth, s.opened_at,
                unnest(range({p.days})) as day_idx
            from stores s
        ), dated as (
            select *, {start} + day_idx::INTEGER as day from days
        ), factored as (
            select d.*, month(day) as m, day(day) as dd,
                {weekday}[isodow(day)]::DOUBLE as wf
            from dated d
            where day >= opened_at
        )
        select f.store_idx, f.day_idx, f.day, a.n_avail,
            floor(f.rate * f.wf * ({_promo_case()}) * exp(f.growth * (f.day - {end}) / 365.0)
                  * exp(0.25 * gauss('nday', f.store_idx, f.day_idx) - 0.03)
                  + rnd('dither', f.store_idx, f.day_idx))::INTEGER as n_orders,
            {_promo_case()} > 1.2 as promo
        from factored f
        asof join sku_avail a on a.store_idx = f.store_idx and f.day >= a.listed_day
        """
    )
    con.execute(
        f"""
        create or replace table orders as
        with o as (
            select sd.store_idx, sd.day_idx, sd.day, sd.n_avail, sd.promo,
                unnest(range(sd.n_orders)) as j
            from store_days sd where sd.n_orders > 0
        ), t as (
            select o.*, s.slow_share,
                day + to_seconds(floor(86400 * (((0.62 + 0.2 * gauss('tod', store_idx,
                    day_idx * 100000 + j)) % 1.0 + 1.0) % 1.0))) as order_ts,
                rnd('fate', store_idx, day_idx * 100000 + j) as uf,
                rnd('late', store_idx, day_idx * 100000 + j) as ul,
                rnd('h', store_idx, day_idx * 100000 + j) as uh,
                hash(store_idx, day_idx * 100000 + j, 'o', {p.seed}::BIGINT) as h
            from o join stores s using (store_idx)
        ), fated as (
            select *,
                case when uf < 0.025 then 1 when uf < 0.05 then 2 when uf < 0.058 then 3
                     when uf < 0.072 then 4 else 0 end as fate,
                order_ts + to_seconds(40 + floor(1800 * ul * ul)) as pay_ts,
                case when ul < 1 - slow_share then 2 + 44 * pow(uh, 1.3)
                     when ul < 1 - slow_share * 0.35 then 48.5 + 23 * uh
                     else 72.5 + 150 * uh * uh end as scan_hours
            from t
        ), timed as (
            select *,
                pay_ts + to_seconds(floor(scan_hours * 3600)) as scan_ts
            from fated
        )
        select store_idx, day_idx::INTEGER as day_idx, day, j::INTEGER as j, n_avail, promo,
            fate::TINYINT as fate, order_ts,
            case when fate <> 1 then pay_ts end as paid_ts,
            case when fate in (0, 3, 4) then scan_ts end as online_ts,
            case when fate in (0, 3, 4) then scan_ts + to_seconds(
                floor(86400 * (4 + 16 * pow(rnd('dlv', store_idx, h), 1.5)))) end
                as deliver_ts,
            -- when the order leaves the happy path: closed unpaid, cancelled, rejected
            -- at the door, or lost by the carrier
            case fate
                when 1 then order_ts + interval 24 hour
                when 2 then pay_ts + to_seconds(
                    floor(3600 * least(scan_hours, 40) * rnd('cx', store_idx, h)))
                when 4 then scan_ts + to_seconds(
                    floor(86400 * (6 + 14 * rnd('lx', store_idx, h))))
            end as exit_ts,
            h
        from timed
        """
    )
    con.execute(
        """
        alter table orders add column confirm_ts TIMESTAMP;
        update orders set confirm_ts = deliver_ts + to_seconds(floor(86400 * (0.2 + 12 * pow(
            rnd('cf', store_idx, h), 2))));
        """
    )


def order_id_sql(o: str) -> str:
    """AliExpress-like 16-digit order number, unique per (store, day, ordinal)."""
    return (
        f"'81' || lpad({o}.store_idx::VARCHAR, 4, '0') || lpad({o}.day_idx::VARCHAR, 4, '0') "
        f"|| lpad({o}.j::VARCHAR, 5, '0') || ({o}.h % 10)::VARCHAR"
    )


def buyer_sql(o: str) -> dict[str, str]:
    """Fake buyer personal data drawn from the order hash (same buyer on every line)."""
    first = vocab.sql_list(list(vocab.FIRST_NAMES))
    last = vocab.sql_list(list(vocab.LAST_NAMES))
    streets = vocab.sql_list(list(vocab.STREETS))
    cities = vocab.sql_list([c for c, _ in vocab.CITIES])
    dials = vocab.sql_list([d for _, d in vocab.CITIES])
    city = f"(1 + ({o}.h >> 16) % {len(vocab.CITIES)})::INTEGER"
    return {
        "buyer_name": f"{first}[1 + ({o}.h % {len(vocab.FIRST_NAMES)})::INTEGER] || ' ' "
        f"|| {last}[1 + (({o}.h >> 8) % {len(vocab.LAST_NAMES)})::INTEGER]",
        "phone": f"{dials}[{city}] || ' ' || lpad((({o}.h >> 20) % 1000000000)::VARCHAR, 9, '0')",
        # one address in a thousand spans two physical lines inside its quotes
        "address": f"'\"' || (1 + ({o}.h >> 30) % 180)::VARCHAR || ' ' "
        f"|| {streets}[1 + (({o}.h >> 38) % {len(vocab.STREETS)})::INTEGER] "
        f"|| (case when ({o}.h >> 44) % 1000 = 0 then chr(10) else ', ' end) "
        f"|| {cities}[{city}] || '\"'",
        "zip": f"lpad((({o}.h >> 24) % 1000000)::VARCHAR, 6, '0')",
        "tracking": f"'LP00' || lpad((({o}.h >> 12) % 1000000000000)::VARCHAR, 12, '0')",
    }


def build_lines(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """Order lines: one to three SKUs per order (neighbours in the catalogue), with
    quantity, amount, and a per-line refund after delivery for a few."""
    con.execute(
        """
        create or replace table lines as
        with l as (
            select o.*,
                floor(n_avail * pow(rnd('pick', store_idx, h), 1.7))::INTEGER as p0,
                unnest(range(least(n_avail, 1 + (rnd('nl', store_idx, h) < 0.2)::INTEGER
                                  + (rnd('nl2', store_idx, h) < 0.06)::INTEGER))) as li
            from orders o
        ), q as (
            select l.*, ((p0 + li) % n_avail)::INTEGER as sku_idx,
                case when rnd('qty', h, li) < 0.82 then 1 when rnd('qty', h, li) < 0.94 then 2
                     when rnd('qty', h, li) < 0.98 then 3
                     else 4 + floor(rnd('qty2', h, li) * 6)::INTEGER end as quantity
            from l
        )
        select q.store_idx, q.day_idx, q.day, q.j, q.li::TINYINT as li, q.fate,
            q.order_ts, q.paid_ts, q.online_ts, q.deliver_ts, q.confirm_ts, q.exit_ts,
            k.sku_idx, q.quantity::INTEGER as quantity,
            round(k.unit_price * quantity * case when promo then 0.85 else 1.0 end, 2)
                ::DECIMAL(18, 2) as amount,
            case when fate = 0 and rnd('refund', h, li) < 0.045 then deliver_ts
                + to_seconds(floor(86400 * (1 + 30 * rnd('rf', h, li)))) end
                as refund_ts,
            h
        from q join skus k on k.store_idx = q.store_idx and k.sku_idx = q.sku_idx
        -- a SKU taken off sale sells no more: its picks are dropped
        where k.delisted_day is null or k.delisted_day > q.day
        """
    )


# --- Export coverage and roll-off cases --------------------------------------------
# From six stores on, three stores get a fate that the coverage and roll-off marts must
# show (stores 0 and 1 keep the traits the small runs rely on, the last two are young):
#   store 1: sized a little above the home & garden top-100 line, shrinking slowly, so
#            that last November (11.11, Black Friday) rolling off takes it below: with
#            at least 395 days, top100_at_risk on the 30-day horizon;
#   store 2: no order export between 56 and 252 days before the newest download: more
#            than 90 days no order file covers (needs at least 360 days);
#   store 3: stopped exporting three weeks before the newest download (every kind but
#            its store file): its orders coverage is stale.
STALE_STORE, GAP_STORE, TOP100_STORE = 3, 2, 1
STOPPED_DAYS = 21  # no export dated within this many days before the newest one
GAP_AFTER, GAP_BEFORE = 56, 252  # order exports k with GAP_AFTER < k * every < GAP_BEFORE
TOP100_MIN_DAYS = 395  # the 365-day window plus the 30-day horizon


def add_coverage_cases(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """Mark the stale and gap stores, and size the top-100 store (before its SKUs and
    orders are drawn)."""
    many = p.stores >= 6
    con.execute(
        f"""
        alter table stores add column stopped_days INTEGER;
        alter table stores add column orders_gap BOOLEAN default false;
        update stores set stopped_days = {STOPPED_DAYS}
            where {many} and store_idx = {STALE_STORE};
        update stores set orders_gap = true
            where {many} and {p.days >= 360} and store_idx = {GAP_STORE};
        """
    )
    if many and p.days >= TOP100_MIN_DAYS:
        # about 1.4 counted units per order: a quarter above the line before thinning
        rate = vocab.TOP100_HOME_GARDEN_UNITS * 1.25 / (365 * 1.4)
        con.execute(
            f"""
            update stores set rate = {rate}, growth = -0.15, main_cat = 2
            where store_idx = {TOP100_STORE}
            """
        )


def calibrate_top100_store(con: duckdb.DuckDBPyConnection, p: Params) -> None:
    """Thin the top-100 store's orders evenly so that its 365-day units on the last day
    sit halfway between the threshold and the level at which the 30-day roll-off takes
    it below. Units are counted as the warehouse will: completed in the latest export
    that holds the day, neither refunded nor in dispute."""
    if p.stores < 6 or p.days < TOP100_MIN_DAYS:
        return
    end, first = _d(p.end_date), _d(p.first_export)
    e = p.export_every
    u365, r30, u30 = con.execute(
        f"""
        with seen as (
            select day, quantity, confirm_ts, refund_ts,
                ({first} - (greatest(0, ceil((({first} - day) - 90) / {e}))::INTEGER
                    * {e}))::TIMESTAMP as t
            from lines
            where store_idx = {TOP100_STORE} and fate = 0
        ), counted as (
            select day, quantity from seen
            where confirm_ts <= t and (refund_ts is null or t < refund_ts - interval 4 day)
        )
        select
            coalesce(sum(quantity) filter (where day between {end} - 364 and {end}), 0),
            coalesce(sum(quantity) filter (where day between {end} - 364 and {end} - 335), 0),
            coalesce(sum(quantity) filter (where day between {end} - 29 and {end}), 0)
        from counted
        """
    ).fetchone()
    threshold = vocab.TOP100_HOME_GARDEN_UNITS
    projected = u365 - r30 + u30
    if not u365 or projected >= u365:
        return
    keep = min(1.0, (threshold / u365 + threshold / projected) / 2)
    con.execute(
        f"""
        delete from lines
            where store_idx = {TOP100_STORE} and rnd('thin', store_idx, h) >= {keep};
        delete from orders
            where store_idx = {TOP100_STORE} and rnd('thin', store_idx, h) >= {keep};
        """
    )


def exported_sql(p: Params) -> str:
    """True for the rows of the files a store did download (see add_coverage_cases)."""
    e = p.export_every
    return (
        f"(s.stopped_days is null or kind = 'store' or k * {e} >= s.stopped_days) "
        f"and (not s.orders_gap or kind <> 'orders' "
        f"or k * {e} <= {GAP_AFTER} or k * {e} >= {GAP_BEFORE})"
    )
