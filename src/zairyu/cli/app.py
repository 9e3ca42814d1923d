"""The Typer application every sub-command registers on."""

from __future__ import annotations

from pathlib import Path

import typer

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
