"""From a solver's model to a household a caseworker can read, confirmed by the scalar engine.

The solver answers in person-table columns; ``household`` writes them back as household JSON
(the format of ``zairyu schema``), one member per present slot. Simple columns are matched to
their household field by probing ``zairyu.model.table`` (set a field, see which column follows),
so the mapping cannot drift from the table; the units of several fields (convictions, school
history, deportation grounds) are written by hand. ``confirm`` then assesses the household with
the scalar engine and compares each member's outcome and facts with what the solver claimed.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import z3
from pydantic import BaseModel

from zairyu.checks.facts import DERIVED, GROUNDS, HOUSEHOLD_LEVEL, RECORDED_ILLEGAL_STAY
from zairyu.checks.values import Day, V, text_of
from zairyu.model.dates import ImpreciseDate
from zairyu.model.household import Household, Person
from zairyu.model.kinds import OffenceCategory
from zairyu.model.table import household_rows

Value = bool | int | date | str | None
COUNTED_LEVELS = ("elementary", "junior_high", "high")


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


def _leaf_type(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _leaf_type(get_args(annotation)[0])
    if origin in (Union, UnionType):
        # a date field may also hold a month or a year (ImpreciseDate): its leaf is a date
        args = [a for a in get_args(annotation) if a not in (NoneType, ImpreciseDate)]
        return _leaf_type(args[0]) if len(args) == 1 else None
    return annotation


def _leaves(
    model: type[BaseModel], prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Any]]:
    out = []
    for name, info in model.model_fields.items():
        kind = _leaf_type(info.annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            out += _leaves(kind, (*prefix, name))
        elif kind in (bool, int, date, str) or (isinstance(kind, type) and issubclass(kind, Enum)):
            out.append(((*prefix, name), kind))
    return out


def _probes(kind: Any) -> tuple[Any, Any]:
    if kind is bool:
        return True, False
    if kind is int:
        return 1, 2
    if kind is date:
        return "2001-02-03", "2002-03-04"
    if kind is str:
        return "AA", "BB"
    members = [m.value for m in kind]
    return members[0], members[1]


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


@cache
def field_of_column() -> dict[str, tuple[str, ...]]:
    """Each simple column -> the household field it is read from, found by probing the table."""
    found: dict[str, tuple[str, ...]] = {}
    for path, kind in _leaves(Person):
        if path in (("id",), ("role",)):
            continue
        rows = []
        for probe in _probes(kind):
            person: dict[str, Any] = {"id": "p", "role": "parent"}
            _set(person, path, probe)
            try:
                rows.append(
                    household_rows(Household.model_validate({"id": "h", "members": [person]}))[0]
                )
            except ValueError:
                break
        if len(rows) < 2:
            continue
        a, b = (str(p) for p in _probes(kind))
        for column in rows[0]:
            if str(rows[0][column]) == a and str(rows[1][column]) == b and column not in DERIVED:
                found.setdefault(column, path)
    # A field whose validator needs a companion field cannot be probed alone.
    found.setdefault("special_circumstances", ("humanitarian", "special_circumstances_asserted"))
    return found


def _number(facts: dict[str, Value], column: str) -> int:
    value = facts.get(column)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _convictions(facts: dict[str, Value]) -> list[dict[str, Any]] | None:
    if facts.get("conviction_count") is None:
        return None
    count = _number(facts, "conviction_count")
    excl = _number(facts, "conviction_count_excluding_illegal_stay")
    present = [
        c.value
        for c in OffenceCategory
        if c != OffenceCategory.illegal_stay and facts.get(f"convicted_{c.value}")
    ]
    offences = (present + [present[0] if present else "other"] * excl)[:excl]
    offences += ["illegal_stay"] * (count - excl)
    convictions: list[dict[str, Any]] = [
        {"offence": o, "sentence_months": 0, "suspension": "none"} for o in offences
    ]
    known = facts.get("longest_sentence_not_fully_suspended_months") is not None
    whole = _number(facts, "longest_sentence_not_fully_suspended_months")
    part = _number(facts, "longest_unsuspended_part_months")
    if convictions:
        first = convictions[0]
        if not known:
            first["suspension"] = None
        else:
            first["sentence_months"] = whole
            if part < whole:
                first.update(suspension="partial", suspended_months=whole - part)
        first["life"] = bool(facts.get("life_sentence"))
    return convictions


def _school(facts: dict[str, Value], as_of: date) -> dict[str, Any] | None:
    level = facts.get("school_level")
    if level is None:
        return None
    if level == "none":
        return {"enrolments": []}
    ever, first, end = (
        facts.get("school_enrolled_ever"),
        facts.get("school_first_start"),
        facts.get("school_last_end"),
    )
    local = facts.get("school_current_local")
    ongoing = bool(facts.get("school_ongoing"))
    latest: dict[str, Any] = {
        "level": level,
        "start": str(first or end or as_of),
        "end": str(end) if end else None,
    }
    if level in COUNTED_LEVELS and (local is False or (not ever and not ongoing)):
        latest["in_japan"] = False
    else:
        latest["home_language_school"] = False
    if ever and (level not in COUNTED_LEVELS or latest.get("in_japan") is False):
        counted = {
            "level": "elementary",
            "start": str(first),
            "end": str(first),
            "home_language_school": False,
        }
        return {"enrolments": [counted, latest]}
    return {"enrolments": [latest]}


def person(index: int, facts: dict[str, Value], as_of: date) -> dict[str, Any]:
    """One member as household JSON, from its facts (unknown facts are left out)."""
    out: dict[str, Any] = {"id": f"p{index + 1}", "role": facts["role"]}
    for column, path in field_of_column().items():
        value = facts.get(column)
        if value is not None:
            _set(out, path, str(value) if isinstance(value, date) else value)
    convictions = _convictions(facts)
    if convictions is not None:
        _set(out, ("record", "convictions"), convictions)
    school = _school(facts, as_of)
    if school is not None:
        out["school"] = school
    if any(g in facts for g in GROUNDS) and facts.get(GROUNDS[0]) is not None:
        grounds = [g.removeprefix("falls_under_") for g in GROUNDS if facts.get(g)]
        _set(out, ("immigration", "deportation_grounds"), grounds)
    if facts.get(RECORDED_ILLEGAL_STAY) is not None:
        _set(out, ("residence", "illegal_stay_since"), str(facts[RECORDED_ILLEGAL_STAY]))
    if facts.get("special_circumstances"):
        _set(
            out,
            ("humanitarian", "special_circumstances_reasons"),
            "(reasons as written by the caseworker)",
        )
    return out


def household(members: list[dict[str, Value]], as_of: date, name: str) -> dict[str, Any]:
    """The household JSON of the members' facts."""
    out: dict[str, Any] = {
        "id": name,
        "members": [person(j, f, as_of) for j, f in enumerate(members)],
    }
    for column in HOUSEHOLD_LEVEL:
        value = members[0].get(column)
        if value is not None:
            out["external_guardian"] = {"available": value}
    return out
