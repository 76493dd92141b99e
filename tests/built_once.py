"""Expensive session fixtures built once per test session, however many worker processes run it.

`scripts/test.sh` runs the suite in one pytest-xdist worker per core, and every worker sets
up its own session fixtures. A fixture that generates an inbox, runs `asw run` or builds
the marts with dbt would then be built once per worker; `built_once` builds it once, under a
file lock, in a folder all workers of the session share, and every worker reads the result
(pytest-xdist's recipe for session fixtures). What is built there is shared: tests read it
and never change it, a test that needs to change it works on a copy (see tests/README.md).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base temporary folder of the whole session: each worker's own base folder sits in
    it (`popen-gw0`, `popen-gw1`), and a run without workers has only this one."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """`build(folder)` once per session for `name`; the folder it filled.

    The first worker to ask builds while the others wait on the lock. A build that raised
    leaves no mark, so the next worker to ask tries again (and reports its own error).
    """
    folder = session_folder(tmp_path_factory) / f"built-once-{name}"
    done = folder / ".built"
    with FileLock(f"{folder}.lock"):
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            build(folder)
            done.touch()
    return folder
