"""The CLI reference (docs/cli.md), generated from the commands themselves so it cannot drift.

Regenerate with ``zairyu cli-reference --out docs/cli.md`` (``make docs``); a test fails when
the committed file differs from what the commands say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main

from zairyu.cli.app import OUT_FOLDER, app, writable


def _params(command: Any) -> list[str]:
    rows = []
    for param in command.params:
        if param.name == "help":
            continue
        if param.param_type_name == "argument":
            rows.append(f"| `{str(param.name).upper()}` | argument | {_help(param)} |")
        else:
            names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
            default = getattr(param.default, "value", param.default)
            shown = (
                ""
                if default in (None, False, ()) or callable(default)
                else f" (default: `{default}`)"
            )
            rows.append(f"| {names} | option | {_help(param)}{shown} |")
    if not rows:
        return []
    return ["| parameter | kind | meaning |", "|---|---|---|", *rows, ""]


def _help(param: Any) -> str:
    text = getattr(param, "help", None) or ""
    return " ".join(text.split()).replace("|", "\\|")


def _walk(command: Any, path: str, out: list[str]) -> None:
    if hasattr(command, "commands"):
        for name in sorted(command.commands):
            _walk(command.commands[name], f"{path} {name}", out)
        return
    if command.hidden:
        return
    doc = (command.help or "").strip()
    out += [f"## `{path}`", "", " ".join(doc.split("\n\n")[0].split()), ""]
    rest = doc.split("\n\n")[1:]
    out += [" ".join(p.split()) + "\n" for p in rest]
    out += _params(command)


def reference_markdown() -> str:
    """The whole CLI reference as Markdown (importing ``zairyu.cli`` registered every command)."""
    root = typer.main.get_command(app)
    out = [
        "# zairyu command reference",
        "",
        "Generated from the commands by `zairyu cli-reference --out docs/cli.md`; do not edit.",
        "",
    ]
    _walk(root, "zairyu", out)
    return "\n".join(out).rstrip() + "\n"


@app.command("cli-reference", hidden=True)
def cli_reference_command(
    out: Annotated[
        Path | None,
        typer.Option("--out", help=f"Write to this file. {OUT_FOLDER}", callback=writable),
    ] = None,
) -> None:
    """Print the command reference (Markdown) generated from the commands."""
    text = reference_markdown()
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")
