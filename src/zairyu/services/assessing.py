"""Assess one household: validate it against the date, then apply the policies chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from zairyu.engine.assessment import HouseholdAssessment, assess
from zairyu.engine.catalogue import NoPolicyInForce
from zairyu.engine.consistency import row_problems
from zairyu.model.household import Household
from zairyu.model.problems import check_household, load_household, parse_household
from zairyu.model.table import household_rows
from zairyu.services.errors import InvalidHousehold, PolicyChoiceError, Problem


def assess_household(
    household: Household,
    as_of: date,
    policy_ids: list[str] | None = None,
    *,
    counterfactuals: bool = True,
    source: str = "household",
) -> HouseholdAssessment:
    """The assessment of a parsed household on ``as_of``.

    Raises ``InvalidHousehold`` (facts that cannot be true on that date) or
    ``PolicyChoiceError`` (an unknown policy, or none in force)."""
    problems = check_household(household, as_of) + consistency(household, as_of)
    if problems:
        raise InvalidHousehold(source, problems)
    try:
        return assess(household, as_of, policy_ids, counterfactuals=counterfactuals)
    except (KeyError, NoPolicyInForce) as error:
        raise PolicyChoiceError(str(error.args[0] if error.args else error)) from None


def consistency(household: Household, as_of: date) -> list[Problem]:
    """Facts that cannot be true together: the checks every caseload row gets too."""
    return [
        Problem(
            f"household '{household.id}', member '{household.members[i].id}' (members[{i}])",
            check.field,
            check.message.en,
        )
        for i, check in row_problems(household_rows(household), as_of)
    ]


def assess_document(
    document: str | dict[str, Any],
    as_of: date,
    policy_ids: list[str] | None = None,
    *,
    counterfactuals: bool = True,
    source: str = "household",
) -> tuple[Household, HouseholdAssessment]:
    """Parse untrusted household JSON (text or decoded) and assess it."""
    if isinstance(document, str):
        household = load_household(document, source=source)
    else:
        household = parse_household(document, source=source)
    result = assess_household(
        household, as_of, policy_ids, counterfactuals=counterfactuals, source=source
    )
    return household, result
