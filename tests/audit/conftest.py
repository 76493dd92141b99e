import shutil
from pathlib import Path

import pytest
from tiny_working_db import build_working_db


@pytest.fixture(scope="session")
def valid_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_working_db(tmp_path_factory.mktemp("template") / "warehouse.duckdb")


@pytest.fixture
def working_db(valid_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid working database, free for a test to break."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(valid_db_template, path)
    return path
