"""The Typer application every sub-command registers on."""

from __future__ import annotations

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
