import shutil
from pathlib import Path

import pytest
from publish_helpers import working_db


@pytest.fixture(scope="session")
def working_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return working_db.build_working_db(tmp_path_factory.mktemp("template") / "warehouse.duckdb")


@pytest.fixture
def warehouse(working_template: Path, tmp_path: Path) -> Path:
    """A warehouse folder holding a copy of the tiny valid working database."""
    folder = tmp_path / "warehouse"
    folder.mkdir()
    shutil.copyfile(working_template, folder / "warehouse.duckdb")
    return folder
