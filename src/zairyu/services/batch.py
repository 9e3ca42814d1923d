"""Assess a whole caseload: every household, under every policy chosen, chunk by chunk
(``zairyu.io`` reads and checks the file and writes the results; this is the use case).

Results hold, per person, the row number in the caseload file, the ids and role, the date of
assessment, one column per derived variable and condition, and the outcome (the input facts
stay in the caseload file; join on ``row`` or ``person_id``). With one policy the columns keep
their names; with several they are prefixed with the policy id (``children-2023.child_eligible``).
``role`` and the outcomes are Enum columns (their values sorted) in Parquet files.
Households with a bad row are set aside and their
problems written to the error file; ``strict`` stops at the first problem instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import cast

import polars as pl

from zairyu.engine.columnar import ROLE_TYPE, evaluate_frame
from zairyu.engine.compiled import AS_OF, Plan
from zairyu.io.caseload import CHUNK_ROWS, household_chunks
from zairyu.io.formats import ResultWriter
from zairyu.io.row_problems import (
    PROBLEM_SCHEMA,
    ROW,
    RowProblem,
    type_chunk,
    with_unknown_columns,
)
from zairyu.services.caseload_checks import (
    HouseholdRuns,
    consistency_problems,
    duplicate_persons,
    named_parent_problems,
    split_households,
)
from zairyu.services.errors import ServiceError

KEPT = (ROW, "household_id", "person_id", "role")


class StrictStopError(ServiceError):
    """``--strict``: the first bad row stops the run."""

    def __init__(self, problem: RowProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class BatchSummary:
    rows: int = 0
    assessed: int = 0
    households: int = 0
    problems: int = 0
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)
    encoding: str | None = None  # how a text file was read: "UTF-8", "CP932 (Shift_JIS)"


def assess_frame(people: pl.DataFrame, plans: list[Plan], as_of: date) -> pl.DataFrame:
    """The person table with every variable, condition and outcome of every plan."""
    needed = set().union(*(plan.columns_read() for plan in plans))
    people = with_unknown_columns(people, needed)
    inputs = set(people.columns)
    keep = [_as_enum(c) for c in KEPT if c in inputs]
    if len(plans) == 1:
        evaluated = evaluate_frame(plans[0], people, as_of, enum=True)
        schema = evaluated.collect_schema().names()
        return evaluated.select(*keep, *(c for c in schema if c not in inputs)).collect()
    out = people.select(keep).with_columns(pl.lit(as_of).alias(AS_OF))
    for plan in plans:
        result = evaluate_frame(plan, people, as_of, enum=True).collect()
        added = [c for c in result.columns if c not in inputs and c != AS_OF]
        out = out.hstack(result.select(pl.col(c).alias(f"{plan.id}.{c}") for c in added))
    return out


def _as_enum(column: str) -> pl.Expr:
    """A kept column; ``role`` as an Enum, which a results file stores and counts cheaply
    (read back, it compares, groups and sorts as its text does)."""
    return pl.col(column).cast(ROLE_TYPE) if column == "role" else pl.col(column)


def _write_problems(path: Path, problems: list[RowProblem], first: bool) -> None:
    frame = pl.DataFrame(
        [(p.row, p.household_id, p.column, p.value, p.problem) for p in problems],
        schema=PROBLEM_SCHEMA,
        orient="row",
    )
    with path.open("w" if first else "a", encoding="utf-8") as out:
        frame.write_csv(out, include_header=first)


def run_batch(
    source: Path,
    out: Path,
    plans: list[Plan],
    as_of: date,
    *,
    errors: Path,
    strict: bool = False,
    chunk_rows: int = CHUNK_ROWS,
    on_progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    summary = BatchSummary()
    writer = ResultWriter(out)
    _write_problems(errors, [], first=True)
    try:
        caseload = household_chunks(source, chunk_rows)
    except BaseException:
        writer.close()
        raise
    summary.encoding = caseload.encoding.name if caseload.encoding else None

    def results() -> Iterator[pl.DataFrame]:
        runs: HouseholdRuns | None = None
        for first_row, chunk in caseload:
            if runs is None:  # before any chunk is assessed; a file of one chunk is not read again
                runs = HouseholdRuns(
                    split_households(chunk.lazy() if caseload.whole else caseload.frame)
                )
            people, problems = type_chunk(chunk, first_row)
            people, more = checked(people, as_of, runs)
            problems = sorted([*problems, *more], key=lambda p: (p.row, p.column))
            if problems and strict:
                raise StrictStopError(problems[0])
            if problems:
                _write_problems(errors, problems, first=False)
            result = assess_frame(people, plans, as_of).rename({ROW: "row"})
            _count(summary, chunk.height, result, plans, len(problems))
            if on_progress:
                on_progress(chunk.height)
            yield result

    writer.write_all(results())
    return summary


def checked(
    people: pl.DataFrame, as_of: date, runs: HouseholdRuns
) -> tuple[pl.DataFrame, list[RowProblem]]:
    """The sound households of a typed chunk, and the problems across values: facts that
    cannot be true together, a person listed twice, a household split in the file."""
    problems = [
        *consistency_problems(people, as_of),
        *duplicate_persons(people),
        *named_parent_problems(people),
        *runs.problems(people),
    ]
    bad = {p.household_id for p in problems} | runs.split
    if bad:
        people = people.filter(~pl.col("household_id").cast(pl.String).is_in(list(bad)))
    return people, problems


def _count(
    summary: BatchSummary, rows: int, result: pl.DataFrame, plans: list[Plan], problems: int
) -> None:
    summary.rows += rows
    summary.assessed += result.height
    summary.problems += problems
    summary.households += result["household_id"].n_unique()
    for plan in plans:
        column = "outcome" if len(plans) == 1 else f"{plan.id}.outcome"
        counts = summary.outcomes.setdefault(plan.id, Counter())
        counts.update(_outcome_counts(result[column]))


def _outcome_counts(outcomes: pl.Series) -> dict[str, int]:
    """Persons per outcome present, counted from the Enum's small integer codes (numpy is not
    imported for it)."""
    categories = list(cast(pl.Enum, outcomes.dtype).categories)
    counted = dict(outcomes.to_physical().drop_nulls().value_counts().iter_rows())
    return {value: int(counted[code]) for code, value in enumerate(categories) if code in counted}
