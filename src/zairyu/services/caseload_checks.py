"""Checks of a caseload chunk beyond one value: facts that cannot be true together (the same
checks as for a household JSON), a person listed twice, and a household whose rows are not
together in the file (it would otherwise be counted as several households)."""

from __future__ import annotations

from datetime import date

import polars as pl

from zairyu.engine.consistency import Check, frame_problems
from zairyu.io.row_problems import ROW, RowProblem
from zairyu.model.columns import COLUMNS


def _column_of(check: Check) -> str:
    """The caseload column a caseworker corrects for a failed check."""
    wanted = f"members[].{check.field}"
    for name, column in COLUMNS.items():
        if wanted in column.fields:
            return name
    return check.field


def consistency_problems(people: pl.DataFrame, as_of: date) -> list[RowProblem]:
    found = []
    for position, check in frame_problems(people.drop(ROW), as_of):
        column = _column_of(check)
        value = people[column][position] if column in people.columns else None
        found.append(
            RowProblem(
                int(people[ROW][position]),
                str(people["household_id"][position]),
                column,
                None if value is None else str(value),
                check.message.en,
            )
        )
    return found


def duplicate_persons(people: pl.DataFrame) -> list[RowProblem]:
    """A (household, person) pair on more than one row: every row after the first."""
    keys = people.select(
        ROW, pl.col("household_id").cast(pl.String), pl.col("person_id").cast(pl.String)
    )
    repeated = keys.filter(pl.struct("household_id", "person_id").is_duplicated()).filter(
        pl.int_range(pl.len()).over("household_id", "person_id") > 0
    )
    return [
        RowProblem(
            row, household, "person_id", person, "this person is listed twice in the household"
        )
        for row, household, person in repeated.iter_rows()
    ]


class HouseholdRuns:
    """Remembers the households already read, so that one whose rows are not together is
    refused instead of being counted as two."""

    def __init__(self) -> None:
        self.done: set[str] = set()

    def problems(self, people: pl.DataFrame) -> list[RowProblem]:
        ids = people["household_id"].cast(pl.String).to_list()
        rows = people[ROW].to_list()
        found, seen_here, previous = [], set(), None
        for row, household in zip(rows, ids, strict=True):
            if household != previous and (household in seen_here or household in self.done):
                found.append(
                    RowProblem(
                        int(row),
                        household,
                        "household_id",
                        household,
                        "the rows of this household are not together in the file: sort the "
                        "file by household_id (a household must be one block of rows)",
                    )
                )
            seen_here.add(household)
            previous = household
        self.done |= seen_here
        return found
