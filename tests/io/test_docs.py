"""The caseload documentation cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.io.format_doc import caseload_format_markdown
from zairyu.model.table import COLUMNS
from zairyu.simulate.synth import assumptions

DOCS = Path(__file__).parents[2] / "docs"


def test_the_caseload_format_page_is_current_with_every_column():
    text = (DOCS / "caseload-format.md").read_text()
    assert [c for c in COLUMNS if f"| `{c}` |" not in text] == []
    assert text == caseload_format_markdown(), "run: python -m zairyu.io.format_doc"


def test_every_synth_assumption_is_documented_with_its_value():
    text = (DOCS / "synth.md").read_text()
    assert [a for a in assumptions() if f"| `{a}` |" not in text] == []


def test_every_caseload_command_is_documented():
    text = (DOCS / "caseloads.md").read_text()
    for command in ("batch", "sql", "synth", "compare", "stats"):
        assert f"`zairyu {command}" in text
        assert CliRunner().invoke(app, [command, "--help"]).exit_code == 0


def test_the_example_caseload_is_assessed_without_problems(tmp_path):
    example = DOCS.parent / "examples" / "caseload.csv"
    out = tmp_path / "results.csv"
    result = CliRunner().invoke(
        app, ["batch", str(example), "--out", str(out), "--as-of", "2024-06-10"]
    )
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output
