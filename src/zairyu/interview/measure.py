"""How many questions the interview asks for a household whose facts are known, against the
fields a full form would show: start with only the members, answer each question from the
household's own facts ("don't know" where the household leaves the fact unknown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from zairyu.interview.choosing import step
from zairyu.interview.questions import QUESTIONS
from zairyu.interview.state import HOUSEHOLD, Interview, get_path

MAX_STEPS = 500


@dataclass(frozen=True)
class Count:
    household_id: str
    members: int
    asked: int
    dont_know: int
    full_form: int
    undetermined_left: int

    @property
    def share(self) -> float:
        return self.asked / self.full_form


def full_form_fields(members: int) -> int:
    """The fields a form asking every question of the table would show."""
    person = sum(1 for q in QUESTIONS if q.scope == "person")
    return person * members + sum(1 for q in QUESTIONS if q.scope == "household")


def known_value(household: dict[str, Any], subject: str, path: str) -> Any:
    if subject == HOUSEHOLD:
        return get_path(household, path)
    for member in household["members"]:
        if member["id"] == subject:
            return get_path(member, path)
    return None


def count_questions(household: dict[str, Any], as_of: date) -> Count:
    """Run the interview on ``household``'s facts and count the questions asked."""
    interview = Interview(members=[(m["id"], m["role"]) for m in household["members"]])
    current = step(interview, as_of)
    while current.next is not None and len(interview.asked) < MAX_STEPS:
        asked = current.next
        interview.answer(
            asked.subject,
            asked.question.path,
            known_value(household, asked.subject, asked.question.path),
        )
        current = step(interview, as_of)
    return Count(
        household_id=str(household["id"]),
        members=len(interview.members),
        asked=len(interview.asked),
        dont_know=len(interview.unknown),
        full_form=full_form_fields(len(interview.members)),
        undetermined_left=current.undetermined(),
    )
