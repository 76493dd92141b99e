"""Run keys and run tags: the same new files start one run at most, and every run says
what it read and for which day."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from dagster_project.defs.automation.sensors import run_key
from dagster_project.runs.tags import run_tags
from dagster_project.settings import Settings


def test_the_same_files_in_any_order_give_the_same_key() -> None:
    assert run_key({"b" * 64, "a" * 64, "c" * 64}) == run_key({"c" * 64, "a" * 64, "b" * 64})


def test_another_file_gives_another_key() -> None:
    assert run_key({"a" * 64}) != run_key({"a" * 64, "b" * 64})


def test_the_key_is_32_hex_digits_of_the_sorted_hashes() -> None:
    key = run_key({"bb", "aa"})
    assert key == hashlib.sha256(b"aa\nbb").hexdigest()[:32]
    assert len(run_key(set())) == 32
    int(key, 16)


def test_run_tags_name_the_inbox_and_the_day() -> None:
    settings = Settings(Path("/in"), Path("/wh"), date(2026, 3, 1))
    assert run_tags(settings) == {"asw/inbox": "/in", "asw/as_of": "2026-03-01"}


def test_run_tags_say_latest_without_an_as_of() -> None:
    assert run_tags(Settings(Path("/in"), Path("/wh")))["asw/as_of"] == "latest"
