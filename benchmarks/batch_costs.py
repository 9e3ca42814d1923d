"""Where the whole-process time of ``zairyu batch`` goes, measured piece by piece, to choose
what to speed up (issue 16, part 2). Not a benchmark against a peer: a breakdown.

    python -m benchmarks.batch_costs [--persons 1000000] [--rounds 7]

1. Imports, each in a fresh process (through ``launch.py``, interleaved round by round): wall
   and CPU seconds and peak memory of ``python -c 'import X'`` for the pieces of the batch path.
2. The steps of ``run_batch`` in process on the benchmark file: reading, the row checks
   (``type_chunk``), the evaluation, the summary counts, and writing the results with
   variants (string vs Enum columns, the Polars writer vs the pyarrow one, compression).
Prints Markdown tables; medians (min–max) of the rounds.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from benchmarks.engines import zairyu_engine
from benchmarks.engines.zairyu_engine import BASE
from benchmarks.generate import AS_OF
from benchmarks.measure import Sample, figures, interleave, run_process, time_call
from benchmarks.report import duration
from benchmarks.run import dataset
from zairyu.io.row_problems import type_chunk

ROOT = Path(__file__).parents[1]
# The module that holds run_batch (zairyu.io.batch, zairyu.services.batch once the services
# layer lands): its assess_frame, _count and BatchSummary are the steps timed here.
BATCH = importlib.import_module(zairyu_engine.run_batch.__module__)
IMPORTS = {
    "python -c pass": "pass",
    "polars": "import polars",
    "polars + pyarrow.parquet": "import polars, pyarrow.parquet",
    "zairyu.engine.columnar": "import zairyu.engine.columnar",
    "zairyu.engine.plan (pydantic, sqlglot, yaml)": "import zairyu.engine.plan",
    f"{BATCH.__name__} (the batch stack)": f"import {BATCH.__name__}",
    "zairyu.cli (every sub-command)": "import zairyu.cli",
}


def imports(rounds: int) -> dict[str, list[Sample]]:
    tasks = {
        name: partial(run_process, [sys.executable, "-c", code], ROOT)
        for name, code in IMPORTS.items()
    }
    return interleave(tasks, rounds)


def _write(frame: pl.DataFrame, path: Path, **options: Any) -> None:
    frame.write_parquet(path, **options)


def _write_pyarrow(frame: pl.DataFrame, path: Path, parts: int) -> None:
    size = -(-frame.height // parts)
    first = frame.slice(0, size).to_arrow()
    with pq.ParquetWriter(path, first.schema) as writer:
        writer.write_table(first)
        for start in range(size, frame.height, size):
            writer.write_table(frame.slice(start, size).to_arrow())


def _enum(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    values = sorted(v for v in frame[column].unique().to_list() if v is not None)
    return frame.with_columns(pl.col(column).cast(pl.Enum(values)))


def steps(persons: int, rounds: int, work: Path) -> dict[str, list[Sample]]:
    source = dataset(persons)
    raw = pl.read_parquet(source)
    people, _ = type_chunk(raw, 1)
    result = BATCH.assess_frame(people, [BASE], AS_OF).rename({"_row": "row"})
    enums = _enum(_enum(result, "role"), "outcome")
    out = work / "out.parquet"
    tasks: dict[str, Callable[[], Sample]] = {
        "read the Parquet file": partial(time_call, partial(pl.read_parquet, source)),
        "row checks (type_chunk)": partial(time_call, partial(type_chunk, raw, 1)),
        "evaluate (assess_frame)": partial(
            time_call, partial(BATCH.assess_frame, people, [BASE], AS_OF)
        ),
        "summary counts (_count)": partial(
            time_call, lambda: BATCH._count(BATCH.BatchSummary(), persons, result, [BASE], 0)
        ),
        "write: as now (Polars, zstd)": partial(time_call, partial(_write, result, out)),
        "write: role and outcome as Enum": partial(time_call, partial(_write, enums, out)),
        "write: without row, household_id (ids kept: person_id)": partial(
            time_call, partial(_write, result.drop("row", "household_id"), out)
        ),
        "write: lz4": partial(time_call, partial(_write, result, out, compression="lz4")),
        "write: no statistics": partial(time_call, partial(_write, result, out, statistics=False)),
        "write: pyarrow writer, 2 chunks (as above 2M rows)": partial(
            time_call, partial(_write_pyarrow, result, out, 2)
        ),
    }
    return interleave(tasks, rounds)


def markdown(title: str, samples: dict[str, list[Sample]]) -> str:
    lines = [f"| {title} | wall | CPU | peak MiB |", "|---|---|---|---|"]
    for name, measured in samples.items():
        f = figures(measured)
        wall, cpu = f["wall_s"], f["cpu_s"]
        peak = f"{f['peak_mib']['median']:.0f}" if "peak_mib" in f else ""
        lines.append(
            f"| {name} | {duration(wall['median'])} ({duration(wall['min'])}–"
            f"{duration(wall['max'])}) | {duration(cpu['median'])} | {peak} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(markdown("import, fresh process", imports(args.rounds)) + "\n")
    with tempfile.TemporaryDirectory() as work:
        measured = steps(args.persons, args.rounds, Path(work))
    print(markdown(f"step at {args.persons:,} persons, in process", measured))


if __name__ == "__main__":
    main()
