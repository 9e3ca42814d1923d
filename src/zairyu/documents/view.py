"""The one adapter from an assessment to what the document templates show.

Every word that describes a result comes from ``zairyu.report`` (the same wording as the text
explanation): the headings of ``report.explanation.WORDS``, the role and fact names of
``report.labels``, and the policies' own texts (conditions, outcomes, readings, disclaimers).
The templates only lay these out. When ``zairyu.report`` gains the presumptive second level of
results, it is mapped here (``Level``) and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from zairyu.documents.words import Words, value_text
from zairyu.engine.assessment import (
    ConditionResult,
    HouseholdAssessment,
    PersonResult,
    PolicyAssessment,
)
from zairyu.engine.compiled import UNDETERMINED
from zairyu.i18n import format_date_value
from zairyu.model.dates import ImpreciseDate, from_text
from zairyu.model.household import Household
from zairyu.model.table import COLUMNS, Value
from zairyu.policies.loader import load_sources
from zairyu.policies.schema import Source
from zairyu.report.labels import fact_label, missing_label, role_label
from zairyu.report.view import AGAINST_KINDS, FOR_KINDS, mark_word, who

# Condition kinds whose holding (True) speaks for the person: a requirement met, a ground, a
# positive factor. Their recorded facts are the ones worth proving (the evidence checklist).
FAVOURABLE_KINDS = ("requirement", "family", "guardian", "procedure", *FOR_KINDS)


@cache
def sources() -> dict[str, Source]:
    return load_sources()


@dataclass(frozen=True)
class CitationView:
    title: str
    pinpoint: str
    status: str
    url: str | None
    quote: str | None


@dataclass(frozen=True)
class ConditionView:
    state: str  # "yes", "no" or "unknown": a CSS class, never printed
    mark: str  # the word shown (該当 / yes ...)
    text: str
    citation: CitationView
    facts: list[tuple[str, str]]
    reading: str | None


@dataclass(frozen=True)
class Level:
    """One level of result for a person. Today one ("strict"); the presumptive level of
    ``zairyu.report`` will add a second, with its assumptions."""

    label: str | None
    outcome: str
    settled: bool
    assumptions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MissingView:
    person: str
    fact: str
    column: str


@dataclass(frozen=True)
class PersonView:
    person_id: str
    name: str
    role: str
    levels: list[Level]
    conditions: list[ConditionView]
    facts: list[tuple[str, str]]
    for_factors: list[ConditionView]
    against_factors: list[ConditionView]
    unknown_factors: list[ConditionView]
    missing: list[MissingView]
    changes: list[str]


@dataclass(frozen=True)
class ConditionRow:
    """One condition of a policy, once, with each person's mark (``None``: does not apply to
    that person's role)."""

    text: str
    citation: CitationView
    reading: str | None
    marks: list[ConditionView | None]


@dataclass(frozen=True)
class PolicyView:
    policy_id: str
    version: str
    title: str
    disclaimer: str
    persons: list[PersonView]
    tables: list[tuple[list[PersonView], list[ConditionRow]]]


@dataclass(frozen=True)
class MemoView:
    words: Words
    household: str
    as_of: str
    policies: list[PolicyView]
    gather: list[MissingView]


def display_name(household: Household, person_id: str) -> str:
    """The person as the reader sees them: the display name with the id (report.who), else
    the id alone."""
    try:
        person = household.member(person_id)
    except KeyError:
        return person_id
    return who(person_id, {person_id: person.display_name} if person.display_name else None)


def household_name(household: Household) -> str:
    name = getattr(household, "display_name", None)
    return str(name) if name else household.id


def format_value(value: Value, column: str, words: Words) -> str:
    if value is None:
        return words.report("unknown")
    if isinstance(value, bool):
        return words.report("yes" if value else "no")
    if isinstance(value, date):
        return words.day(value)
    if isinstance(value, str):
        written = from_text(value) if COLUMNS[column].kind == "date" else None
        if isinstance(written, ImpreciseDate):  # a month, a year, an age: as written
            return format_date_value(written, words.lang)
        return value_text(column, value, words)
    return str(value)


