"""requirements.lock pins a version of every dependency pyproject.toml asks for, inside its range.

Set-up installs from the lock alone, so a dependency added to pyproject.toml without
`bash scripts/lock.sh` would be missing on a fresh machine; this says so in milliseconds.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, str]:
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.M)
    }


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return [Requirement(text) for text in texts]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    problems = []
    for requirement in _declared():
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name}: not in requirements.lock")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}: lock pins {pinned}, pyproject asks {requirement}")
    assert not problems, "run `bash scripts/lock.sh`:\n" + "\n".join(problems)
