"""Checks of a caseload chunk beyond one value: facts that cannot be true together (the same
checks as for a household JSON), a person listed twice, and a household whose rows are not
together in the file (it would otherwise be counted as several households)."""

from __future__ import annotations

from datetime import date

import polars as pl

from zairyu.engine.consistency import Check, frame_problems
from zairyu.io.formats import CaseloadFileError
from zairyu.io.row_problems import ROW, RowProblem
from zairyu.model import shown
from zairyu.model.columns import COLUMNS
from zairyu.model.relations import named_parent_problem


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


SEPARATORS_MISTAKEN = (",", ";", "、", "，", "/")


def named_parent_problems(people: pl.DataFrame) -> list[RowProblem]:
    """A ``parents`` cell naming someone who is not a member of the household, the person
    themself, or a member twice (the household JSON's rule, ``model.relations``)."""
    if "parents" not in people.columns:
        return []
    named = people.filter(pl.col("parents").is_not_null())
    if named.is_empty():
        return []
    households = named["household_id"].cast(pl.String).unique().to_list()
    members = (
        people.filter(pl.col("household_id").cast(pl.String).is_in(households))
        .group_by(pl.col("household_id").cast(pl.String))
        .agg(pl.col("person_id").cast(pl.String))
    )
    ids = {h: set(p) for h, p in zip(members["household_id"], members["person_id"], strict=True)}
    found = []
    for row, household, person, parents in named.select(
        ROW, pl.col("household_id").cast(pl.String), pl.col("person_id").cast(pl.String), "parents"
    ).iter_rows():
        seen: set[str] = set()
        for parent_id in str(parents).split():
            problem = named_parent_problem(person, parent_id, seen, ids[household])
            seen.add(parent_id)
            if problem is not None:
                if any(mark in str(parents) for mark in SEPARATORS_MISTAKEN):
                    problem += "; separate the member ids with spaces"
                found.append(RowProblem(row, household, "parents", shown.cut(parents), problem))
                break
    return found


def duplicate_persons(people: pl.DataFrame) -> list[RowProblem]:
    """A (household, person) pair on more than one row: every row after the first."""
    if _increasing(people, "person_id") or _all_distinct(people, "household_id", "person_id"):
        return []  # the usual case, found from one comparison or one hash per row
    keys = people.select(ROW, "household_id", "person_id")
    repeated = keys.filter(~pl.struct("household_id", "person_id").is_first_distinct())
    return [
        RowProblem(
            row, household, "person_id", person, "this person is listed twice in the household"
        )
        for row, household, person in repeated.select(
            ROW, pl.col("household_id").cast(pl.String), pl.col("person_id").cast(pl.String)
        ).iter_rows()
    ]


def _increasing(frame: pl.DataFrame, column: str) -> bool:
    """True when every value of ``column`` is greater than the one before (ids numbered in
    order, as most exports are): then no two rows have the same value."""
    later = pl.col(column) > pl.col(column).shift(1)
    return bool(frame.select(later.slice(1).all(ignore_nulls=False)).item())


def _all_distinct(frame: pl.DataFrame, first: str, second: str) -> bool:
    """True when no two rows have the same pair of values: their hashes are all different.
    (Equal hashes prove nothing; the caller then compares the values themselves.)"""
    pair = pl.col(first).hash(1) ^ pl.col(second).hash(2)
    return bool(frame.select(pair.n_unique() == pl.len()).item())


def split_households(caseload: pl.LazyFrame) -> set[str]:
    """The households whose rows are not one block in the caseload (read from the id column
    alone, before any chunk is assessed, so no part of such a household is assessed)."""
    ids = caseload.select(pl.col("household_id").alias("h"))
    try:
        blocks, households = (
            ids.select(
                (pl.col("h").rle_id().max() + 1).alias("blocks"),
                pl.col("h").n_unique().alias("ids"),
            )
            .collect()
            .row(0)
        )
    except pl.exceptions.PolarsError as error:
        raise CaseloadFileError(f"cannot read the file: {str(error).splitlines()[0]}") from None
    if blocks is None or blocks == households:
        return set()  # as many blocks of rows as households: none is split (the usual case)
    runs = (
        ids.select(pl.col("h").cast(pl.String))
        .with_columns(pl.col("h").rle_id().alias("run"))
        .group_by("h")
        .agg(pl.col("run").n_unique().alias("blocks"))
    )
    return set(runs.filter(pl.col("blocks") > 1).collect()["h"].to_list())


class HouseholdRuns:
    """Refuses every row of a household whose rows are not together in the file (it would
    otherwise be counted, and assessed, as several households)."""

    def __init__(self, split: set[str]) -> None:
        self.split = split
        self.reported: set[str] = set()

    def problems(self, people: pl.DataFrame) -> list[RowProblem]:
        if not self.split:
            return []
        hits = people.filter(pl.col("household_id").cast(pl.String).is_in(list(self.split)))
        found = []
        for row, household in hits.select(ROW, pl.col("household_id").cast(pl.String)).rows():
            if household in self.reported:
                continue
            self.reported.add(household)
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
        return found
