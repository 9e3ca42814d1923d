"""`zairyu explain CONDITION_ID`: a condition's wording, source, reading and the scenario cases
that cover it, on each side."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from zairyu.cli.app import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.policies.cases import load_cases
from zairyu.policies.schema import Condition, Policy


def _cases_naming(condition_id: str, policy_id: str) -> list[tuple[str, str, Any]]:
    """(file, title, expected value) of every shipped case that states this condition's value."""
    return [
        (case.source, case.title, values[condition_id])
        for case in load_cases()
        if case.policy == policy_id
        for values in case.conditions.values()
        if condition_id in values
    ]


def _find(condition_id: str) -> list[tuple[Policy, Condition]]:
    return [
        (plan.policy, c)
        for plan in default_catalogue().plans.values()
        for c in plan.policy.conditions
        if c.id == condition_id
    ]


@app.command("explain")
def explain_command(
    condition_id: Annotated[
        str, typer.Argument(help="A condition id, e.g. p3_married_to_japanese_or_spr.")
    ],
    lang: Annotated[str, typer.Option("--lang", help="ja or en.")] = "en",
) -> None:
    """Explain a condition: wording, source, reading and the cases that cover it.

    Prints the wording (Japanese and English), kind, source with its status and quote,
    zairyu's reading, and the scenario cases that cover it on each side."""
    matches = _find(condition_id)
    if not matches:
        typer.echo(f"no condition '{condition_id}' in any policy (see zairyu policies)", err=True)
        raise typer.Exit(code=2)
    sources = default_catalogue().sources
    for policy, c in sorted(matches, key=lambda m: m[0].id):
        cite = c.citation
        source = sources[cite.source]
        typer.echo(f"{c.id}  ({policy.id}, {c.kind.value})")
        typer.echo(f"  ja: {c.text.ja}")
        typer.echo(f"  en: {c.text.en}")
        typer.echo(f"  expression: {' '.join(c.expr.split())}")
        typer.echo(f"  source: {source.title.get(lang)} [{cite.status.value}]")
        typer.echo(f"          {cite.pinpoint}" + (f"  {source.url}" if source.url else ""))
        if cite.quote:
            typer.echo(f"  quote: {cite.quote}")
        if c.reading:
            typer.echo(f"  reading: {c.reading.get(lang)}")
        cases = _cases_naming(c.id, policy.id)
        for side in (True, False):
            typer.echo(f"  cases where it is {'true' if side else 'false'}:")
            on_side = list(dict.fromkeys((f, t) for f, t, value in cases if value is side))
            for file, title in on_side or [("-", "(none stated)")]:
                typer.echo(f"    - {title} ({file})")
        typer.echo("")
