"""A caseload file read household by household, in chunks, so files larger than memory work.

The rows of one household must be adjacent in the file (the usual export order); a chunk never
splits a household: the last household of a chunk is carried over to the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from zairyu.io.formats import CaseloadFileError, chunks, read_source
from zairyu.io.row_problems import check_columns

CHUNK_ROWS = 2_000_000


class HouseholdChunks:
    """``(first row number, raw chunk)`` pairs with whole households only; ``encoding`` says
    how a text file was read. The file is opened and its columns checked when this is made.
    ``whole`` is True while the chunk just given is the whole file (what most files are)."""

    def __init__(self, path: Path, rows: int = CHUNK_ROWS) -> None:
        source = read_source(path)
        try:
            columns = source.frame.collect_schema().names()
        except pl.exceptions.PolarsError as error:
            raise CaseloadFileError(f"{path}: cannot read the file: {error}") from None
        check_columns(columns)
        self.frame, self.encoding, self.rows = source.frame, source.encoding, rows
        self.whole = False

    def __iter__(self) -> Iterator[tuple[int, pl.DataFrame]]:
        carry: pl.DataFrame | None = None
        first_row = 1
        batches = chunks(self.frame, self.rows)
        pending = next(batches, None)
        while pending is not None:
            if carry is not None:
                pending = pl.concat([carry, pending], how="vertical_relaxed")
            chunk = pending
            pending = next(batches, None)
            if pending is None:  # the last chunk: nothing left to carry over
                if chunk.height:
                    self.whole = first_row == 1
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


def household_chunks(path: Path, rows: int = CHUNK_ROWS) -> HouseholdChunks:
    """The file in chunks of whole households (see ``HouseholdChunks``)."""
    return HouseholdChunks(path, rows)
