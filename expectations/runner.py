"""Run every suite against a working database and collect one outcome per expectation."""

# ruff: noqa: E402 (great_expectations is imported after import_great_expectations() runs)

from __future__ import annotations

import math
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations.gx_import import import_great_expectations

import_great_expectations()

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations.docs_assets import localize
from expectations.frames import Check, Frame
from expectations.report import AuditReport, CheckOutcome
from expectations.suites import ALL_FRAMES

SAMPLE_ROWS = 5
DOCS_SITE = "audit"


def run_audit(
    working_db: Path,
    run_id: str,
    data_docs_dir: Path | None = None,
    requested_as_of: date | None = None,
    as_of: date | None = None,
) -> AuditReport:
    """Audit the working database with every suite; write Data Docs HTML when a folder is given.

    `as_of` is the day the build was for, as the `int_as_of` model states it (the nightly
    job reads it once after the build and passes it; without it it is read here, from the
    same model). `requested_as_of` is the day the run asked for (None: the default, which
    int_as_of computes): marts built for another day fail the audit.

    The database is opened read-only: the audit never changes what it judges. A table the
    suites need but cannot read (say dbt stopped before the marts) fails its checks with the
    reason instead of stopping the audit.
    """
    started = time.perf_counter()
    context = _context(data_docs_dir)
    datasource = context.data_sources.add_pandas("working_db")
    con = duckdb.connect(str(working_db), read_only=True)
    try:
        if as_of is None:
            as_of = read_as_of(con)
        outcomes: list[CheckOutcome] = []
        for frame in ALL_FRAMES:
            outcomes.extend(
                _run_frame(con, context, datasource, frame, as_of, requested_as_of, run_id)
            )
    finally:
        con.close()
    docs_path = None
    if data_docs_dir is not None:
        _name_the_audited_tables(context, {f"{f.suite}.{f.name}": f for f in ALL_FRAMES})
        context.build_data_docs(site_names=[DOCS_SITE])
        localize(Path(data_docs_dir))
        docs_path = Path(data_docs_dir) / "index.html"
    return AuditReport(
        run_id=run_id,
        checks=outcomes,
        seconds=time.perf_counter() - started,
        data_docs_path=docs_path,
        as_of=as_of,
    )


def read_as_of(con: duckdb.DuckDBPyConnection) -> date | None:
    """int_as_of's one row: the day dbt built the marts for. None before any build."""
    try:
        return con.execute("select max(as_of) from intermediate.int_as_of").fetchone()[0]
    except duckdb.Error:
        return None


