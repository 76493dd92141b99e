"""Who may write the dbt manifest: a checkout or a copy when it is stale, an installed
package never (it was made when the wheel was built)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dagster_project import dbt_project


def _project(root: Path) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text("name: x\n", encoding="utf-8")
    (root / "models" / "m.sql").write_text("select 1\n", encoding="utf-8")
    return root


def _installed(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    monkeypatch.setenv("ASW_DBT_PROJECT_DIR", str(project))
    monkeypatch.setattr(dbt_project, "_BUNDLED", project)


def test_an_installed_package_without_a_manifest_is_an_error_naming_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "bundled")
    _installed(monkeypatch, project)
    with pytest.raises(dbt_project.ManifestMissing, match="scripts/setup.sh"):
        dbt_project.prepare_manifest()
    assert not (project / "target").exists()  # nothing written into the package


def test_an_installed_manifest_is_used_as_it_is_even_when_older(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "bundled")
    manifest = project / "target" / "manifest.json"
    manifest.parent.mkdir()
    manifest.write_text("{}", encoding="utf-8")
    os.utime(manifest, (0, 0))
    _installed(monkeypatch, project)
    assert dbt_project.prepare_manifest() == manifest
    assert manifest.read_text(encoding="utf-8") == "{}"


def test_a_checkout_manifest_is_current_until_a_source_is_newer(tmp_path: Path) -> None:
    project = _project(tmp_path / "dbt_models")
    manifest = project / "target" / "manifest.json"
    assert not dbt_project.manifest_is_current(project, manifest)
    manifest.parent.mkdir()
    manifest.write_text("{}", encoding="utf-8")
    assert dbt_project.manifest_is_current(project, manifest)
    os.utime(manifest, (0, 0))
    assert not dbt_project.manifest_is_current(project, manifest)


def test_the_checkout_is_not_an_installed_package() -> None:
    assert not dbt_project.is_installed(Path(__file__).resolve().parents[2] / "dbt_models")
