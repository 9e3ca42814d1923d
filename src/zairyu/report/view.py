"""What an assessment says, in one language: the words every surface shows.

The text explanation, the web pages and the PDF documents all build on this view, so a family
reads the same sentences on paper, on screen and in the terminal. Interface words are gettext
messages of the ``report`` domain (``zairyu/locale/<lang>/LC_MESSAGES/report.po``); policy
words come from the policy files; fact and value labels from the fact registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from zairyu.engine.assessment import (
    ConditionResult,
    HouseholdAssessment,
    PersonResult,
    PolicyAssessment,
)
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.compiled import UNDETERMINED
from zairyu.i18n import Lang, format_date_value, format_day, gettext
from zairyu.model.columns import COLUMNS, Value
from zairyu.model.dates import from_text
from zairyu.model.household import Household
from zairyu.model.registry import REGISTRY
from zairyu.report.labels import fact_label, role_label, value_label

FAVOURABLE_KINDS = frozenset(
    {"requirement", "family", "guardian", "exception", "ground", "procedure", "weighing"}
    | {"positive_special", "positive_other"}
)
NEUTRAL_WHEN_FALSE = frozenset({"positive_special", "positive_other", "ground", "exception"})
STATUS_WORDS = {
    "CONFIRMED": "wording confirmed",
    "SECONDARY": "secondary source",
    "PARTIAL": "partly confirmed",
    "UNCONFIRMED": "not confirmed",
    "INFERRED": "zairyu's reading",
}
MAX_GATHER = 5
FOR_KINDS = ("ground", "positive_special", "positive_other")  # weighed for the person
AGAINST_KINDS = ("statutory_bar", "negative_special", "negative_other")  # weighed against


# The words of the report catalog by the short keys the templates use.
REPORT_WORDS = {
    "title": "Special permission to stay: assessment",
    "household": "Household",
    "as_of": "Assessed as of",
    "summary": "Summary",
    "person": "Person",
    "outcome": "Assessment",
    "missing": "Facts still missing",
    "gather": "What to find out next",
    "why": "Why (conditions and sources)",
    "changes": "What could change the assessment",
    "source": "Source",
    "reading": "Reading",
    "weighing": "Factors weighed, side by side",
    "for": "For (toward permission)",
    "against": "Against (toward deportation)",
    "unknown_factors": "Unknown (could change the direction once known)",
    "none": "none",
    "unknown": "unknown",
    "yes": "yes",
    "no": "no",
    "and": "and",
    "to": "→",
    "presumptive": "If nothing unrecorded weighs against them",
    "assumes": "Assumes (verify first)",
    "quote": "Quote",
    "note": "Note",
    "known_by_law": "Known by law",
    "not_applicable": "does not apply",
}


def translate(lang: Lang) -> Callable[[str], str]:
    """The gettext function of the ``report`` domain in ``lang``."""
    return lambda message: gettext(lang, "report", message)


@dataclass(frozen=True)
class PersonGroup:
    """Members with the same result under one policy, shown on one line."""

    persons: str
    strict: str
    presumptive: str | None = None
    assumes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PolicyView:
    policy_id: str
    title: str
    groups: list[PersonGroup]
    notes: list[str]


@dataclass(frozen=True)
class GatherItem:
    question: str
    persons: str
    results: int
    count: str  # "4 result(s) depend on it", in the language


@dataclass(frozen=True)
class AssessmentView:
    title: str
    notice: str
    household_id: str
    as_of: str
    policies: list[PolicyView]
    gather: list[GatherItem]
    disclaimers: list[str]  # each policy's own, once
    legend: str


@dataclass(frozen=True)
class ConditionLine:
    mark: str
    text: str
    note: str
    source: str
    facts: str


def display_names(household: Household) -> dict[str, str]:
    """Person id -> display name, for the members that have one (shown, never logged)."""
    return {p.id: p.display_name for p in household.members if p.display_name}


def who(person_id: str, names: Mapping[str, str] | None) -> str:
    """A member as a reader sees them: the display name with the id, or the id alone."""
    name = (names or {}).get(person_id)
    return f"{name} [{person_id}]" if name else person_id


def assessment_view(
    assessment: HouseholdAssessment, lang: Lang, names: Mapping[str, str] | None = None
) -> AssessmentView:
    _ = translate(lang)
    return AssessmentView(
        title=_("Special permission to stay: assessment"),
        notice=_("zairyu assesses; it does not decide. The Minister of Justice decides."),
        household_id=assessment.household_id,
        as_of=format_day(assessment.as_of, lang),
        policies=[_policy_view(p, assessment.as_of, lang, names) for p in assessment.policies],
        gather=gather_next(assessment, lang),
        disclaimers=list(dict.fromkeys(p.disclaimer[lang] for p in assessment.policies)),
        legend=legend(lang),
    )


def person_label(
    person_id: str, role: str, lang: Lang, names: Mapping[str, str] | None = None
) -> str:
    return f"{who(person_id, names)} ({role_label(role, lang)})"


def _policy_view(
    policy: PolicyAssessment, as_of: date, lang: Lang, names: Mapping[str, str] | None
) -> PolicyView:
    definition = default_catalogue().get(policy.policy_id).policy
    notes = []
    closure = definition.closure
    if closure is not None and as_of > closure.after:
        notes.append(closure.text.get(lang))
    if definition.weighing is not None:
        notes.append(translate(lang)(
            "A direction here is an indication based on zairyu's published reading of the "
            "weighing (its own weights and margin), never what will be decided."
        ))  # fmt: skip
    groups: dict[tuple[object, ...], list[PersonResult]] = {}
    for person in policy.persons:
        groups.setdefault(_signature(person, policy, lang), []).append(person)
    return PolicyView(
        policy_id=policy.policy_id,
        title=f"{policy.title[lang]} ({policy.policy_id})",
        groups=[_group(members, policy, lang, names) for members in groups.values()],
        notes=notes,
    )


def _assumes(members: list[PersonResult], lang: Lang) -> list[str]:
    """Each assumption once, with the members it is made for."""
    persons: dict[str, list[str]] = {}
    for member in members:
        for a in member.presumptive.assumptions if member.presumptive else []:
            if a.verify_first:
                persons.setdefault(a.text[lang], [])
                if a.person_id not in persons[a.text[lang]]:
                    persons[a.text[lang]].append(a.person_id)
    return [f"{text} ({', '.join(ids)})" for text, ids in persons.items()]


def _signature(person: PersonResult, policy: PolicyAssessment, lang: Lang) -> tuple[object, ...]:
    presumed = person.presumptive
    return (
        person.role,
        person.outcome,
        presumed.outcome if presumed else None,
        tuple(a.text[lang] for a in presumed.assumptions if a.verify_first) if presumed else (),
        tuple(qualifications(person, lang)),
        tuple(own_number_notes(person, policy, lang)),
    )


def _group(
    members: list[PersonResult],
    policy: PolicyAssessment,
    lang: Lang,
    names: Mapping[str, str] | None = None,
) -> PersonGroup:
    first = members[0]
    persons = ", ".join(who(m.person_id, names) for m in members)
    persons += f" ({role_label(first.role, lang)})"
    presumed = first.presumptive
    presumptive = None
    if presumed is not None and presumed.outcome != UNDETERMINED:
        presumptive = presumed.outcome_text[lang]
    assumes = _assumes(members, lang) if presumptive else []
    notes = qualifications(first, lang) + own_number_notes(first, policy, lang)
    return PersonGroup(persons, first.outcome_text[lang], presumptive, assumes, notes)


def own_number_notes(person: PersonResult, policy: PolicyAssessment, lang: Lang) -> list[str]:
    """Beside a result: each of zairyu's own numbers (a weight, the margin, a placeholder
    period) that decided it, with what another reasonable value would have given."""
    _ = translate(lang)
    notes = []
    for number in person.decided_by:
        changes = "; ".join(
            _("with {value}: {outcome}").format(
                value=a.value, outcome=policy.outcomes[a.outcome][lang]
            )
            for a in number.alternatives
        )
        message = (
            "This result is decided by a number of zairyu's own, not the source's: "
            "{number} = {value} ({changes})."
            if number.level == "strict"
            else "This indication is decided by a number of zairyu's own, not the source's: "
            "{number} = {value} ({changes})."
        )
        notes.append(
            _(message).format(number=number.text[lang], value=number.value, changes=changes)
        )
    return notes


def qualifications(person: PersonResult, lang: Lang) -> list[str]:
    """What qualifies the outcome: a failed condition that says what its failure means (a
    closed application window)."""
    return [
        c.when_false[lang]
        for c in person.conditions
        if c.value is False and c.applicable and c.when_false is not None
    ]


def gather_next(assessment: HouseholdAssessment, lang: Lang) -> list[GatherItem]:
    """The few facts that would settle most results, as the questions to ask."""
    waiting: dict[str, dict[str, int]] = {}
    settles: set[str] = set()  # fields an answer still waits on (not merely rests on)
    for policy in assessment.policies:
        for person in policy.persons:
            for pid, path, still_open in _open_facts(person):
                waiting.setdefault(path, {}).setdefault(pid, 0)
                waiting[path][pid] += 1
                if still_open:
                    settles.add(path)
    ranked = sorted(
        waiting.items(), key=lambda item: (item[0] not in settles, -sum(item[1].values()), item[0])
    )
    items = []
    for path, persons in ranked[:MAX_GATHER]:
        spec = REGISTRY.fields.get(path)
        question = spec.question.get(lang) if spec else path
        n = sum(persons.values())
        count = translate(lang)("{n} result(s) depend on it").format(n=n)
        items.append(GatherItem(question, ", ".join(sorted(persons)), n, count))
    return items


def _open_facts(person: PersonResult) -> list[tuple[str, str, bool]]:
    """(person, household field, whether the answer still waits on it) for every fact the
    answer waits on, or rests on without verification."""
    presumed = person.presumptive
    found: list[tuple[str, str, bool]] = []
    if person.outcome != UNDETERMINED:
        return found
    facts = person.missing_facts
    if presumed is not None:
        facts = presumed.missing_facts
        found += [(a.person_id, a.field, False) for a in presumed.assumptions if a.verify_first]
    for fact in facts:
        found += [(fact.person_id, f, True) for f in COLUMNS[fact.column].fields[:1]]
    return list(dict.fromkeys(found))


def legend(lang: Lang) -> str:
    return translate(lang)(
        "Marks: ✓ in the person's favour  ✗ against the person  – does not apply  ? unknown"
    )


def mark(condition: ConditionResult) -> str:
    """Whether a condition helps or harms the person, not merely whether it holds."""
    if not condition.applicable:
        return "–"
    if condition.value is None:
        return "?"
    favourable = condition.kind in FAVOURABLE_KINDS
    if condition.value is True:
        return "✓" if favourable else "✗"
    if favourable and condition.kind not in NEUTRAL_WHEN_FALSE:
        return "✗"
    return "–"


MARK_WORDS = {"✓": "in favour", "✗": "against", "–": "does not apply", "?": "unknown"}


def mark_word(condition: ConditionResult, lang: Lang) -> str:
    """The mark in words, for paper (where the symbols may lack a font) and screen readers."""
    return translate(lang)(MARK_WORDS[mark(condition)])


def show_value(column: str, value: Value, lang: Lang) -> str:
    """A fact's value in words: labels for codes, あり/なし or yes/no, dates as written."""
    _ = translate(lang)
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return format_day(value, lang)
    if isinstance(value, str):
        written = from_text(value) if COLUMNS[column].kind == "date" else None
        return (
            value_label(column, value, lang)
            if written is None
            else format_date_value(written, lang)
        )
    return str(value)


