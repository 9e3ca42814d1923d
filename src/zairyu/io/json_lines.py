"""JSON Lines caseloads: one JSON object per line, one person per object.

A good file is read by Polars directly. When a line is not a JSON object (cut off, two lines run
together, a stray comma), the file is read again line by line: each bad line becomes a
placeholder row that carries its problem (``LINE_ERROR``) and the start of the line
(``LINE_TEXT``), so that it goes to the error file with its line number like any bad row and its
household is set aside. Its household is read from the line where it can be; where it cannot,
the households of the lines before and after it are set aside, since it may belong to either.
Blank lines are skipped, as Polars skips them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl

LINE_ERROR = "_line_error"
LINE_TEXT = "_line_text"
LINE_COLUMNS = (LINE_ERROR, LINE_TEXT)
_HOUSEHOLD = re.compile(rb'"household_id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


def scan_json_lines(data: Path | bytes) -> pl.LazyFrame:
    """The file as a lazy frame; bad lines as placeholder rows (see the module)."""
    frame = pl.scan_ndjson(data, infer_schema_length=None)
    try:
        frame.collect_schema()
        return frame
    except pl.exceptions.PolarsError:  # a line that is not JSON, or not an object
        raw = data.read_bytes() if isinstance(data, Path) else data
        return pl.scan_ndjson(_with_placeholders(raw), infer_schema_length=None)


def _with_placeholders(raw: bytes) -> bytes:
    lines: list[bytes] = []
    last_household: object = None
    orphan: int | None = None  # the number of a bad line whose household could not be read
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        record, problem = _decoded(line, number)
        if record is None:
            household = _household_in(line)
            if household is None:
                household, orphan = last_household, number
                problem += "; its household cannot be read from it, so the households on the "
                problem += "lines before and after it are set aside"
            placeholder = {"household_id": household, LINE_ERROR: problem, LINE_TEXT: line}
            lines.append(json.dumps(placeholder, default=_text).encode())
            continue
        if orphan is not None and record.get("household_id") != last_household:
            record[LINE_ERROR] = (
                f"line {number} follows line {orphan}, whose household cannot be read, "
                "so this household is set aside too"
            )
            lines.append(json.dumps(record, ensure_ascii=False).encode())
        else:
            lines.append(line)
        orphan, last_household = None, record.get("household_id")
    return b"\n".join(lines) + b"\n"


def _decoded(line: bytes, number: int) -> tuple[dict[str, object] | None, str]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"line {number} is not valid JSON: {error.msg} (column {error.colno})"
    if not isinstance(record, dict):
        return None, f"line {number} is not a JSON object ({{...}} with one person's columns)"
    return record, ""


def _household_in(line: bytes) -> object:
    found = _HOUSEHOLD.search(line)
    if found is None:
        return None
    try:
        return json.loads(found.group(1))
    except json.JSONDecodeError:
        return None


def _text(value: object) -> str:
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
