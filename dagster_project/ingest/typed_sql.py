"""SQL that types the all-text staging rows of one header layout and names each row's fault.

Staging columns are `c0 … c{width+SPARE-1}` (text; NULL only where the reader padded a
short record) and `file_id` (which file of the batch).
"""

from __future__ import annotations

from dagster_project.ingest.headers import Layout
from dagster_project.ingest.repair import (
    MARKER_FIELDS,
    MARKER_HASH,
    MARKER_REASON,
    marker_part,
    marker_sql,
)
from dagster_project.ingest.specs import SPECS, SQL_TYPES, Column
from dagster_project.ingest.xlsx import FORMULA_WITHOUT_VALUE

SPARE = 8  # extra staging columns: a record with more fields than the header fills them

# Each pattern captures the part to cast (group 1); no match gives '' and so NULL.
_INTEGER = r"^([+-]?[0-9]+)(?:\.0*)?$"
# An amount: an optional currency prefix (group 1: any case, spaces after it) and the
# number (group 2), thousands commas in groups of three. A currency written after the
# number (`12.00 EUR`, `12元`) or any other prefix does not match: a bad amount.
_AMOUNT = (
    r"^(?i:(us\s*\$|usd|\$|cn¥|￥|¥|rmb|cny|€|eur)\s*)?"
    r"([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)$"
)
# exports.md: what each prefix means, spaces taken out and upper-cased. `¥` is CNY even
# beside a JPY code: these are exports of sellers in China.
_PREFIX_CURRENCY = {
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "CN¥": "CNY",
    "￥": "CNY",
    "¥": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "€": "EUR",
    "EUR": "EUR",
}
# The currency column: three ASCII letters in any case, stored upper case; RMB is CNY.
_CURRENCY_CODE = r"^[A-Za-z]{3}$"
_CURRENCY_ALIASES = {"RMB": "CNY"}
_SCORE = r"^([+-]?[0-9]+(?:\.[0-9]+)?)$"
_REASON_TYPE = {
    "integer": "bad_integer",
    "count": "bad_integer",
    "amount": "bad_decimal",
    "currency": "bad_currency",
    "score": "bad_decimal",
    "timestamp": "bad_timestamp",
    "date": "bad_date",
}


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _capture(t: str, pattern: str, group: int = 1) -> str:
    return f"nullif(regexp_extract({t}, {_lit(pattern)}, {group}), '')"


def prefix_currency_expr(t: str) -> str:
    """Currency named by the prefix of amount text `t`; NULL without a prefix."""
    prefix = f"upper(regexp_replace({_capture(t, _AMOUNT)}, '\\s', '', 'g'))"
    whens = " ".join(f"when {_lit(k)} then {_lit(v)}" for k, v in _PREFIX_CURRENCY.items())
    return f"case {prefix} {whens} end"


def parse_expr(col: Column, t: str) -> str:
    """Typed value of trimmed, non-empty text `t`; NULL when the text does not parse."""
    if col.type == "text":
        return t
    if col.type in ("integer", "count"):
        return f"try_cast({_capture(t, _INTEGER)} as {SQL_TYPES[col.type]})"
    if col.type == "amount":
        return f"try_cast(replace({_capture(t, _AMOUNT, 2)}, ',', '') as decimal(18,2))"
    if col.type == "currency":
        code = f"upper({t})"
        aliases = " ".join(f"when {_lit(k)} then {_lit(v)}" for k, v in _CURRENCY_ALIASES.items())
        return (
            f"case when regexp_matches({t}, {_lit(_CURRENCY_CODE)}) "
            f"then case {code} {aliases} else {code} end end"
        )
    if col.type == "score":
        return f"try_cast({_capture(t, _SCORE)} as double)"
    if col.type in ("timestamp", "date"):
        # DuckDB's own cast reads every accepted form (`-` or `/` dates, `T`, seconds
        # optional, fractions) and drops a zone suffix rather than applying it, so times are
        # stored as written; it is several times cheaper than a regex per value. The guard
        # keeps out what the cast would take beyond a date-first text: `epoch`,
        # `infinity`, `(BC)` and named zones.
        guarded = (
            f"case when {t}[5] in ('-', '/') "
            f"and ({t}[-1] between '0' and '9' or {t}[-1] = 'Z') then {t} end"
        )
        stamp = f"try_cast({guarded} as timestamp)"
        return stamp if col.type == "timestamp" else f"cast({stamp} as date)"
    raise ValueError(f"unknown column type {col.type}")


