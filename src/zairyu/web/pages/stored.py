"""A stored assessment (the JSON kept in the store) back as the engine's objects, so that the
pages explain a stored one with the same adapter as a fresh one."""

from __future__ import annotations

from datetime import date
from typing import Any

from zairyu.engine.assessment import (
    ConditionResult,
    Fact,
    HouseholdAssessment,
    KnownByLaw,
    PersonResult,
    PolicyAssessment,
    Presumptive,
)
from zairyu.engine.counterfactual import Change, Counterfactual
from zairyu.engine.own_numbers import Alternative, DecidingNumber
from zairyu.engine.presumption import Assumption


def _presumptive(raw: dict[str, Any] | None) -> Presumptive | None:
    if raw is None:
        return None
    return Presumptive(
        outcome=raw["outcome"],
        outcome_text=raw["outcome_text"],
        assumptions=[Assumption(**a) for a in raw.get("assumptions", [])],
        missing_facts=[Fact(**f) for f in raw.get("missing_facts", [])],
    )


def _deciding(raw: dict[str, Any]) -> DecidingNumber:
    alternatives = [Alternative(**a) for a in raw["alternatives"]]
    return DecidingNumber(raw["parameter"], raw["value"], raw["text"], raw["level"], alternatives)


def _person(raw: dict[str, Any]) -> PersonResult:
    return PersonResult(
        person_id=raw["person_id"],
        role=raw["role"],
        outcome=raw["outcome"],
        outcome_text=raw["outcome_text"],
        conditions=[
            ConditionResult(
                id=c["id"],
                kind=c["kind"],
                value=c["value"],
                text=c["text"],
                citation=c["citation"],
                inputs=c["inputs"],
                household_inputs=c.get("household_inputs", {}),
                reading=c.get("reading"),
                composite=c.get("composite", False),
                applicable=c.get("applicable", True),
                when_false=c.get("when_false"),
            )
            for c in raw["conditions"]
        ],
        missing_facts=[Fact(**f) for f in raw.get("missing_facts", [])],
        presumptive=_presumptive(raw.get("presumptive")),
        known_by_law=[KnownByLaw(**k) for k in raw.get("known_by_law", [])],
        decided_by=[_deciding(d) for d in raw.get("decided_by", [])],
        counterfactuals=[
            Counterfactual(tuple(Change(**ch) for ch in cf["changes"]), cf["outcome"])
            for cf in raw.get("counterfactuals", [])
        ],
    )


def from_stored(result: dict[str, Any]) -> HouseholdAssessment:
    return HouseholdAssessment(
        household_id=result["household_id"],
        as_of=date.fromisoformat(result["as_of"]),
        policies=[
            PolicyAssessment(
                policy_id=p["policy_id"],
                policy_version=p["policy_version"],
                title=p["title"],
                disclaimer=p["disclaimer"],
                outcomes=p["outcomes"],
                persons=[_person(r) for r in p["persons"]],
            )
            for p in result["policies"]
        ],
    )
