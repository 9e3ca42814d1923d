"""A text column whose values repeat is typed once per distinct value: the typed rows and the
problems must be those of typing it row by row."""

from __future__ import annotations

import polars as pl
import pytest

import zairyu.io.row_problems as row_problems
from zairyu.io.row_problems import type_chunk
from zairyu.model.columns import COLUMNS

MESSY = {
    "born_in_japan": [" TRUE ", "yes", "No", "0", "", None, "maybe", "false", "1 "],
    "conviction_count": ["0", " 2", "many", "", None, "-1", "3"],
    "birth_date": ["2010-01-01", " 2011-02-03 ", "2012-13-01", "", None, "2009-05-06T00:00"],
    "role": [*(COLUMNS["role"].values or ()), "uncle", "", None],
    "nationality": ["PH", " VN ", "", None],
}


def _chunk(rows: int) -> pl.DataFrame:
    columns = {
        name: [values[i % len(values)] for i in range(rows)] for name, values in MESSY.items()
    }
    households = [f"h{i // 3}" for i in range(rows)]
    return pl.DataFrame(
        {"household_id": households, "person_id": [f"p{i}" for i in range(rows)], **columns},
        schema=dict.fromkeys(["household_id", "person_id", *MESSY], pl.String),
    )


@pytest.mark.parametrize("rows", [5, 2_000])
def test_typing_by_distinct_value_gives_the_rows_and_problems_of_typing_row_by_row(
    monkeypatch, rows
):
    chunk = _chunk(rows)
    by_value = type_chunk(chunk, 1)
    monkeypatch.setattr(row_problems, "FEW", rows + 1)  # every column row by row
    by_row = type_chunk(chunk, 1)
    assert by_value[0].equals(by_row[0])
    assert by_value[1] == by_row[1]
    assert by_value[1]  # the messy values are found


def test_a_value_outside_a_vocabulary_is_found_among_many_that_are_inside():
    chunk = _chunk(300).with_columns(pl.lit("child").alias("role"))
    chunk = chunk.with_columns(
        pl.when(pl.int_range(pl.len()) == 250).then(pl.lit("uncle")).otherwise("role").alias("role")
    )
    _, problems = type_chunk(chunk, 1)
    assert [(p.row, p.value) for p in problems if p.column == "role"] == [(251, "uncle")]
