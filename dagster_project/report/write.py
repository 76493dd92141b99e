"""Write the report folder: built beside the old one and swapped in, so a reader never sees
half a report, and private like everything the warehouse writes."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dagster_project.file_modes import private_folder, secure_tree
from dagster_project.report.data import read_report_data
from dagster_project.report.render import overview, store_page
from dagster_project.report.vendored import VENDOR_DIR, missing_files

STATIC_DIR = Path(__file__).with_name("static")


@dataclass(frozen=True)
class ReportSummary:
    out_dir: Path
    pages: int
    bytes: int
    stores: int
    lang: str
    seconds: float
    charts: bool = True

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def write_report(serving_db: Path, out_dir: Path, lang: str | None = None) -> ReportSummary:
    """The overview and one page per store of `serving_db`, into `out_dir`."""
    started = time.perf_counter()
    serving_db, out_dir = Path(serving_db), Path(out_dir)
    if not serving_db.is_file():
        raise FileNotFoundError(f"{serving_db}: no published file to write a report from")
    if lang not in (None, "zh", "en"):
        raise ValueError(f"--lang {lang}: the report speaks zh or en")
    data = read_report_data(serving_db, lang)
    private_folder(out_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=".report-", suffix=".tmp", dir=out_dir.parent))
    try:
        assets = staging / "assets"
        assets.mkdir()
        # Without the vendored charting library (set-up without npm) the pages still carry
        # every number in their tables; `charts` says so.
        vendored = list(VENDOR_DIR.iterdir()) if VENDOR_DIR.is_dir() else []
        for source in (*STATIC_DIR.iterdir(), *vendored):
            shutil.copyfile(source, assets / source.name)
        pages = {"index.html": overview(data)}
        for store in data.stores:
            pages[f"{store.store_id}.html"] = store_page(store, data)
        size = 0
        for name, html in pages.items():
            encoded = html.encode("utf-8")
            (staging / name).write_bytes(encoded)
            size += len(encoded)
        size += sum(f.stat().st_size for f in assets.iterdir())
        secure_tree(staging)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReportSummary(
        out_dir=out_dir,
        pages=len(pages),
        bytes=size,
        stores=len(data.stores),
        lang=data.default_lang,
        seconds=time.perf_counter() - started,
        charts=not missing_files(),
    )


def _swap(new: Path, out_dir: Path) -> None:
    # A folder cannot be replaced in one rename: move the old one aside first, then drop it.
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(out_dir, old)
    os.replace(new, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def client_report_targets(warehouse_dir: Path) -> list[tuple[str, Path, Path]]:
    """(client_id, its serving.duckdb, its report folder) for every client file published."""
    clients = Path(warehouse_dir) / "clients"
    if not clients.is_dir():
        return []
    return [
        (folder.name, folder / "serving.duckdb", folder / "report")
        for folder in sorted(clients.iterdir())
        if folder.is_dir() and (folder / "serving.duckdb").is_file()
    ]


def write_reports(
    warehouse_dir: Path, out_dir: Path | None = None, lang: str | None = None
) -> list[tuple[str, ReportSummary]]:
    """The agency's report and each client's, each from its own published file only.
    Returns ("" for the agency, else the client id, summary)."""
    warehouse_dir = Path(warehouse_dir)
    done = [
        (
            "",
            write_report(
                warehouse_dir / "serving.duckdb", out_dir or warehouse_dir / "report", lang
            ),
        )
    ]
    for client_id, serving_db, report_dir in client_report_targets(warehouse_dir):
        done.append((client_id, write_report(serving_db, report_dir, lang)))
    return done
