"""The dbt project, located once; its manifest is prepared before anything loads it.

Where the manifest (`<project>/target/manifest.json`) comes from:

- An installed package: the wheel carries the bundled project's manifest, parsed when
  the wheel was built (after `bash scripts/setup.sh`). Nothing here ever writes into the
  installed package: a bundled copy without a manifest is an error naming the fix.
- A checkout (`dbt_models/`) or a seller's copy (`ASW_DBT_PROJECT_DIR`): `scripts/setup.sh`
  parses it (`python -m dagster_project.dbt_project`); the `asw` commands and the test
  suite call `prepare_manifest()` first, which parses again only when a model, seed,
  macro or test is newer than the manifest (a copy made without `target/` is parsed
  once). Loading the definitions only reads the manifest; under `dg dev` (`asw ui`)
  dagster-dbt's `prepare_if_dev()` re-parses a checkout on every code-location reload.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled" / "dbt_models"


def dbt_project_dir() -> Path:
    """`ASW_DBT_PROJECT_DIR`, else the checkout's `dbt_models/`, else the wheel's bundled copy.

    The override lets a seller keep their own copy of the project (edited seeds:
    thresholds, status map, benchmarks) outside the installed package.
    """
    override = os.environ.get("ASW_DBT_PROJECT_DIR")
    if override:
        return Path(override).expanduser().resolve()
    for candidate in (_PACKAGE_DIR.parent / "dbt_models", _BUNDLED):
        if (candidate / "dbt_project.yml").exists():
            return candidate
    raise FileNotFoundError("dbt project not found: neither dbt_models/ nor the bundled copy")


def is_installed(project_dir: Path) -> bool:
    """The project inside an installed package, which is read, never written."""
    project_dir = project_dir.resolve()
    roots = {_BUNDLED, *(Path(sysconfig.get_path(p)) for p in ("purelib", "platlib"))}
    return any(project_dir == root or root in project_dir.parents for root in roots)


def dbt_executable() -> str:
    """The `dbt` of this environment, whatever PATH says: dagster-dbt runs dbt as a program."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def put_environment_on_path() -> None:
    """dagster-dbt's preparer calls plain `dbt`, so the environment's bin must be on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def newest_source_mtime(project_dir: Path) -> float:
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


def manifest_is_current(project_dir: Path, manifest: Path) -> bool:
    return manifest.exists() and manifest.stat().st_mtime >= newest_source_mtime(project_dir)


class ManifestMissing(FileNotFoundError):
    """The installed package carries no dbt manifest: the wheel was built without one."""


def prepare_manifest() -> Path:
    """Parse the project when its manifest is missing or older than its sources; returns it.

    Only for a checkout or a copy: an installed package's manifest was made at build time
    and is used as it is.
    """
    project_dir = dbt_project_dir()
    manifest = project_dir / "target" / "manifest.json"
    if is_installed(project_dir):
        if not manifest.exists():
            raise ManifestMissing(
                f"{manifest}: the installed package has no dbt manifest; build the wheel "
                "after `bash scripts/setup.sh`, or point ASW_DBT_PROJECT_DIR at a copy of "
                "the project"
            )
        return manifest
    if not manifest_is_current(project_dir, manifest):
        from dagster_project.settings import quiet_telemetry

        quiet_telemetry()
        put_environment_on_path()
        project = DbtProject(project_dir=project_dir)
        project.preparer.prepare(project)
    return manifest


@cache
def warehouse_dbt_project() -> DbtProject:
    """The DbtProject of this process; reads the manifest prepared beforehand."""
    project_dir = dbt_project_dir()
    project = DbtProject(project_dir=project_dir)
    if not is_installed(project_dir):
        put_environment_on_path()
        project.prepare_if_dev()  # under `dg dev` only: a checkout's edits show on reload
    if not project.manifest_path.exists():
        raise ManifestMissing(
            f"{project.manifest_path}: no dbt manifest; run `bash scripts/setup.sh` "
            "(or `python -m dagster_project.dbt_project`) first"
        )
    return project


if __name__ == "__main__":
    # scripts/setup.sh: the manifest at install time, as dagster-dbt's prepare-and-package
    # would make it (the wheel's build then packages the project with it).
    print(f"dbt manifest: {prepare_manifest()}")
