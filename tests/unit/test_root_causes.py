"""One line saying why a step failed, from the error Dagster recorded."""

from __future__ import annotations

from dagster._utils.error import SerializableErrorInfo

from dagster_project.runs.events import root_cause


def _error(message: str, cause: SerializableErrorInfo | None = None) -> SerializableErrorInfo:
    return SerializableErrorInfo(message=message, stack=[], cls_name="Error", cause=cause)


DBT_FAILURE = (
    "The dbt CLI process with command\n\n`dbt build` failed with exit code `1`.\n\n"
    "Errors parsed from dbt logs:\n\n"
    "\x1b[33mRuntime Error in model int_as_of (models/intermediate/int_as_of.sql)\x1b[0m\n"
    "  \n"
    '  Conversion Error: invalid date field format: "not a day"\n'
    "  LINE 1: select cast('not a day' as date)\n"
    "                 ^\n"
)


def test_no_error_says_nothing() -> None:
    assert root_cause(None) == ""


def test_the_innermost_cause_is_the_reason() -> None:
    inner = _error("IO Error: could not open warehouse.duckdb\n")
    outer = _error("Error occurred while executing op ingest:", cause=_error("wrapped", inner))
    assert root_cause(outer) == "IO Error: could not open warehouse.duckdb"


def test_a_failed_dbt_build_names_the_node_and_dbts_reason() -> None:
    assert root_cause(_error(DBT_FAILURE)) == (
        'dbt model int_as_of: Conversion Error: invalid date field format: "not a day"'
    )


def test_a_dbt_failure_without_a_reason_line_keeps_the_error_kind() -> None:
    text = "Errors parsed from dbt logs:\nCompilation Error in test not_null_x (models/x.yml)\n"
    assert root_cause(_error(text)) == "dbt test not_null_x: Compilation Error"


def test_the_last_meaningful_line_otherwise() -> None:
    text = "Binder Error: column x not found\nLINE 3: select x\n          ^^^\n\n"
    assert root_cause(_error(text)) == "Binder Error: column x not found"


def test_terminal_colours_are_dropped() -> None:
    assert root_cause(_error("\x1b[31mboom\x1b[0m")) == "boom"
