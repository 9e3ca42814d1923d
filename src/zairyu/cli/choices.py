"""Options with a fixed set of values (``--lang ja|en``, ``--dialect``): a value outside the set
ends the command with one line naming the choices and exit code 2, like any bad input (not
Typer's framed usage error)."""

from __future__ import annotations

from collections.abc import Callable

from zairyu.cli.app import fail
from zairyu.model.shown import shown

LANGS = ("ja", "en")  # the languages of every text zairyu prints


def one_of(option: str, *choices: str) -> Callable[[str], str]:
    """A Typer ``parser`` for ``option``: the value itself when it is one of ``choices``."""

    def parse(value: str) -> str:
        if value in choices:
            return value
        raise fail(f"{option}: {shown(str(value))} is not one of: {', '.join(choices)}")

    return parse


def metavar(*choices: str) -> str:
    """How the choices are shown in ``--help``: ``[ja|en]``."""
    return "[" + "|".join(choices) + "]"
