"""A misspelled threshold name stops the build instead of reading NULL.

`threshold('…')` reads the platform_thresholds seed; a name the seed lacks would read
NULL, and `coalesce(…, false)` would then quietly make every store "not eligible".
"""

from __future__ import annotations

import shutil

from conftest import DBT_PROJECT, _dbt


def test_a_misspelled_threshold_name_fails_compilation(marts, tmp_path) -> None:
    project = tmp_path / "dbt_models"
    shutil.copytree(
        DBT_PROJECT, project, ignore=shutil.ignore_patterns("target", "logs", "*.duckdb")
    )
    (project / "models" / "marts" / "zz_typo.sql").write_text(
        "select {{ threshold('dsr_healty') }} as value\n", encoding="utf-8"
    )
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(marts.db, db)

    result = _dbt(["compile", "--select", "zz_typo"], project, db, tmp_path, "")

    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "threshold('dsr_healty') is not a name in seeds/platform_thresholds.csv" in output
    assert "dsr_healthy" in output  # the known names are listed, the intended one among them
