"""A full disk during ingest or the audit ends with one line naming the path and "no space
left", without a traceback; the published file stays as it was. Real full disks: a small
tmpfs mounted where the warehouse writes (needs root; skipped where mount is refused)."""

import hashlib
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_asw

MARTS = ["fct_order_lines", "sales_volume_daily", "store_eligibility"]


@contextmanager
def tmpfs(path: Path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _marts(serving: Path) -> dict:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return {m: con.execute(f"select * from marts.{m} order by all").fetchall() for m in MARTS}
    finally:
        con.close()


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def _leave_free(disk: Path, free: int) -> None:
    """Fill the disk with one file until only `free` bytes are left."""
    stat = os.statvfs(disk)
    spare = stat.f_bavail * stat.f_frsize - free
    if spare > 0:
        with open(disk / "filler", "wb") as out:
            out.truncate(0)
            chunk = b"\0" * (1024 * 1024)
            while spare > 0:
                out.write(chunk[: min(spare, len(chunk))])
                spare -= len(chunk)


def test_disk_full_during_ingest(nightly_run, tmp_path, capfd):
    assert nightly_run.exit_code == 0, nightly_run.output
    # The inbox gains a store's worth of new exports; the warehouse's disk has room for
    # what it holds now and about a megabyte more.
    inbox = tmp_path / "inbox"
    shutil.copytree(nightly_run.inbox, inbox)
    first = sorted(p for p in inbox.iterdir() if p.is_dir())[0]
    shutil.copytree(first, inbox / "store_new")
    with tmpfs(tmp_path / "disk", "256m") as disk:
        warehouse = disk / "wh"
        shutil.copytree(nightly_run.warehouse, warehouse)
        before = _digest(warehouse / "serving.duckdb")
        _leave_free(disk, 1024 * 1024)

        code, output = run_asw(inbox, warehouse)
        err = capfd.readouterr().err

        assert code == 1
        assert "Traceback" not in output + err
        assert "Exception while writing logger call" not in err
        last = _last_line(output)
        assert "no space left on the device" in last, output
        assert str(warehouse) in last
        assert "serving.duckdb is unchanged" in last
        assert _digest(warehouse / "serving.duckdb") == before
        # Nothing half-published is left beside it.
        assert not list(warehouse.glob(".serving-*"))


def test_disk_full_during_the_audit(nightly_run, tmp_path, capfd):
    assert nightly_run.exit_code == 0, nightly_run.output
    warehouse = tmp_path / "wh"
    shutil.copytree(nightly_run.warehouse, warehouse)
    before = _marts(warehouse / "serving.duckdb")
    shutil.rmtree(warehouse / "data_docs")
    # Nothing new in the inbox would skip the audit altogether: this run must audit.
    (warehouse / "build_fingerprint.json").unlink()
    # Only the audit's report folder is full: Data Docs cannot be written.
    with tmpfs(warehouse / "data_docs", "64k"):
        code, output = run_asw(nightly_run.inbox, warehouse)
        err = capfd.readouterr().err

    assert code == 1
    assert "Traceback" not in output + err
    last = _last_line(output)
    assert "no space left on the device" in last, output
    assert str(warehouse / "data_docs") in last
    assert "summary:" in output and "NOT published" in output
    assert _marts(warehouse / "serving.duckdb") == before
    con = duckdb.connect(str(warehouse / "serving.duckdb"), read_only=True)
    try:
        outcome, why = con.execute(
            "select outcome, failing_checks from audit.run_log order by started_at desc limit 1"
        ).fetchone()
    finally:
        con.close()
    assert outcome == "failed"
    assert f"{warehouse / 'data_docs'}: no space left on the device" in why
