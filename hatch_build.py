"""Wheel build: the bundled dbt project carries the manifest parsed at set-up.

The installed package never parses its dbt project (that would write into site-packages),
so the wheel must hold a current `target/manifest.json`: made by `bash scripts/setup.sh`
(`python -m dagster_project.dbt_project`), checked here. Editable installs read the
checkout's own `dbt_models/` and need nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCES = ("models", "seeds", "macros", "tests", "snapshots")


def _newest_source(project: Path) -> float:
    files = [p for sub in SOURCES for p in (project / sub).rglob("*") if p.is_file()]
    files += [project / n for n in ("dbt_project.yml", "profiles.yml") if (project / n).exists()]
    return max((p.stat().st_mtime for p in files), default=0.0)


class DbtManifestHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        project = Path(self.root) / "dbt_models"
        manifest = project / "target" / "manifest.json"
        if not manifest.is_file() or manifest.stat().st_mtime < _newest_source(project):
            raise RuntimeError(
                f"{manifest} is missing or older than the dbt project: run "
                "`bash scripts/setup.sh` (or `python -m dagster_project.dbt_project`) first"
            )
        build_data["force_include"][str(manifest)] = (
            "dagster_project/_bundled/dbt_models/target/manifest.json"
        )
