"""Household JSON and the caseload say the same things: converting one into the other and back
keeps the person table (so the assessment under every policy), and what cannot be carried is
refused or counted, never silently lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.person_tables import random_household
from tests.scenarios import household_of, load_cases
from zairyu.engine.assessment import assess_rows
from zairyu.engine.catalogue import default_catalogue
from zairyu.model import from_row
from zairyu.model.columns import COLUMNS, Row
from zairyu.model.household import Household
from zairyu.model.problems import load_household
from zairyu.model.table import household_rows
from zairyu.services.converting import (
    FILLED,
    Converted,
    ConvertError,
    SetAside,
    caseload_to_households,
    file_name,
    households_from_rows,
    households_to_caseload,
    not_carried,
    rows_of,
)

EXAMPLES = Path(__file__).parents[2] / "examples"
IMPRECISE = "13-month-only-dates.json"
EXACT = sorted(p.name for p in EXAMPLES.glob("*.json") if p.name != IMPRECISE)
CASES = load_cases()
CATALOGUE = default_catalogue()
POLICIES = sorted(CATALOGUE.plans)


def _example(name: str) -> Household:
    path = EXAMPLES / name
    return load_household(path.read_text(encoding="utf-8"), str(path))


def _through_the_caseload(household: Household) -> Household:
    """household -> caseload rows -> household, as zairyu convert does it."""
    (converted,) = households_from_rows(rows_of(household, "test"))
    assert isinstance(converted, Converted), converted
    assert not converted.filled
    return Household.model_validate(converted.data)


def _outcomes(household: Household, as_of: date) -> dict[tuple[str, str], str]:
    """Each person's outcome under every policy zairyu ships, in force on the date or not."""
    rows = household_rows(household)
    results = [
        assess_rows(CATALOGUE.scalar(p), rows, as_of, counterfactuals=False) for p in POLICIES
    ]
    return {(p.policy_id, r.person_id): r.outcome for p in results for r in p.persons}


@pytest.mark.parametrize("name", EXACT)
def test_every_example_comes_back_from_the_caseload_with_the_same_table_and_outcomes(name):
    household = _example(name)
    back = _through_the_caseload(household)
    assert household_rows(back) == household_rows(household)
    as_of = date(2025, 1, 1)
    assert _outcomes(back, as_of) == _outcomes(household, as_of)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.test_id) for c in CASES])
def test_every_scenario_case_comes_back_from_the_caseload_with_the_same_table_and_outcome(case):
    household = household_of(case)
    back = _through_the_caseload(household)
    assert household_rows(back) == household_rows(household)
    assert _outcomes(back, case.as_of) == _outcomes(household, case.as_of)


def test_a_household_with_a_date_known_only_to_the_month_is_refused_naming_person_and_field():
    with pytest.raises(ConvertError) as refused:
        rows_of(_example(IMPRECISE), "13.json")
    message = str(refused.value)
    assert "\n" not in message
    assert "household 'h-13', member 'p1'" in message
    assert "field 'date_of_birth' is known only to the month" in message


def test_a_date_of_birth_known_only_as_an_age_is_refused_too():
    data = _example("03-preschool-only.json").model_dump(mode="json", exclude_none=True)
    data["members"][1]["date_of_birth"] = {"age": 4, "on": "2024-04-01"}
    with pytest.raises(ConvertError, match="field 'date_of_birth' is known only as an age"):
        rows_of(Household.model_validate(data), "03.json")


def test_what_a_caseload_cannot_hold_is_counted_without_its_values():
    counts = not_carried(_example("11-japanese-spouse.json"))
    assert "links to parents" not in counts  # the caseload's parents column holds them
    assert counts["marriages to a member"] == 1
    assert counts["notes"] == 1
    assert all(isinstance(n, int) and n > 0 for n in counts.values())


def test_who_is_whose_parent_goes_into_the_caseload_and_comes_back():
    household = _example("11-japanese-spouse.json")
    named = {p.id: p.parents for p in household.members if p.parents}
    assert named, "the example names parents"
    rows = rows_of(household, "test")
    assert {str(r["person_id"]): str(r["parents"]).split() for r in rows if r["parents"]} == named
    back = _through_the_caseload(household)
    assert {p.id: p.parents for p in back.members if p.parents} == named


