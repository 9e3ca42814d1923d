"""The one call into the engine that the interview and the web pages make.

Until the services layer (``zairyu.services``) lands, this wraps ``zairyu.engine.assessment``;
swap the body, not the callers, when it does.
"""

from __future__ import annotations

from datetime import date

from zairyu.engine.assessment import HouseholdAssessment, assess, assess_rows
from zairyu.engine.compiled import Plan
from zairyu.engine.scalar import compile_scalar
from zairyu.model.household import Household
from zairyu.model.table import household_rows


def assess_household(
    household: Household, as_of: date, *, counterfactuals: bool = True
) -> HouseholdAssessment:
    """The household under every policy in force on ``as_of``."""
    return assess(household, as_of, counterfactuals=counterfactuals)


def outcome_counts(
    plan: Plan, households: list[Household], as_of: date
) -> dict[str, tuple[dict[str, str], int]]:
    """Persons per outcome under one compiled policy (a reformed one too): code -> (texts, n)."""
    scalar = compile_scalar(plan)
    counts: dict[str, tuple[dict[str, str], int]] = {}
    for household in households:
        result = assess_rows(scalar, household_rows(household), as_of, counterfactuals=False)
        for person in result.persons:
            _texts, n = counts.get(person.outcome, (person.outcome_text, 0))
            counts[person.outcome] = (person.outcome_text, n + 1)
    return counts
