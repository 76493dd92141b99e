"""`asw generate` says what it does in a few lines, ending with its totals; no repr of its
result object."""

from dagster_project.cli import main


def test_generate_prints_a_few_plain_lines(capsys, tmp_path):
    code = main(["generate", "--stores", "2", "--days", "20", "--out", str(tmp_path / "in")])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.strip().splitlines()
    assert "GenerateSummary(" not in out
    assert len(lines) <= 6, out
    assert lines[-1].startswith("generate: ") and f"-> {tmp_path / 'in'}" in lines[-1]
    assert "\x1b[" not in out  # not a terminal: plain lines
