"""`zairyu convert`: household JSON files to a caseload, or a caseload to household JSON files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import app, fail

SOURCE_HELP = (
    "A household file (.json) or a folder of them; or a caseload (.csv, .xlsx, .parquet, .jsonl)."
)
OUT_HELP = (
    "For households: the caseload file to write (.csv, .parquet or .jsonl; its folder must "
    "exist, and a file there is replaced, as batch replaces its results). For a caseload: the "
    "folder to write one <household_id>.json per household into (it must exist; no household "
    "file in it is overwritten)."
)


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "nothing"


@app.command("convert")
def convert_command(
    source: Annotated[Path, typer.Argument(help=SOURCE_HELP)],
    out: Annotated[Path, typer.Option("--out", help=OUT_HELP)],
) -> None:
    """Convert household JSON to a caseload (the person table, one row per person) or back.

    The direction follows SOURCE: household files give a caseload; a caseload gives one
    household file per household. Nothing the person table says is lost either way (every
    household is checked as it is converted); what a caseload cannot hold (display names, notes,
    each enrolment or conviction beyond the columns derived from them, links to parents) is
    counted on standard error, never shown. A date known only to the month or the year cannot
    go into a caseload: such a household is refused. Exit codes: 0 converted, 1 some households
    of a caseload set aside (each named on standard error), 2 invalid input, nothing written.
    """
    from zairyu.io.formats import SUFFIXES, CaseloadFileError
    from zairyu.services.converting import (
        SHOWN_SET_ASIDE,
        ConvertError,
        caseload_to_households,
        households_to_caseload,
    )

    to_caseload = source.is_dir() or source.suffix.lower() == ".json"
    if not to_caseload and source.suffix.lower() not in SUFFIXES:
        raise fail(
            f"{source}: convert reads household files (.json, or a folder of them) or a "
            f"caseload ({', '.join(sorted(SUFFIXES))})"
        )
    try:
        if to_caseload:
            _check_out_file(out)
            written = households_to_caseload(source, out)
            typer.echo(
                f"{written.persons} persons of {written.households} households -> {out}",
                err=True,
            )
            typer.echo(f"not carried: {_counts(written.not_carried)}", err=True)
            return
        _check_out_folder(out)
        result = caseload_to_households(source, out)
    except (ConvertError, CaseloadFileError) as error:
        raise fail(str(error)) from None
    if result.encoding:
        typer.echo(f"{source}: read as {result.encoding}", err=True)
    for aside in result.set_aside[:SHOWN_SET_ASIDE]:
        typer.echo(f"set aside: {aside}", err=True)
    if len(result.set_aside) > SHOWN_SET_ASIDE:
        typer.echo(f"set aside: {len(result.set_aside) - SHOWN_SET_ASIDE} more", err=True)
    typer.echo(
        f"{result.households} households ({result.persons} persons) -> {out}; "
        f"{len(result.set_aside)} set aside",
        err=True,
    )
    if result.filled:
        typer.echo(f"blank but decided by the other columns: {_counts(result.filled)}", err=True)
    if result.made:
        typer.echo(f"written with no column to say it: {_counts(result.made)}", err=True)
    if result.set_aside:
        raise typer.Exit(code=1)


def _check_out_file(out: Path) -> None:
    """The caseload file's folder must exist and the file may not be a folder (as for every
    output option, ``zairyu.cli.app.writable``)."""
    if out.is_dir():
        raise fail(f"--out: {out} is a folder; name the caseload file to write in it")
    folder = out.parent
    if not folder.is_dir():
        raise fail(
            f"--out: the folder {folder} does not exist; create it first "
            f"(mkdir -p {folder}) or write to a folder that exists"
        )


def _check_out_folder(out: Path) -> None:
    """The households' folder must exist: a missing one is refused, not created."""
    if out.exists() and not out.is_dir():
        raise fail(f"--out: {out} is a file; name the folder to write the households into")
    if not out.is_dir():
        raise fail(
            f"--out: the folder {out} does not exist; create it first (mkdir -p {out}) or "
            "write to a folder that exists"
        )
