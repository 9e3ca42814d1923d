"""Person-table rows written back as household JSON: ``zairyu.model.table`` the other way round,
as far as a row can say it.

A row holds what the table derives (the level of the latest school, a count of convictions, the
longest sentence), not the enrolments, convictions or orders themselves. ``member`` writes the
fewest of them that give the row back: one enrolment for the latest school (and one more where
the row says the person was at another counted school), one conviction per conviction counted,
the first carrying the longest sentence, one earlier order per kind. Simple columns are matched
to their household field by probing the table (set a field, see which column follows), so the
mapping cannot drift from ``zairyu.model.table``.

The result is a guess only where the row gives too little to write a valid household: where a
school enrolment needs a start date the row does not give, it is ``undated`` (the caller's
choice; by default the date of birth, else ``PLACEHOLDER_DAY``), and asserted special
circumstances get ``reasons`` (the household format needs words for them). Neither changes the
row. Whether the row comes back exactly is for the caller to check (``zairyu.services.
converting`` does): a row no household can give (a count of convictions below the count
without illegal stay, a date of entry beside a different ``in_japan_since``) is written as
nearly as it can be, and comes back different.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from zairyu.model.columns import CONVICTION_COLUMNS, GROUND_COLUMNS, SCHOOL_COLUMNS, Value
from zairyu.model.dates import ImpreciseDate
from zairyu.model.household import Household, Person
from zairyu.model.kinds import OffenceCategory, PreviousOrderKind
from zairyu.model.table import COMPULSORY_OR_HIGH, household_rows

__all__ = [
    "CONVICTIONS",
    "GROUNDS",
    "GUARDIAN",
    "PLACEHOLDER_DAY",
    "REASONS",
    "SCHOOL",
    "field_of_column",
    "household",
    "member",
]

Facts = Mapping[str, Value]
COUNTED_LEVELS = tuple(level.value for level in COMPULSORY_OR_HIGH)
CONVICTIONS, SCHOOL, GROUNDS = CONVICTION_COLUMNS, SCHOOL_COLUMNS, GROUND_COLUMNS
# The household facts every member's row repeats: column -> field of ``external_guardian``.
GUARDIAN: dict[str, str] = {
    "external_guardian_available": "available",
    "external_guardian_kind": "kind",
    "external_guardian_agreed": "agreed",
    "external_guardian_status": "legal_status",
}
# The start written for a school enrolment whose start no column gives, when the date of birth
# is not known either: plainly not a real start, and no column reads it.
PLACEHOLDER_DAY = date(1900, 1, 1)
REASONS = "(not in the caseload: the reasons are in the case file)"


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
            if str(rows[0][column]) == a and str(rows[1][column]) == b:
                found.setdefault(column, path)
    # A field whose validator needs a companion field cannot be probed alone.
    found.setdefault("special_circumstances", ("humanitarian", "special_circumstances_asserted"))
    return found


def _number(facts: Facts, column: str) -> int:
    value = facts.get(column)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _convictions(facts: Facts) -> list[dict[str, Any]] | None:
    """One conviction per conviction counted: the categories present (the first repeated for
    the rest), then illegal stay; the first carries the longest sentence and a life sentence."""
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
            del first["suspension"], first["sentence_months"]
        else:
            first["sentence_months"] = whole
            if part < whole:
                first.update(suspension="partial", suspended_months=whole - part)
        if facts.get("life_sentence"):
            first["life"] = True
    return convictions


def _text(value: Value) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _school(facts: Facts, undated: date, made: Counter[str]) -> dict[str, Any] | None:
    """The school history: the latest enrolment, an open one at a counted school in Japan
    where the row says the person is at one now beside an ended latest, or a closed one at a
    counted school where the row says there was one and the latest does not count."""
    level, first, ever, ongoing, last_end, local = (facts.get(c) for c in SCHOOL)
    if all(v is None for v in (level, first, ever, ongoing, last_end, local)):
        return None
    if level is None:  # not enrolled now; earlier schooling unknown
        if not ever:
            return {"extent": "not_enrolled_now_past_unknown", "enrolments": []}
        made["school start dates"] += 1
        day = undated.isoformat()
        counted = {"level": "elementary", "start": day, "end": day}
        return {"extent": "not_enrolled_now_past_unknown", "enrolments": [counted]}
    if level == "none":
        return {"enrolments": []}
    counted_level = level in COUNTED_LEVELS
    end = None if ongoing else last_end
    if ever and isinstance(first, date):
        start = first
    elif isinstance(end, date):
        start = end
    else:
        start = undated
        made["school start dates"] += 1
    latest: dict[str, Any] = {"level": level, "start": _text(start)}
    if end is not None:
        latest["end"] = _text(end)
    earlier: list[dict[str, Any]] = []
    if end is None:  # the latest is the current enrolment: it alone gives school_current_local
        latest_counted = counted_level and local is not False
        if counted_level and local:
            latest["home_language_school"] = False
    else:
        latest_counted = counted_level and bool(ever)
        if local is not False:  # at a counted school now, beside the ended latest
            now: dict[str, Any] = {
                "level": level if counted_level else "elementary",
                "start": _text(start),
            }
            if local:
                now["home_language_school"] = False
            earlier.append(now)
    if counted_level and not latest_counted:
        latest["in_japan"] = False
    if ever and not latest_counted and not earlier:
        earlier.append({"level": "elementary", "start": _text(start), "end": _text(start)})
    return {"enrolments": [*earlier, latest]}


def _previous_orders(facts: Facts) -> list[dict[str, Any]] | None:
    first = facts.get("previous_order_first_date")
    kinds = {
        PreviousOrderKind.deportation_order: facts.get("previous_deportation_order"),
        PreviousOrderKind.departure_order: facts.get("previous_departure_order"),
    }
    if first is None and all(v is None for v in kinds.values()):
        return None
    orders: list[dict[str, Any]] = []
    for kind, present in kinds.items():
        if present:
            order: dict[str, Any] = {"kind": kind.value}
            if first is not None:
                order["issued_on"] = _text(first)
            orders.append(order)
    return orders


def member(
    facts: Facts,
    person_id: str,
    *,
    undated: date | None = None,
    reasons: str = REASONS,
    made: Counter[str] | None = None,
) -> dict[str, Any]:
    """One member as household JSON, from its row or facts (unknown facts are left out).
    ``made`` counts what was written without a column saying it (``school start dates``,
    ``special circumstances reasons``)."""
    made = Counter() if made is None else made
    birth = facts.get("birth_date")
    day = undated or (birth if isinstance(birth, date) else PLACEHOLDER_DAY)
    out: dict[str, Any] = {"id": person_id, "role": facts["role"]}
    named = facts.get("parents")
    if isinstance(named, str) and named.split():
        out["parents"] = named.split()
    for column, path in field_of_column().items():
        value = facts.get(column)
        if value is not None:
            _set(out, path, _text(value))
    convictions = _convictions(facts)
    if convictions is not None:
        _set(out, ("record", "convictions"), convictions)
    school = _school(facts, day, made)
    if school is not None:
        out["school"] = school
    if any(facts.get(g) is not None for g in GROUNDS):
        grounds = [g.removeprefix("falls_under_") for g in GROUNDS if facts.get(g)]
        _set(out, ("immigration", "deportation_grounds"), grounds)
    orders = _previous_orders(facts)
    if orders is not None:
        _set(out, ("immigration", "previous_orders"), orders)
    if facts.get("special_circumstances"):
        made["special circumstances reasons"] += 1
        _set(out, ("humanitarian", "special_circumstances_reasons"), reasons)
    return out


def guardian(rows: Sequence[Facts]) -> dict[str, Any] | None:
    """The guardian outside the household, from the first row that knows each of its facts."""
    found: dict[str, Any] = {}
    for column, name in GUARDIAN.items():
        value = next((r.get(column) for r in rows if r.get(column) is not None), None)
        if value is not None:
            found[name] = value
    return found or None


def household(
    household_id: str,
    rows: Sequence[Facts],
    *,
    person_ids: Sequence[str] | None = None,
    undated: date | None = None,
    reasons: str = REASONS,
    notes: str | None = None,
    made: Counter[str] | None = None,
) -> dict[str, Any]:
    """The household JSON of its members' rows (person ids from ``person_ids``, else from each
    row's ``person_id``)."""
    ids = person_ids if person_ids is not None else [str(r["person_id"]) for r in rows]
    out: dict[str, Any] = {
        "id": household_id,
        "members": [
            member(r, pid, undated=undated, reasons=reasons, made=made)
            for r, pid in zip(rows, ids, strict=True)
        ],
    }
    external = guardian(rows)
    if external is not None:
        out["external_guardian"] = external
    if notes is not None:
        out["notes"] = notes
    return out
