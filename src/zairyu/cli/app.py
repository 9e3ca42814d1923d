"""The Typer application every sub-command registers on."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.clock import TODAY, resolve_day

if TYPE_CHECKING:
    from zairyu.engine.compiled import Plan

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


def writable(param: typer.CallbackParam, path: Path | None) -> Path | None:
    """Option callback for an output file: its folder must exist, and the file may not be a
    folder. A missing folder is refused, naming it, rather than created: a mistyped path would
    otherwise put personal data somewhere nobody looks."""
    if path is None:
        return None
    option = (param.opts or [f"--{param.name}"])[0]
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise fail(f"{option}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise fail(
            f"{option}: the folder {folder} does not exist; create it first "
            f"(mkdir -p {folder}) or write to a folder that exists"
        )
    if path.is_dir():
        raise fail(f"{option}: {path} is a folder; name the file to write in it")
    return path


OUT_FOLDER = "The folder must exist (a missing one is refused, not created)."
"""What the help of every output option says about its folder."""


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


__all__ = [
    "OUT_FOLDER",
    "TODAY",
    "AsOf",
    "app",
    "as_of_day",
    "fail",
    "plans_or_exit",
    "writable",
]
