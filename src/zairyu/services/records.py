"""The checks a record of a case passes before it is stored, whichever way it comes in (the
JSON API or the case page's forms), so that both refuse the same input in the same words:

- every person an event, a decision or a piece of evidence names is a member of the case's
  household (records name persons by id, and an id never changes);
- evidence proves a fact zairyu records: a household field of the fact registry
  (``date_of_birth``, ``school.enrolments``), a column of the person table (``birth_date``) or
  the id of a policy condition (``p3_married_to_japanese_or_spr``);
- a decision is not dated after today: it is recorded once it has been made. "Today" is
  resolved once by the caller (``zairyu.clock``) and passed in.

A problem's path names the field as the request does (``person_ids.1``, ``proves.0.fact``);
the API puts ``body.`` in front of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from zairyu.engine.catalogue import default_catalogue
from zairyu.model.registry import REGISTRY
from zairyu.model.shown import shown
from zairyu.store.access import Actor
from zairyu.store.records import DECISIONS, EVIDENCE, RecordKind, Records

PERSONS_SHOWN = 12  # persons listed in a message; a larger household is cut with "…"


@cache
def known_facts() -> frozenset[str]:
    """Every name evidence may prove: registry fields (without ``members[].``), columns and
    condition ids of the policies zairyu knows."""
    fields = {path.removeprefix("members[].") for path in REGISTRY.fields}
    conditions = {
        c.id for plan in default_catalogue().plans.values() for c in plan.policy.conditions
    }
    return frozenset(fields | set(REGISTRY.columns) | conditions)


def record_problems(
    kind: RecordKind, fields: Mapping[str, Any], household: Mapping[str, Any], today: date
) -> list[dict[str, str]]:
    """What makes ``fields`` (a record of ``kind``) untrue of a case whose household is
    ``household``, as ``{"path", "message"}`` pairs; none when it can be stored."""
    members = [str(m["id"]) for m in household.get("members", [])]
    problems = [
        _not_a_member(f"person_ids.{i}", pid, members)
        for i, pid in enumerate(fields.get("person_ids") or [])
        if pid not in members
    ]
    if kind is EVIDENCE:
        for i, proof in enumerate(fields.get("proves") or []):
            person = proof.get("person_id")
            if person is not None and person not in members:
                problems.append(_not_a_member(f"proves.{i}.person_id", person, members))
            if proof.get("fact") not in known_facts():
                problems.append({"path": f"proves.{i}.fact", "message": _unknown_fact(proof)})
    decided_on = fields.get("decided_on")
    if kind is DECISIONS and isinstance(decided_on, date) and decided_on > today:
        problems.append(
            {
                "path": "decided_on",
                "message": f"a decision dated after today ({today.isoformat()}) cannot be "
                "recorded: record a decision once it has been made, with the day it was made",
            }
        )
    return problems


def _not_a_member(path: str, person_id: str, members: list[str]) -> dict[str, str]:
    listed = ", ".join(shown(m).strip("'") for m in members[:PERSONS_SHOWN])
    more = ", …" if len(members) > PERSONS_SHOWN else ""
    return {
        "path": path,
        "message": f"{shown(person_id)} is not a person of this case's household (its persons: "
        f"{listed}{more}); add the person to the household first, or name one of them",
    }


def _unknown_fact(proof: Mapping[str, Any]) -> str:
    return (
        f"{shown(str(proof.get('fact')))} is not a fact zairyu records: name a household fact "
        "(date_of_birth, school.enrolments, ...), a column of the person table or a condition "
        "id (zairyu explain shows each condition)"
    )


def add_record(
    records: Records,
    actor: Actor,
    kind: RecordKind,
    case_id: str,
    fields: dict[str, Any],
    today: date,
) -> dict[str, Any]:
    """Store a record after checking it against the case's current household (in the same
    transaction, so a household changed meanwhile cannot slip through); ``InvalidRequestError``
    names every problem."""
    return records.add(
        actor, kind, case_id, fields, check=lambda h: record_problems(kind, fields, h, today)
    )
