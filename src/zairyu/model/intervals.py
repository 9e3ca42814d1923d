"""A household with imprecise dates as person-table rows: each cell exact, or what it can be.

Each person's row is computed at every corner of that person's date intervals (each imprecise
date at its first or its last day); a cell that differs between corners becomes the set of
values it can take (``zairyu.engine.corners.hull``; why the corners suffice is written there).
A date of birth never runs past the assessment date: its interval ends there at the latest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import product
from typing import Any

from pydantic import BaseModel

from zairyu.model.columns import Row, Value
from zairyu.model.dates import ImpreciseDate
from zairyu.model.household import Household, Person
from zairyu.model.table import person_row

MAX_IMPRECISE = 10  # per person: 2^10 corners; more is refused (give some dates exactly)

Path = tuple[str | int, ...]
Ordered = date | int


@dataclass(frozen=True, slots=True)
class Span:
    """Every value from ``lo`` to ``hi`` (dates or whole numbers, ``lo < hi``)."""

    lo: Ordered
    hi: Ordered


Atom = Value | Span
Values = frozenset[Atom]  # every value a cell or an expression can take
NULL: Values = frozenset({None})


def exact(value: Value) -> Values:
    return frozenset({value})


def hull(values: Iterable[Value]) -> Values:
    """The values of one cell at the corners, as what the cell can be anywhere in the box:
    dates and numbers as the span from the least to the greatest, codes as themselves."""
    seen = set(values)
    ordered = [v for v in seen if isinstance(v, date | int) and not isinstance(v, bool)]
    if len(ordered) <= 1:
        return frozenset(seen)
    rest = seen.difference(ordered)
    return frozenset({*rest, Span(min(ordered), max(ordered))})


class TooManyImpreciseDates(ValueError):
    """A person with more imprecise dates than can be evaluated at every corner."""

    def __init__(self, person_index: int, paths: list[str]) -> None:
        self.person_index = person_index
        self.paths = paths
        super().__init__(
            f"{len(paths)} dates are known only to the month or year; at most {MAX_IMPRECISE} "
            "can be assessed together: give some of them as exact days"
        )


@dataclass
class IntervalRows:
    """Exact rows (a cell left open is ``None``), the open cells, and the dates as written."""

    rows: list[Row]
    open: dict[tuple[int, str], Values]
    written: dict[tuple[int, str], ImpreciseDate]

    @property
    def imprecise(self) -> bool:
        return bool(self.open)


def imprecise_dates(person: Person) -> list[tuple[Path, ImpreciseDate]]:
    """Every imprecise date of a person, with its path in the household format."""
    found: list[tuple[Path, ImpreciseDate]] = []

    def visit(value: Any, path: Path) -> None:
        if isinstance(value, ImpreciseDate):
            found.append((path, value))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                visit(getattr(value, name), (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))

    visit(person, ())
    return found


def path_text(path: Path) -> str:
    """``school.enrolments[0].start`` for a path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _replace(value: Any, path: Path, new: object) -> Any:
    """``value`` with the item at ``path`` replaced (without validation: a corner may be a
    combination no single household could hold, which only widens the values found)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        assert isinstance(head, int)
        items = list(value)
        items[head] = _replace(items[head], rest, new)
        return items
    assert isinstance(head, str)
    return value.model_copy(update={head: _replace(getattr(value, head), rest, new)})


def _ends(path: Path, value: ImpreciseDate, as_of: date) -> tuple[date, date]:
    if path == ("date_of_birth",):
        return value.earliest, min(value.latest, as_of)
    return value.earliest, value.latest


def person_corners(household: Household, person: Person, as_of: date) -> list[Row]:
    """The person's row at every corner of their date intervals (one row if all are exact)."""
    dates = imprecise_dates(person)
    rows = []
    for choice in product(*(_ends(path, value, as_of) for path, value in dates)):
        corner = person
        for (path, _), day in zip(dates, choice, strict=True):
            corner = _replace(corner, path, day)
        rows.append(person_row(household, corner))
    return rows


def _written(person: Person, column: str, values: Values, as_of: date) -> ImpreciseDate | None:
    """The imprecise date a cell holds as it was written, when the cell is just that date."""
    if len(values) != 1:
        return None
    (span,) = values
    if not isinstance(span, Span):
        return None
    for path, value in imprecise_dates(person):
        if (span.lo, span.hi) == _ends(path, value, as_of):
            return value
    return None


def interval_rows(household: Household, as_of: date) -> IntervalRows:
    """The household's rows, a cell that an imprecise date leaves open given as its values.
    Raises ``TooManyImpreciseDates`` for a person with more than ``MAX_IMPRECISE``."""
    rows: list[Row] = []
    open_cells: dict[tuple[int, str], Values] = {}
    written: dict[tuple[int, str], ImpreciseDate] = {}
    for index, person in enumerate(household.members):
        dates = imprecise_dates(person)
        if len(dates) > MAX_IMPRECISE:
            raise TooManyImpreciseDates(index, [path_text(p) for p, _ in dates])
        corners = person_corners(household, person, as_of)
        row: Row = {}
        for column in corners[0]:
            values = hull(corner[column] for corner in corners)
            if len(values) == 1 and not _is_span(values):
                (row[column],) = values  # type: ignore[assignment]
                continue
            row[column] = None
            open_cells[(index, column)] = values
            shown = _written(person, column, values, as_of)
            if shown is not None:
                written[(index, column)] = shown
        rows.append(row)
    return IntervalRows(rows, open_cells, written)


def _is_span(values: Values) -> bool:
    return any(isinstance(v, Span) for v in values)
