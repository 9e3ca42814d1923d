"""`zairyu synth`: a synthetic caseload calibrated to the published figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import OUT_FOLDER, app, writable


@app.command("synth")
def synth_command(
    households: Annotated[int, typer.Option("--households", min=1, help="Number of households.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help=f"Caseload file: .csv, .xlsx, .parquet, .jsonl. {OUT_FOLDER}",
            callback=writable,
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same file.")] = 1,
) -> None:
    """Write a synthetic caseload whose marginals follow the published figures; every
    assumption, its source and status is listed in docs/synth.md."""
    from zairyu.engine.columnar import frame_from_rows
    from zairyu.io.formats import CaseloadFileError, ResultWriter
    from zairyu.simulate.synth import synthesise

    try:
        writer = ResultWriter(out)
    except CaseloadFileError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None
    frame = frame_from_rows(synthesise(households, seed))
    writer.write(frame)
    writer.close()
    typer.echo(f"{frame.height} persons in {households} households -> {out}", err=True)
