"""Input problems: every way a household can be invalid, named by person and field.

``load_household`` is the one entry point that turns untrusted JSON into a ``Household``.
It either returns a valid household or raises ``InvalidHousehold`` carrying every problem
found, each naming the household, the person (by id where it has one), the field and the value.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pydantic import ValidationError

from zairyu.model.dates import ImpreciseDate, earliest, latest
from zairyu.model.household import NOT_ECHOED, Household, Role
from zairyu.model.ids import ID_RULE
from zairyu.model.invalid import InvalidHousehold, Problem
from zairyu.model.relations import RelationError
from zairyu.model.shown import shown, shown_json

__all__ = [
    "InvalidHousehold",
    "Problem",
    "check_household",
    "load_household",
    "parse_household",
]

ID_ERRORS = ("string_pattern_mismatch", "string_too_long", "string_too_short", "string_type")


def _member_label(raw: Any, index: int) -> str:
    members = raw.get("members") if isinstance(raw, dict) else None
    person_id = None
    if isinstance(members, list) and index < len(members) and isinstance(members[index], dict):
        person_id = members[index].get("id")
    if isinstance(person_id, str) and person_id:
        return f"member {shown(person_id)} (members[{index}])"
    return f"members[{index}]"


def _household_label(raw: Any) -> str:
    hid = raw.get("id") if isinstance(raw, dict) else None
    return f"household {shown(hid)}" if isinstance(hid, str) and hid else "household"


def _holds_objects(value: object) -> bool:
    """A whole object (a member, a conviction) is not echoed: it may hold a display name."""
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
    )


def _from_validation_error(raw: Any, error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    base = _household_label(raw)
    for item in error.errors(include_url=False):
        cause = item.get("ctx", {}).get("error")
        if isinstance(cause, RelationError):  # relations name their own member and field
            problems += [
                Problem(f"{base}, {_member_label(raw, p.index)}", p.field, p.message)
                for p in cause.problems
            ]
            continue
        loc = list(item["loc"])
        where = base
        if len(loc) >= 2 and loc[0] == "members" and isinstance(loc[1], int):
            where = f"{base}, {_member_label(raw, loc[1])}"
            loc = loc[2:]
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        message = item["msg"].removeprefix("Value error, ")
        if loc and loc[-1] == "id" and item["type"] in ID_ERRORS:
            message = f"{ID_RULE} (got {shown_json(item['input'])})"
        elif item["type"] == "extra_forbidden":
            message = "is not a known field (check the spelling; see schemas/household.schema.json)"
        elif item["type"] == "missing":
            message = "is required"
        elif (loc and loc[-1] in NOT_ECHOED) or _holds_objects(item.get("input")):
            pass  # a name, the words of a judgment or a whole member is never repeated
        elif "input" in item and item["type"] not in ("model_type",):
            message = f"{message} (got {shown_json(item['input'])})"
        problems.append(Problem(where, field, message))
    return problems


def check_household(household: Household, as_of: date) -> list[Problem]:
    """Checks that need the assessment date or more than one member."""
    problems: list[Problem] = []
    base = f"household '{household.id}'"
    for index, person in enumerate(household.members):
        where = f"{base}, member '{person.id}' (members[{index}])"
        dob = person.date_of_birth
        if dob is not None and earliest(dob) > as_of:  # a month or a year: all of it is after
            problems.append(
                Problem(where, "date_of_birth", f"{dob} is after the assessment date {as_of}")
            )
        if isinstance(dob, ImpreciseDate) and dob.on is not None and dob.on > as_of:
            problems.append(
                Problem(
                    where,
                    "date_of_birth",
                    f"the age is stated on {dob.on}, after the assessment date {as_of}",
                )
            )
        if isinstance(dob, ImpreciseDate) and dob.minor_on is not None and dob.minor_on > as_of:
            problems.append(
                Problem(
                    where,
                    "date_of_birth",
                    f"'a minor' is stated on {dob.minor_on}, after the assessment date {as_of}",
                )
            )
        imm = person.immigration
        for name, value in (
            ("immigration.entry_date", imm.entry_date),
            ("immigration.deportation_order_date", imm.deportation_order_date),
        ):
            if value is not None and dob is not None and latest(value) < earliest(dob):
                problems.append(Problem(where, name, f"{value} is before the date of birth {dob}"))
    parents = [(i, p) for i, p in enumerate(household.members) if p.role == Role.parent]
    children = [p for p in household.members if p.role == Role.child]
    for index, parent in parents:
        if parent.date_of_birth is None:
            continue
        for child in children:
            if child.date_of_birth is not None and earliest(parent.date_of_birth) >= latest(
                child.date_of_birth
            ):
                problems.append(
                    Problem(
                        f"{base}, member '{parent.id}' (members[{index}])",
                        "date_of_birth",
                        f"the parent ({parent.date_of_birth}) is not older than "
                        f"child '{child.id}' ({child.date_of_birth})",
                    )
                )
    return problems


def parse_household(raw: Any, source: str = "input") -> Household:
    """Validate already-decoded JSON into a Household, or raise InvalidHousehold."""
    if not isinstance(raw, dict):
        raise InvalidHousehold(
            source, [Problem("household", "", "must be a JSON object with 'id' and 'members'")]
        )
    try:
        return Household.model_validate(raw)
    except ValidationError as error:
        raise InvalidHousehold(source, _from_validation_error(raw, error)) from None


class DuplicateKeyError(ValueError):
    """A JSON object names the same key twice (the last one would silently win)."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen[key] = value
    return seen


def load_household(text: str, source: str = "input", as_of: date | None = None) -> Household:
    """Decode and validate a household from JSON text; with ``as_of``, run the date checks.
    A key written twice in one object is refused (JSON readers keep the last one silently)."""
    try:
        raw = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicate_keys)
    except DuplicateKeyError as error:
        problem = Problem("household", str(error), "is written twice in the same object; keep one")
        raise InvalidHousehold(source, [problem]) from None
    except json.JSONDecodeError as error:
        raise InvalidHousehold(
            source,
            [
                Problem(
                    "household",
                    "",
                    f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
                )
            ],
        ) from None
    household = parse_household(raw, source)
    if as_of is not None:
        problems = check_household(household, as_of)
        if problems:
            raise InvalidHousehold(source, problems)
    return household
