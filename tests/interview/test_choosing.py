"""The next question, the stop, and what the interview ends with."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from zairyu.engine.assessment import assess
from zairyu.interview.choosing import candidates, needed_answers, step
from zairyu.interview.measure import count_questions, full_form_fields, known_value
from zairyu.interview.questions import BY_COLUMN, QUESTIONS
from zairyu.interview.state import Interview
from zairyu.model.columns import COLUMNS
from zairyu.model.household import Household

AS_OF = date(2025, 6, 1)
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.json"))


def outcomes(household: Household) -> list[tuple[str, str, str]]:
    result = assess(household, AS_OF, counterfactuals=False)
    return [(p.policy_id, r.person_id, r.outcome) for p in result.policies for r in p.persons]


def test_every_fact_column_is_settled_by_some_question():
    # Ids and roles are the household itself; who is whose parent is not asked: a screening
    # reads its members by roles, as a household file that names no parents is read
    # (docs/web.md), and editing a stored case keeps the parents it names.
    left = [c for c in COLUMNS if c not in BY_COLUMN]
    assert left == ["household_id", "person_id", "role", "parents"]


def test_an_empty_household_is_asked_a_question_and_is_not_done():
    first = step(Interview.with_members({"parent": 1, "child": 1}), AS_OF)
    assert not first.done
    assert first.next is not None
    assert first.undetermined() > 0


def test_the_first_question_is_the_one_most_undetermined_results_depend_on():
    interview = Interview.with_members({"parent": 1, "child": 1})
    ranked = step(interview, AS_OF).candidates
    assert ranked[0].results == max(c.results for c in ranked)
    assert ranked[0].results > ranked[-1].results


def test_one_none_to_convictions_settles_every_conviction_column():
    interview = Interview.with_members({"parent": 1})
    before = {c.key for c in step(interview, AS_OF).candidates}
    assert "p1|record.convictions" in before
    interview.answer("p1", "record.convictions", [])
    after = step(interview, AS_OF)
    missing = {
        f.column for p in after.assessment.policies for r in p.persons for f in r.missing_facts
    }
    assert not {c for c in missing if c.startswith(("convicted_", "conviction_", "life_"))}


def test_dont_know_is_recorded_and_not_asked_again():
    interview = Interview.with_members({"parent": 1, "child": 1})
    first = step(interview, AS_OF).next
    assert first is not None
    interview.answer(first.subject, first.question.path, None)
    assert first.key in interview.unknown
    assert first.key not in {c.key for c in step(interview, AS_OF).candidates}
    interview.reopen(first.subject, first.question.path)
    assert first.key in {c.key for c in step(interview, AS_OF).candidates}


def test_an_answer_that_makes_the_household_invalid_is_refused_and_the_old_one_kept():
    interview = Interview.with_members({"child": 1})
    interview.answer("c1", "immigration.deportation_order_date", "2016-10-04")
    with pytest.raises(ValueError, match="deportation_order"):
        interview.answer("c1", "immigration.deportation_order", False)
    assert "c1|immigration.deportation_order" not in interview.answers


def test_the_state_survives_a_round_trip_through_json():
    interview = Interview.with_members({"parent": 2, "child": 1})
    interview.answer("p1", "date_of_birth", "1980-05-12")
    interview.answer("c1", "wishes_to_stay", None)
    again = Interview.from_json(interview.to_json())
    assert again == interview


def test_a_tampered_state_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="start again"):
        Interview.from_json('{"members": "x"}')


def test_an_answer_no_longer_needed_is_told_apart():
    interview = Interview.with_members({"parent": 1, "child": 1})
    interview.answer("p1", "nationality", "PHL")
    interview.answer("c1", "immigration.deportation_order", True)
    needed = needed_answers(interview, AS_OF)
    assert "p1|nationality" not in needed
    assert "c1|immigration.deportation_order" in needed


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_interview_ends_with_the_outcomes_of_the_full_household(path):
    raw = json.loads(path.read_text())
    interview = Interview(members=[(m["id"], m["role"]) for m in raw["members"]])
    current = step(interview, AS_OF)
    while current.next is not None:
        c = current.next
        interview.answer(c.subject, c.question.path, known_value(raw, c.subject, c.question.path))
        current = step(interview, AS_OF)
    assert candidates(interview, current.assessment) == []
    asked = [
        (p.policy_id, r.person_id, r.outcome)
        for p in current.assessment.policies
        for r in p.persons
    ]
    assert asked == outcomes(Household.model_validate(raw))


def test_the_interview_asks_at_most_40_percent_of_a_full_form_on_average():
    counts = [count_questions(json.loads(p.read_text()), AS_OF) for p in EXAMPLES]
    assert sum(c.share for c in counts) / len(counts) <= 0.40
    assert all(c.full_form == full_form_fields(c.members) for c in counts)
    household = sum(1 for q in QUESTIONS if q.scope == "household")
    assert full_form_fields(1) == sum(1 for q in QUESTIONS if q.scope == "person") + household


def test_the_legal_status_of_each_member_is_asked_first_while_a_result_is_open():
    interview = Interview.with_members({"parent": 1, "child": 1})
    ranked = step(interview, AS_OF).candidates
    assert {c.key for c in ranked[:2]} == {"p1|legal_status", "c1|legal_status"}
    interview.answer("p1", "legal_status", "japanese_national")
    after = step(interview, AS_OF)
    assert "p1|legal_status" not in {c.key for c in after.candidates}
    assert not any(c.subject == "p1" for c in after.candidates)  # nothing else asked of them
