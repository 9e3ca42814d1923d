"""Imprecise dates: a result is decided only when every day the dates allow gives it."""

from __future__ import annotations

import json
from calendar import monthrange
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zairyu.engine.assessment import HouseholdAssessment
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.corners import corner_plan
from zairyu.engine.scalar import whole_years
from zairyu.model.dates import ImpreciseDate, parse_date
from zairyu.model.household import Household
from zairyu.model.table import household_rows
from zairyu.services.assessing import assess_document
from zairyu.services.errors import InvalidHousehold

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = date(2025, 1, 1)
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.startswith("13-"))
DATE_FIELDS = (
    ("date_of_birth",),
    ("immigration", "entry_date"),
    ("immigration", "deportation_order_date"),
    ("residence", "illegal_stay_since"),
    ("application", "applied_on"),
)


def assessed(document: dict[str, Any]) -> HouseholdAssessment:
    return assess_document(document, AS_OF, counterfactuals=False)[1]


def outcomes(result: HouseholdAssessment) -> dict[tuple[str, str], str]:
    return {(p.policy_id, q.person_id): q.outcome for p in result.policies for q in p.persons}


def conditions(result: HouseholdAssessment) -> dict[tuple[str, str, str], bool | None]:
    return {
        (p.policy_id, q.person_id, c.id): c.value
        for p in result.policies
        for q in p.persons
        for c in q.conditions
    }


def test_the_interval_evaluation_of_exact_rows_is_the_exact_engine() -> None:
    catalogue = default_catalogue()
    for path in EXAMPLE_FILES:
        rows = household_rows(Household.model_validate_json(path.read_text(encoding="utf-8")))
        for plan in catalogue.select(AS_OF, None):
            scalar = catalogue.scalar(plan.id)
            assert corner_plan(scalar, {}).evaluate(rows, AS_OF) == scalar.evaluate(rows, AS_OF)


def _dates(document: dict[str, Any]) -> list[tuple[int, tuple[str, ...], date]]:
    found = []
    for i, member in enumerate(document["members"]):
        for path in DATE_FIELDS:
            value: Any = member
            for part in path:
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, str):
                found.append((i, path, date.fromisoformat(value)))
    return found


def _set(document: dict[str, Any], i: int, path: tuple[str, ...], value: object) -> None:
    target = document["members"][i]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


# Births whose month decides a result: 18 around the reference date of 10 June 2024, of
# school age (the birth cutoff of the measure), 18 or 20 around the assessment date.
NEAR_A_BOUNDARY = (
    date(2006, 6, 15),
    date(2006, 6, 5),
    date(2018, 4, 1),
    date(2018, 4, 2),
    date(2006, 12, 20),
    date(2004, 12, 31),
)


