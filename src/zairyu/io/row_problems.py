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
from zairyu.io.json_lines import LINE_COLUMNS, LINE_ERROR, LINE_TEXT
from zairyu.model.columns import COLUMNS, allowed_values
from zairyu.model.ids import ID_LENGTH, ID_PATTERN, ID_RULE
from zairyu.model.shown import cut, escaped

ROW = "_row"
IDS = ("household_id", "person_id")
REQUIRED = (*IDS, "role")
ALLOWED: dict[str, tuple[str, ...]] = allowed_values()  # from the fact registry
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")


@dataclass(frozen=True)
class RowProblem:
    """One bad value. ``value`` and ``household_id`` are as shown (``zairyu.model.shown.cut``:
    escaped, long ones cut), so that neither a message nor the error file can be garbled."""

    row: int
    household_id: str | None
    column: str
    value: str | None
    problem: str

    def __str__(self) -> str:
        value = "(blank)" if self.value is None else f"'{self.value}'"
        return f"row {self.row}, column '{self.column}', value {value}: {self.problem}"


def row_problem(
    row: int, household_id: str | None, column: str, value: str | None, problem: str
) -> RowProblem:
    """A problem with its raw household id and value made safe to show."""
    return RowProblem(
        row,
        None if household_id is None else cut(household_id),
        column,
        None if value is None else cut(value),
        problem,
    )


PROBLEM_SCHEMA = {
    "row": pl.Int64(),
    "household_id": pl.String(),
    "column": pl.String(),
    "value": pl.String(),
    "problem": pl.String(),
}


def check_columns(columns: list[str]) -> None:
    """Unknown or missing columns make the whole file unusable: say which, and what is allowed."""
    unknown = [c for c in columns if c not in COLUMNS and c not in LINE_COLUMNS]
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


FEW = 100  # distinct values at most one in FEW rows: a column is typed value by value
TYPED, BLANK = "\0typed ", "\0blank "
"""Prefixes of a column's typed values and of its blanks while its chunk is checked."""


def type_chunk(chunk: pl.DataFrame, first_row: int) -> tuple[pl.DataFrame, list[RowProblem]]:
    """Type every column; return the typed rows of sound households and the problems found.
    Columns absent from the file are not added here (see ``with_unknown_columns``).

    Each column is typed once (``TYPED``), and its checks read the typed values; a text column
    whose values repeat is typed once per distinct value (``_by_value``)."""
    check_columns(chunk.columns)
    raw = chunk.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    columns = [c for c in chunk.columns if c not in LINE_COLUMNS]
    distinct = _distinct_values(chunk, columns)
    worked, checks = [], []
    for column in columns:
        original = pl.col(column)
        dtype = chunk.schema[column]
        typed, problem = _parse(column, original, dtype)
        if column in ALLOWED:  # a blank value is not allowed either: one check covers both
            blank = original.is_null()
        else:
            blank = _blank(original, dtype)
            if dtype == pl.String:
                typed = pl.when(blank).then(None).otherwise(typed)
        values = chunk[column]
        exprs = [typed.alias(TYPED + column), blank.alias(BLANK + column)]
        worked += _by_value(values, distinct.get(column), exprs)
        typed, blank = pl.col(TYPED + column), pl.col(BLANK + column)
        if problem:
            checks.append((column, ~blank & typed.is_null(), problem))
        if column in REQUIRED:
            checks.append((column, blank, "is required"))
        if column in ALLOWED:
            checks.extend(_allowed_check(column, distinct[column], blank))
        checks.extend(_range_checks(column, typed))
        checks.extend(_id_checks(column, typed, dtype))
    work = raw.with_columns(worked)
    checks = _with_line_errors(chunk.columns, checks)
    problems = _problems(work, checks)
    typed_frame = work.select(ROW, *(pl.col(TYPED + c).alias(c) for c in columns))
    if problems:
        typed_frame = typed_frame.filter(_sound(work, checks))
    return typed_frame, problems


def _by_values(column: str, dtype: pl.DataType) -> bool:
    """Whether a column's expressions are worked out per distinct value (``_by_value``)."""
    return dtype == pl.String and column not in IDS and column not in ALLOWED