def test_the_caseload_file_holds_every_column_in_the_registry_order(tmp_path):
    out = tmp_path / "caseload.parquet"
    summary = households_to_caseload(EXAMPLES / "01-covered-family.json", out)
    assert (summary.households, summary.persons) == (1, 4)
    frame = pl.read_parquet(out)
    assert frame.columns == list(COLUMNS)
    assert frame["person_id"].to_list() == ["p1", "p2", "c1", "c2"]


def _realisable(rnd: Random) -> list[Row]:
    """The rows of a household: random rows written as a household, and that household's
    rows (random rows are seldom all true together; a few kinds of clash are cleared first)."""
    for attempt in range(50):
        rows = random_household(rnd, f"h{attempt}")
        for row in rows:
            if row["application_made"] is False:
                row["applied_on"] = row["applicant"] = None
            if row["deportation_order"] is False:
                row["deportation_order_date"] = None
            if row["refugee_application_count"] == 0:
                row["refugee_application_pending"] = None
            if row["marriage_state"] not in (None, "living_together"):
                row["cohabiting_with_spouse_since"] = None
            row["prostitution"] = row["spouse_kind"] = row["external_guardian_status"] = None
        try:
            household = Household.model_validate(from_row.household(f"h{attempt}", rows))
        except ValueError:
            continue
        return household_rows(household)
    raise AssertionError("no household in 50 attempts")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_a_caseload_households_give_comes_back_unchanged_through_households(rnd):
    rows = _realisable(rnd)
    (converted,) = households_from_rows(rows)
    assert isinstance(converted, Converted), converted
    assert not converted.filled
    assert household_rows(Household.model_validate(converted.data)) == rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_any_caseload_row_is_kept_as_it_is_or_its_household_set_aside(rnd):
    rows = random_household(rnd, "h")
    (converted,) = households_from_rows(rows)
    if isinstance(converted, SetAside):
        assert "\n" not in str(converted)
        return
    back = household_rows(Household.model_validate(converted.data))
    for before, after in zip(rows, back, strict=True):
        for column in COLUMNS:
            if before[column] is not None or column not in FILLED:
                assert after[column] == before[column], column


def test_a_household_whose_rows_are_apart_in_the_file_is_set_aside():
    rows = [*rows_of(_example("03-preschool-only.json"), "t")]
    other = rows_of(_example("08-childrens-home.json"), "t")
    results = list(households_from_rows([rows[0], *other, rows[1]]))
    assert [type(r) for r in results] == [Converted, Converted, SetAside]
    assert "not together" in str(results[2])


def test_a_school_that_ended_on_no_day_cannot_be_a_household_and_is_set_aside_naming_it():
    (row,) = rows_of(_example("08-childrens-home.json"), "t")[:1]
    row = {**row, "school_ongoing": False, "school_last_end": None}
    (result,) = households_from_rows([row])
    assert isinstance(result, SetAside)
    assert "column 'school_ongoing'" in str(result)


@pytest.mark.parametrize(
    ("household_id", "name"),
    [("山田家", "山田家.json"), ("h-01", "h-01.json"), (".hidden", "_.hidden.json"),
     ("CON", "_CON.json"), ("nul.x", "_nul.x.json"), ("ｶﾞ", "ｶﾞ.json")],
)  # fmt: skip
def test_a_household_file_is_named_after_its_id_made_safe(household_id, name):
    assert file_name(household_id) == name


def test_households_whose_file_names_differ_only_in_capitals_are_not_written_over(tmp_path):
    caseload = tmp_path / "caseload.csv"
    caseload.write_text(
        "household_id,person_id,role\nAbc,p1,parent\nabc,p1,parent\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    summary = caseload_to_households(caseload, out)
    assert [p.name for p in out.iterdir()] == ["Abc.json"]
    (aside,) = summary.set_aside
    assert aside.household_id == "abc" and "capitals" in aside.problem


def test_a_person_listed_twice_sets_the_household_aside_naming_the_id():
    (row,) = rows_of(_example("08-childrens-home.json"), "t")
    (result,) = households_from_rows([row, row])
    assert isinstance(result, SetAside)
    assert str(result) == "household 'h-08': the household: two members have the id 'c1'"
