"""An assessment as the pages show it, in the words of the text explanation.

The one adapter between the pages and ``zairyu.report``: headings, marks, "yes/no/unknown",
the for-and-against split and the labels of roles and facts all come from
``zairyu.report.explanation`` and ``zairyu.report.labels``, so the page and the text say the
same thing. When the services layer brings the "presumptive" level, it plugs in here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from zairyu.engine.assessment import ConditionResult, HouseholdAssessment, PersonResult
from zairyu.engine.plan import UNDETERMINED
from zairyu.i18n import Lang
from zairyu.model.columns import COLUMNS
from zairyu.policies.loader import load_sources
from zairyu.report.explanation import AGAINST_KINDS, FOR_KINDS, MARK, WORDS, _value
from zairyu.report.labels import fact_label, role_label


@dataclass
class ConditionView:
    mark: str
    value: bool | None
    text: str
    source: str
    source_title: str
    source_url: str | None
    pinpoint: str
    status: str
    quote: str | None
    reading: str | None
    facts: str


@dataclass
class PersonView:
    person_id: str
    role: str
    outcome: str
    outcome_text: str
    conditions: list[ConditionView]
    held_for: list[ConditionView] = field(default_factory=list)
    held_against: list[ConditionView] = field(default_factory=list)
    unknown_factors: list[ConditionView] = field(default_factory=list)
    weighs: bool = False
    missing: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class PolicyView:
    policy_id: str
    version: str
    title: str
    disclaimer: str
    persons: list[PersonView]


@dataclass
class AssessmentView:
    words: dict[str, str]
    household_id: str
    as_of: date
    policies: list[PolicyView]

    def summary(self) -> list[tuple[str, str, str, str, str]]:
        """(policy title, person, role, outcome code, outcome text): the summary lines."""
        return [
            (p.title, r.person_id, r.role, r.outcome, r.outcome_text)
            for p in self.policies
            for r in p.persons
        ]

    def undetermined(self) -> int:
        return sum(1 for p in self.policies for r in p.persons if r.outcome == UNDETERMINED)


@cache
def _sources() -> dict[str, Any]:
    return load_sources()


def _condition(c: ConditionResult, lang: Lang) -> ConditionView:
    cite = c.citation
    source = _sources().get(cite["source"])
    facts = ", ".join(f"{fact_label(k, lang)} = {_value(v, lang)}" for k, v in c.inputs.items())
    return ConditionView(
        mark=MARK[c.value],
        value=c.value,
        text=c.text[lang],
        source=cite["source"],
        source_title=getattr(source.title, lang) if source else cite["source"],
        source_url=source.url if source else None,
        pinpoint=cite["pinpoint"],
        status=cite["status"],
        quote=cite.get("quote"),
        reading=c.reading[lang] if c.reading else None,
        facts="" if c.composite else facts,
    )


def _person(
    person: PersonResult, outcomes: dict[str, dict[str, str]], lang: Lang, detail: bool
) -> PersonView:
    if not detail:
        return PersonView(
            person.person_id, role_label(person.role, lang), person.outcome,
            person.outcome_text[lang], [],
        )  # fmt: skip
    w = WORDS[lang]
    conditions = [_condition(c, lang) for c in person.conditions]
    by_id = dict(zip((c.id for c in person.conditions), conditions, strict=True))
    weighed = [c for c in person.conditions if c.kind in FOR_KINDS + AGAINST_KINDS]
    view = PersonView(
        person_id=person.person_id,
        role=role_label(person.role, lang),
        outcome=person.outcome,
        outcome_text=person.outcome_text[lang],
        conditions=conditions,
        weighs=any(c.kind.startswith(("positive", "negative")) for c in weighed),
    )
    if view.weighs:
        view.held_for = [by_id[c.id] for c in weighed if c.kind in FOR_KINDS and c.value is True]
        view.held_against = [
            by_id[c.id] for c in weighed if c.kind in AGAINST_KINDS and c.value is True
        ]
        view.unknown_factors = [by_id[c.id] for c in weighed if c.value is None]
    view.missing = [
        f"{f.person_id}: {fact_label(f.column, lang)} ({COLUMNS[f.column].source})"
        for f in person.missing_facts
    ]
    view.changes = [
        f" {w['or']} ".join(f"{ch.text[lang]} ({ch.person_id})" for ch in cf.changes)
        + f" {w['to']} {outcomes[cf.outcome][lang]}"
        for cf in person.counterfactuals
    ]
    return view


def explain(assessment: HouseholdAssessment, lang: Lang, *, detail: bool = True) -> AssessmentView:
    """The assessment in ``lang``, ready for a template; without ``detail``, only the outcomes
    (the interview's provisional result)."""
    return AssessmentView(
        words=WORDS[lang],
        household_id=assessment.household_id,
        as_of=assessment.as_of,
        policies=[
            PolicyView(
                policy_id=p.policy_id,
                version=p.policy_version,
                title=p.title[lang],
                disclaimer=p.disclaimer[lang],
                persons=[_person(r, p.outcomes, lang, detail) for r in p.persons],
            )
            for p in assessment.policies
        ],
    )