def citation_view(citation: dict[str, object], words: Words) -> CitationView:
    sid = str(citation["source"])
    source = sources().get(sid)
    title = getattr(source.title, words.lang) if source else sid
    quote = citation.get("quote")
    return CitationView(
        title=title,
        pinpoint=str(citation["pinpoint"]),
        status=words.status(str(citation["status"])),
        url=source.url if source else None,
        quote=str(quote) if quote else None,
    )


def condition_view(c: ConditionResult, words: Words) -> ConditionView:
    state = {True: "yes", False: "no", None: "unknown"}[c.value]
    facts = (
        []
        if c.composite
        else [(fact_label(k, words.lang), format_value(v, k, words)) for k, v in c.inputs.items()]
    )
    return ConditionView(
        state=state,
        mark=mark_word(c, words.lang),
        text=c.text[words.lang],
        citation=citation_view(c.citation, words),
        facts=facts,
        reading=c.reading[words.lang] if c.reading else None,
    )


def levels(person: PersonResult, words: Words) -> list[Level]:
    """The result levels shown for a person: the strict result and, where the engine gives
    one, the presumptive result beside it with every assumption it makes."""
    lang = words.lang
    strict = Level(
        label=None, outcome=person.outcome_text[lang], settled=person.outcome != UNDETERMINED
    )
    presumptive = getattr(person, "presumptive", None)
    if presumptive is None:
        return [strict]
    assumptions = [a.text[lang] for a in presumptive.assumptions if a.verify_first]
    return [
        Level(words.t("Strict"), strict.outcome, strict.settled),
        Level(
            words.report("presumptive"),
            presumptive.outcome_text[lang],
            presumptive.outcome != UNDETERMINED,
            assumptions,
        ),
    ]


def missing_views(person: PersonResult, household: Household, words: Words) -> list[MissingView]:
    lang = words.lang
    return [
        MissingView(
            display_name(household, f.person_id), missing_label(f.column, f.written, lang), f.column
        )
        for f in person.missing_facts
    ]


def change_text(
    person: PersonResult, outcomes: dict[str, dict[str, str]], household: Household, words: Words
) -> list[str]:
    lang, joiner = words.lang, f" {words.conjunction} "
    return [
        joiner.join(
            f"{ch.text[lang]}{words.paren(display_name(household, ch.person_id))}"
            for ch in cf.changes
        )
        + f" {words.report('to')} {outcomes[cf.outcome][lang]}"
        for cf in person.counterfactuals
    ]


def known_facts(person: PersonResult, words: Words) -> list[tuple[str, str]]:
    """The recorded facts the person's conditions read, each once (unknowns are listed as
    missing instead)."""
    seen: dict[str, Value] = {}
    for c in person.conditions:
        if not c.composite:
            seen.update({k: v for k, v in c.inputs.items() if v is not None and k not in seen})
    return [(fact_label(k, words.lang), format_value(v, k, words)) for k, v in seen.items()]


def person_view(
    person: PersonResult, policy: PolicyAssessment, household: Household, words: Words
) -> PersonView:
    conditions = [condition_view(c, words) for c in person.conditions]
    kinds = [c.kind for c in person.conditions]
    weighs = any(k.startswith(("positive", "negative")) for k in kinds)
    pairs = list(zip(person.conditions, conditions, strict=True))

    def held(group: tuple[str, ...]) -> list[ConditionView]:
        return [v for c, v in pairs if weighs and c.kind in group and c.value is True]

    return PersonView(
        person_id=person.person_id,
        name=display_name(household, person.person_id),
        role=role_label(person.role, words.lang),
        levels=levels(person, words),
        conditions=conditions,
        facts=known_facts(person, words),
        for_factors=held(FOR_KINDS),
        against_factors=held(AGAINST_KINDS),
        unknown_factors=[
            v
            for c, v in pairs
            if weighs and c.kind in FOR_KINDS + AGAINST_KINDS and c.value is None
        ],
        missing=missing_views(person, household, words),
        changes=change_text(person, policy.outcomes, household, words),
    )