def _fault_checks(col: Column) -> list[tuple[str, str]]:
    """(condition, reason) pairs for one column, in the order they are judged."""
    t, v = f'"t_{col.name}"', f'"{col.name}"'
    checks = []
    if col.required:
        checks.append((f"{t} is null", f"missing_value:{col.name}"))
    if col.type == "currency":
        # reasons of exports.md without a column suffix: there is one currency per line
        checks.append((f"{t} is not null and {v} is null", "bad_currency"))
        checks.append((f"{v} <> {_PREFIX}", "currency_mismatch"))
    elif col.type != "text":
        checks.append((f"{t} is not null and {v} is null", f"{_REASON_TYPE[col.type]}:{col.name}"))
    if col.low is not None:
        checks.append((f"{v} < {col.low}", f"out_of_range:{col.name}"))
    if col.high is not None:
        checks.append((f"{v} > {col.high}", f"out_of_range:{col.name}"))
    return checks


_PREFIX = '"prefix_currency"'


def _resolved(col: Column) -> str:
    """The stored value of a column: a line's currency is its currency value, else its
    amount's prefix, else USD."""
    if col.type == "currency":
        return f'coalesce("{col.name}", {_PREFIX}, \'USD\') as "{col.name}"'
    return f'"{col.name}"'


def _balanced_sum(terms: list[str]) -> str:
    """`a + b + …` as a balanced tree: a chain of a thousand terms nests a thousand deep,
    beyond DuckDB's expression depth limit; a tree nests ten deep."""
    if len(terms) == 1:
        return terms[0]
    half = len(terms) // 2
    return f"({_balanced_sum(terms[:half])} + {_balanced_sum(terms[half:])})"


def staging_columns(layout: Layout) -> list[str]:
    return [f"c{i}" for i in range(layout.width + SPARE)]


def is_wide(layout: Layout) -> bool:
    return layout.width + SPARE > WIDE


def typed_select(
    kind: str,
    layout: Layout,
    delimiter: str,
    source: str,
    markers: bool = False,
    narrow: bool = False,
    workbook: bool = False,
) -> str:
    """One row per record of `source`, in its order: file_id, field_count, typed columns,
    reason, and for faulty records only, raw_line (recognised columns only) and line_hash.

    `workbook`: the rows come from an .xlsx, whose formula cells without a saved result
    carry a marker (xlsx.FORMULA_WITHOUT_VALUE) that is judged first.

    The line number is left to the caller (the position in the materialized result): a
    window numbering records here would hold every text column back until the scan ends.

    With `markers`, the source is a clean copy of repair.py: a record that is a marker is
    quarantined with the marker's reason, field count and line hash, and no raw text.

    With `narrow`, only the recognised columns, the header's last one and the spare ones are
    read (the reader skips the others): every record is judged and typed exactly, but a
    short record's field count is NULL and no line is hashed. The caller fills both in
    for faulty records by a full read of the files that have any.
    """
    cols = staging_columns(layout)
    field_count = field_count_expr(layout)
    last = f"c{layout.width - 1}"
    if narrow:
        spares = cols[layout.width :]
        cols = [f"c{i}" for i in sorted(layout.kept | {layout.width - 1})] + spares
        counted = _balanced_sum([f"({c} is not null)::integer" for c in spares])
        field_count = f"case when {last} is not null then {layout.width} + {counted} end"
    marker = "marker"
    if markers:
        field_count = (
            f"case when {marker_sql('c0')} is not null then "
            f"try_cast({marker_part(marker_sql('c0'), MARKER_FIELDS)} as integer) "
            f"else {field_count} end"
        )
    texts = []
    for col in SPECS[kind]:
        i = layout.index(col.name)
        text = "null::varchar" if i is None else f"nullif(trim(c{i}), '')"
        texts.append(f'{text} as "t_{col.name}"')
    values = [
        f'{parse_expr(c, chr(34) + "t_" + c.name + chr(34))} as "{c.name}"' for c in SPECS[kind]
    ]
    if any(c.type == "currency" for c in SPECS[kind]):
        amount = next(c for c in SPECS[kind] if c.type == "amount")
        prefix = prefix_currency_expr(f'"t_{amount.name}"')
        values.append(f"{prefix} as {_PREFIX}")
    whens = [
        f"when field_count is null or field_count <> {layout.width} then 'field_count_mismatch'"
    ]
    if markers:
        whens.insert(0, f"when marker is not null then {marker_part(marker, MARKER_REASON)}")
    marker_col = f"{marker_sql('c0')} as marker, " if markers else "null::varchar as marker, "
    if workbook:
        whens += [
            f"""when "t_{c.name}" = {_lit(FORMULA_WITHOUT_VALUE)} """
            f"then {_lit('formula_without_value:' + c.name)}"
            for c in SPECS[kind]
            if layout.index(c.name) is not None
        ]
    for col in SPECS[kind]:
        whens += [f"when {cond} then {_lit(reason)}" for cond, reason in _fault_checks(col)]
    names = ", ".join(_resolved(c) for c in SPECS[kind])
    hashed = "null::varchar" if narrow else line_hash_expr(layout, delimiter)
    return f"""
with numbered as (
    select file_id, {", ".join(cols)}, {marker_col}{field_count} as field_count,
           {", ".join(texts)}
    from ({source})
), parsed AS (
    select *, {", ".join(values)} from numbered
), judged AS (
    select *, case {" ".join(whens)} end as reason from parsed
)
select file_id, field_count, {names}, reason,
       case when reason is not null and field_count = {layout.width} and marker is null
            then {raw_line_expr(layout, delimiter)} end as raw_line,
       case when marker is not null then {marker_part("marker", MARKER_HASH)}
            when reason is not null then {hashed} end as line_hash
from judged
"""


