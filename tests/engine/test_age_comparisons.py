"""An age compared with a number, on a known assessment date, is compiled for Polars as a
comparison of the date of birth (``engine.columnar._age_compared``): the same three-valued
result as working out the age row by row, and as the scalar backend, on every day of birth
around the boundaries (29 February included) and for every comparison."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from zairyu.engine.columnar import to_polars, with_as_of
from zairyu.engine.compiled import AS_OF
from zairyu.engine.expr import Lit, Type, parse
from zairyu.engine.scalar import compile_node

SCOPE: dict[str, Type] = {"d": "date", AS_OF: "date"}
OPS = ("<", "<=", ">", ">=", "=", "<>")
DAYS = [date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1), date(2024, 12, 31)]


def _births(as_of: date, years: int) -> list[date | None]:
    """Every day within a week of the birthdays that give ``years - 1`` to ``years + 2`` on
    ``as_of``, and an unknown one."""
    found: set[date] = set()
    for age in range(max(years - 1, 0), years + 3):
        year = as_of.year - age
        centre = date(year, as_of.month, 28 if (as_of.month, as_of.day) == (2, 29) else as_of.day)
        found.update(centre + timedelta(days=k) for k in range(-7, 8))
    return [*sorted(found), None]


@pytest.mark.parametrize("as_of", DAYS)
@pytest.mark.parametrize("years", [0, 1, 14, 18])
@pytest.mark.parametrize("op", OPS)
def test_an_age_compared_with_a_number_is_the_same_as_the_age_worked_out(as_of, years, op):
    node = parse(f"years_between(d, as_of) {op} {years}", SCOPE)
    literal = with_as_of(node, as_of)
    births = _births(as_of, years)
    frame = pl.DataFrame({"d": births, AS_OF: [as_of] * len(births)})
    by_dates = frame.select(to_polars(literal).alias("x"))["x"].to_list()
    by_age = frame.select(to_polars(node).alias("x"))["x"].to_list()  # as_of read as a column
    scalar = compile_node(node)
    rows = [{"d": d, AS_OF: as_of} for d in births]
    assert by_dates == by_age == [scalar(rows, i) for i in range(len(rows))]
    assert None in by_dates and True in by_dates and False in by_dates  # both sides seen


def test_the_assessment_date_is_written_in_as_a_literal_wherever_it_is_read():
    node = parse("years_between(d, as_of) >= 18 AND d <= as_of", SCOPE)
    written = with_as_of(node, date(2025, 1, 1))
    assert AS_OF not in repr(written)
    assert repr(Lit(date(2025, 1, 1), "date")) in repr(written)


def test_an_age_compared_with_a_number_reads_no_year_of_the_date_of_birth():
    node = with_as_of(parse("years_between(d, as_of) < 14", SCOPE), date(2025, 1, 1))
    shown = str(pl.select(pl.lit(None, dtype=pl.Date).alias("d")).lazy().select(to_polars(node)))
    assert "dt.year" not in shown
