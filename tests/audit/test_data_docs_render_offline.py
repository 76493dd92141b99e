"""Data Docs open from disk on a machine with no network: styled, indexes filled, every
validation naming the table it judged. Headless Chromium refuses every request that leaves
the machine; the test asserts none was made. Screenshots go to `test-artifacts/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations import run_audit
from expectations.docs_assets import ASSETS_DIR, external_resources, missing_files
from tests.browser import offline_chromium
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
# The Data Docs are rendered once, by the worker that runs this module.
pytestmark = pytest.mark.xdist_group("data_docs")
INDEX_TABLE = "#section-1-content-block-2-1-body-table tbody tr"

PAGE_STATE = """async () => {
  await document.fonts.ready;
  const nav = document.querySelector('nav.navbar');
  return {
    navbar_display: nav ? getComputedStyle(nav).display : null,
    jquery: typeof window.jQuery,
    bootstrap_table: typeof (window.jQuery && window.jQuery.fn.bootstrapTable),
    icon_fonts: [...document.fonts].filter(
      f => f.family.includes('Font Awesome') && f.status === 'loaded').length,
  };
}"""


@pytest.fixture(scope="module")
def docs(valid_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data_docs")
    report = run_audit(valid_db_template, run_id="offline-docs", data_docs_dir=folder)
    assert report.data_docs_path == folder / "index.html"
    return folder


def test_the_vendored_assets_are_installed() -> None:
    assert missing_files() == [], f"run scripts/setup.sh to fill {ASSETS_DIR}"


def test_no_page_names_an_address_outside_the_machine(docs: Path) -> None:
    pages = list(docs.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert external_resources(page.read_text(encoding="utf-8")) == set(), page


def test_every_validation_names_its_table(docs: Path) -> None:
    pages = list((docs / "validations").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Data asset: None" not in html, page
        assert "&lt;DATAFRAME&gt;" not in html, page
    line_states = next(p for p in pages if p.name.endswith("line_states.html"))
    html = line_states.read_text(encoding="utf-8")
    assert "Data asset: marts.fct_order_lines" in html
    assert "frame line_states:" in html


def _open(context, url: str):
    page = context.new_page()
    broken: list[str] = []
    page.on("requestfailed", lambda r: broken.append(r.url))
    page.on("pageerror", lambda e: broken.append(f"script error: {e}"))
    page.goto(url, wait_until="load")
    return page, broken


def test_pages_render_styled_and_filled_with_no_network(docs: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    validation = next((docs / "validations").rglob("*line_states.html"))
    with offline_chromium() as (context, refused):
        page, broken = _open(context, (docs / "index.html").as_uri())
        page.locator(INDEX_TABLE).first.wait_for(timeout=30_000)
        state = page.evaluate(PAGE_STATE)
        rows = page.locator(INDEX_TABLE).count()
        index_text = page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / "data_docs_index.png"), full_page=True)

        vpage, vbroken = _open(context, validation.as_uri())
        vstate = vpage.evaluate(PAGE_STATE)
        vtext = vpage.inner_text("body")
        vpage.screenshot(path=str(ARTIFACTS / "data_docs_validation.png"), full_page=True)

    assert refused == [], "Data Docs asked the network for " + ", ".join(refused)
    assert broken == [] and vbroken == []
    for s in (state, vstate):
        # Bootstrap lays the navbar out as flex; unstyled it is a block.
        assert s["navbar_display"] == "flex", s
        assert s["jquery"] == "function" and s["bootstrap_table"] == "function", s
        assert s["icon_fonts"] >= 1, s
    assert rows >= 10, index_text[:2000]
    assert "marts.fct_order_lines" in index_text
    assert "No matching records found" not in index_text
    assert "Data asset: marts.fct_order_lines" in vtext
