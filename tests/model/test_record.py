"""The record in the detail the law uses: prostitution by the person and procuring it, each
conviction as the judgment gives it, earlier deportation and departure orders, and a school
history that is known only to be "not enrolled now". Each is read into the person table as
the policies need it, and each contradiction is refused naming household, person and field."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from zairyu.engine.catalogue import default_catalogue
from zairyu.model.problems import InvalidHousehold, load_household
from zairyu.model.table import household_rows
from zairyu.services.assessing import assess_household
from zairyu.services.batch import run_batch

AS_OF = date(2024, 6, 10)


def _row(**member: object) -> dict[str, object]:
    household = {"id": "h1", "members": [{"id": "p1", "role": "parent", **member}]}
    (row,) = household_rows(load_household(json.dumps(household), "h.json"))
    return row


def _refusal(**member: object) -> str:
    household = {"id": "h1", "members": [{"id": "p1", "role": "parent", **member}]}
    with pytest.raises(InvalidHousehold) as refused:
        assess_household(load_household(json.dumps(household), "h.json"), AS_OF)
    return str(refused.value)


# --- prostitution -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "either", "by_self", "procured"),
    [
        ({"prostitution_by_self": True}, True, True, None),
        ({"procured_prostitution": True, "prostitution_by_self": False}, True, False, True),
        ({"prostitution_by_self": False, "procured_prostitution": False}, False, False, False),
        ({"prostitution_by_self": False}, None, False, None),
        ({}, None, None, None),
    ],
)
def test_prostitution_by_the_person_and_procuring_it_are_read_apart_and_together(
    record, either, by_self, procured
):
    row = _row(record=record)
    assert (row["prostitution"], row["prostitution_by_self"], row["procured_prostitution"]) == (
        either,
        by_self,
        procured,
    )


def test_the_older_prostitution_field_false_means_neither_kind():
    row = _row(record={"prostitution": False})
    assert (row["prostitution"], row["prostitution_by_self"], row["procured_prostitution"]) == (
        False,
        False,
        False,
    )


def test_the_older_prostitution_field_true_means_one_kind_not_known_which():
    row = _row(record={"prostitution": True})
    assert (row["prostitution"], row["prostitution_by_self"], row["procured_prostitution"]) == (
        True,
        None,
        None,
    )


@pytest.mark.parametrize(
    "record",
    [
        {"prostitution": False, "procured_prostitution": True},
        {"prostitution": True, "prostitution_by_self": False, "procured_prostitution": False},
    ],
)
def test_the_older_prostitution_field_contradicting_the_two_kinds_is_refused(record):
    text = _refusal(record=record)
    assert "household 'h1', member 'p1'" in text and "field 'record'" in text
    assert "correct whichever is wrong" in text


def test_an_old_file_with_prostitution_true_is_still_weighed_against_the_person():
    household = {
        "id": "h1",
        "members": [{"id": "p1", "role": "parent", "record": {"prostitution": True}}],
    }
    result = assess_household(load_household(json.dumps(household), "h.json"), AS_OF)
    (policy,) = [p for p in result.policies if p.policy_id == "children-2023"]
    (condition,) = [
        c for c in policy.persons[0].conditions if c.id == "ground_antisocial_violation"
    ]
    assert condition.value is True


# --- convictions ------------------------------------------------------------------------------


def test_a_conviction_holds_the_offence_as_judged_the_penalty_and_the_fine():
    household = {
        "id": "h1",
        "members": [
            {
                "id": "p1",
                "role": "parent",
                "record": {
                    "convictions": [
                        {
                            "offence_as_judged": "出入国管理及び難民認定法違反",
                            "offence": "illegal_stay",
                            "convicted_on": "2019-03-01",
                            "penalty": "fine",
                            "fine_yen": 300000,
                        }
                    ]
                },
            }
        ],
    }
    person = load_household(json.dumps(household), "h.json").members[0]
    (conviction,) = person.record.convictions or []
    assert conviction.offence_as_judged == "出入国管理及び難民認定法違反"
    assert (conviction.penalty, conviction.fine_yen) == ("fine", 300000)


def test_a_fine_counts_as_no_custodial_sentence_even_when_its_suspension_is_not_recorded():
    row = _row(record={"convictions": [{"offence": "property", "penalty": "fine"}]})
    assert row["longest_sentence_not_fully_suspended_months"] == 0
    assert row["longest_unsuspended_part_months"] == 0


def test_a_conviction_without_its_penalty_and_suspension_leaves_the_sentence_unknown():
    row = _row(record={"convictions": [{"offence": "property"}]})
    assert row["longest_sentence_not_fully_suspended_months"] is None


@pytest.mark.parametrize(
    ("conviction", "field", "words"),
    [
        ({"penalty": "fine", "sentence_months": 6}, "record.convictions[1]", "a fine has no"),
        ({"penalty": "fine", "fine_yen": -5}, "record.convictions[1].fine_yen", "greater than"),
        ({"penalty": "imprisonment", "fine_yen": 1000, "sentence_months": 6},
         "record.convictions[1]", "fine_yen is set but penalty is not 'fine'"),
        ({"penalty": "imprisonment", "sentence_months": 0}, "record.convictions[1]",
         "write the term in months"),
        ({"penalty": "fine", "life": True}, "record.convictions[1]", "life is true"),
        ({"penalty": "fine", "suspension": "partial", "suspended_months": 0},
         "record.convictions[1]", "only imprisonment can be partly suspended"),
    ],
)  # fmt: skip
def test_a_contradictory_conviction_is_refused_naming_person_conviction_and_field(
    conviction, field, words
):
    convictions = [{"offence": "traffic"}, {"offence": "property", **conviction}]
    text = _refusal(record={"convictions": convictions})
    assert "household 'h1', member 'p1'" in text
    assert f"field '{field}'" in text and words in text


def test_the_offence_as_judged_is_never_repeated_in_a_refusal():
    judged = "窃盗（被害者 鈴木一郎）" * 50  # too long: refused, but not echoed
    text = _refusal(record={"convictions": [{"offence": "property", "offence_as_judged": judged}]})
    assert "record.convictions[0].offence_as_judged" in text
    assert "鈴木" not in text


# --- earlier deportation and departure orders -------------------------------------------------


def test_previous_orders_are_read_by_kind_with_the_earliest_date():
    orders = [
        {"kind": "departure_order", "issued_on": "2012-05-01"},
        {"kind": "deportation_order"},
    ]
    row = _row(immigration={"previous_orders": orders})
    assert row["previous_deportation_order"] is True
    assert row["previous_departure_order"] is True
    assert row["previous_order_first_date"] == date(2012, 5, 1)


def test_no_previous_orders_known_and_none_recorded_differ():
    assert _row(immigration={"previous_orders": []})["previous_deportation_order"] is False
    assert _row()["previous_deportation_order"] is None


def test_an_earlier_deportation_order_means_earlier_deportation_procedures():
    row = _row(immigration={"previous_orders": [{"kind": "deportation_order"}]})
    assert row["previous_deportation_procedure"] is True


def test_an_earlier_departure_order_alone_says_nothing_of_deportation_procedures():
    row = _row(immigration={"previous_orders": [{"kind": "departure_order"}]})
    assert row["previous_deportation_procedure"] is None


def test_the_2009_guideline_weighs_an_earlier_deportation_order_as_previous_procedures():
    member = {"id": "p1", "role": "parent",
              "immigration": {"previous_orders": [{"kind": "deportation_order"}]}}  # fmt: skip
    household = load_household(json.dumps({"id": "h1", "members": [member]}), "h.json")
    result = assess_household(household, date(2020, 1, 1))
    (policy,) = [p for p in result.policies if p.policy_id == "guidelines-2009"]
    (condition,) = [
        c for c in policy.persons[0].conditions if c.id == "n4_previous_deportation_procedure"
    ]
    assert condition.value is True


def _orders(*orders: dict[str, str], **immigration: str) -> dict[str, object]:
    return {"immigration": {"previous_orders": list(orders), **immigration}}


DEPORTED = {"kind": "deportation_order"}


@pytest.mark.parametrize(
    ("member", "field", "words"),
    [
        ({"date_of_birth": "2000-01-01",
          **_orders({"kind": "departure_order", "issued_on": "1999-01-01"})},
         "immigration.previous_orders", "dated before the date of birth"),
        (_orders({**DEPORTED, "issued_on": "2030-01-01"}),
         "immigration.previous_orders", "after the assessment date"),
        (_orders({**DEPORTED, "issued_on": "2015-01-01"}, entry_date="2010-01-01"),
         "immigration.previous_orders", "on or after the entry"),
        (_orders({"kind": "departure_order"}, entry_mode="born_in_japan"),
         "immigration.previous_orders", "began with birth in Japan"),
        ({**_orders(DEPORTED), "residence": {"previous_deportation_procedure": False}},
         "residence.previous_deportation_procedure", "recorded as none"),
        (_orders({"kind": "exile"}), "immigration.previous_orders[0].kind", "Input should be"),
    ],
)  # fmt: skip
def test_an_impossible_previous_order_is_refused_naming_person_and_field(member, field, words):
    text = _refusal(**member)
    assert "household 'h1', member 'p1'" in text
    assert f"field '{field}'" in text and words in text


# --- schooling --------------------------------------------------------------------------------

CHILD = {"id": "c1", "role": "child", "date_of_birth": "2012-05-01", "born_in_japan": True}


def _schooling(school: dict[str, object]) -> tuple[object, set[str]]:
    """The 2023 measure's schooling requirement for the child, and the facts it still needs."""
    household = {"id": "h1", "members": [{**CHILD, "school": school}]}
    result = assess_household(load_household(json.dumps(household), "h.json"), AS_OF)
    (policy,) = [p for p in result.policies if p.policy_id == "children-2023"]
    (person,) = policy.persons
    (condition,) = [c for c in person.conditions if c.id == "child_enrolled_by_reference"]
    return condition.value, {f.column for f in person.missing_facts}


