"""A stored assessment (the JSON the store keeps) back into the engine's result objects, so a
document shows what was assessed then, not a new assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from zairyu.engine.assessment import (
    ConditionResult,
    Fact,
    HouseholdAssessment,
    PersonResult,
    PolicyAssessment,
)
from zairyu.engine.counterfactual import Change, Counterfactual
from zairyu.model.columns import COLUMNS, Value


def _value(column: str, value: Any) -> Value:
    spec = COLUMNS.get(column)
    if spec is not None and spec.kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _values(values: dict[str, Any]) -> dict[str, Value]:
    return {k: _value(k, v) for k, v in values.items()}


def _condition(raw: dict[str, Any]) -> ConditionResult:
    return ConditionResult(
        **raw
        | {
            "inputs": _values(raw["inputs"]),
            "household_inputs": {p: _values(v) for p, v in raw["household_inputs"].items()},
        }
    )


def _person(raw: dict[str, Any]) -> PersonResult:
    return PersonResult(
        person_id=raw["person_id"],
        role=raw["role"],
        outcome=raw["outcome"],
        outcome_text=raw["outcome_text"],
        conditions=[_condition(c) for c in raw["conditions"]],
        missing_facts=[Fact(**f) for f in raw["missing_facts"]],
        counterfactuals=[
            Counterfactual(tuple(Change(**ch) for ch in cf["changes"]), cf["outcome"])
            for cf in raw["counterfactuals"]
        ],
    )


class UnreadableAssessment(ValueError):
    """A stored assessment in a form this version cannot read back."""


def assessment_from_dict(raw: dict[str, Any]) -> HouseholdAssessment:
    """The inverse of ``HouseholdAssessment.to_dict`` (``UnreadableAssessment`` if the stored
    form is not the one this version writes)."""
    try:
        return _assessment(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableAssessment(
            f"the stored assessment cannot be read back by this version of zairyu ({error!r})"
        ) from None


def _assessment(raw: dict[str, Any]) -> HouseholdAssessment:
    return HouseholdAssessment(
        household_id=raw["household_id"],
        as_of=date.fromisoformat(raw["as_of"]),
        policies=[
            PolicyAssessment(**p | {"persons": [_person(person) for person in p["persons"]]})
            for p in raw["policies"]
        ],
    )
