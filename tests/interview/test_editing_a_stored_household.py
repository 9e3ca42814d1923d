"""An interview that starts from a stored household builds it back exactly, and changes only
what is answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zairyu.interview.questions import BY_PATH
from zairyu.interview.state import FIXED, Interview, InterviewError, key

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("[0-9]*.json"))


def stored(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_untouched_edit_builds_the_stored_household_back_exactly(example):
    household = stored(example)
    interview = Interview.from_case(household, "case-1", 3, [*BY_PATH])
    assert interview.household_dict() == household
    again = Interview.from_json(interview.to_json())
    assert again.household_dict() == household
    assert (again.case_id, again.version) == ("case-1", 3)


def test_an_answer_changes_that_fact_only():
    household = stored(EXAMPLES[1])
    interview = Interview.from_case(household, "case-1", 1, [*BY_PATH])
    interview.answer("p1", "wishes_to_stay", False)
    changed = interview.household_dict()
    assert changed["members"][0]["wishes_to_stay"] is False
    changed["members"][0]["wishes_to_stay"] = household["members"][0]["wishes_to_stay"]
    assert changed == household


def test_dont_know_on_a_stored_fact_makes_it_unknown():
    household = stored(EXAMPLES[1])
    interview = Interview.from_case(household, "case-1", 1, [*BY_PATH])
    interview.answer("p1", "immigration.entry_date", None)
    assert "entry_date" not in interview.household_dict()["members"][0]["immigration"]


def test_without_an_answer_the_stored_fact_is_gone_too():
    household = stored(EXAMPLES[1])
    interview = Interview.from_case(household, "case-1", 1, [*BY_PATH])
    without = interview.without(key("p1", "wishes_to_stay"))
    assert "wishes_to_stay" not in without.household_dict()["members"][0]
    assert interview.household_dict()["members"][0]["wishes_to_stay"] is True


def test_a_stored_fact_the_question_cannot_show_is_kept_and_cannot_be_answered():
    household = stored(EXAMPLES[1])
    interview = Interview.from_case(
        household, "case-1", 1, [*BY_PATH], lambda path, value: path != "school.enrolments"
    )
    fixed = key("c1", "school.enrolments")
    assert fixed in interview.fixed
    with pytest.raises(InterviewError, match="more detail"):
        interview.answer("c1", "school.enrolments", [])
    assert FIXED.startswith("The case records")
    assert interview.household_dict() == household


def test_a_state_that_names_a_case_without_its_version_is_refused():
    interview = Interview.from_case(stored(EXAMPLES[1]), "case-1", 1, [*BY_PATH])
    raw = json.loads(interview.to_json())
    raw["version"] = None
    with pytest.raises(InterviewError, match="start again"):
        Interview.from_json(json.dumps(raw))


def test_dont_know_on_the_only_fact_of_a_group_removes_the_group():
    household = stored(EXAMPLES[1])
    interview = Interview.from_case(household, "case-1", 1, [*BY_PATH])
    interview.answer("c1", "school.enrolments", None)
    assert "school" not in interview.household_dict()["members"][2]


def test_dont_know_on_a_required_fact_of_a_group_removes_the_group_with_its_defaults():
    household = stored(EXAMPLES[1])
    household["members"][2]["school"]["extent"] = "complete"
    interview = Interview.from_case(household, "case-1", 1, [*BY_PATH])
    without = interview.without(key("c1", "school.enrolments"))
    assert "school" not in without.household_dict()["members"][2]
