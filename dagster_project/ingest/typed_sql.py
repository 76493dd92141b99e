"""SQL that types the all-text staging rows of one header layout and names each row's fault.

Staging columns are `c0 … c{width+SPARE-1}` (text; NULL only where the reader padded a
short record) and `file_id` (which file of the batch).
"""

from __future__ import annotations

from dagster_project.ingest.headers import Layout
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
    whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in _PREFIX_CURRENCY.items())
    return f"CASE {prefix} {whens} END"


def parse_expr(col: Column, t: str) -> str:
    """Typed value of trimmed, non-empty text `t`; NULL when the text does not parse."""
    if col.type == "text":
        return t
    if col.type in ("integer", "count"):
        return f"TRY_CAST({_capture(t, _INTEGER)} AS {SQL_TYPES[col.type]})"
    if col.type == "amount":
        return f"TRY_CAST(replace({_capture(t, _AMOUNT, 2)}, ',', '') AS DECIMAL(18,2))"
    if col.type == "currency":
        code = f"upper({t})"
        aliases = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in _CURRENCY_ALIASES.items())
        return (
            f"CASE WHEN regexp_matches({t}, {_lit(_CURRENCY_CODE)}) "
            f"THEN CASE {code} {aliases} ELSE {code} END END"
        )
    if col.type == "score":
        return f"TRY_CAST({_capture(t, _SCORE)} AS DOUBLE)"
    if col.type in ("timestamp", "date"):
        # DuckDB's own cast reads every accepted form (`-` or `/` dates, `T`, seconds
        # optional, fractions) and drops a zone suffix rather than applying it, so times are
        # stored as written; it is several times cheaper than a regex per value. The guard
        # keeps out what the cast would take beyond a date-first text: `epoch`,
        # `infinity`, `(BC)` and named zones.
        guarded = (
            f"CASE WHEN {t}[5] IN ('-', '/') "
            f"AND ({t}[-1] BETWEEN '0' AND '9' OR {t}[-1] = 'Z') THEN {t} END"
        )
        stamp = f"TRY_CAST({guarded} AS TIMESTAMP)"
        return stamp if col.type == "timestamp" else f"CAST({stamp} AS DATE)"
    raise ValueError(f"unknown column type {col.type}")


def _fault_checks(col: Column) -> list[tuple[str, str]]:
    """(condition, reason) pairs for one column, in the order they are judged."""
    t, v = f'"t_{col.name}"', f'"{col.name}"'
    checks = []
    if col.required:
        checks.append((f"{t} IS NULL", f"missing_value:{col.name}"))
    if col.type == "currency":
        # reasons of exports.md without a column suffix: there is one currency per line
        checks.append((f"{t} IS NOT NULL AND {v} IS NULL", "bad_currency"))
        checks.append((f"{v} <> {_PREFIX}", "currency_mismatch"))
    elif col.type != "text":
        checks.append((f"{t} IS NOT NULL AND {v} IS NULL", f"{_REASON_TYPE[col.type]}:{col.name}"))
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
        return f'coalesce("{col.name}", {_PREFIX}, \'USD\') AS "{col.name}"'
    return f'"{col.name}"'


def staging_columns(layout: Layout) -> list[str]:
    return [f"c{i}" for i in range(layout.width + SPARE)]


def typed_select(
    kind: str, layout: Layout, delimiter: str, source: str, workbook: bool = False
) -> str:
    """One row per record of `source`, in its order: file_id, field_count, typed columns,
    reason, and for faulty records only, raw_line (personal data blanked) and line_hash.

    `workbook`: the rows come from an .xlsx, whose formula cells without a saved result
    carry a marker (xlsx.FORMULA_WITHOUT_VALUE) that is judged first.

    The line number is left to the caller (the position in the materialized result): a
    window numbering records here would hold every text column back until the scan ends.
    """
    cols = staging_columns(layout)
    field_count = " + ".join(f"({c} IS NOT NULL)::INTEGER" for c in cols)
    texts = []
    for col in SPECS[kind]:
        i = layout.index(col.name)
        text = "NULL::VARCHAR" if i is None else f"nullif(trim(c{i}), '')"
        texts.append(f'{text} AS "t_{col.name}"')
    values = [
        f'{parse_expr(c, chr(34) + "t_" + c.name + chr(34))} AS "{c.name}"' for c in SPECS[kind]
    ]
    if any(c.type == "currency" for c in SPECS[kind]):
        amount = next(c for c in SPECS[kind] if c.type == "amount")
        prefix = prefix_currency_expr(f'"t_{amount.name}"')
        values.append(f"{prefix} AS {_PREFIX}")
    whens = [f"WHEN field_count <> {layout.width} THEN 'field_count_mismatch'"]
    if workbook:
        whens += [
            f"""WHEN "t_{c.name}" = {_lit(FORMULA_WITHOUT_VALUE)} """
            f"THEN {_lit('formula_without_value:' + c.name)}"
            for c in SPECS[kind]
            if layout.index(c.name) is not None
        ]
    for col in SPECS[kind]:
        whens += [f"WHEN {cond} THEN {_lit(reason)}" for cond, reason in _fault_checks(col)]
    names = ", ".join(_resolved(c) for c in SPECS[kind])
    return f"""
WITH numbered AS (
    SELECT file_id, {", ".join(cols)}, {field_count} AS field_count, {", ".join(texts)}
    FROM ({source})
), parsed AS (
    SELECT *, {", ".join(values)} FROM numbered
), judged AS (
    SELECT *, CASE {" ".join(whens)} END AS reason FROM parsed
)
SELECT file_id, field_count, {names}, reason,
       CASE WHEN reason IS NOT NULL AND field_count = {layout.width}
            THEN {raw_line_expr(layout, delimiter)} END AS raw_line,
       CASE WHEN reason IS NOT NULL THEN {line_hash_expr(layout, delimiter)} END AS line_hash
FROM judged
"""


def _quoted(c: str, delimiter: str) -> str:
    needs = " OR ".join(
        f"contains({c}, {x})" for x in (_lit(delimiter), "'\"'", "chr(10)", "chr(13)")
    )
    return f"""CASE WHEN {needs} THEN '"' || replace({c}, '"', '""') || '"' ELSE {c} END"""


def raw_line_expr(layout: Layout, delimiter: str) -> str:
    """The record as CSV text with personal-data fields blanked (whole records only)."""
    parts = [
        "''" if i in layout.personal else _quoted(f"c{i}", delimiter) for i in range(layout.width)
    ]
    return f"concat_ws({_lit(delimiter)}, {', '.join(parts)})"


def line_hash_expr(layout: Layout, delimiter: str) -> str:
    """sha256 of every field the reader saw (padding left out), personal data included."""
    parts = [_quoted(c, delimiter) for c in staging_columns(layout)]
    return f"sha256(concat_ws({_lit(delimiter)}, {', '.join(parts)}))"