@st.composite
def narrowed(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An example with one or two of its dates made imprecise (a month, a year, or for a date
    of birth an age on a day, around the recorded day), and the same household with each of
    those dates narrowed to some day inside it (not necessarily the recorded one)."""
    path = draw(st.sampled_from(EXAMPLE_FILES))
    original = json.loads(path.read_text(encoding="utf-8"))
    candidates = _dates(original)
    chosen = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
    imprecise, exact = json.loads(json.dumps(original)), json.loads(json.dumps(original))
    for i, field, recorded in chosen:
        day = recorded
        if field == ("date_of_birth",) and draw(st.booleans()):
            day = draw(st.sampled_from(NEAR_A_BOUNDARY))  # a birth month that can matter
        kinds = ["month", "year", *(["age"] if field == ("date_of_birth",) else [])]
        kind = draw(st.sampled_from(kinds))
        written: object
        if kind == "month":
            written = f"{day.year}-{day.month:02d}"
            first = date(day.year, day.month, 1)
            last = date(day.year, day.month, monthrange(day.year, day.month)[1])
        elif kind == "year":
            written, first, last = str(day.year), date(day.year, 1, 1), date(day.year, 12, 31)
        else:  # an age on some day between birth and the assessment date
            on = draw(st.dates(day, AS_OF))
            written = {"age": whole_years(day, on), "on": on.isoformat()}
            interval = parse_date(written)
            assert isinstance(interval, ImpreciseDate)
            first, last = interval.earliest, interval.latest
        if field == ("date_of_birth",):
            last = min(last, AS_OF)
        _set(imprecise, i, field, written)
        _set(exact, i, field, draw(st.dates(first, last)).isoformat())
    return imprecise, exact


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(narrowed())
def test_narrowing_an_imprecise_date_to_a_day_inside_it_never_contradicts_a_decided_result(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    imprecise_doc, exact_doc = pair
    try:
        exact = assessed(exact_doc)
    except ValueError:  # a narrowing no household can hold (an entry before birth)
        return
    imprecise = assessed(imprecise_doc)
    exact_outcomes = outcomes(exact)
    for key, outcome in outcomes(imprecise).items():
        if outcome != "undetermined":
            assert exact_outcomes[key] == outcome, key
    exact_conditions = conditions(exact)
    for key, value in conditions(imprecise).items():
        if value is not None:
            assert exact_conditions[key] == value, key


def two_dates(applied_on: str, order: str) -> dict[str, Any]:
    return {
        "id": "h1",
        "members": [
            {
                "id": "p1",
                "role": "parent",
                "date_of_birth": "1980-05-12",
                "immigration": {"deportation_order": True, "deportation_order_date": order},
                "application": {"made": True, "applied_on": applied_on},
            }
        ],
    }


def _window_open(document: dict[str, Any]) -> bool | None:
    result = assessed(document)
    values = {
        c.value
        for p in result.policies
        for q in p.persons
        for c in q.conditions
        if c.id == "application_window_open"
    }
    assert len(values) == 1, values
    (value,) = values
    return value


def test_two_imprecise_dates_compared_are_decided_only_when_their_intervals_do_not_overlap() -> (
    None
):
    assert _window_open(two_dates("2024-07", "2024-09")) is True
    assert _window_open(two_dates("2024-10", "2024-09")) is False
    assert _window_open(two_dates("2024-09", "2024-09")) is None
    assert _window_open(two_dates("2024-09-30", "2024-09")) is None
    assert _window_open(two_dates("2024-09-01", "2024-09")) is True


def test_an_age_close_to_the_limit_is_left_open_and_names_the_exact_date_of_birth() -> None:
    document = json.loads((EXAMPLES / "13-month-only-dates.json").read_text(encoding="utf-8"))
    result = assessed(document)
    elder = result.person("children-2023", "c2")
    assert elder.outcome == "undetermined"
    assert [(f.person_id, f.column) for f in elder.missing_facts] == [("c2", "birth_date")]
    younger = result.person("children-2023", "c1")
    assert younger.outcome == "within_measure"
    assert younger.missing_facts == []


def _child_with_conviction(birth: str) -> dict[str, Any]:
    return {
        "id": "h1",
        "members": [
            {
                "id": "c1",
                "role": "child",
                "date_of_birth": birth,
                "record": {"convictions": [{"offence": "drug"}]},
            }
        ],
    }


def test_an_input_check_refuses_an_imprecise_date_only_if_every_day_fails_it() -> None:
    with pytest.raises(InvalidHousehold) as raised:
        assess_document(_child_with_conviction("2015"), date(2025, 6, 1))
    assert raised.value.problems[0].where == "household 'h1', member 'c1' (members[0])"
    assess_document(_child_with_conviction("2011"), date(2025, 6, 1), counterfactuals=False)


def test_an_entry_that_may_be_in_the_month_of_birth_is_accepted_one_before_it_is_not() -> None:
    person = {"id": "p1", "role": "parent", "date_of_birth": "2000-05", "born_in_japan": False}
    same = {**person, "immigration": {"entry_date": "2000-05"}}
    assess_document({"id": "h1", "members": [same]}, AS_OF, counterfactuals=False)
    before = {**person, "immigration": {"entry_date": "2000-04"}}
    with pytest.raises(InvalidHousehold) as raised:
        assess_document({"id": "h1", "members": [before]}, AS_OF)
    assert {p.field for p in raised.value.problems} >= {"immigration.entry_date"}


def test_a_child_known_only_as_a_minor_on_the_reference_day_may_be_below_school_age() -> None:
    document = json.loads((EXAMPLES / "01-covered-family.json").read_text(encoding="utf-8"))
    child = next(m for m in document["members"] if m["id"] == "c1")
    child["date_of_birth"] = {"minor_on": "2024-06-10"}  # the 2023 measure's reference day
    result = assessed(document)
    values = conditions(result)
    assert values[("children-2023", "c1", "child_minor")] is True
    # born between 11 June 2006 and 10 June 2024: perhaps too young for school by then
    assert values[("children-2023", "c1", "child_of_school_age")] is None
    person = result.person("children-2023", "c1")
    assert ("c1", "birth_date") in [(f.person_id, f.column) for f in person.missing_facts]
