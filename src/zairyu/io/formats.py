"""The file formats a caseload can come in and its results can go out in, chosen by suffix."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from zairyu.io.encoding import UTF8, UTF8_BOM, Encoding, EncodingError, detect, utf8_bytes
from zairyu.io.json_lines import scan_json_lines

if TYPE_CHECKING:  # imported where used: pyarrow.parquet costs 65 MiB and 0.2 s at start-up
    import pyarrow.parquet as pq

ZSTD_LEVEL = 1
"""Results in Parquet are compressed with zstd at level 1, not Polars' default 3: writing the
benchmark's 1M result rows takes 86 against 98 ms of CPU, for a file 3 % larger (5.07 MB)."""

SUFFIXES = {
    ".csv": "csv",
    ".xlsx": "excel",
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class CaseloadFileError(ValueError):
    """A caseload file that cannot be read at all (as opposed to a bad row)."""


def format_of(path: Path) -> str:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise CaseloadFileError(
            f"{path}: unknown file type '{path.suffix}'; use one of {known}"
        ) from None


@dataclass(frozen=True)
class Source:
    """A caseload file opened for reading: its rows, and how its text was decoded (None for
    Excel and Parquet, which are not text)."""

    frame: pl.LazyFrame
    encoding: Encoding | None = None


def scan(path: Path) -> pl.LazyFrame:
    """The file as a lazy frame. Text formats are read as text, checked and typed later."""
    return read_source(path).frame


def read_source(path: Path) -> Source:
    """The file as a lazy frame, with the encoding a text file was read in (UTF-8 with or
    without BOM, or CP932: ``zairyu.io.encoding``); any other encoding is refused."""
    if not path.exists():
        raise CaseloadFileError(f"{path}: no such file")
    kind = format_of(path)
    try:
        if kind == "parquet":
            return Source(pl.scan_parquet(path))
        if kind == "excel":
            return Source(pl.read_excel(path, engine="calamine", infer_schema_length=0).lazy())
        encoding = detect(path)
        # Polars reads UTF-8, and a BOM in a CSV, itself; the rest is converted in memory
        direct = encoding == UTF8 or (encoding == UTF8_BOM and kind == "csv")
        data = path if direct else utf8_bytes(path, encoding)
        if kind == "csv":
            return Source(pl.scan_csv(data, infer_schema=False), encoding)
        return Source(scan_json_lines(data), encoding)
    except EncodingError as error:
        raise CaseloadFileError(str(error)) from None
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise CaseloadFileError(f"{path}: cannot read the {kind} file: {error}") from None


def row_count(path: Path) -> int | None:
    """The number of rows when it is cheap to know (Parquet metadata), else None."""
    if format_of(path) != "parquet":
        return None
    return int(pl.scan_parquet(path).select(pl.len()).collect().item())


def chunks(frame: pl.LazyFrame, rows: int) -> Iterator[pl.DataFrame]:
    """The file in chunks of about ``rows`` rows, streamed: the whole file is never in memory."""
    try:
        yield from frame.collect_batches(chunk_size=rows)
    except pl.exceptions.PolarsError as error:
        raise CaseloadFileError(f"cannot read the file: {str(error).splitlines()[0]}") from None


class ResultWriter:
    """Writes result chunks one after the other to one file of the format its suffix names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = format_of(path)
        self._parquet: pq.ParquetWriter | None = None
        self._pending: list[pl.DataFrame] = []
        self._started = False

    def write(self, frame: pl.DataFrame) -> None:
        if self.kind == "parquet":
            self._write_parquet(frame)
        elif self.kind == "csv":
            with self.path.open("a" if self._started else "w", encoding="utf-8") as out:
                frame.write_csv(out, include_header=not self._started)
        elif self.kind == "jsonl":
            with self.path.open("ab" if self._started else "wb") as out:
                frame.write_ndjson(out)
        else:
            self._pending.append(frame)  # Excel is written once, at the end
        self._started = True

    def _write_parquet(self, frame: pl.DataFrame) -> None:
        """One chunk is written by Polars at close (fastest); more chunks stream through a
        pyarrow writer, so the results never have to fit in memory."""
        if self._parquet is None and not self._pending:
            self._pending.append(frame)
            return
        if self._parquet is None:
            import pyarrow.parquet as pq  # noqa: PLC0415 - only for results of several chunks

            first = self._pending.pop().to_arrow()
            self._parquet = pq.ParquetWriter(self.path, first.schema)
            self._parquet.write_table(first)
        self._parquet.write_table(frame.to_arrow())

    def write_all(self, frames: Iterable[pl.DataFrame]) -> None:
        """Write every frame, then close. Parquet results of several chunks are streamed into
        one file by Polars' own writer, chunk by chunk, as ``frames`` makes them (faster than
        pyarrow's: 3.3 against 4.6 CPU seconds at 5M rows); an error raised while making them
        ends the file after the chunks made before it, then goes on."""
        frames = iter(frames)
        if self.kind != "parquet" or self._started or self._pending:
            try:
                for frame in frames:
                    self.write(frame)
            finally:
                self.close()
            return
        first = next(frames, None)
        second = next(frames, None) if first is not None else None
        if first is None or second is None:
            try:
                if first is not None:
                    self.write(first)
            finally:
                self.close()
            return
        self._started = True
        _sink_parquet(self.path, first.schema, chain((first, second), frames))

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        elif self.kind == "parquet" and self._pending:
            self._pending.pop().write_parquet(self.path, compression_level=ZSTD_LEVEL)
        if self.kind == "excel":
            frame = pl.concat(self._pending) if self._pending else pl.DataFrame()
            frame.write_excel(self.path, worksheet="results")
        elif not self._started:
            self.path.write_text("", encoding="utf-8")


def _sink_parquet(path: Path, schema: pl.Schema, frames: Iterator[pl.DataFrame]) -> None:
    """Stream frames of one schema into one Parquet file through Polars' writer: Polars pulls
    them from ``frames`` (a Python source) one at a time, so they never have to fit in memory
    together. An exception raised by ``frames`` is kept, the file is finished with the frames
    before it, and the exception is raised again here, as itself."""
    from polars.io.plugins import register_io_source  # noqa: PLC0415 - only for large results

    failure: list[BaseException] = []

    def source(
        columns: list[str] | None, predicate: object, n_rows: int | None, size: int | None
    ) -> Iterator[pl.DataFrame]:
        try:
            for frame in frames:
                if frame.schema != schema:
                    raise TypeError(f"result chunks differ: {frame.schema} after {schema}")
                yield frame
        except Exception as error:  # re-raised below, outside Polars
            failure.append(error)

    register_io_source(source, schema=schema).sink_parquet(path, compression_level=ZSTD_LEVEL)
    if failure:
        raise failure[0]
