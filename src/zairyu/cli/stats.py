"""`zairyu stats`: the official figures with their sources, and charts of them or of results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import app


@app.command("stats")
def stats_command(
    series: Annotated[
        str | None, typer.Option("--series", help="Only this series (e.g. grants_per_year).")
    ] = None,
    charts: Annotated[
        Path | None, typer.Option("--charts", help="Draw PNG and SVG charts into this folder.")
    ] = None,
    results: Annotated[
        Path | None,
        typer.Option("--results", help="Also chart a batch results or compare changes file."),
    ] = None,
) -> None:
    """Print the official figures (grants per year, deportation refusers, the 2023 measure's
    outcomes), each with its source and confirmation status; optionally draw charts."""
    from zairyu.stats.figures import SERIES, figures

    try:
        table = figures(series)
    except KeyError as error:
        typer.echo(f"error: {error.args[0]}", err=True)
        raise typer.Exit(code=2) from None
    for name in [series] if series else list(SERIES):
        typer.echo(f"\n## {SERIES[name]}\n\n| key | value | unit | status | source | note |")
        typer.echo("|---|---|---|---|---|---|")
        for row in table.filter(series=name).iter_rows(named=True):
            typer.echo(
                f"| {row['key']} | {row['value']:,} | {row['unit']} | {row['status']} | "
                f"{row['source'] or '—'} | {row['note'] or ''} |"
            )
    if charts or results:
        from zairyu.stats.charts import official_charts, results_chart

        folder = charts or Path(".")
        drawn = official_charts(folder) if charts else []
        if results:
            if not results.exists():
                typer.echo(f"error: {results}: no such file", err=True)
                raise typer.Exit(code=2)
            drawn += results_chart(results, folder)
        typer.echo("\n" + "\n".join(f"chart: {p}" for p in drawn))
