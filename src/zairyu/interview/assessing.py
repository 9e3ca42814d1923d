"""The one call into the engine that the interview and the web pages make.

Until the services layer (``zairyu.services``) lands, this wraps ``zairyu.engine.assessment``;
swap the body, not the callers, when it does.
"""

from __future__ import annotations

from datetime import date

from zairyu.engine.assessment import HouseholdAssessment, assess
from zairyu.model.household import Household


def assess_household(
    household: Household, as_of: date, *, counterfactuals: bool = True
) -> HouseholdAssessment:
    """The household under every policy in force on ``as_of``."""
    return assess(household, as_of, counterfactuals=counterfactuals)
