"""Split a person table (households contiguous) into households of row dicts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polars as pl


def households(frame: pl.DataFrame) -> Iterator[list[dict[str, Any]]]:
    rows = frame.to_dicts()
    ids = frame["household_id"].to_list()
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or ids[i] != ids[start]:
            yield rows[start:i]
            start = i
