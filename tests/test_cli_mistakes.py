"""Mistakes a new user makes get one clear line and a non-zero exit: no traceback, no run,
nothing published."""

import argparse
from datetime import date
from pathlib import Path

from dagster_project.cli import demo_settings, main


def _asw(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_refusal(code: int, out: str, err: str) -> str:
    assert code == 2
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_missing_inbox(capsys, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    line = _one_line_refusal(
        *_asw(capsys, "run", "--inbox", str(tmp_path / "nope"), "--warehouse", str(warehouse))
    )
    assert f"inbox {tmp_path / 'nope'} does not exist" in line
    assert not warehouse.exists()  # nothing ran, nothing was published


def test_empty_inbox_without_history(capsys, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warehouse = tmp_path / "wh"
    line = _one_line_refusal(
        *_asw(capsys, "run", "--inbox", str(inbox), "--warehouse", str(warehouse))
    )
    assert "holds no export folders (it is empty)" in line
    assert "no history" in line
    assert not (warehouse / "serving.duckdb").exists()


def test_kind_folders_without_files_and_without_history(capsys, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "s1" / "orders").mkdir(parents=True)
    line = _one_line_refusal(
        *_asw(capsys, "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "wh"))
    )
    assert "holds no export files" in line


def test_inbox_without_store_and_kind_folders_names_the_layout(capsys, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "orders").mkdir(parents=True)
    (inbox / "orders" / "orders_2024.csv").write_text("Order ID\n1\n", encoding="utf-8")
    (inbox / "listings.csv").write_text("SKU\nA\n", encoding="utf-8")
    line = _one_line_refusal(
        *_asw(capsys, "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "wh"))
    )
    assert "holds no export folders (found listings.csv, orders/)" in line
    assert "<inbox>/<store_id>/<kind>/*.csv" in line
    assert "orders, listings, dsr, traffic, reviews, store" in line


def test_warehouse_path_that_is_a_file(capsys, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "s1" / "orders").mkdir(parents=True)
    (inbox / "s1" / "orders" / "o.csv").write_text("Order ID\n1\n", encoding="utf-8")
    file = tmp_path / "warehouse"
    file.write_text("not a folder", encoding="utf-8")
    for target in (file, file / "below"):
        line = _one_line_refusal(
            *_asw(capsys, "run", "--inbox", str(inbox), "--warehouse", str(target))
        )
        assert "not a folder" in line
        assert str(file) in line
    assert file.read_text(encoding="utf-8") == "not a folder"


def test_ui_refuses_a_warehouse_path_that_is_a_file(capsys, tmp_path: Path) -> None:
    file = tmp_path / "warehouse"
    file.write_text("x", encoding="utf-8")
    line = _one_line_refusal(*_asw(capsys, "ui", "--warehouse", str(file)))
    assert "is a file, not a folder" in line


def test_demo_reads_asw_as_of(monkeypatch) -> None:
    monkeypatch.setenv("ASW_AS_OF", "2024-01-02")
    args = argparse.Namespace(as_of=None)
    assert demo_settings(args).as_of == date(2024, 1, 2)
    # The flag still wins over the environment.
    assert demo_settings(argparse.Namespace(as_of="2024-02-03")).as_of == date(2024, 2, 3)


def test_demo_with_a_bad_asw_as_of_stops_before_generating(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASW_AS_OF", "31/12/2024")
    line = _one_line_refusal(*_asw(capsys, "demo"))
    assert "ASW_AS_OF must be YYYY-MM-DD" in line
    assert not (tmp_path / "data").exists()
