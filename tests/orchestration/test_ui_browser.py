"""`asw ui` in a real browser: lineage from inbox to marts renders, the last run's checks show.

The lineage itself is asserted through the UI's GraphQL endpoint (stabler than the
drawn graph); the browser proves the pages render, and leaves screenshots in
`test-artifacts/`.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

# One `asw ui` for the whole module, started on one worker.
pytestmark = pytest.mark.xdist_group("ui_browser")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"

LINEAGE_QUERY = """
{ assetNodes { assetKey { path } groupName dependencyKeys { path }
    assetChecksOrError { ... on AssetChecks { checks { name
        executionForLatestMaterialization { status } } } } } }
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(port: int, query: str, variables: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


@pytest.fixture(scope="module")
def ui_warehouse(nightly_run, tmp_path_factory) -> Path:
    """A copy of the shared nightly run's warehouse: the UI writes a run of its own into it."""
    assert nightly_run.exit_code == 0, nightly_run.output
    warehouse = tmp_path_factory.mktemp("ui") / "warehouse"
    shutil.copytree(nightly_run.warehouse, warehouse)
    return warehouse


@pytest.fixture(scope="module")
def ui(nightly_run, ui_warehouse):
    port = _free_port()
    log = open(ui_warehouse / "ui.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "dagster_project.cli", "ui", "--port", str(port)]
        + ["--inbox", str(nightly_run.inbox), "--warehouse", str(ui_warehouse)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail((ui_warehouse / "ui.log").read_text()[-3000:])
            time.sleep(1)
    # The code location loads after the server answers; wait until it shows our assets.
    while time.monotonic() < deadline:
        try:
            if _graphql(port, LINEAGE_QUERY)["assetNodes"]:
                break
        except (OSError, KeyError, TypeError):
            pass
        time.sleep(1)
    yield port, process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    log.close()


def test_lineage_runs_from_inbox_to_published_marts(ui):
    port, _ = ui
    nodes = {
        "/".join(n["assetKey"]["path"]): n for n in _graphql(port, LINEAGE_QUERY)["assetNodes"]
    }
    assert nodes["raw/orders"]["groupName"] == "ingest"
    assert nodes["marts/sales_volume_daily"]["groupName"] == "marts"

    def upstream(key: str) -> set[str]:
        seen, todo = set(), [key]
        while todo:
            for dep in nodes[todo.pop()]["dependencyKeys"]:
                name = "/".join(dep["path"])
                if name not in seen:
                    seen.add(name)
                    todo.append(name)
        return seen

    assert "raw/orders" in upstream("marts/sales_volume_daily")
    assert {"marts/sales_volume_daily", "marts/store_eligibility"} <= upstream("publish/serving_db")


def test_last_run_checks_are_visible(ui):
    port, _ = ui
    nodes = {
        "/".join(n["assetKey"]["path"]): n for n in _graphql(port, LINEAGE_QUERY)["assetNodes"]
    }
    checks = {
        c["name"]: (c["executionForLatestMaterialization"] or {}).get("status")
        for c in nodes["marts/sales_volume_daily"]["assetChecksOrError"]["checks"]
    }
    assert checks.get("ge_marts") == "SUCCEEDED", checks


def test_pages_render_in_headless_chromium(ui):
    from playwright.sync_api import sync_playwright

    port, _ = ui
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            viewport={"width": 1600, "height": 1000},
            args=BROWSER_ARGS,
        )
        page = browser.new_page()
        page.goto(
            f"http://127.0.0.1:{port}/assets/marts/sales_volume_daily"
            "?view=lineage&lineageScope=upstream&lineageDepth=10",
            wait_until="domcontentloaded",
        )
        for name in ("sales_volume_daily", "fct_order_lines", "stg_listings", "orders", "listings"):
            page.get_by_text(name, exact=True).first.wait_for(timeout=90_000)
        _dismiss_welcome(page)
        page.screenshot(path=str(ARTIFACTS / "lineage.png"), full_page=True)

        page.goto(
            f"http://127.0.0.1:{port}/assets/marts/sales_volume_daily?view=checks",
            wait_until="domcontentloaded",
        )
        page.get_by_text("ge_marts").first.wait_for(timeout=90_000)
        _dismiss_welcome(page)
        page.screenshot(path=str(ARTIFACTS / "checks.png"), full_page=True)
        browser.close()


def test_the_code_location_has_the_name_of_pyproject(ui):
    from dagster_project.settings import CODE_LOCATION

    port, _ = ui
    query = (
        "{ repositoriesOrError { ... on RepositoryConnection { nodes { location { name } } } } }"
    )
    repos = _graphql(port, query)["repositoriesOrError"]["nodes"]
    assert [r["location"]["name"] for r in repos] == [CODE_LOCATION]


def test_checks_page_shows_readable_dbt_test_names(ui):
    from playwright.sync_api import sync_playwright

    from dagster_project.settings import CODE_LOCATION

    port, _ = ui
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            viewport={"width": 1600, "height": 1000},
            args=BROWSER_ARGS,
        )
        page = browser.new_page()
        # A link into the code location by its name resolves (it was "not found").
        page.goto(
            f"http://127.0.0.1:{port}/locations/{CODE_LOCATION}/jobs/nightly",
            wait_until="domcontentloaded",
        )
        page.get_by_text("nightly").first.wait_for(timeout=90_000)
        _dismiss_welcome(page)
        assert page.get_by_text("not found", exact=False).count() == 0
        page.goto(
            f"http://127.0.0.1:{port}/assets/marts/sales_volume_daily?view=checks",
            wait_until="domcontentloaded",
        )
        page.get_by_text("windows_nest_1d_to_365d").first.wait_for(timeout=90_000)
        _dismiss_welcome(page)
        page.get_by_text("windows_nest_1d_to_365d").first.click()
        page.get_by_text("The rolling windows nest").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "checks_readable.png"), full_page=True)
        browser.close()


