"""The dbt project, located once and parsed only when its sources changed."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

_PACKAGE_DIR = Path(__file__).resolve().parent


def dbt_project_dir() -> Path:
    """`ASW_DBT_PROJECT_DIR`, else the checkout's `dbt_models/`, else the wheel's bundled copy.

    The override lets a seller keep their own copy of the project (edited seeds:
    thresholds, status map, benchmarks) outside the installed package.
    """
    override = os.environ.get("ASW_DBT_PROJECT_DIR")
    if override:
        return Path(override).expanduser().resolve()
    for candidate in (_PACKAGE_DIR.parent / "dbt_models", _PACKAGE_DIR / "_bundled" / "dbt_models"):
        if (candidate / "dbt_project.yml").exists():
            return candidate
    raise FileNotFoundError("dbt project not found: neither dbt_models/ nor the bundled copy")


def dbt_executable() -> str:
    """The `dbt` of this environment, whatever PATH says: dagster-dbt runs dbt as a program."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def put_environment_on_path() -> None:
    """dagster-dbt's preparer calls plain `dbt`, so the environment's bin must be on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def _newest_source_mtime(project_dir: Path) -> float:
    newest = 0.0
    for sub in ("models", "seeds", "macros", "tests", "snapshots"):
        for path in (project_dir / sub).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in ("dbt_project.yml", "profiles.yml"):
        path = project_dir / name
        if path.exists():
            newest = max(newest, path.stat().st_mtime)
    return newest


@cache
def warehouse_dbt_project() -> DbtProject:
    """Build the DbtProject once and make sure its manifest is current.

    `prepare_if_dev()` only acts under `dagster dev`; `asw run`, the tests and a
    freshly installed wheel need a manifest too, so parse whenever a model, seed
    or macro is newer than the manifest (a cheap mtime walk), else reuse it.
    """
    put_environment_on_path()
    project = DbtProject(project_dir=dbt_project_dir())
    manifest = project.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime(
        project.project_dir
    ):
        project.preparer.prepare(project)
    return project
