"""`adapter` for sqlfluff's jinja templater (pyproject.toml, [tool.sqlfluff.templater.jinja]).

The templater renders the models without dbt, so dbt's `adapter` is missing. The models call
it to dispatch an engine macro of macros/engine.sql, which here resolves to the macro's
DuckDB form (the engine the linter's dialect describes), and to read an existing table's
columns, of which the linter knows none.
"""

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context


@pass_context
def dispatch(context: Context, macro_name: str, macro_namespace: str | None = None) -> Callable:
    """The `duckdb__` form of a dispatched macro, else the `default__` one."""
    for prefix in ("duckdb__", "default__"):
        macro = context.resolve_or_missing(prefix + macro_name)
        if callable(macro):
            return macro
    raise KeyError(f"no duckdb__ or default__ form of macro {macro_name!r}")


def get_columns_in_relation(relation: Any) -> list:
    """No columns: the linter sees no database, as on a first build."""
    return []


def __getattr__(name: str) -> Any:
    raise AttributeError(f"adapter.{name} is not available to the linter")
