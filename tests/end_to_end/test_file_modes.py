"""What a run writes is private: nothing in the warehouse folder is readable by other users.

Run under the common default umask 022, with a world-readable file and folder left by an
older version; with `ASW_SHARE_GROUP` one group may read, never write.
"""

import grp
import os
import stat
from pathlib import Path

import pytest

from dagster_project.cli import main
from tests.conftest import run_asw


@pytest.fixture
def default_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture(scope="module")
def tiny_inbox(tmp_path_factory) -> Path:
    from dagster_project.generate import generate_inbox

    inbox = tmp_path_factory.mktemp("modes-inbox")
    generate_inbox(inbox, stores=1, days=40, seed=5, progress=None)
    return inbox


def _left_by_an_older_version(warehouse: Path) -> None:
    warehouse.mkdir(mode=0o755)
    old = warehouse / "dbt_target"
    old.mkdir(mode=0o755)
    (old / "run_results.json").write_text("{}")
    (old / "run_results.json").chmod(0o644)


def _modes(warehouse: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(warehouse.stat().st_mode)}
    for path in warehouse.rglob("*"):
        if not path.is_symlink():
            found[str(path.relative_to(warehouse))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_a_run_leaves_nothing_readable_by_others(tiny_inbox, tmp_path, default_umask, monkeypatch):
    monkeypatch.delenv("ASW_SHARE_GROUP", raising=False)
    warehouse = tmp_path / "warehouse"
    _left_by_an_older_version(warehouse)
    code, output = run_asw(tiny_inbox, warehouse)
    assert code == 0, output
    modes = _modes(warehouse)
    # Every kind of file a run writes is there to be judged.
    for expected in (
        "serving.duckdb",
        "warehouse.duckdb",
        "run.lock",
        "data_docs/index.html",
        "dagster_home/dagster.yaml",
        "dbt_target/manifest.json",
    ):
        assert expected in modes, sorted(modes)
    assert any(name.startswith("data_docs/static") for name in modes)
    exposed = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert exposed == {}


def test_a_share_group_may_read_but_not_write(tiny_inbox, tmp_path, default_umask, monkeypatch):
    group = grp.getgrgid(os.getgid())  # a group this user may hand files to
    monkeypatch.setenv("ASW_SHARE_GROUP", group.gr_name)
    warehouse = tmp_path / "warehouse"
    _left_by_an_older_version(warehouse)
    code, output = run_asw(tiny_inbox, warehouse)
    assert code == 0, output
    modes = _modes(warehouse)
    assert {n: oct(m) for n, m in modes.items() if m & 0o027} == {}
    assert {n: oct(m) for n, m in modes.items() if not m & 0o040} == {}
    folders = [warehouse, *(p for p in warehouse.rglob("*") if p.is_dir() and not p.is_symlink())]
    entered = stat.S_ISGID | 0o050
    assert all(p.stat().st_mode & entered == entered for p in folders)
    assert {p.lstat().st_gid for p in warehouse.rglob("*") if not p.is_symlink()} == {group.gr_gid}


def test_an_unknown_share_group_is_a_usage_error(tmp_path, default_umask, monkeypatch, capsys):
    monkeypatch.setenv("ASW_SHARE_GROUP", "no-such-group-asw")
    code = main(["run", "--inbox", str(tmp_path / "in"), "--warehouse", str(tmp_path / "wh")])
    assert code == 2
    assert "ASW_SHARE_GROUP=no-such-group-asw: no such group" in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()


def test_the_walk_never_changes_anything_outside_the_folder(tmp_path, monkeypatch):
    from dagster_project.file_modes import secure_tree

    monkeypatch.delenv("ASW_SHARE_GROUP", raising=False)
    outside = tmp_path / "shared.txt"
    outside.write_text("not ours")
    outside.chmod(0o644)
    folder = tmp_path / "warehouse"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "old.log").write_text("x")
    (folder / "sub" / "old.log").chmod(0o664)
    (folder / "link").symlink_to(outside)
    (folder / "sub" / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    tmp_path.chmod(0o755)
    assert secure_tree(folder) == []
    assert stat.S_IMODE((folder / "sub" / "old.log").stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "sub").stat().st_mode) == 0o700
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
