"""From a solver's model to a household a caseworker can read, confirmed by the scalar engine.

The solver answers in person-table columns; ``household`` writes them back as household JSON
(the format of ``zairyu schema``), one member per present slot, through
``zairyu.model.from_row`` (the same writing ``zairyu convert`` uses for a caseload). ``confirm``
then assesses the household with the scalar engine and compares each member's outcome and facts
with what the solver claimed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import z3

from zairyu.checks.facts import RECORDED_ILLEGAL_STAY
from zairyu.checks.values import Day, V, text_of
from zairyu.model import from_row

Value = bool | int | date | str | None


def read(model: z3.ModelRef, v: V, kind: str = "") -> Value:
    """The Python value of a three-valued term in a model (None where unknown)."""
    if v.value is None or not z3.is_true(model.eval(v.known, model_completion=True)):
        return None
    if isinstance(v.value, Day):
        y, m, d = (
            model.eval(t, model_completion=True).as_long()
            for t in (v.value.year, v.value.month, v.value.day)
        )
        return date(y, m, d)
    term = model.eval(v.value, model_completion=True)
    if z3.is_bool(term):
        return bool(z3.is_true(term))
    if z3.is_int(term):
        number = int(term.as_long())
        return text_of(number) if kind == "str" else number
    raise TypeError(f"cannot read {term}")


def household(members: list[dict[str, Value]], as_of: date, name: str) -> dict[str, Any]:
    """The household JSON of the members' facts (``zairyu.model.from_row``), with the date of
    illegal stay as recorded: the solver keeps it apart from the derived column."""
    out = from_row.household(
        name,
        members,
        person_ids=[f"p{j + 1}" for j in range(len(members))],
        undated=as_of,
        reasons="(reasons as written by the caseworker)",
    )
    for person, facts in zip(out["members"], members, strict=True):
        residence = person.pop("residence", {})
        residence.pop("illegal_stay_since", None)
        if facts.get(RECORDED_ILLEGAL_STAY) is not None:
            residence["illegal_stay_since"] = str(facts[RECORDED_ILLEGAL_STAY])
        if residence:
            person["residence"] = residence
    return out
