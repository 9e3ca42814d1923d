"""`zairyu policy show ID`: a policy as a document a lawyer reads (HTML or PDF)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import app

policy_app = typer.Typer(help="One policy as a document: its law, rules, readings and cases.")
app.add_typer(policy_app, name="policy")


class Format(StrEnum):
    html = "html"
    pdf = "pdf"


@policy_app.command("show")
def show_command(
    policy_id: Annotated[str, typer.Argument(help="A policy id, e.g. children-2023.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    lang: Annotated[str, typer.Option("--lang", help="ja or en.")] = "ja",
    format_: Annotated[Format, typer.Option("--format", help="html or pdf.")] = Format.html,
) -> None:
    """Write a policy as a document ordered like the law.

    Each source section with its verbatim text where read (and its status), the conditions that
    encode it in words and as an expression, zairyu's reading, the parameters with their values
    and sources, what is not formalised and why, and the scenario cases on each side of each
    condition. HTML is self-contained (no outside resource); PDF is rendered by WeasyPrint."""
    from zairyu.engine.catalogue import default_catalogue
    from zairyu.i18n import as_lang
    from zairyu.report.policy_document import policy_html, policy_pdf

    try:
        language = as_lang(lang)
        plan = default_catalogue().get(policy_id)
    except (ValueError, KeyError) as error:
        typer.echo(f"zairyu policy show: {error.args[0]}", err=True)
        raise typer.Exit(code=2) from None
    if format_ is Format.pdf:
        out.write_bytes(policy_pdf(plan, language))
    else:
        out.write_text(policy_html(plan, language), encoding="utf-8")
    typer.echo(f"wrote {out}")
