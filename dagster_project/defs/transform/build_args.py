"""The arguments of the nightly `dbt build`: a pure helper, checked without running dbt."""

from __future__ import annotations

import json
from datetime import date


def dbt_build_args(as_of: date | None) -> list[str]:
    """`dbt build` for the nightly run.

    Unit tests check the SQL, not the data: they run in the test suite, not every night.
    The as-of date goes in as a var only when set, because any `--vars` differing from
    the parse-time ones makes dbt throw its partial parse away (seconds on every run).
    """
    args = ["build", "--exclude-resource-type", "unit_test"]
    if as_of is not None:
        args += ["--vars", json.dumps({"as_of": as_of.isoformat()})]
    return args