def field_count_expr(layout: Layout) -> str:
    """Non-NULL staging columns: the record's field count (padding is the only NULL)."""
    return _balanced_sum([f"({c} is not null)::integer" for c in staging_columns(layout)])


def _quoted(c: str, delimiter: str) -> str:
    needs = " OR ".join(
        f"contains({c}, {x})" for x in (_lit(delimiter), "'\"'", "chr(10)", "chr(13)")
    )
    return f"""case when {needs} then '"' || replace({c}, '"', '""') || '"' else {c} end"""


def raw_line_expr(layout: Layout, delimiter: str) -> str:
    """The record as CSV text keeping only the recognised columns' fields (whole records only).

    Every other field is blanked: an unrecognised header may hold buyer data under a name no
    list foresees, and the warehouse has no use for it. Runs of blanked fields are written
    as delimiters, so a wide header costs one literal, not one expression per column.
    """
    kept = sorted(layout.kept)
    parts: list[str] = []
    previous = -1
    for i in kept:
        gap = i - previous - 1  # blanked fields between two kept ones (or before the first)
        parts.append(_lit(delimiter * (gap + (1 if previous >= 0 else 0))))
        parts.append(_quoted(f"c{i}", delimiter))
        previous = i
    parts.append(_lit(delimiter * (layout.width - 1 - previous)))
    return "concat(" + ", ".join(p for p in parts if p != "''") + ")"


# Beyond this many staging columns, per-column expressions are replaced by one list
# expression: planning thousands of copies costs more than the read itself.
WIDE = 64


def line_hash_expr(layout: Layout, delimiter: str) -> str:
    """sha256 of every field the reader saw (padding left out), personal data included."""
    columns = staging_columns(layout)
    if len(columns) > WIDE:
        # The same text: array_to_string, like concat_ws, leaves NULLs (padding) out.
        quoted = _quoted("x", delimiter)
        fields = f"list_value({', '.join(columns)})"
        return (
            f"sha256(array_to_string(list_transform({fields}, lambda x: {quoted}), "
            f"{_lit(delimiter)}))"
        )
    parts = [_quoted(c, delimiter) for c in columns]
    return f"sha256(concat_ws({_lit(delimiter)}, {', '.join(parts)}))"
