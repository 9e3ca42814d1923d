"""`zairyu compare`: a caseload under the baseline policy and under a reform."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import OUT_FOLDER, TODAY, AsOf, app, as_of_day, fail, writable


def _markdown(title: str, frame: object) -> str:
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([f"### {title}", "", head, rule, *rows, ""])


@app.command("compare")
def compare_command(
    caseload: Annotated[Path, typer.Argument(help="Caseload: .csv, .xlsx, .parquet or .jsonl.")],
    reform: Annotated[Path, typer.Option("--reform", help="Reform file (YAML).")],
    as_of: AsOf = TODAY,
    changes: Annotated[
        Path | None,
        typer.Option(
            "--changes",
            help=f"Where to write the persons whose outcome changes. {OUT_FOLDER}",
            callback=writable,
        ),
    ] = None,
) -> None:
    """Count outcomes under the baseline policy and under REFORM, by outcome, role, age band
    and household, and write the persons whose outcome changes with the conditions that changed."""
    from zairyu.io.formats import ResultWriter
    from zairyu.services.comparing import compare_reform
    from zairyu.services.errors import ServiceError

    on = as_of_day(as_of)
    try:
        found = compare_reform(caseload, reform, on)
    except ServiceError as error:
        raise fail(str(error)) from None
    change, baseline, result, problems = found.reform, found.baseline, found.result, found.problems
    if found.encoding:
        typer.echo(f"{caseload}: read as {found.encoding}", err=True)
    typer.echo(f"## {change.title} ({change.id}) against {baseline.id}, as of {on}\n")
    if problems:
        typer.echo(f"{problems} bad value(s): those households were left out (see zairyu batch).\n")
    typer.echo(_markdown("By outcome", result.by_outcome))
    typer.echo(_markdown("By role", result.by_role))
    typer.echo(_markdown("By age band", result.by_age_band))
    typer.echo(_markdown("Households", result.households))
    target = changes or caseload.with_name(f"{caseload.stem}.{change.id}.changes.csv")
    writer = ResultWriter(target)
    writer.write(result.changes)
    writer.close()
    typer.echo(f"{result.changes.height} person(s) change outcome -> {target}")
