"""Dates as old files give them: a day, a month, a year, an age on a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zairyu.engine.scalar import whole_years
from zairyu.i18n import format_date_value
from zairyu.model.dates import ImpreciseDate, parse_date
from zairyu.model.problems import InvalidHousehold, check_household, parse_household


def household(**person: object) -> dict[str, object]:
    return {"id": "h1", "members": [{"id": "p1", "role": "parent", **person}]}


def test_an_exact_day_stays_a_plain_date() -> None:
    assert parse_date("2000-09-15") == date(2000, 9, 15)


def test_a_month_allows_every_day_of_that_month() -> None:
    assert parse_date("2024-02") == ImpreciseDate(date(2024, 2, 1), date(2024, 2, 29), "2024-02")


def test_a_year_allows_every_day_of_that_year() -> None:
    assert parse_date("2000") == ImpreciseDate(date(2000, 1, 1), date(2000, 12, 31), "2000")


def test_an_age_on_a_day_gives_the_birth_interval() -> None:
    value = parse_date({"age": 7, "on": "2024-04-01"})
    assert isinstance(value, ImpreciseDate)
    assert (value.earliest, value.latest) == (date(2016, 4, 2), date(2017, 4, 1))


@given(st.integers(0, 120), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_every_day_of_an_age_interval_has_that_age_and_its_neighbours_do_not(
    age: int, on: date
) -> None:
    value = parse_date({"age": age, "on": on.isoformat()})
    assert isinstance(value, ImpreciseDate)
    assert whole_years(value.earliest, on) == age
    assert whole_years(value.latest, on) == age
    assert whole_years(value.earliest - timedelta(days=1), on) == age + 1
    assert whole_years(value.latest + timedelta(days=1), on) == age - 1


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2000-13", "there is no month 13"),
        ("2023-02-30", "2023-02 has no day 30"),
        ("0000", "there is no year 0000"),
        ({"age": 200, "on": "2024-04-01"}, "an age of 200 cannot be true"),
        ({"age": 7, "on": "2024-13-01"}, "there is no month 13"),
        ({"age": 7}, "an age is written"),
        ({"age": True, "on": "2024-04-01"}, "whole number of years"),
        (20000101, "must be a date written YYYY-MM-DD, or YYYY-MM or YYYY"),
        ("2000-9", "must be a date written"),
    ],
)
def test_an_impossible_date_of_birth_is_refused_naming_household_person_and_field(
    value: object, words: str
) -> None:
    with pytest.raises(InvalidHousehold) as raised:
        parse_household(household(date_of_birth=value))
    (problem,) = raised.value.problems
    assert problem.where == "household 'h1', member 'p1' (members[0])"
    assert problem.field == "date_of_birth"
    assert words in problem.message


def test_an_age_is_refused_for_a_date_other_than_birth() -> None:
    raw = household(immigration={"entry_date": {"age": 7, "on": "2024-04-01"}})
    with pytest.raises(InvalidHousehold) as raised:
        parse_household(raw)
    (problem,) = raised.value.problems
    assert problem.field == "immigration.entry_date"
    assert "only given for a date of birth" in problem.message


def test_an_imprecise_date_is_written_back_as_it_was_given() -> None:
    raw = household(
        date_of_birth={"age": 7, "on": "2024-04-01"},
        immigration={"entry_date": "2000-09", "deportation_order_date": "2016-10-04"},
        residence={"illegal_stay_since": "2001"},
    )
    dumped = parse_household(raw).model_dump(mode="json")["members"][0]
    assert dumped["date_of_birth"] == {"age": 7, "on": "2024-04-01"}
    assert dumped["immigration"]["entry_date"] == "2000-09"
    assert dumped["immigration"]["deportation_order_date"] == "2016-10-04"
    assert dumped["residence"]["illegal_stay_since"] == "2001"


def test_a_school_ending_surely_before_it_starts_is_refused_an_overlapping_month_is_not() -> None:
    school = {"enrolments": [{"level": "elementary", "start": "2018-04", "end": "2018-04-10"}]}
    parse_household(household(school=school))
    school["enrolments"][0]["end"] = "2018-03"
    with pytest.raises(InvalidHousehold, match="before start"):
        parse_household(household(school=school))


def test_imprecise_dates_are_written_as_each_language_writes_them() -> None:
    month, year = parse_date("2000-09"), parse_date("2000")
    age = parse_date({"age": 7, "on": "2024-04-01"})
    assert [format_date_value(v, "ja") for v in (month, year, age)] == [
        "2000年9月",
        "2000年",
        "2024年4月1日時点で7歳",
    ]
    assert [format_date_value(v, "en") for v in (month, year, age)] == [
        "September 2000",
        "2000",
        "aged 7 on 1 April 2024",
    ]


def test_an_age_stated_on_a_day_after_the_assessment_date_is_refused() -> None:
    parsed = parse_household(household(date_of_birth={"age": 7, "on": "2024-04-01"}))
    (problem,) = check_household(parsed, date(2024, 3, 31))
    assert problem.field == "date_of_birth"
    assert "after the assessment date" in problem.message
    assert check_household(parsed, date(2024, 4, 1)) == []


def test_a_month_of_birth_is_refused_only_when_all_of_it_is_after_the_assessment_date() -> None:
    parsed = parse_household(household(date_of_birth="2024-06"))
    assert check_household(parsed, date(2024, 6, 1)) == []
    (problem,) = check_household(parsed, date(2024, 5, 31))
    assert problem.field == "date_of_birth"


# --- only "a minor" on a stated day -----------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "first"),
    [
        ("2024-06-10", date(2006, 6, 11)),  # majority 18 since 1 April 2022 (Civil Code art. 4)
        ("2022-04-01", date(2004, 4, 2)),  # the reform's first day: 18
        ("2022-03-31", date(2002, 4, 1)),  # the day before: 20
    ],
)
def test_a_minor_on_a_day_was_born_after_the_majority_ages_anniversary_and_by_that_day(
    on: str, first: date
) -> None:
    value = parse_date({"minor_on": on})
    assert isinstance(value, ImpreciseDate)
    assert (value.earliest, value.latest) == (first, date.fromisoformat(on))


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_every_day_a_minor_allows_is_under_the_majority_age_and_the_day_before_is_not(
    on: date,
) -> None:
    value = parse_date({"minor_on": on.isoformat()})
    assert isinstance(value, ImpreciseDate)
    majority = 18 if on >= date(2022, 4, 1) else 20
    assert whole_years(value.earliest, on) == majority - 1
    assert whole_years(value.earliest - timedelta(days=1), on) == majority
    assert value.latest == on


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"minor_on": "2024-13-01"}, "there is no month 13"),
        ({"minor_on": 20240610}, "'minor_on', the day the person was a minor, must be written"),
        ({"minor_on": "2024-06-10", "age": 7}, "a minor is written {'minor_on': 'YYYY-MM-DD'}"),
    ],
)
def test_a_minor_written_wrongly_is_refused_naming_the_field(value: object, words: str) -> None:
    with pytest.raises(InvalidHousehold) as raised:
        parse_household(household(date_of_birth=value))
    (problem,) = raised.value.problems
    assert problem.field == "date_of_birth"
    assert words in problem.message


def test_a_minor_is_refused_for_a_date_other_than_birth() -> None:
    raw = household(immigration={"entry_date": {"minor_on": "2024-04-01"}})
    with pytest.raises(InvalidHousehold) as raised:
        parse_household(raw)
    (problem,) = raised.value.problems
    assert problem.field == "immigration.entry_date"
    assert "only given for a date of birth" in problem.message


def test_a_minor_is_written_back_as_given_and_in_each_language() -> None:
    parsed = parse_household(household(date_of_birth={"minor_on": "2024-06-10"}))
    dumped = parsed.model_dump(mode="json")["members"][0]
    assert dumped["date_of_birth"] == {"minor_on": "2024-06-10"}
    value = parsed.members[0].date_of_birth
    assert isinstance(value, ImpreciseDate)
    assert format_date_value(value, "ja") == "2024年6月10日時点で未成年"
    assert format_date_value(value, "en") == "a minor on 10 June 2024"


def test_a_minor_stated_on_a_day_after_the_assessment_date_is_refused() -> None:
    parsed = parse_household(household(date_of_birth={"minor_on": "2024-06-10"}))
    (problem,) = check_household(parsed, date(2024, 6, 9))
    assert problem.field == "date_of_birth"
    assert "after the assessment date" in problem.message
    assert check_household(parsed, date(2024, 6, 10)) == []
