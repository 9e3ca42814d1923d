"""`zairyu policies`: the policies zairyu knows, with their validity, sources and status."""

from __future__ import annotations

from typing import Annotated

import typer

from zairyu.cli.app import app
from zairyu.cli.choices import LANGS, metavar, one_of
from zairyu.engine.catalogue import default_catalogue
from zairyu.policies.law import load_law_facts, load_not_derived


@app.command("policies")
def policies_command(
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="ja or en.", parser=one_of("--lang", *LANGS), metavar=metavar(*LANGS)
        ),
    ] = "en",
) -> None:
    """List the policies with their validity, sources and what is not formalised.

    For each policy: validity, conditions, what is deliberately left to human judgement, and
    the legal sources it cites (title, URL and how far its wording was verified). Then, for
    every policy alike, the facts the law settles (never asked) and those it does not."""
    catalogue = default_catalogue()
    for plan in sorted(catalogue.plans.values(), key=lambda p: (p.policy.family, p.id)):
        p = plan.policy
        until = p.effective_to or "open"
        typer.echo(f"{p.id} v{p.version}  [{p.family}]  {p.effective_from} .. {until}")
        typer.echo(f"  {p.title.get(lang)}")
        outcomes = ", ".join(o.id for o in p.outcomes)
        typer.echo(f"  conditions: {len(p.conditions)}, outcomes: {outcomes}")
        typer.echo("  sources:")
        for sid in p.sources:
            source = catalogue.sources[sid]
            typer.echo(f"    - {sid} [{source.status.value}] {source.title.get(lang)}")
            if source.url:
                typer.echo(f"      {source.url}")
        if p.not_formalised:
            typer.echo(f"  not formalised ({len(p.not_formalised)}):")
            for item in p.not_formalised:
                typer.echo(f"    - {item.get(lang)}")
        typer.echo("")
    _law(lang)


def _law(lang: str) -> None:
    """The facts known by law (facts-by-law.yaml), applied under every policy."""
    typer.echo("Under every policy, facts the law settles (never asked):")
    for rule in load_law_facts():
        where = f"{rule.citation.source}, {rule.citation.pinpoint}"
        typer.echo(f"  - {rule.text.get(lang)} [{where}; {rule.citation.status.value}]")
    not_derived = load_not_derived()
    if not_derived:
        typer.echo("Facts the law does not settle for the people assessed (they stay questions):")
        for item in not_derived:
            sources = "; ".join(f"{c.source}, {c.pinpoint}" for c in item.citations)
            typer.echo(f"  - {item.text.get(lang)} [{sources}]")
