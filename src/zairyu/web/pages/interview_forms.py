"""A question's form fields to an answer value (the household field's JSON), and back.

Each kind of question has its controls: yes/no, a date, a choice, a number, a text; and the
compound ones: convictions ("no", or the most serious conviction), school ("never", or the
latest school and when elementary school began), deportation grounds (several, or none), and
special circumstances (asserted, with the written reasons).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import ImmutableMultiDict

from zairyu.interview.questions import BY_PATH, SUSPENSIONS, Question
from zairyu.interview.state import InterviewError, get_path, set_path
from zairyu.model.dates import PERIODS, dump_date, earliest, parse_date, parse_day_or_period
from zairyu.model.household import Household

REASONS_PATH = "humanitarian.special_circumstances_reasons"
# The sentences of a refused answer (the question is on the page just above them); the page
# translates them (rendering.PAGE_MESSAGES lists them for the catalog).
DATE = (
    "Write the date as YYYY-MM-DD, or as YYYY-MM or YYYY when only the month or the year is known."
)
DAY = "Write the date as YYYY-MM-DD."
BIRTH = (
    "Write the date of birth, or the age and the day it was stated, or the day on which the "
    "person was known to be a minor; days as YYYY-MM-DD."
)
BIRTH_PATH = "date_of_birth"
NUMBER = "Write a whole number, within the range the field allows."
CHOOSE = "Choose one of the answers."
TEXT = "Write at most 64 characters."
GROUNDS = "Tick the grounds that apply, or “None of these”."
MESSAGES = (DATE, DAY, NUMBER, CHOOSE, TEXT, GROUNDS)
YES_NO = ("yes", "no")


class Form:
    """The posted fields (a Starlette form, or a dict of lists in tests)."""

    def __init__(self, fields: Any) -> None:
        self.fields = fields

    def one(self, name: str) -> str:
        value = self.fields.get(name)
        return str(value).strip() if value is not None else ""

    def many(self, name: str) -> list[str]:
        return [str(v) for v in self.fields.getlist(name) if str(v).strip()]


def _day(text: str) -> str:
    """An exact day (the school periods of the compound question are compared as days)."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InterviewError(DAY) from None


def _date(text: str) -> Any:
    """A date as the household format takes it: a day, or a month or a year when only that is
    known (one definition: ``zairyu.model.dates``)."""
    try:
        return dump_date(parse_day_or_period(text))
    except ValueError:
        raise InterviewError(DATE) from None


def _birth(form: Form) -> Any:
    """A date of birth as the household format takes it: a day, a month or a year; or, when
    the date is not known, an age on a stated day or "a minor" on a stated day (one definition:
    ``zairyu.model.dates``)."""
    value, age, on, minor_on = (form.one(n) for n in ("value", "age", "age_on", "minor_on"))
    try:
        if value:
            return dump_date(parse_date(value, PERIODS))
        if age or on:
            if not age.isdigit():
                raise ValueError("no age")
            return dump_date(parse_date({"age": int(age), "on": on}))
        if minor_on:
            return dump_date(parse_date({"minor_on": minor_on}))
    except ValueError:
        raise InterviewError(BIRTH) from None
    raise InterviewError(BIRTH)


def _count(text: str, top: int = 1200) -> int:
    if not text.isdigit() or int(text) > top:
        raise InterviewError(NUMBER)
    return int(text)


def _choice(text: str, choices: tuple[str, ...]) -> str:
    if text not in choices:
        raise InterviewError(CHOOSE)
    return text


def parse(question: Question, form: Form) -> Any:
    """The answer's value, or ``InterviewError`` with a sentence naming the field."""
    value = form.one("value")
    if question.kind == "bool":
        return {"yes": True, "no": False}[_choice(value, YES_NO)]
    if question.kind == "date" and question.path == BIRTH_PATH:
        return _birth(form)
    if question.kind == "date":
        return _date(value)
    if question.kind == "enum":
        return _choice(value, question.choices)
    if question.kind == "text":
        if not value or len(value) > 64:
            raise InterviewError(TEXT)
        return value
    if question.kind == "int":
        return _count(value, 100)
    if question.kind == "grounds":
        chosen = form.many("grounds")
        if not chosen:
            raise InterviewError(GROUNDS)
        return [] if "none" in chosen else [_choice(g, question.choices) for g in chosen]
    if question.kind == "orders":  # the same ticks as the grounds; a date is not asked
        chosen = form.many("grounds")
        if not chosen:
            raise InterviewError(GROUNDS)
        return [] if "none" in chosen else [{"kind": _choice(k, question.choices)} for k in chosen]
    if question.kind == "convictions":
        return _convictions(question, form)
    if question.kind == "enrolments":
        return _enrolments(question, form)
    return {"yes": True, "no": False}[_choice(value, YES_NO)]  # special


