"""Relations between members (parents, marriages), legal status and the guardian outside the
household: what the format accepts, what it refuses (naming household, member and field), and
the facts it derives for the policies."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zairyu.engine.consistency import row_problems
from zairyu.model.household import Household
from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.model.table import household_rows

AS_OF = date(2025, 1, 1)


def household(*members: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": "h-rel", "members": list(members), **extra}


def refused(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidHousehold) as caught:
        parse_household(raw)
    return [str(p) for p in caught.value.problems]


def rows(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(r["person_id"]): r for r in household_rows(parse_household(raw))}


FATHER = {"id": "f", "role": "parent", "date_of_birth": "1980-01-01"}
MOTHER_JP = {
    "id": "m",
    "role": "parent",
    "date_of_birth": "1984-01-01",
    "legal_status": "japanese_national",
}


def married(person: dict[str, Any], **marriage: Any) -> dict[str, Any]:
    ties = dict(person.get("family_ties", {}))
    ties["marriage"] = marriage
    return {**person, "family_ties": ties}


# --- parents --------------------------------------------------------------------------------


def test_a_parent_who_is_not_a_member_is_refused_naming_the_child_and_the_field():
    problems = refused(household(FATHER, {"id": "c", "role": "child", "parents": ["x"]}))
    assert problems == [
        "household 'h-rel', member 'c' (members[1]): field 'parents': "
        "'x' is not a member of the household (check the id)"
    ]


def test_a_person_listed_as_their_own_parent_is_refused():
    (problem,) = refused(household({"id": "c", "role": "child", "parents": ["c"]}))
    assert "member 'c'" in problem and "their own parent" in problem


def test_a_parent_listed_twice_is_refused():
    (problem,) = refused(household(FATHER, {"id": "c", "role": "child", "parents": ["f", "f"]}))
    assert "'f' is listed twice" in problem


def test_a_parent_younger_than_the_child_is_refused():
    child = {"id": "c", "role": "child", "date_of_birth": "1979-05-05", "parents": ["f"]}
    (problem,) = refused(household(FATHER, child))
    assert "field 'parents'" in problem and "is not older than this person" in problem


def test_a_parent_born_the_day_before_the_child_is_accepted():
    child = {"id": "c", "role": "child", "date_of_birth": "1980-01-02", "parents": ["f"]}
    assert parse_household(household(FATHER, child)).member("c").parents == ["f"]


def test_a_cycle_of_parents_is_refused_even_without_dates():
    a = {"id": "a", "role": "parent", "parents": ["b"]}
    b = {"id": "b", "role": "other_relative", "parents": ["a"]}
    (problem,) = refused(household(a, b))
    assert "their own ancestor" in problem and "field 'parents'" in problem


def test_a_grandparent_line_is_not_a_cycle():
    g = {"id": "g", "role": "other_relative"}
    p = {"id": "p", "role": "parent", "parents": ["g"]}
    c = {"id": "c", "role": "child", "parents": ["p"]}
    assert len(parse_household(household(g, p, c)).members) == 3


# --- marriage -------------------------------------------------------------------------------


def test_a_spouse_member_who_is_japanese_gives_the_spouse_kind_japanese():
    found = rows(household(married(FATHER, spouse="m", state="living_together"), MOTHER_JP))
    assert found["f"]["spouse_kind"] == "japanese"
    assert found["f"]["spouse_legal_status"] == "japanese_national"
    # the marriage is read from either side: the Japanese mother is married to a person
    # without status (another foreign national)
    assert found["m"]["spouse_kind"] == "other"
    assert found["m"]["marriage_state"] == "living_together"


def test_a_divorce_gives_not_married_and_an_unknown_state_derives_nothing():
    divorced = rows(household(married(FATHER, spouse="m", state="divorced"), MOTHER_JP))
    assert divorced["f"]["spouse_kind"] == "none"
    unknown = rows(household(married(FATHER, spouse="m"), MOTHER_JP))
    assert unknown["f"]["spouse_kind"] is None


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("special_permanent_resident", "special_permanent_resident"),
        ("permanent_resident", "appended_table_2_resident"),
        ("long_term_resident", "appended_table_2_resident"),
        ("spouse_or_child_of_japanese", "appended_table_2_resident"),
        ("spouse_or_child_of_permanent_resident", "appended_table_2_resident"),
        ("other_status", "other"),
        ("without_status", "other"),
    ],
)
def test_a_spouse_outside_the_household_gives_the_kind_of_their_status(status, kind):
    person = married(FATHER, spouse_status=status, state="living_apart")
    assert rows(household(person))["f"]["spouse_kind"] == kind


def test_a_recorded_spouse_kind_that_contradicts_the_marriage_is_refused():
    father = married(FATHER, spouse="m", state="living_together")
    father["family_ties"]["spouse"] = "other"
    (problem,) = refused(household(father, MOTHER_JP))
    assert "member 'f' (members[0]): field 'family_ties.spouse'" in problem
    assert "the marriage says 'a Japanese national'" in problem


def test_a_recorded_spouse_kind_that_agrees_with_the_marriage_is_kept():
    father = married(FATHER, spouse="m", state="living_together")
    father["family_ties"]["spouse"] = "japanese"
    assert rows(household(father, MOTHER_JP))["f"]["spouse_kind"] == "japanese"


def test_a_spouse_who_is_not_a_member_or_is_the_person_is_refused():
    (unknown,) = refused(household(married(FATHER, spouse="zz")))
    assert "field 'family_ties.marriage.spouse'" in unknown and "'zz' is not a member" in unknown
    (themself,) = refused(household(married(FATHER, spouse="f")))
    assert "married to themself" in themself


def test_a_spouse_member_with_a_spouse_status_as_well_is_refused():
    (problem,) = refused(
        household(married(FATHER, spouse="m", spouse_status="other_status"), MOTHER_JP)
    )
    assert "field 'family_ties.marriage'" in problem and "spouse_status" in problem


def test_two_members_who_name_different_spouses_are_refused():
    other = {"id": "o", "role": "other_relative"}
    mother = married(MOTHER_JP, spouse="o")
    (problem,) = refused(household(married(FATHER, spouse="m"), mother, other))
    assert "member 'f'" in problem and "'m' records a marriage to 'o'" in problem


def test_the_two_sides_of_a_marriage_must_agree_on_its_state():
    mother = married(MOTHER_JP, spouse="f", state="divorced")
    problems = refused(household(married(FATHER, spouse="m", state="living_together"), mother))
    assert any("field 'family_ties.marriage.state'" in p for p in problems)


def test_living_together_since_is_refused_for_a_separated_couple():
    father = married(FATHER, spouse_status="japanese_national", state="separated")
    father["family_ties"]["cohabiting_with_spouse_since"] = "2015-01-01"
    (problem,) = refused(household(father))
    assert "field 'family_ties'" in problem and "separated" in problem


def test_a_marriage_to_ones_own_parent_is_refused():
    child = married({"id": "c", "role": "child", "parents": ["f"]}, spouse="f")
    problems = refused(household(FATHER, child))
    assert any("is recorded as a parent or child of this person" in p for p in problems)


# --- child of a Japanese national ------------------------------------------------------------


def test_a_parent_member_who_is_japanese_makes_the_child_a_child_of_a_japanese_national():
    child = {"id": "c", "role": "child", "parents": ["f", "m"]}
    assert rows(household(FATHER, MOTHER_JP, child))["c"]["child_of_japanese_or_spr"] is True


def test_parents_without_status_leave_child_of_japanese_unknown():
    child = {"id": "c", "role": "child", "parents": ["f"]}
    assert rows(household(FATHER, child))["c"]["child_of_japanese_or_spr"] is None


def test_a_recorded_no_that_contradicts_a_japanese_parent_is_refused():
    child = {
        "id": "c",
        "role": "child",
        "parents": ["m"],
        "family_ties": {"child_of_japanese_or_spr": False},
    }
    (problem,) = refused(household(MOTHER_JP, child))
    assert "member 'c' (members[1]): field 'family_ties.child_of_japanese_or_spr'" in problem


# --- legal status and the guardian outside the household -------------------------------------


def test_an_omitted_legal_status_stays_unrecorded_in_the_table():
    assert rows(household(FATHER))["f"]["legal_status"] is None


def test_a_member_with_a_status_and_a_deportation_order_is_refused():
    person = {
        "id": "p",
        "role": "parent",
        "legal_status": "permanent_resident",
        "immigration": {"deportation_order": True},
    }
    found = row_problems(household_rows(Household.model_validate(household(person))), AS_OF)
    assert [check.field for _, check in found] == ["legal_status"]


def test_a_marriage_after_the_assessment_date_or_before_birth_is_refused():
    late = married(FATHER, spouse_status="japanese_national", married_on="2025-06-01")
    early = married(FATHER, spouse_status="japanese_national", married_on="1979-12-31")
    for person, expected in (
        (late, "married_by_the_assessment_date"),
        (early, "married_after_birth"),
    ):
        found = row_problems(household_rows(Household.model_validate(household(person))), AS_OF)
        assert [check.id for _, check in found] == [expected]


def test_the_guardian_outside_the_household_has_a_kind_an_agreement_and_a_status():
    guardian = {
        "available": True,
        "kind": "relative",
        "agreed": True,
        "legal_status": "permanent_resident",
    }
    row = rows(household(FATHER, external_guardian=guardian))["f"]
    assert (
        row["external_guardian_kind"],
        row["external_guardian_agreed"],
        row["external_guardian_status"],
    ) == ("relative", True, "permanent_resident")


def test_a_childrens_home_with_a_legal_status_is_refused():
    guardian = {"kind": "childrens_home", "legal_status": "japanese_national"}
    (problem,) = refused(household(FATHER, external_guardian=guardian))
    assert "field 'external_guardian'" in problem and "children's home" in problem


def test_a_guardian_who_agreed_but_is_recorded_as_not_available_is_refused():
    guardian = {"available": False, "agreed": True}
    raw = household(FATHER, external_guardian=guardian)
    found = row_problems(household_rows(Household.model_validate(raw)), AS_OF)
    assert [check.id for _, check in found] == ["guardian_who_agreed_is_available"]


def test_a_japanese_nationality_without_the_status_of_a_japanese_national_is_refused():
    for status in (None, "permanent_resident"):
        person = {"id": "m", "role": "parent", "nationality": "JPN", "legal_status": status}
        found = row_problems(household_rows(Household.model_validate(household(person))), AS_OF)
        assert [check.field for _, check in found] == ["legal_status"], status
    person = {
        "id": "m",
        "role": "parent",
        "nationality": "JPN",
        "legal_status": "japanese_national",
    }
    assert row_problems(household_rows(Household.model_validate(household(person))), AS_OF) == []


# --- with dates known only to a month or a year (the dates of issue 9 meet the relations) ----


def test_a_parent_born_in_the_same_year_as_the_child_is_not_refused_when_it_may_be_true():
    father = {**FATHER, "date_of_birth": "1980"}
    child = {"id": "c", "role": "child", "date_of_birth": "1980-12", "parents": ["f"]}
    assert parse_household(household(father, child)).member("c").parents == ["f"]


def test_a_parent_born_after_every_day_the_childs_birth_allows_is_refused():
    father = {**FATHER, "date_of_birth": "1981"}
    child = {"id": "c", "role": "child", "date_of_birth": "1980-12", "parents": ["f"]}
    (problem,) = refused(household(father, child))
    assert "is not older than this person" in problem


def test_a_marriage_or_an_earlier_order_dated_to_the_month_is_unknown_in_an_exact_row():
    father = married(
        {
            **FATHER,
            "immigration": {
                "previous_orders": [
                    {"kind": "departure_order", "issued_on": "2001-03"},
                    {"kind": "deportation_order", "issued_on": "2003-05-01"},
                ]
            },
        },
        spouse="m",
        married_on="2005-06",
        state="living_together",
    )
    mother = married(MOTHER_JP, spouse="f", married_on="2005-06", state="living_together")
    by_id = rows(household(father, mother))
    assert by_id["f"]["married_on"] is None
    assert by_id["f"]["previous_order_first_date"] is None
    assert by_id["f"]["previous_departure_order"] is True
