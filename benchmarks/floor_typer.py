"""The floor under `zairyu batch` with its command line: the Polars floor (``floor_polars``)
run from a Typer command that takes the same parameters as `zairyu batch`.

Run: .venv/bin/python benchmarks/floor_typer.py PERSONS.parquet --out OUT.parquet \
    --policy benchmarks/policy.yaml --as-of 2025-01-01

This floor holds Python, Polars and Typer (a chosen part of zairyu, pinned below 0.29, which
imports pydantic and builds an adapter for every parameter at every start): what any zairyu
command that reads a caseload costs before zairyu's own code runs. Nothing is read from the
policy file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from benchmarks.floor_polars import pipeline

app = typer.Typer(add_completion=False)


def _writable(value: Path | None) -> Path | None:
    return value


@app.command()
def batch(
    caseload: Annotated[Path, typer.Argument()],
    out: Annotated[Path, typer.Option("--out", callback=_writable)],
    as_of: Annotated[str, typer.Option("--as-of")] = "today",
    policy: Annotated[list[str] | None, typer.Option("--policy")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", callback=_writable)] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows")] = 2_000_000,
) -> None:
    pipeline(str(caseload), str(out))


if __name__ == "__main__":
    app()
