"""Three-valued values in z3: a value is a pair (known, value).

``known`` is a z3 boolean; ``value`` is a z3 term of the value's type and means something only
where ``known`` holds. A string is an integer code (``word``). A date is its year, month and
day (so that whole years and months between two dates, counted the Japanese way, stay linear),
ordered by ``year * 10000 + month * 100 + day``, a day number in calendar order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import z3


@dataclass(frozen=True)
class Day:
    """A date as three z3 integers."""

    year: z3.ArithRef
    month: z3.ArithRef
    day: z3.ArithRef

    @property
    def key(self) -> z3.ArithRef:
        """A number in the order of the calendar."""
        return self.year * 10000 + self.month * 100 + self.day

    @staticmethod
    def const(value: date) -> Day:
        return Day(z3.IntVal(value.year), z3.IntVal(value.month), z3.IntVal(value.day))

    @staticmethod
    def fresh(name: str) -> Day:
        return Day(z3.Int(f"{name}.y"), z3.Int(f"{name}.m"), z3.Int(f"{name}.d"))

    def valid(self, first: int, last: int) -> z3.BoolRef:
        """A real calendar day within the years ``first`` to ``last``."""
        y, m, d = self.year, self.month, self.day
        leap = z3.And(y % 4 == 0, z3.Or(y % 100 != 0, y % 400 == 0))
        days = z3.If(
            m == 2,
            z3.If(leap, 29, 28),
            z3.If(z3.Or(m == 4, m == 6, m == 9, m == 11), 30, 31),
        )
        return z3.And(y >= first, y <= last, m >= 1, m <= 12, d >= 1, d <= days)

    def equals(self, other: Day) -> z3.BoolRef:
        return z3.And(self.year == other.year, self.month == other.month, self.day == other.day)


_CODES: dict[str, int] = {}
_TEXTS: list[str] = []


def word(text: str) -> z3.ArithRef:
    """A string as a z3 integer: each distinct string has its own code (the solver's integer
    arithmetic is far faster than its theory of strings, and policies only compare strings for
    equality)."""
    if text not in _CODES:
        _CODES[text] = len(_TEXTS)
        _TEXTS.append(text)
    return z3.IntVal(_CODES[text])


def text_of(code: int) -> str:
    """The string a code stands for (a code no string has is a string of its own)."""
    return _TEXTS[code] if 0 <= code < len(_TEXTS) else f"other-{code}"


Term = Any  # a z3 term (BoolRef, ArithRef, SeqRef), a Day, or None for SQL NULL


@dataclass(frozen=True)
class V:
    """A three-valued value: unknown unless ``known``."""

    known: z3.BoolRef
    value: Term

    @property
    def is_true(self) -> z3.BoolRef:
        return z3.And(self.known, self.value)

    @property
    def is_false(self) -> z3.BoolRef:
        return z3.And(self.known, z3.Not(self.value))


UNKNOWN = V(z3.BoolVal(False), None)


def literal(value: bool | int | date | str | None) -> V:
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return V(z3.BoolVal(True), z3.BoolVal(value))
    if isinstance(value, int):
        return V(z3.BoolVal(True), z3.IntVal(value))
    if isinstance(value, date):
        return V(z3.BoolVal(True), Day.const(value))
    return V(z3.BoolVal(True), word(value))


def choose(cond: z3.BoolRef, a: Term, b: Term) -> Term:
    """``a`` where ``cond`` holds, else ``b``, for any kind of term."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, Day):
        return Day(
            z3.If(cond, a.year, b.year), z3.If(cond, a.month, b.month), z3.If(cond, a.day, b.day)
        )
    return z3.If(cond, a, b)


def same(a: Term, b: Term) -> z3.BoolRef:
    """Two terms of one kind are equal."""
    if isinstance(a, Day):
        return a.equals(b)
    return a == b


def same_value(a: V, b: V, *, strict: bool = False) -> z3.BoolRef:
    """Two three-valued values are the same: both unknown, or both known and equal. ``strict``
    also equates the meaningless values behind an unknown (needed under a quantifier, where a
    free value left behind an unknown could otherwise falsify the hypothesis)."""
    if a.value is None or b.value is None:
        return z3.And(z3.Not(a.known), z3.Not(b.known))
    if strict:
        return z3.And(a.known == b.known, same(a.value, b.value))
    return z3.And(a.known == b.known, z3.Implies(a.known, same(a.value, b.value)))


def ordered(op: str, a: Term, b: Term) -> z3.BoolRef:
    """``a op b`` for two known terms of one kind."""
    if isinstance(a, Day):
        a, b = a.key, b.key
    if op == "=":
        return a == b
    if op == "<>":
        return a != b
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def whole_years(start: Day, end: Day) -> z3.ArithRef:
    """Whole years from ``start`` to ``end``, the anniversary counted as reached."""
    before = end.month * 100 + end.day < start.month * 100 + start.day
    return end.year - start.year - z3.If(before, 1, 0)


def whole_months(start: Day, end: Day) -> z3.ArithRef:
    """Whole months from ``start`` to ``end``, the monthly anniversary counted as reached."""
    return (end.year - start.year) * 12 + end.month - start.month - z3.If(end.day < start.day, 1, 0)
