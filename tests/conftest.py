"""Shared fixtures: a small generated inbox and one real nightly run over it, each built once
per session however many workers run the suite; the order workers take tests in."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from dagster_project import contract
from expectations.gx_import import import_great_expectations
from tests.built_once import built_once

# pytest-xdist's workers have a bare __main__, which pyspark (with the Spark extra) takes
# for a doctest run when Great Expectations imports it (expectations/gx_import.py).
import_great_expectations()

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

REPO = Path(__file__).resolve().parent.parent


# Every table of schema `marts` a published serving.duckdb holds (metrics.md, and the two
# reference tables the seller report reads: promotions, thresholds): the catalogue's marts.
PUBLISHED_MARTS = list(contract.PUBLISHED_MARTS)


@dataclass
class NightlyRun:
    """One `asw run` of the small inbox, shared by every worker: read it, never change it
    (copy `warehouse` to run again or break something)."""

    inbox: Path
    warehouse: Path
    exit_code: int
    output: str
    stderr: str = ""

    @property
    def serving_db(self) -> Path:
        return self.warehouse / "serving.duckdb"

    @property
    def working_db(self) -> Path:
        return self.warehouse / "warehouse.duckdb"


def run_asw(
    inbox: Path, warehouse: Path, as_of: str | None = None, verbose: bool = False
) -> tuple[int, str]:
    """`asw run` in this process, as the CLI does it, capturing what it prints."""
    from dagster_project.runner import run_nightly
    from dagster_project.settings import Settings

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = run_nightly(Settings.resolve(inbox, warehouse, as_of or ""), verbose=verbose)
    return code, buffer.getvalue()


@pytest.fixture(scope="session")
def small_inbox(tmp_path_factory) -> Path:
    from dagster_project.generate import generate_inbox

    def build(folder: Path) -> None:
        (folder / "inbox").mkdir()
        generate_inbox(folder / "inbox", stores=3, days=150, seed=11, progress=None)

    return built_once(tmp_path_factory, "small_inbox", build) / "inbox"


@pytest.fixture(scope="session")
def nightly_run(small_inbox, tmp_path_factory) -> NightlyRun:
    """`asw run` as a seller starts it (its own process, so its stderr is its own too)."""

    def build(folder: Path) -> None:
        (folder / "warehouse").mkdir()
        done = subprocess.run(
            [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(small_inbox)]
            + ["--warehouse", str(folder / "warehouse")],
            capture_output=True,
            text=True,
            timeout=900,
        )
        result = {"exit_code": done.returncode, "output": done.stdout, "stderr": done.stderr}
        (folder / "run.json").write_text(json.dumps(result), encoding="utf-8")

    folder = built_once(tmp_path_factory, "nightly_run", build)
    result = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    return NightlyRun(small_inbox, folder / "warehouse", **result)


@pytest.fixture(scope="session", autouse=True)
def _hypothesis_keeps_its_files_in_tmp(tmp_path_factory) -> None:
    """Hypothesis caches what it learns in `.hypothesis/` of the current folder (the
    checkout); each worker keeps its own under its temporary folder instead."""
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(tmp_path_factory.getbasetemp() / "hypothesis")


# --- Parallel runs: one dbt parse, and the longest tests first ------------------------------

DURATIONS = Path(__file__).with_name("durations.json")
# A test not yet in durations.json is taken early, as if it were an end-to-end one.
UNKNOWN_SECONDS = 20.0


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store-durations",
        action="store_true",
        help="write each test's seconds (set-up, call, tear-down) into tests/durations.json",
    )


def _is_controller(config: pytest.Config) -> bool:
    """The pytest-xdist process that hands tests to the workers (and runs none itself)."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    # The definitions read the dbt manifest; it is parsed into dbt_models/target/ here when
    # a source is newer than the manifest (a model edited since set-up): two workers doing
    # that at once would write the same manifest.json and partial_parse.msgpack. One
    # process parses, under a lock; the others then find the manifest current.
    if _is_controller(config):
        return
    from dagster_project.dbt_project import dbt_project_dir

    project = str(dbt_project_dir())
    lock = Path(tempfile.gettempdir()) / (
        f"asw-dbt-parse-{hashlib.sha256(project.encode()).hexdigest()[:16]}.lock"
    )
    with FileLock(lock):
        from dagster_project.dbt_project import prepare_manifest

        prepare_manifest()


def _plain_nodeid(nodeid: str) -> str:
    # pytest-xdist's loadgroup appends `@<group>` to the ids of grouped tests.
    if nodeid.rfind("@") > nodeid.rfind("]"):
        return nodeid.rsplit("@", 1)[0]
    return nodeid


def _unit(item: pytest.Item) -> str:
    """What a worker takes whole: the test's xdist_group, else its module (kept together so
    module fixtures are set up once per worker that runs the module)."""
    group = item.get_closest_marker("xdist_group")
    if group is not None:
        return "group:" + str(group.args[0] if group.args else group.kwargs.get("name"))
    return "module:" + item.nodeid.split("::", 1)[0]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the slowest groups and modules first (by tests/durations.json), so
    that the workers finish together instead of one waiting on a late long test. Every
    worker sorts the same way, so their collections agree; tests keep their order inside
    a module or group."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    known = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
    totals: dict[str, float] = {}
    for item in items:
        seconds = known.get(_plain_nodeid(item.nodeid), UNKNOWN_SECONDS)
        totals[_unit(item)] = totals.get(_unit(item), 0.0) + seconds
    position = {id(item): n for n, item in enumerate(items)}
    items.sort(key=lambda item: (-totals[_unit(item)], _unit(item), position[id(item)]))


# Seconds per test of this session, gathered where the reports arrive (the controller under
# pytest-xdist) when --store-durations is given.
_measured: dict[str, float] | None = None


def pytest_sessionstart(session: pytest.Session) -> None:
    global _measured
    if session.config.getoption("store_durations") and not hasattr(session.config, "workerinput"):
        _measured = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _measured is not None:
        nodeid = _plain_nodeid(report.nodeid)
        _measured[nodeid] = _measured.get(nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    durations = _measured
    if durations is None:
        return
    known = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
    known.update({nodeid: round(seconds, 1) for nodeid, seconds in durations.items()})
    DURATIONS.write_text(json.dumps(dict(sorted(known.items())), indent=0) + "\n")
