"""`zairyu batch`: assess a whole caseload file under every policy in force."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import OUT_FOLDER, TODAY, AsOf, app, as_of_day, fail, plans_or_exit, writable

CHUNK_HELP = "Rows read at a time; lower it for files larger than memory."


@app.command("batch")
def batch_command(
    caseload: Annotated[Path, typer.Argument(help="Caseload: .csv, .xlsx, .parquet or .jsonl.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help=f"Results file; the suffix sets the format. {OUT_FOLDER}",
            callback=writable,
        ),
    ],
    as_of: AsOf = TODAY,
    policy: Annotated[
        list[str] | None,
        typer.Option("--policy", help="Policy id or policy file (repeatable); default: in force."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help=f"Error file (CSV); default: RESULTS with .errors.csv. {OUT_FOLDER}",
            callback=writable,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad row.")] = False,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", help=CHUNK_HELP)] = 2_000_000,
) -> None:
    """Assess every household of a caseload: one result row per person, with one column per
    variable, condition and outcome. Bad rows go to the error file; their households are set
    aside and every other household is still assessed."""
    from zairyu.io.formats import CaseloadFileError, format_of
    from zairyu.services.batch import StrictStopError, run_batch

    on = as_of_day(as_of)
    plans = plans_or_exit(policy, on)
    errors_path = errors or out.with_name(out.stem + ".errors.csv")
    try:
        format_of(out)
        with ProgressBar(caseload) as advance:
            summary = run_batch(
                caseload,
                out,
                plans,
                on,
                errors=errors_path,
                strict=strict,
                chunk_rows=chunk_rows,
                on_progress=advance,
            )
    except StrictStopError as stop:
        raise fail(f"{caseload}: {stop} (--strict stops at the first bad row)") from None
    except CaseloadFileError as error:
        raise fail(str(error)) from None
    if summary.encoding:
        typer.echo(f"{caseload}: read as {summary.encoding}", err=True)
    typer.echo(
        f"{summary.assessed} persons in {summary.households} households assessed "
        f"-> {out}; {summary.problems} problem(s) -> {errors_path}",
        err=True,
    )
    for policy_id, counts in summary.outcomes.items():
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        typer.echo(f"  {policy_id}: {shown}", err=True)
    if summary.problems:
        raise typer.Exit(code=1)


class ProgressBar:
    """A progress bar on standard error when it is a terminal (long runs); silent otherwise,
    and then the caseload's rows are not counted for it."""

    def __init__(self, caseload: Path) -> None:
        self.caseload = caseload
        self.bar = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        from zairyu.io.formats import row_count

        self.bar = Progress(transient=True)
        self.bar.start()
        task = self.bar.add_task("assessing", total=row_count(self.caseload))
        return lambda n: self.bar.advance(task, n)  # type: ignore[union-attr]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
