"""The expression language: SQL three-valued logic and Japanese age reckoning, the same in the
scalar and the columnar backend."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from zairyu.engine.columnar import to_polars
from zairyu.engine.expr import ExpressionError, Type, parse
from zairyu.engine.scalar import compile_node, whole_months, whole_years

SCOPE: dict[str, Type] = {
    "a": "bool",
    "b": "bool",
    "n": "int",
    "d": "date",
    "e": "date",
    "s": "str",
}


def both(text: str, **row: object) -> object:
    node = parse(text, SCOPE)
    full = {k: row.get(k) for k in SCOPE} | {"household_id": "h"}
    scalar = compile_node(node)([full], 0)
    schema = {
        "a": pl.Boolean, "b": pl.Boolean, "n": pl.Int32, "d": pl.Date, "e": pl.Date,
        "s": pl.String, "household_id": pl.String,
    }  # fmt: skip
    frame = pl.DataFrame([full], schema=schema)
    columnar = frame.select(to_polars(node).alias("x"))["x"][0]
    assert scalar == columnar, (text, row, scalar, columnar)
    return scalar


@pytest.mark.parametrize(
    ("a", "b", "and_", "or_"),
    [
        (True, None, None, True),
        (False, None, False, None),
        (None, None, None, None),
        (True, True, True, True),
        (False, True, False, True),
    ],
)
def test_and_or_follow_three_valued_logic(a, b, and_, or_):
    assert both("a AND b", a=a, b=b) == and_
    assert both("a OR b", a=a, b=b) == or_


def test_not_of_unknown_is_unknown():
    assert both("NOT a", a=None) is None


def test_a_comparison_with_an_unknown_is_unknown():
    assert both("n > 12", n=None) is None
    assert both("n > 12", n=13) is True


def test_in_list_of_an_unknown_is_unknown():
    assert both("s IN ('x', 'y')", s=None) is None
    assert both("s IN ('x', 'y')", s="y") is True


def test_is_null_is_never_unknown():
    assert both("n IS NULL", n=None) is True
    assert both("n IS NOT NULL", n=None) is False


def test_coalesce_takes_the_first_known_value():
    assert both("coalesce(a, FALSE)", a=None) is False


def test_case_without_else_is_unknown_when_no_branch_holds():
    assert both("CASE WHEN a THEN n END", a=False, n=3) is None
    assert both("CASE WHEN a THEN n ELSE 0 END", a=None, n=3) == 0


@pytest.mark.parametrize(
    ("birth", "on", "years"),
    [
        (date(2006, 6, 10), date(2024, 6, 10), 18),  # the birthday counts as reached
        (date(2006, 6, 11), date(2024, 6, 10), 17),
        (date(2006, 6, 9), date(2024, 6, 10), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # reached at the end of 28 Feb...
        (date(2008, 2, 29), date(2026, 3, 1), 18),  # ...so counted from 1 March
    ],
)
def test_years_between_counts_the_birthday_as_reached(birth, on, years):
    assert whole_years(birth, on) == years
    assert both("years_between(d, e)", d=birth, e=on) == years


def test_months_between_counts_the_monthly_anniversary_as_reached():
    assert whole_months(date(2024, 1, 31), date(2024, 2, 29)) == 0
    assert whole_months(date(2024, 1, 15), date(2025, 1, 15)) == 12
    assert both("months_between(d, e)", d=date(2024, 1, 15), e=date(2024, 3, 14)) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a AND", "cannot parse"),
        ("x > 1", "unknown variable 'x'"),
        ("d > 1", "cannot mix date and int"),
        ("s < 'b'", "cannot order str"),
        ("a + 1", "must be int"),
        ("frobnicate(a)", "unknown function"),
        ("household_any(household_any(a))", "cannot contain another"),
        ("n > 1.5", "whole numbers"),
    ],
)
def test_a_bad_expression_says_what_is_wrong(text, problem):
    with pytest.raises(ExpressionError, match=problem):
        parse(text, SCOPE)
