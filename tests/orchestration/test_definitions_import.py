"""Importing the definitions module does nothing: no resource built, no environment
changed, no dbt parse; Dagster's loader finds the lazy `defs` and builds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

_PROBE = """
import json, os, sys
before = dict(os.environ)
import dagster_project.definitions as d
print(json.dumps({
    "changed": sorted(k for k in {*before, *os.environ} if before.get(k) != os.environ.get(k)),
    "defs_imported": sorted(m for m in sys.modules if m.startswith("dagster_project.defs")),
    "lazy": type(d.defs).__name__,
}))
"""


def test_importing_the_definitions_has_no_side_effects():
    env = {k: v for k, v in os.environ.items() if k not in ("DO_NOT_TRACK", "GX_ANALYTICS_ENABLED")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"changed": [], "defs_imported": [], "lazy": "LazyDefinitions"}
