"""The Typer application every sub-command registers on."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.clock import TODAY, resolve_day

if TYPE_CHECKING:
    from zairyu.engine.plan import Plan

app = typer.Typer(
    name="zairyu",
    help=(
        "Rules as code for Japan's special permission to stay (在留特別許可). "
        "zairyu assesses; the Minister of Justice decides."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def writable(path: Path | None) -> Path | None:
    """Option callback for an output file: create its folder, so a new path just works."""
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = f"cannot create the folder {path.parent}: {error.strerror}"
            raise typer.BadParameter(message) from None
    return path


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` to standard error; the exit for bad input (code 2)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


AsOf = Annotated[
    str,
    typer.Option(
        "--as-of", help="Assessment date, YYYY-MM-DD, or 'today' (resolved when the command runs)."
    ),
]
"""The ``--as-of`` option of every command that assesses; its default is the word ``today``."""


def as_of_day(value: str | None, option: str = "--as-of") -> date:
    """Resolve an ``--as-of`` value once, at run time; a bad date ends the command (exit 2)."""
    try:
        return resolve_day(value)
    except ValueError as error:
        raise fail(f"{option}: {error}") from None


def plans_or_exit(policies: list[str] | None, as_of: date) -> list[Plan]:
    """The plans to apply (``zairyu.services.plans``); a bad choice ends the command."""
    from zairyu.services.errors import PolicyChoiceError
    from zairyu.services.plans import choose_plans

    try:
        return choose_plans(policies, as_of)
    except PolicyChoiceError as error:
        raise fail(str(error)) from None


__all__ = ["TODAY", "AsOf", "app", "as_of_day", "fail", "plans_or_exit", "writable"]
