"""Helpers for tests that run the scenario cases (``zairyu.policies.cases`` reads them).

Other tests import this module (``from tests.scenarios import load_cases, covered_sides``) to ask
which side of which condition the cases reach.
"""

from __future__ import annotations

from zairyu.engine.assessment import PolicyAssessment, assess
from zairyu.model.household import Household
from zairyu.model.problems import InvalidHousehold, check_household, parse_household
from zairyu.policies.cases import Case, CaseFileError, load_cases, load_file

__all__ = ["Case", "CaseFileError", "assess_case", "covered_sides", "load_cases", "load_file"]


def household_of(case: Case) -> Household:
    """The case's household, validated as the CLI validates a household file."""
    household = parse_household(case.household, source=case.source)
    problems = check_household(household, case.as_of)
    if problems:
        raise InvalidHousehold(case.source, problems)
    return household


def assess_case(case: Case) -> PolicyAssessment:
    """Assess the case's household under the case's policy (no counterfactual search)."""
    result = assess(household_of(case), case.as_of, [case.policy], counterfactuals=False)
    return result.policies[0]


def sides_of(assessment: PolicyAssessment) -> set[tuple[str, str, bool]]:
    """(policy id, condition id, value) for every known condition value in an assessment."""
    return {
        (assessment.policy_id, condition.id, condition.value)
        for person in assessment.persons
        for condition in person.conditions
        if condition.value is not None
    }


def covered_sides(cases: list[Case] | None = None) -> set[tuple[str, str, bool]]:
    """Which side of which condition the cases reach, from their actual assessments."""
    sides: set[tuple[str, str, bool]] = set()
    for case in load_cases() if cases is None else cases:
        sides |= sides_of(assess_case(case))
    return sides
