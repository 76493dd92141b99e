"""`asw ui` loads the definitions under the code location name of pyproject.toml."""

import tomllib

from dagster_project.cli import write_workspace
from dagster_project.settings import CODE_LOCATION, DEFINITIONS_MODULE
from tests.conftest import REPO


def test_the_ui_names_the_code_location_as_pyproject_does(tmp_path) -> None:
    dagster = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["dagster"]
    assert (dagster["code_location_name"], dagster["module_name"]) == (
        CODE_LOCATION,
        DEFINITIONS_MODULE,
    )
    text = write_workspace(tmp_path).read_text()
    assert f"location_name: {CODE_LOCATION}" in text
    assert f"module_name: {DEFINITIONS_MODULE}" in text
