"""`zairyu explain CONDITION_ID`: a condition's wording, source, reading and the scenario cases
that cover it, on each side."""

from __future__ import annotations

from typing import Annotated

import typer

from zairyu.cli.app import app, fail
from zairyu.cli.choices import LANGS, metavar, one_of
from zairyu.services.errors import ServiceError
from zairyu.services.explaining import explain_condition


@app.command("explain")
def explain_command(
    condition_id: Annotated[
        str, typer.Argument(help="A condition id, e.g. p3_married_to_japanese_or_spr.")
    ],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="ja or en.", parser=one_of("--lang", *LANGS), metavar=metavar(*LANGS)
        ),
    ] = "en",
) -> None:
    """Explain a condition: wording, source, reading and the cases that cover it.

    Prints the wording (Japanese and English), kind, source with its status and quote,
    zairyu's reading, and the scenario cases that cover it on each side."""
    try:
        found = explain_condition(condition_id)
    except ServiceError as error:
        raise fail(str(error)) from None
    for item in found:
        c, cite, source = item.condition, item.condition.citation, item.source
        typer.echo(f"{c.id}  ({item.policy.id}, {c.kind.value})")
        typer.echo(f"  ja: {c.text.ja}")
        typer.echo(f"  en: {c.text.en}")
        typer.echo(f"  expression: {' '.join(c.expr.split())}")
        typer.echo(f"  source: {source.title.get(lang)} [{cite.status.value}]")
        typer.echo(f"          {cite.pinpoint}" + (f"  {source.url}" if source.url else ""))
        if cite.quote:
            typer.echo(f"  quote: {cite.quote}")
        if c.reading:
            typer.echo(f"  reading: {c.reading.get(lang)}")
        for parameter in item.parameters:
            pc = parameter.citation
            typer.echo(
                f"  parameter {parameter.id} = {parameter.value}: {parameter.text.get(lang)} "
                f"({pc.source}, {pc.pinpoint} [{pc.status.value}])"
            )
        for side in (True, False):
            typer.echo(f"  cases where it is {'true' if side else 'false'}:")
            for case in item.cases_where(side) or []:
                typer.echo(f"    - {case.title} ({case.file})")
            if not item.cases_where(side):
                typer.echo("    - (none stated) (-)")
        typer.echo("")