def test_an_empty_complete_school_history_means_never_enrolled():
    row = _row(school={"enrolments": []})
    assert (row["school_enrolled_ever"], row["school_level"]) == (False, "none")


def test_not_enrolled_now_with_the_past_unknown_leaves_the_history_unknown():
    row = _row(school={"extent": "not_enrolled_now_past_unknown", "enrolments": []})
    assert row["school_enrolled_ever"] is None
    assert row["school_first_start"] is None and row["school_level"] is None
    assert row["school_ongoing"] is False and row["school_current_local"] is False


def test_not_enrolled_now_with_a_known_enrolment_was_enrolled_but_its_first_start_is_unknown():
    enrolment = {"level": "elementary", "start": "2019-04-01", "end": "2021-03-31"}
    school = {"extent": "not_enrolled_now_past_unknown", "enrolments": [enrolment]}
    row = _row(school=school)
    assert row["school_enrolled_ever"] is True
    assert row["school_first_start"] is None  # an unlisted earlier enrolment is possible


def test_the_2023_measure_reads_never_enrolled_as_not_met_and_unknown_history_as_unknown():
    never, never_missing = _schooling({"enrolments": []})
    assert never is False and "school_enrolled_ever" not in never_missing
    unknown, missing = _schooling({"extent": "not_enrolled_now_past_unknown", "enrolments": []})
    assert unknown is None and "school_enrolled_ever" in missing


