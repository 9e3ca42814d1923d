"""The floor under `zairyu batch`: a bare Polars pipeline on the same benchmark file.

Run: /usr/bin/time -v .venv/bin/python benchmarks/floor_polars.py PERSONS.parquet OUT.parquet

Start Python, import Polars, scan the Parquet file, add three columns (one of them a household
window) and sink the result: nothing zairyu does (no policy, no checks, no error file, one
column per condition). It shows how much of the whole-process time of `zairyu batch` is the
runtime itself, to read the batch ratio against OpenFisca with (see docs/benchmarks.md).
"""

from __future__ import annotations

import sys

import polars as pl


def pipeline(source: str, target: str) -> None:
    frame = pl.scan_parquet(source).with_columns(
        (pl.col("conviction_count") >= 2).alias("repeat_offender"),
        (pl.col("born_in_japan") & ~pl.col("sham_marriage")).alias("example_condition"),
        pl.col("sham_marriage").any().over("household_id").alias("household_flag"),
    )
    frame.sink_parquet(target)


def main() -> None:
    pipeline(sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
