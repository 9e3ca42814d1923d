"""Every command is documented: docs/cli.md is generated from the commands and must be current."""

from __future__ import annotations

import subprocess
import sys
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


MOVED_CLOCK = """
import datetime, sys

class MovedDate(datetime.date):
    @classmethod
    def today(cls):
        return cls(2031, 2, 28)

datetime.date = MovedDate  # before zairyu is imported, so import-time dates would move too
from zairyu.cli import app  # noqa: E402  registers every command
from zairyu.cli.reference import reference_markdown  # noqa: E402
sys.stdout.write(reference_markdown())
"""


def test_the_reference_is_the_same_on_another_day():
    moved = subprocess.run(
        [sys.executable, "-c", MOVED_CLOCK], capture_output=True, text=True, check=True
    ).stdout
    assert moved == reference_markdown()
    assert "2031" not in moved


def test_as_of_defaults_to_the_word_today():
    text = reference_markdown()
    assert "`--as-of` | option | Assessment date, YYYY-MM-DD, or 'today'" in text
    assert "(default: `today`)" in text