def _convictions(question: Question, form: Form) -> list[dict[str, Any]]:
    has = _choice(form.one("value"), YES_NO)
    if has == "no":
        return []
    conviction: dict[str, Any] = {
        "offence": _choice(form.one("offence"), question.choices),
        "sentence_months": _count(form.one("sentence_months")),
        "suspension": _choice(form.one("suspension"), SUSPENSIONS),
        "life": form.one("life") == "yes",
    }
    if conviction["suspension"] == "partial":
        conviction["suspended_months"] = _count(form.one("suspended_months"))
    return [conviction]


def _enrolments(question: Question, form: Form) -> list[dict[str, Any]]:
    ever = _choice(form.one("value"), YES_NO)
    if ever == "no":
        return []
    latest: dict[str, Any] = {
        "level": _choice(form.one("level"), question.choices),
        "start": _date(form.one("start")),
        "end": _date(form.one("end")) if form.one("end") else None,
    }
    first_text = form.one("first_start")
    if not first_text:
        return [latest]
    first = parse_day_or_period(first_text)
    latest_start = parse_day_or_period(latest["start"])
    if earliest(first) >= earliest(latest_start):
        return [latest]
    # the earlier elementary period ends the day before the latest began (as far as known)
    earlier_end = (earliest(latest_start) - timedelta(days=1)).isoformat()
    earlier = {"level": "elementary", "start": dump_date(first), "end": earlier_end}
    return [earlier, latest]


def defaults(question: Question, value: Any) -> dict[str, Any]:
    """The controls' current values, to show an answer being changed."""
    if value is None:
        return {}
    if question.kind in ("bool", "special"):
        return {"value": "yes" if value else "no"}
    if question.kind == "grounds":
        return {"grounds": value or ["none"]}
    if question.kind == "orders":
        return {"grounds": [o["kind"] for o in value] or ["none"]}
    if question.kind == "convictions":
        return {"value": "no"} if not value else {"value": "yes", **value[-1]}
    if question.kind == "date" and isinstance(value, dict):  # a date of birth as an age
        if "minor_on" in value:
            return {"minor_on": value["minor_on"]}
        return {"age": str(value.get("age", "")), "age_on": value.get("on", "")}
    if question.kind == "enrolments":
        if not value:
            return {"value": "no"}
        latest = value[-1]
        return {
            "value": "yes",
            **latest,
            "first_start": value[0]["start"] if len(value) > 1 else "",
        }
    return {"value": str(value)}


def fields_for(question: Question, value: Any) -> dict[str, Any]:
    """The form fields that answer ``question`` with ``value`` (the inverse of ``parse``; used
    by tests and the benchmark to answer as a browser would)."""
    if value is None:
        return {"dont_know": "1"}
    found = defaults(question, value)
    if question.kind == "convictions" and value:
        found["life"] = "yes" if found.get("life") else ""
    return {k: ("" if v is None else v) for k, v in found.items() if not isinstance(v, bool)}


def _normal(path: str, value: Any, household_scope: bool) -> Any:
    """``value`` as the household model reads it (defaults filled in), for comparison."""
    person: dict[str, Any] = {"id": "x", "role": "child"}
    household: dict[str, Any] = {"id": "x", "members": [person]}
    set_path(household if household_scope else person, path, value)
    try:
        read = Household.model_validate(household).model_dump(mode="json")
    except ValidationError:
        return None
    return get_path(read if household_scope else read["members"][0], path)


def shown_exactly(path: str, value: Any) -> bool:
    """Whether the question's controls show a stored ``value`` exactly, so that answering it
    again cannot drop detail (three school periods, where the question asks for the latest)."""
    question = BY_PATH[path]
    fields = fields_for(question, value)
    items = [(k, x) for k, v in fields.items() for x in (v if isinstance(v, list) else [v])]
    try:
        again = parse(question, Form(ImmutableMultiDict(items)))
    except InterviewError:
        return False
    scope = question.scope == "household"
    return _normal(path, again, scope) == _normal(path, value, scope)
