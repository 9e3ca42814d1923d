"""Check a chunk of a caseload against the person table and type it, row by row.

A bad value never stops the run: it becomes a ``RowProblem`` (row number, column, value,
problem), and the household it belongs to is set aside, while every other household is assessed.
Row numbers count data rows from 1 (a CSV header line is not counted).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from zairyu.engine.columnar import POLARS_TYPES
from zairyu.io.formats import CaseloadFileError
from zairyu.model.columns import COLUMNS, allowed_values

ROW = "_row"
IDS = ("household_id", "person_id")
REQUIRED = (*IDS, "role")
ALLOWED: dict[str, tuple[str, ...]] = allowed_values()  # from the fact registry
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")


@dataclass(frozen=True)
class RowProblem:
    row: int
    household_id: str | None
    column: str
    value: str | None
    problem: str

    def __str__(self) -> str:
        return f"row {self.row}, column '{self.column}', value {self.value!r}: {self.problem}"


PROBLEM_SCHEMA = {
    "row": pl.Int64(),
    "household_id": pl.String(),
    "column": pl.String(),
    "value": pl.String(),
    "problem": pl.String(),
}


def check_columns(columns: list[str]) -> None:
    """Unknown or missing columns make the whole file unusable: say which, and what is allowed."""
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise CaseloadFileError(
            f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are listed in "
            "docs/caseload-format.md (a misspelt column would silently become 'unknown')"
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CaseloadFileError(f"missing required column(s) {', '.join(map(repr, missing))}")


def _parse(column: str, values: pl.Expr, dtype: pl.DataType) -> tuple[pl.Expr, str]:
    """The typed expression for a column and the problem its failures are reported with."""
    kind = COLUMNS[column].kind
    if column in IDS:
        if dtype.is_integer():
            return values.cast(pl.Int64), ""
        return values.cast(pl.String).str.strip_chars(), ""
    if kind == "bool":
        if dtype == pl.Boolean:
            return values, ""
        text = values.cast(pl.String).str.strip_chars().str.to_lowercase()
        typed = (
            pl.when(text.is_in(TRUE_WORDS))
            .then(True)
            .when(text.is_in(FALSE_WORDS))
            .then(False)
            .otherwise(None)
        )
        return typed, "not true or false (write true/false, 1/0 or yes/no)"
    if kind == "int":
        if dtype.is_integer():
            return values.cast(pl.Int32), ""
        return values.cast(pl.String).str.strip_chars().cast(
            pl.Int32, strict=False
        ), "not a whole number"
    if kind == "date":
        if dtype == pl.Date:
            return values, ""
        if dtype == pl.Datetime:
            return values.cast(pl.Date), ""
        text = values.cast(pl.String).str.strip_chars().str.slice(0, 10)
        return text.str.to_date("%Y-%m-%d", strict=False), "not a date (write YYYY-MM-DD)"
    return values.cast(pl.String), ""


def _range_checks(column: str, typed: pl.Expr) -> list[tuple[str, pl.Expr, str]]:
    """A whole number outside the range the registry gives (a count below 0, a sentence of
    more than 100 years) cannot be true."""
    spec = COLUMNS[column]
    found = []
    if spec.minimum is not None:
        found.append((column, typed < spec.minimum, f"must be at least {spec.minimum}"))
    if spec.maximum is not None:
        found.append((column, typed > spec.maximum, f"must be at most {spec.maximum}"))
    return found


def _blank(values: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.String:
        return values.is_null() | (values.str.strip_chars() == "")
    return values.is_null()


def type_chunk(chunk: pl.DataFrame, first_row: int) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Type every column; return the typed rows of sound households and the problems found.
    Columns absent from the file are not added here (see ``with_unknown_columns``)."""
    check_columns(chunk.columns)
    raw = chunk.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    typed_exprs, checks = [], []
    for column in chunk.columns:
        original = pl.col(column)
        dtype = chunk.schema[column]
        typed, problem = _parse(column, original, dtype)
        if column in ALLOWED:  # a blank value is not allowed either: one check covers both
            blank = original.is_null()
        else:
            blank = _blank(original, dtype)
            if dtype == pl.String:
                typed = pl.when(blank).then(None).otherwise(typed)
        typed_exprs.append(typed.alias(column))
        if problem:
            checks.append((column, ~blank & typed.is_null(), problem))
        if column in REQUIRED:
            checks.append((column, blank, "is required"))
        if column in ALLOWED:
            allowed = ALLOWED[column]
            bad = ~blank & ~original.cast(pl.String).is_in(allowed)
            checks.append((column, bad, f"must be one of {', '.join(allowed)}"))
        checks.extend(_range_checks(column, typed))
    typed_frame = raw.select(pl.col(ROW), *typed_exprs)
    problems = _problems(raw, checks)
    if problems:
        bad_households = {p.household_id for p in problems}
        typed_frame = typed_frame.filter(
            ~pl.col("household_id").cast(pl.String).is_in(list(bad_households))
            & pl.col("household_id").is_not_null()
        )
    return typed_frame, problems


def _problems(raw: pl.DataFrame, checks: list[tuple[str, pl.Expr, str]]) -> list[RowProblem]:
    if not checks:
        return []
    flags = raw.select(pl.any_horizontal(pl.lit(False), *(mask for _, mask, _ in checks)))
    if not flags.to_series().any():
        return []
    found: list[RowProblem] = []
    for column, mask, problem in checks:
        hits = raw.filter(mask.fill_null(False)).select(
            ROW,
            pl.col("household_id").cast(pl.String).alias("_household"),
            pl.col(column).cast(pl.String).alias("_value"),
        )
        found.extend(RowProblem(r, h, column, v, problem) for r, h, v in hits.iter_rows())
    return sorted(found, key=lambda p: (p.row, p.column))


def with_unknown_columns(people: pl.DataFrame, needed: set[str]) -> pl.DataFrame:
    """Add the columns a policy reads but the file lacks, as unknown (null) for everyone."""
    missing = [
        pl.lit(None, dtype=POLARS_TYPES[COLUMNS[c].kind]).alias(c)
        for c in sorted(needed)
        if c in COLUMNS and c not in people.columns
    ]
    return people.with_columns(missing) if missing else people