def _distinct_values(chunk: pl.DataFrame, columns: list[str]) -> dict[str, pl.Series]:
    """The distinct values of every column whose checks or typing read them, found in one
    query (the columns side by side, not one after the other)."""
    wanted = [c for c in columns if c in ALLOWED or _by_values(c, chunk.schema[c])]
    if not wanted:
        return {}
    found = chunk.select(pl.col(c).unique().implode() for c in wanted)
    return {c: found[c][0].alias(c) for c in wanted}


def _by_value(values: pl.Series, distinct: pl.Series | None, exprs: list[pl.Expr]) -> list[pl.Expr]:
    """``exprs`` of a text column, worked out once per distinct value when there are few
    (true/false, counts: parsing text row by row is most of the cost of reading a CSV file);
    row by row for other columns (a mapping of many values costs more than it saves). The
    distinct values (``_distinct_values``) serve all of ``exprs``."""
    if distinct is None or not _by_values(values.name, values.dtype):
        return exprs
    if distinct.len() * FEW > values.len():
        return exprs
    mapped = distinct.to_frame().select(exprs)
    return [
        pl.col(values.name)
        .replace_strict(distinct, series, return_dtype=series.dtype)
        .alias(series.name)
        for series in mapped.get_columns()
    ]


def _allowed_check(
    column: str, distinct: pl.Series, blank: pl.Expr
) -> list[tuple[str, pl.Expr, str]]:
    """A value outside the column's vocabulary: looked for among the distinct values first, so
    that a file without one (the usual case) costs no pass over its rows."""
    allowed = ALLOWED[column]
    known = distinct.cast(pl.String).drop_nulls()
    outside = known.filter(~known.is_in(allowed))
    if outside.is_empty():
        return []
    bad = ~blank & pl.col(column).cast(pl.String).is_in(outside.implode())
    return [(column, bad, f"must be one of {', '.join(allowed)}")]


def _id_checks(column: str, typed: pl.Expr, dtype: pl.DataType) -> list[tuple[str, pl.Expr, str]]:
    """The id rule of the household model (``ID_PATTERN``, at most 64 characters), in words."""
    if column not in IDS or dtype.is_integer():
        return []
    bad = ~typed.str.contains(ID_PATTERN) | (typed.str.len_chars() > ID_LENGTH)
    return [(column, bad, ID_RULE)]


def _with_line_errors(
    columns: list[str], checks: list[tuple[str, pl.Expr, str]]
) -> list[tuple[str, pl.Expr, str]]:
    """A JSON Lines line that could not be read (``zairyu.io.json_lines``) is one problem, in
    place of the checks of its (empty) columns; its value is the start of the line."""
    if LINE_ERROR not in columns or LINE_TEXT not in columns:
        return checks
    unread = pl.col(LINE_ERROR).is_not_null()
    kept = [(column, mask & ~unread, problem) for column, mask, problem in checks]
    return [*kept, (LINE_TEXT, unread, "")]


def _sound(raw: pl.DataFrame, checks: list[tuple[str, pl.Expr, str]]) -> pl.Series:
    """Which rows belong to a household without any problem (by the id as read, not as
    shown: a shown id may be cut)."""
    household = pl.col("household_id").cast(pl.String).str.strip_chars()
    bad_row = pl.any_horizontal(pl.lit(False), *(mask.fill_null(False) for _, mask, _ in checks))
    bad = raw.filter(bad_row).select(household).to_series().drop_nulls().unique()
    return raw.select(household.is_not_null() & ~household.is_in(bad.implode())).to_series()


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
            (pl.col(LINE_ERROR) if column == LINE_TEXT else pl.lit(problem)).alias("_problem"),
        )
        found.extend(  # a line error is escaped: the column could come from the file itself
            row_problem(r, h, "", v, escaped(p)) if column == LINE_TEXT else
            row_problem(r, h, column, v, p)
            for r, h, v, p in hits.iter_rows()
        )  # fmt: skip
    return sorted(found, key=lambda p: (p.row, p.column))


def with_unknown_columns(people: pl.DataFrame, needed: set[str]) -> pl.DataFrame:
    """Add the columns a policy reads but the file lacks, as unknown (null) for everyone."""
    missing = [
        pl.lit(None, dtype=POLARS_TYPES[COLUMNS[c].kind]).alias(c)
        for c in sorted(needed)
        if c in COLUMNS and c not in people.columns
    ]
    return people.with_columns(missing) if missing else people
