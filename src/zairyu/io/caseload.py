"""A caseload file read household by household, in chunks, so files larger than memory work.

The rows of one household must be adjacent in the file (the usual export order); a chunk never
splits a household: the last household of a chunk is carried over to the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from zairyu.io.formats import CaseloadFileError, chunks, scan
from zairyu.io.row_problems import check_columns

CHUNK_ROWS = 2_000_000


def household_chunks(path: Path, rows: int = CHUNK_ROWS) -> Iterator[tuple[int, pl.DataFrame]]:
    """Yield ``(first row number, raw chunk)`` with whole households only."""
    frame = scan(path)
    try:
        columns = frame.collect_schema().names()
    except pl.exceptions.PolarsError as error:
        raise CaseloadFileError(f"{path}: cannot read the file: {error}") from None
    check_columns(columns)
    carry: pl.DataFrame | None = None
    first_row = 1
    batches = chunks(frame, rows)
    pending = next(batches, None)
    while pending is not None:
        chunk = pending if carry is None else pl.concat([carry, pending], how="vertical_relaxed")
        pending = next(batches, None)
        if pending is None:  # the last chunk: nothing left to carry over
            carry = None
            if chunk.height:
                yield first_row, chunk
            break
        ids = chunk["household_id"]
        last = ids[-1]
        tail = chunk.height
        while tail > 0 and ids[tail - 1] == last:
            tail -= 1
        if tail == 0:  # one household bigger than a chunk: keep collecting
            carry = chunk
            continue
        yield first_row, chunk.slice(0, tail)
        first_row += tail
        carry = chunk.slice(tail)