def test_not_enrolled_now_with_an_open_enrolment_is_refused():
    school = {"extent": "not_enrolled_now_past_unknown",
              "enrolments": [{"level": "elementary", "start": "2019-04-01"}]}  # fmt: skip
    text = _refusal(school=school)
    assert "field 'school'" in text and "not enrolled now" in text


# --- the same checks on a caseload ----------------------------------------------------------


@pytest.mark.parametrize(
    "columns",
    [
        {"prostitution": "false", "procured_prostitution": "true"},
        {"prostitution": "true", "prostitution_by_self": "false", "procured_prostitution": "false"},
        {"prostitution_by_self": "true"},  # either left empty: the policies read either
    ],
)
def test_a_caseload_row_whose_prostitution_columns_disagree_is_refused(tmp_path, columns):
    frame = pl.DataFrame([{"household_id": "h1", "person_id": "p1", "role": "parent", **columns},
                          {"household_id": "h2", "person_id": "p2", "role": "parent"}])  # fmt: skip
    frame.write_csv(tmp_path / "c.csv")
    plan = default_catalogue().get("children-2023")
    run_batch(tmp_path / "c.csv", tmp_path / "o.csv", [plan], AS_OF, errors=tmp_path / "e.csv")
    problems = pl.read_csv(tmp_path / "e.csv", infer_schema=False).to_dicts()
    assert [(p["household_id"], p["column"]) for p in problems] == [("h1", "prostitution")]
    assert "prostitution" in problems[0]["problem"]


# --- home-language schools: one reading for every policy ------------------------------------


@pytest.mark.parametrize(
    ("mark", "counted"), [({}, True), ({"home_language_school": False}, True),
                          ({"home_language_school": True}, False)]
)  # fmt: skip
def test_a_current_enrolment_counts_unless_it_is_marked_as_a_home_language_school(mark, counted):
    enrolment = {"level": "junior_high", "start": "2024-04-01", **mark}
    row = _row(school={"enrolments": [enrolment]})
    assert row["school_current_local"] is counted
    assert row["school_enrolled_ever"] is counted


def test_the_2024_guideline_reads_an_unmarked_school_as_the_2023_measure_does():
    """Both policies count an enrolment not marked home-language (they used to differ)."""
    child = {**CHILD, "date_of_birth": "2011-07-08"}
    child["school"] = {"enrolments": [{"level": "junior_high", "start": "2024-04-01"}]}
    household = {"id": "h1", "members": [child]}
    result = assess_household(load_household(json.dumps(household), "h.json"), date(2025, 1, 1))
    values = {
        (p.policy_id, c.id): c.value
        for p in result.policies
        for c in p.persons[0].conditions
        if c.id in ("children_educated_in_japan", "child_enrolled_by_reference")
    }
    assert values == {
        ("children-2023", "child_enrolled_by_reference"): True,
        ("guidelines-2024", "children_educated_in_japan"): True,
    }
