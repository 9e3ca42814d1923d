"""An assessment as the pages show it, in the words of the text explanation.

The one adapter between the pages and ``zairyu.report``: the summary (strict and presumptive
levels, what each rests on), what to find out next, the marks, the source lines and the value
words all come from ``zairyu.report.view``, which the text explanation and the PDF documents
use too, so the page, the text and the paper say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from zairyu.engine.assessment import ConditionResult, HouseholdAssessment, PersonResult
from zairyu.engine.compiled import UNDETERMINED
from zairyu.i18n import Lang
from zairyu.policies.loader import load_sources
from zairyu.report import view as report
from zairyu.report.labels import fact_label, missing_label, role_label


@dataclass
class ConditionView:
    mark: str
    value: bool | None
    applicable: bool
    text: str
    source_line: str
    source_url: str | None
    quote: str | None
    reading: str | None
    facts: str


@dataclass
class PersonView:
    person_id: str
    shown_as: str  # the display name with the id, or the id alone (report.who)
    role: str
    outcome: str
    outcome_text: str
    presumptive: str | None
    conditions: list[ConditionView]
    known_by_law: list[str] = field(default_factory=list)
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
    summary: report.AssessmentView
    policies: list[PolicyView]

    def undetermined(self) -> int:
        """Results with neither a strict nor a presumptive indication yet."""
        return sum(
            1
            for p in self.policies
            for r in p.persons
            if r.outcome == UNDETERMINED and r.presumptive is None
        )


@cache
def _sources() -> dict[str, Any]:
    return load_sources()


def _condition(c: ConditionResult, lang: Lang) -> ConditionView:
    source = _sources().get(c.citation["source"])
    facts = ", ".join(
        f"{fact_label(k, lang)}: {report.show_value(k, v, lang)}" for k, v in c.inputs.items()
    )
    return ConditionView(
        mark=report.mark(c),
        value=c.value,
        applicable=c.applicable,
        text=c.text[lang],
        source_line=report.source_line(c, lang),
        source_url=source.url if source else None,
        quote=c.citation.get("quote"),
        reading=c.reading[lang] if c.reading else None,
        facts="" if c.composite else facts,
    )


def _person(
    person: PersonResult, policy: Any, lang: Lang, detail: bool, names: Mapping[str, str] | None
) -> PersonView:
    presumed = person.presumptive
    view = PersonView(
        person_id=person.person_id,
        shown_as=report.who(person.person_id, names),
        role=role_label(person.role, lang),
        outcome=person.outcome,
        outcome_text=person.outcome_text[lang],
        presumptive=(
            presumed.outcome_text[lang]
            if presumed is not None and presumed.outcome != UNDETERMINED
            else None
        ),
        conditions=[],
    )
    if not detail:
        return view
    view.conditions = [_condition(c, lang) for c in person.conditions]
    view.known_by_law = [k.text[lang] for k in person.known_by_law]
    view.missing = list(
        dict.fromkeys(
            f"{f.person_id}: {missing_label(f.column, f.written, lang)}"
            for f in person.missing_facts
        )
    )
    view.changes = report.counterfactual_lines(person, policy, lang)
    return view


def explain(
    assessment: HouseholdAssessment,
    lang: Lang,
    *,
    detail: bool = True,
    names: Mapping[str, str] | None = None,
) -> AssessmentView:
    """The assessment in ``lang``, ready for a template; without ``detail``, only the outcomes
    (the interview's provisional result). ``names``: person id -> display name."""
    _ = report.translate(lang)
    return AssessmentView(
        words={key: _(message) for key, message in report.REPORT_WORDS.items()},
        household_id=assessment.household_id,
        as_of=assessment.as_of,
        summary=report.assessment_view(assessment, lang, names),
        policies=[
            PolicyView(
                policy_id=p.policy_id,
                version=p.policy_version,
                title=p.title[lang],
                disclaimer=p.disclaimer[lang],
                persons=[_person(r, p, lang, detail, names) for r in p.persons],
            )
            for p in assessment.policies
        ],
    )
