"""The Dagster graph as reviewers see it: a change to assets, groups, checks, jobs,
schedules or sensors shows up as a diff of `definitions_snapshot.json`.

Regenerate after an intended change: `UPDATE_SNAPSHOT=1 pytest tests/orchestration`.
"""

import json
import os
from pathlib import Path

from dagster_project.definitions import defs

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.json")


def describe() -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        if not node.is_materializable:
            continue
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "owners": list(node.owners),
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "has_description": bool(node.description),
        }
    checks = sorted(f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys)
    return {
        "assets": assets,
        "checks": checks,
        "jobs": sorted(j.name for j in defs.resolve_all_job_defs() if not j.name.startswith("__")),
        "schedules": {s.name: [s.cron_schedule, s.execution_timezone] for s in defs.schedules},
        "sensors": sorted(s.name for s in defs.sensors),
    }


def test_definitions_match_the_snapshot():
    current = describe()
    if os.environ.get("UPDATE_SNAPSHOT") or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())


def test_every_asset_has_a_group_an_owner_and_a_description():
    for key, asset in describe()["assets"].items():
        assert asset["group"], key
        assert asset["owners"], key
        assert asset["has_description"], key