@cache
def _source_title(source: str, lang: Lang) -> str:
    entry = default_catalogue().sources.get(source)
    return entry.title.get(lang) if entry else source


def source_line(condition: ConditionResult, lang: Lang) -> str:
    _ = translate(lang)
    cite = condition.citation
    status = _(STATUS_WORDS.get(str(cite.get("status")), str(cite.get("status"))))
    return (
        f"{_('Source')}: {_source_title(str(cite['source']), lang)}, {cite['pinpoint']} ({status})"
    )


def condition_lines(person: PersonResult, lang: Lang) -> list[ConditionLine]:
    _ = translate(lang)
    lines = []
    for c in person.conditions:
        facts = ""
        if not c.composite:
            facts = ", ".join(
                f"{fact_label(k, lang)}: {show_value(k, v, lang)}" for k, v in c.inputs.items()
            )
        note = "" if c.applicable else _("does not apply")
        lines.append(ConditionLine(mark(c), c.text[lang], note, source_line(c, lang), facts))
    return lines


def counterfactual_lines(person: PersonResult, policy: PolicyAssessment, lang: Lang) -> list[str]:
    _ = translate(lang)
    out = []
    for cf in person.counterfactuals:
        actions = f" {_('and')} ".join(
            f"{ch.text[lang]} ({ch.person_id or _('the household')})" for ch in cf.changes
        )
        out.append(f"{actions} → {policy.outcomes[cf.outcome][lang]}")
    return out
