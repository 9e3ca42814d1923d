"""Every command is documented: docs/cli.md is generated from the commands and must be current."""

from __future__ import annotations

from pathlib import Path

from zairyu.cli.reference import reference_markdown

DOC = Path(__file__).parents[2] / "docs" / "cli.md"


def test_the_committed_cli_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == reference_markdown(), "run `make docs` and commit"


def test_every_command_has_a_description():
    text = reference_markdown()
    for block in text.split("## `")[1:]:
        header, _, body = block.partition("\n\n")
        assert body.strip() and not body.startswith("|"), f"{header} has no description"
