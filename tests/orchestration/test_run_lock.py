"""Only one pipeline writes a working database; a crashed holder never blocks the next run."""

import subprocess
import sys
import textwrap

import pytest

from dagster_project.lock import RunLock, RunLockBusy


def test_second_holder_is_told_who_is_writing(tmp_path):
    first = RunLock(tmp_path / "run.lock")
    first.acquire("run-aaaaaaaa")
    with pytest.raises(RunLockBusy) as busy:
        RunLock(tmp_path / "run.lock").acquire("run-bbbbbbbb")
    message = str(busy.value)
    assert "another run started at" in message
    assert "pid" in message and "is still writing" in message
    first.release()
    second = RunLock(tmp_path / "run.lock")
    second.acquire("run-bbbbbbbb")
    second.release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = textwrap.dedent(
        f"""
        import os
        from dagster_project.lock import RunLock
        RunLock(__import__('pathlib').Path({str(tmp_path / "run.lock")!r})).acquire("crashed")
        os._exit(9)  # dies without releasing, like a killed run
        """
    )
    subprocess.run([sys.executable, "-c", holder], check=False)
    lock = RunLock(tmp_path / "run.lock")
    lock.acquire("next")
    assert lock.held
    lock.release()
