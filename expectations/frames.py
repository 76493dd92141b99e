"""How a suite is written: DuckDB SQL narrows the data to a small frame, GE judges the frame.

A Frame is one SQL query (run in DuckDB against the working database) and the checks that
Great Expectations applies to its result. The SQL keeps only the columns and the grain a check
needs (aggregates per store or per status, duplicate-key candidates), so no frame ever holds a
whole order-line table. `$as_of` in the SQL is bound to the audited as_of date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expectations.report import ERROR


@dataclass(frozen=True)
class Check:
    """One named expectation: the GE class name (in great_expectations.expectations) and its
    arguments. The expectation object is built fresh on every run, since GE binds it to a suite."""

    name: str
    expectation: str
    kwargs: dict[str, Any]
    severity: str = ERROR
    asset: str | None = None


@dataclass(frozen=True)
class Frame:
    suite: str
    name: str
    asset: str
    sql: str
    checks: tuple[Check, ...]
    # Column holding how many rows of the audited table a frame row stands for.
    weight: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def check(name: str, expectation: str, severity: str = ERROR, **kwargs: Any) -> Check:
    return Check(name=name, expectation=expectation, kwargs=kwargs, severity=severity)


def where(column: str, value: Any) -> dict[str, Any]:
    """A row condition, so an expectation applies only to the rows where column == value."""
    # Imported here so that reading the suite definitions does not load great_expectations.
    from expectations.gx_import import import_great_expectations

    import_great_expectations()
    from great_expectations.expectations.row_conditions import Column

    return {"row_condition": Column(column) == value}


def not_below(name: str, larger: str, smaller: str) -> Check:
    return check(
        name,
        "ExpectColumnPairValuesAToBeGreaterThanB",
        column_A=larger,
        column_B=smaller,
        or_equal=True,
        ignore_row_if="both_values_are_missing",
    )
