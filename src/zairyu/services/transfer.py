"""Importing an export checks what every other way in checks: each version of a case's facts is
a household the format accepts (``parse_household``) and that could be true on the day it was
recorded (``services.assessing.household_problems``, as the API and ``zairyu assess`` check
it), and every event, piece of evidence and decision names members
of the case and facts zairyu records (``services.records.record_problems``). A file edited by
hand, or written by another tool, cannot put into the store what the API and the pages refuse.

Messages name the case, the version or record and the field, never a value: the file may hold
anything, and the refusal is printed where others may read it.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.services.assessing import household_problems
from zairyu.services.records import record_problems
from zairyu.store.database import Database
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE
from zairyu.store.transfer import import_cases as _import_cases

CHECKED_RECORDS = (EVENTS, EVIDENCE, DECISIONS)


def import_cases(
    db: Database, org_id: str, document: Any, today: date, *, fresh_ids: bool = False
) -> int:
    """``zairyu.store.transfer.import_cases`` with the household and record checks; ``today``
    (resolved once by the caller) bounds the dates of decisions."""
    return _import_cases(
        db, org_id, document, fresh_ids=fresh_ids, check=partial(case_problems, today=today)
    )


def case_problems(where: str, item: dict[str, Any], *, today: date) -> list[tuple[str, str]]:
    """What makes one converted case of an export untrue, as (path, message) pairs."""
    problems: list[tuple[str, str]] = []
    members: set[str] = set()
    for index, version in enumerate(item["versions"]):
        path = f"{where}.versions[{index}].household"
        try:
            household = parse_household(version["household"], path)
            recorded = version["created_at"]
            on = recorded.date() if isinstance(recorded, datetime) else today
            found = household_problems(household, on)
        except InvalidHousehold as error:
            found = error.problems
        else:
            members |= {m.id for m in household.members}
        problems += [
            (f"{path}.{_member(p.where)}{p.field}", "cannot be true, or is not in the household "
             "format (assess this version's facts with zairyu assess to see why)")
            for p in found
        ]  # fmt: skip
    if problems:
        return problems
    every_member = {"members": [{"id": m} for m in sorted(members)]}
    for kind in CHECKED_RECORDS:
        name = kind.table.__tablename__
        for index, row in enumerate(item[name]):
            for problem in record_problems(kind, row, every_member, today):
                problems.append((f"{where}.{name}[{index}].{problem['path']}", _words(problem)))
    return problems


def _member(where: str) -> str:
    """``members[2].`` from a problem's place (``household 'h1', member 'c1' (members[2])``)."""
    start = where.rfind("(members[")
    return f"{where[start + 1 : -1]}." if start != -1 and where.endswith(")") else ""


def _words(problem: dict[str, str]) -> str:
    """A record problem without the id it quotes: "is not a member of the case"."""
    path = problem["path"]  # person_ids.0, proves.0.person_id, proves.0.fact, decided_on
    if "person_id" in path:
        return "names a person who is not a member of the case in any version"
    if path.endswith(".fact"):
        return "names a fact zairyu does not record"
    return problem["message"]
