"""Assess one household: validate it against the date, then apply the policies chosen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from zairyu.engine.assessment import (
    Fact,
    HouseholdAssessment,
    PolicyAssessment,
    assess,
    assess_rows,
)
from zairyu.engine.catalogue import NoPolicyInForce, default_catalogue
from zairyu.engine.consistency import checks, row_problems
from zairyu.engine.corners import certainly_false, corner_plan
from zairyu.model.household import Household
from zairyu.model.intervals import IntervalRows, TooManyImpreciseDates, interval_rows
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
    intervals = _intervals(household, as_of, source)
    problems = check_household(household, as_of) + consistency(household, as_of, intervals)
    if problems:
        raise InvalidHousehold(source, problems)
    try:
        if not intervals.imprecise:
            return assess(household, as_of, policy_ids, counterfactuals=counterfactuals)
        return assess_intervals(household.id, intervals, as_of, policy_ids, counterfactuals)
    except (KeyError, NoPolicyInForce) as error:
        raise PolicyChoiceError(str(error.args[0] if error.args else error)) from None


def household_problems(household: Household, as_of: date) -> list[Problem]:
    """Every check a parsed household passes before it is assessed or stored, on ``as_of``:
    those that need the date or several members (``check_household``) and the facts that
    cannot be true together (``model/consistency.yaml``, the checks every caseload row gets).
    One definition for ``zairyu assess``, the API and the pages that store a case, and an
    import."""
    try:
        intervals = _intervals(household, as_of, "household")
    except InvalidHousehold as error:
        return error.problems
    return check_household(household, as_of) + consistency(household, as_of, intervals)


def _intervals(household: Household, as_of: date, source: str) -> IntervalRows:
    try:
        return interval_rows(household, as_of)
    except TooManyImpreciseDates as error:
        person = household.members[error.person_index]
        where = f"household '{household.id}', member '{person.id}' (members[{error.person_index}])"
        raise InvalidHousehold(
            source, [Problem(where, ", ".join(error.paths), str(error))]
        ) from None


def assess_intervals(
    household_id: str,
    intervals: IntervalRows,
    as_of: date,
    policy_ids: list[str] | None,
    counterfactuals: bool,
) -> HouseholdAssessment:
    """The assessment of a household with imprecise dates: each policy evaluated over every
    day the dates allow (``zairyu.engine.corners``). A result is decided only when it is the
    same for all of them; a date a result is left open by is a missing fact."""
    catalogue = default_catalogue()
    results = []
    for plan in catalogue.select(as_of, policy_ids):
        scalar = corner_plan(catalogue.scalar(plan.id), intervals.open)
        result = assess_rows(scalar, intervals.rows, as_of, counterfactuals=counterfactuals)
        hung_on = set().union(*(e.undecided_by for e in scalar.last))
        _as_written(result, intervals, hung_on)
        results.append(result)
    return HouseholdAssessment(household_id, as_of, results)


def _as_written(
    result: PolicyAssessment, intervals: IntervalRows, hung_on: set[tuple[int, str]]
) -> None:
    """Show imprecise dates as written in the trace (``2000-09``, ``age 7 on 2024-04-01``:
    ``zairyu.model.dates.from_text`` reads them back); keep, of the dates left open, only those
    a result hung on (a date whose whole interval gives one answer is not missing)."""
    index = {str(row["person_id"]): i for i, row in enumerate(intervals.rows)}

    def worded(facts: list[Fact]) -> list[Fact]:
        kept = []
        for fact in facts:
            cell = (index[fact.person_id], fact.column)
            if cell in intervals.open and cell not in hung_on:
                continue  # its whole interval gives one answer
            written = intervals.written.get(cell)
            kept.append(replace(fact, written=str(written)) if written else fact)
        return kept

    for person in result.persons:
        i = index[person.person_id]
        person.missing_facts = worded(person.missing_facts)
        if person.presumptive is not None:
            person.presumptive.missing_facts = worded(person.presumptive.missing_facts)
        for condition in person.conditions:
            for column in condition.inputs:
                if (i, column) in intervals.written:
                    condition.inputs[column] = str(intervals.written[(i, column)])
            for pid, inputs in condition.household_inputs.items():
                for column in inputs:
                    if (index[pid], column) in intervals.written:
                        inputs[column] = str(intervals.written[(index[pid], column)])


def consistency(
    household: Household, as_of: date, intervals: IntervalRows | None = None
) -> list[Problem]:
    """Facts that cannot be true together: the checks every caseload row gets too. With
    imprecise dates, a check fails only if it fails for every day the dates allow."""
    if intervals is None or not intervals.imprecise:
        failed = row_problems(household_rows(household), as_of)
    else:
        failed = [
            (i, check)
            for check in checks()
            for i, fails in enumerate(
                certainly_false(check.node, intervals.rows, intervals.open, as_of)
            )
            if fails
        ]
    return [
        Problem(
            f"household '{household.id}', member '{household.members[i].id}' (members[{i}])",
            check.field,
            check.message.en,
        )
        for i, check in sorted(failed, key=lambda found: found[0])
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
