"""Great Expectations audit of the working database (suites as code, DuckDB-narrowed frames)."""

import os

# Before anything imports great_expectations: no usage analytics leave the machine.
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from expectations.report import ERROR, WARN, AuditReport, CheckOutcome  # noqa: E402

__all__ = ["ERROR", "WARN", "AuditReport", "CheckOutcome", "run_audit"]


def __getattr__(name: str) -> object:
    # Importing great_expectations takes seconds; code that only needs the report types
    # (the publish step) should not pay for it.
    if name == "run_audit":
        from expectations.runner import run_audit

        return run_audit
    raise AttributeError(name)
