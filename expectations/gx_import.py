"""Importing Great Expectations where pyspark is installed (the Spark extra).

Great Expectations imports pyspark's connect package when pyspark is there, and that
package takes a process whose `__main__` has neither `__file__` nor `__spec__` for a
doctest run and calls `sys.exit(0)`. Dagster's run workers and pytest-xdist's workers are
such processes, so the audit step ended with SystemExit. While great_expectations is first
imported, `__main__` gets a file name; it is taken away after, since multiprocessing's
spawn would try to run that file in a child.
"""

from __future__ import annotations

import sys


def import_great_expectations() -> None:
    """Import great_expectations once, safe from pyspark's doctest guard."""
    if "great_expectations" in sys.modules:
        return
    main = sys.modules.get("__main__")
    bare = (
        main is not None
        and getattr(main, "__spec__", None) is None
        and not hasattr(main, "__file__")
    )
    if bare:
        main.__file__ = "<no main file>"
    try:
        import great_expectations  # noqa: F401
    finally:
        if bare:
            del main.__file__