def _context(data_docs_dir: Path | None) -> Any:
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        Path(data_docs_dir).mkdir(parents=True, exist_ok=True)
        context.add_data_docs_site(
            site_name=DOCS_SITE,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(Path(data_docs_dir).resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return context


def _name_the_audited_tables(context: Any, frames: dict[str, Frame]) -> None:
    """Data Docs show a frame's validation as asset "None" over a `<DATAFRAME>`: a pandas
    batch knows no table. Name the table the frame's query reads, and the frame itself."""
    store = context.validation_results_store
    for key in store.list_keys():
        frame = frames.get(key.expectation_suite_identifier.name)
        if frame is None:
            continue
        result = store.get(key)
        # Column expectations count the frame's rows; a frame of table checks may not.
        counts = [(r.result or {}).get("element_count") for r in result.results]
        rows = max((c for c in counts if c is not None), default="?")
        result.meta["batch_spec"] = {
            **(result.meta.get("batch_spec") or {}),
            "data_asset_name": frame.asset,
        }
        result.meta["batch_parameters"] = {
            "dataframe": f"frame {frame.name}: {rows} row(s) of a DuckDB query on {frame.asset}"
        }
        store.set(key, result)


def _run_frame(
    con: duckdb.DuckDBPyConnection,
    context: Any,
    datasource: Any,
    frame: Frame,
    as_of: date | None,
    requested_as_of: date | None,
    run_id: str,
) -> list[CheckOutcome]:
    try:
        values = {"as_of": as_of, "requested_as_of": requested_as_of}
        params = {k: v for k, v in values.items() if f"${k}" in frame.sql} or None
        result = con.execute(frame.sql, params)
        # pandas holds DATE as a timestamp; samples should show days as days.
        dates = {name for name, kind, *_ in result.description if str(kind) == "DATE"}
        df = result.df()
    except duckdb.Error as error:
        reason = str(error).strip().splitlines()[0]
        return [
            _outcome(frame, c, passed=False, failing_rows=0, detail=f"cannot audit: {reason}")
            for c in frame.checks
        ]

    suite = context.suites.add(gx.ExpectationSuite(name=f"{frame.suite}.{frame.name}"))
    for c in frame.checks:
        expectation = getattr(gxe, c.expectation)(**c.kwargs, meta={"check_name": c.name})
        suite.add_expectation(expectation)
    batch = datasource.add_dataframe_asset(frame.name).add_batch_definition_whole_dataframe("whole")
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{frame.suite}.{frame.name}", data=batch, suite=suite)
    )
    result = validation.run(
        batch_parameters={"dataframe": df},
        result_format="COMPLETE",
        # Data Docs file each validation under the pipeline's run id.
        run_id=RunIdentifier(run_name=run_id),
    )

    by_name = {r.expectation_config.meta["check_name"]: r for r in result.results}
    return [_judge(frame, c, by_name[c.name], df, dates) for c in frame.checks]


def _judge(frame: Frame, c: Check, result: Any, df: pd.DataFrame, dates: set[str]) -> CheckOutcome:
    label = _describe(c)
    if result.exception_info and result.exception_info.get("raised_exception"):
        message = str(result.exception_info.get("exception_message", "")).splitlines()[0]
        return _outcome(frame, c, False, 0, f"{label} could not run: {message}")
    res = result.result or {}
    index = list(res.get("unexpected_index_list") or [])
    failing = df.loc[index]
    failing_rows = int(failing[frame.weight].sum()) if frame.weight else len(index)
    if result.success:
        return _outcome(frame, c, True, 0, f"{label}: passed on {res.get('element_count')} rows")
    values = _distinct(res.get("partial_unexpected_list") or [])
    detail = (
        f"{label} failed on {failing_rows} row(s) of {frame.asset}; "
        f"unexpected values: {_short(values[:SAMPLE_ROWS])}"
    )
    sample = _records(failing.head(SAMPLE_ROWS), dates)
    return _outcome(frame, c, False, failing_rows, detail, sample)


def _outcome(
    frame: Frame,
    c: Check,
    passed: bool,
    failing_rows: int,
    detail: str,
    sample: list[dict[str, Any]] | None = None,
) -> CheckOutcome:
    return CheckOutcome(
        check_name=c.name,
        suite=frame.suite,
        asset=c.asset or frame.asset,
        passed=passed,
        severity=c.severity,
        failing_rows=failing_rows,
        detail=detail,
        sample=sample or [],
    )


def _describe(c: Check) -> str:
    args = ", ".join(
        f"{k}={v!r}" for k, v in c.kwargs.items() if k not in ("condition_parser", "ignore_row_if")
    )
    return f"{c.name}: {c.expectation}({args})"


def _plain(value: Any) -> Any:
    """Sample values as plain Python (no numpy scalars, NaN or pandas timestamps)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _records(df: pd.DataFrame, dates: set[str]) -> list[dict[str, Any]]:
    rows = [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]
    for row in rows:
        for name in dates & row.keys():
            if isinstance(row[name], datetime):
                row[name] = row[name].date()
    return rows


def _distinct(values: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _short(values: list[Any]) -> str:
    text = repr(
        [tuple(_plain(x) for x in v) if isinstance(v, tuple | list) else _plain(v) for v in values]
    )
    return text if len(text) <= 300 else text[:297] + "..."