PERSONS_PER_TABLE = 5


def condition_tables(
    policy: PolicyAssessment, persons: list[PersonView]
) -> list[tuple[list[PersonView], list[ConditionRow]]]:
    """The policy's conditions, each once, with a column of marks per person; at most
    ``PERSONS_PER_TABLE`` persons to a table, so a large household stays on the page."""
    tables = []
    for start in range(0, len(persons), PERSONS_PER_TABLE):
        group = list(range(start, min(start + PERSONS_PER_TABLE, len(persons))))
        order: dict[str, ConditionView] = {}
        for i in group:
            for c, v in zip(policy.persons[i].conditions, persons[i].conditions, strict=True):
                order.setdefault(c.id, v)
        marks = {
            i: {
                c.id: v
                for c, v in zip(policy.persons[i].conditions, persons[i].conditions, strict=True)
            }
            for i in group
        }
        rows = [
            ConditionRow(v.text, v.citation, v.reading, [marks[i].get(cid) for i in group])
            for cid, v in order.items()
        ]
        tables.append(([persons[i] for i in group], rows))
    return tables


def policy_view(policy: PolicyAssessment, household: Household, words: Words) -> PolicyView:
    persons = [person_view(person, policy, household, words) for person in policy.persons]
    return PolicyView(
        policy_id=policy.policy_id,
        version=policy.policy_version,
        title=policy.title[words.lang],
        disclaimer=policy.disclaimer[words.lang],
        persons=persons,
        tables=condition_tables(policy, persons),
    )


def gather_list(
    assessment: HouseholdAssessment, household: Household, words: Words
) -> list[MissingView]:
    """What to gather next: every missing fact once, in the order first needed."""
    seen: dict[tuple[str, str], MissingView] = {}
    for policy in assessment.policies:
        for person in policy.persons:
            for fact in person.missing_facts:
                key = (fact.person_id, fact.column)
                if key not in seen:
                    name = display_name(household, fact.person_id)
                    label = missing_label(fact.column, fact.written, words.lang)
                    seen[key] = MissingView(name, label, fact.column)
    return list(seen.values())


def memo_view(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
) -> MemoView:
    return MemoView(
        words=words,
        household=household_name(household),
        as_of=words.day(assessment.as_of),
        policies=[policy_view(p, household, words) for p in assessment.policies],
        gather=gather_list(assessment, household, words),
    )


def favourable_facts(person: PersonResult) -> dict[str, Value]:
    """The recorded facts (own columns, known values) behind conditions that hold in the
    person's favour."""
    found: dict[str, Value] = {}
    for c in person.conditions:
        if c.kind in FAVOURABLE_KINDS and c.value is True and not c.composite:
            found.update({k: v for k, v in c.inputs.items() if v not in (None, False, 0, "none")})
    return found


def facts_to_settle(assessment: HouseholdAssessment) -> dict[str, list[str]]:
    """Per person holding the fact, the unknown facts some result waits for."""
    found: dict[str, list[str]] = {}
    for policy in assessment.policies:
        for person in policy.persons:
            for fact in person.missing_facts:
                columns = found.setdefault(fact.person_id, [])
                if fact.column not in columns:
                    columns.append(fact.column)
    return found


def facts_to_prove(assessment: HouseholdAssessment) -> dict[str, dict[str, Value]]:
    """Per person, the recorded facts behind results in their favour, under any policy."""
    found: dict[str, dict[str, Value]] = {}
    for policy in assessment.policies:
        for person in policy.persons:
            found.setdefault(person.person_id, {}).update(favourable_facts(person))
    return found