def test_ui_prints_no_deprecation_or_beta_warning(ui, ui_warehouse):
    port, _ = ui
    _graphql(port, LINEAGE_QUERY)
    log = (ui_warehouse / "ui.log").read_text(encoding="utf-8", errors="replace")
    for word in ("DeprecationWarning", "BetaWarning", "PreviewWarning", "SupersessionWarning"):
        assert word not in log, log[-3000:]


def test_nightly_job_launches_from_the_ui(ui, nightly_run, ui_warehouse):
    """What a newcomer does with the Launchpad: the daemon queues the run, runs it, publishes."""
    import duckdb

    port, _ = ui
    query = (
        "{ repositoriesOrError { ... on RepositoryConnection "
        "{ nodes { name location { name } } } } }"
    )
    repos = _graphql(port, query)["repositoriesOrError"]["nodes"]
    launched = _graphql(
        port,
        """mutation($p: ExecutionParams!) { launchRun(executionParams: $p) {
             __typename ... on LaunchRunSuccess { run { runId } } } }""",
        {
            "p": {
                "selector": {
                    "repositoryLocationName": repos[0]["location"]["name"],
                    "repositoryName": repos[0]["name"],
                    "jobName": "nightly",
                },
                "runConfigData": {},
            }
        },
    )["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    status = None
    deadline = time.monotonic() + 400
    while time.monotonic() < deadline and status not in ("SUCCESS", "FAILURE", "CANCELED"):
        time.sleep(3)
        status = _graphql(
            port,
            "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
            {"id": run_id},
        )["runOrError"]["status"]
    assert status == "SUCCESS"
    # The launchpad gives no tags; the run still says what it read and for which day.
    tags = _graphql(
        port,
        "query($id: ID!) { runOrError(runId: $id) { ... on Run { tags { key value } } } }",
        {"id": run_id},
    )["runOrError"]["tags"]
    tags = {t["key"]: t["value"] for t in tags}
    assert tags.get("asw/inbox") == str(nightly_run.inbox.resolve()), tags
    assert tags.get("asw/as_of") == "latest", tags
    con = duckdb.connect(str(ui_warehouse / "serving.duckdb"), read_only=True)
    try:
        assert con.execute(
            "select outcome from audit.run_log where run_id = ?", [run_id]
        ).fetchall() == [("published",)]
    finally:
        con.close()


def _dismiss_welcome(page) -> None:
    """The first visit shows a newsletter dialog over the page; skip it for the screenshot."""
    skip = page.get_by_role("button", name="Skip")
    if skip.count():
        skip.first.click()
        page.wait_for_timeout(500)


def test_ui_stops_on_sigterm(ui):
    _, process = ui
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) is not None
