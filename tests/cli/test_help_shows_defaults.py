"""`asw <command> --help` tells every option's default (or that it is required)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from dagster_project.cli import build_parser


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_option_states_its_default(name: str) -> None:
    parser = _subcommands()[name]
    text = " ".join(parser.format_help().split())
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        flag = action.option_strings[-1]
        formatter = parser._get_formatter()
        line = " ".join(formatter._get_help_string(action).split())
        assert "default" in line or "(required)" in line, f"asw {name} {flag}: {line!r}"
        assert line.split("%(default)s")[0] in text, f"asw {name} {flag} missing from --help"


def test_help_prints_the_defaults() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dagster_project.cli", "generate", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = " ".join(result.stdout.split())
    assert "random seed (default: 7)" in text
    assert "(default: 7)" in text.split("--export-every")[-1]
    assert "number of stores (required)" in text
    assert (
        "--utf8-only plain UTF-8 CSV only: no GBK, no BOM, no CRLF, no .xlsx "
        "(for benchmarks) (default: off)" in text
    )
