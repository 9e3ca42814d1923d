"""`zairyu stats`: the official figures with their sources, and charts of them or of results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.cli.app import app, fail

if TYPE_CHECKING:
    import polars as pl


@app.command("stats")
def stats_command(
    series: Annotated[
        str | None, typer.Option("--series", help="Only this series (e.g. grants_per_year).")
    ] = None,
    charts: Annotated[
        Path | None,
        typer.Option(
            "--charts",
            help="Draw PNG and SVG charts into this folder; a missing one is created if the "
            "folder it goes in exists (never a chain of folders).",
        ),
    ] = None,
    results: Annotated[
        Path | None,
        typer.Option(
            "--results",
            help="Also count the outcomes of a batch results or compare changes file: printed "
            "as a table; drawn as a chart only with --charts (nothing is written without it).",
        ),
    ] = None,
) -> None:
    """Print the official figures (grants per year, deportation refusers, the 2023 measure's
    outcomes), each with its source and confirmation status; optionally draw charts."""
    from zairyu.stats.figures import SERIES, figures

    try:
        table = figures(series)
    except KeyError as error:
        raise fail(str(error.args[0])) from None
    if charts and charts.exists() and not charts.is_dir():
        raise fail(f"--charts: {charts} is a file, not a folder")
    if charts and not charts.exists() and not charts.parent.is_dir():
        raise fail(
            f"--charts: the folder {charts.parent} does not exist; create it first "
            f"(mkdir -p {charts.parent}) or draw into a folder that exists"
        )
    counted = _counted(results) if results else None  # a bad file ends it before any output
    for name in [series] if series else list(SERIES):
        typer.echo(f"\n## {SERIES[name]}\n\n| key | value | unit | status | source | note |")
        typer.echo("|---|---|---|---|---|---|")
        for row in table.filter(series=name).iter_rows(named=True):
            typer.echo(
                f"| {row['key']} | {row['value']:,} | {row['unit']} | {row['status']} | "
                f"{row['source'] or '—'} | {row['note'] or ''} |"
            )
    if counted is not None:
        title, counts = counted
        typer.echo(f"\n## {title}\n\n| outcome | persons |\n|---|---|")
        for key, value in counts.iter_rows():
            typer.echo(f"| {key} | {value:,} |")
    if charts:
        _draw(charts, results)


def _counted(results: Path) -> tuple[str, pl.DataFrame]:
    from zairyu.stats.charts import ResultsFileError, outcome_counts

    try:
        return outcome_counts(results)
    except ResultsFileError as error:
        raise fail(str(error)) from None


def _draw(folder: Path, results: Path | None) -> None:
    from zairyu.stats.charts import official_charts, results_chart

    drawn = official_charts(folder)
    if results:
        drawn += results_chart(results, folder)
    typer.echo("\n" + "\n".join(f"chart: {p}" for p in drawn))
