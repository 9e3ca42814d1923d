"""A plain-text explanation of an assessment, in Japanese or English, that a caseworker can
hand to a family. It always says that the Minister decides and zairyu only assesses."""

from __future__ import annotations

from datetime import date

from zairyu.engine.assessment import (
    ConditionResult,
    HouseholdAssessment,
    PersonResult,
    PolicyAssessment,
)
from zairyu.model.table import COLUMNS, Value
from zairyu.report.labels import fact_label, role_label

WORDS = {
    "ja": {
        "title": "在留特別許可の見通し（評価）",
        "summary": "概要",
        "household": "世帯",
        "as_of": "評価日",
        "person": "本人",
        "outcome": "見通し",
        "why": "理由（条件と出典）",
        "missing": "不明な事実（判断に必要）",
        "changes": "見通しが変わり得ること",
        "reading": "解釈",
        "yes": "該当",
        "no": "非該当",
        "unknown": "不明",
        "source": "出典",
        "and": "かつ",
        "to": "→",
        "weighing": "考慮される事情（積極・消極の対照）",
        "for": "積極（許可の方向）",
        "against": "消極（退去の方向）",
        "none": "なし",
        "unknown_factors": "不明（判明すれば方向が変わり得る）",
    },
    "en": {
        "title": "Special permission to stay: assessment",
        "summary": "Summary",
        "household": "Household",
        "as_of": "Assessed as of",
        "person": "Person",
        "outcome": "Assessment",
        "why": "Why (conditions and sources)",
        "missing": "Facts still missing (needed to assess)",
        "changes": "What could change the assessment",
        "reading": "Reading",
        "yes": "yes",
        "no": "no",
        "unknown": "unknown",
        "source": "Source",
        "and": "and",
        "to": "->",
        "weighing": "Factors weighed, side by side",
        "for": "For (toward permission)",
        "against": "Against (toward deportation)",
        "none": "none",
        "unknown_factors": "Unknown (could change the direction once known)",
    },
}
MARK = {True: "[x]", False: "[ ]", None: "[?]"}


def _value(value: Value, lang: str) -> str:
    words = WORDS[lang]
    if value is None:
        return words["unknown"]
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


FOR_KINDS = ("ground", "positive_special", "positive_other")
AGAINST_KINDS = ("statutory_bar", "negative_special", "negative_other")


def _factor_line(c: ConditionResult, lang: str) -> str:
    cite = c.citation
    return f"        - {c.text[lang]} ({cite['source']}, {cite['pinpoint']} [{cite['status']}])"


def for_and_against(person: PersonResult, lang: str) -> list[str]:
    """The factors that hold for and against the person, each with its citation, one list
    beside the other; and the factors still unknown. Empty if the policy weighs no factors."""
    weighed = [c for c in person.conditions if c.kind in FOR_KINDS + AGAINST_KINDS]
    if not any(c.kind.startswith(("positive", "negative")) for c in weighed):
        return []
    w = WORDS[lang]
    lines = [f"    {w['weighing']}:"]
    for label, kinds in ((w["for"], FOR_KINDS), (w["against"], AGAINST_KINDS)):
        held = [c for c in weighed if c.kind in kinds and c.value is True]
        lines.append(f"      {label}:" + ("" if held else f" {w['none']}"))
        lines.extend(_factor_line(c, lang) for c in held)
    unknown = [c for c in weighed if c.value is None]
    if unknown:
        lines.append(f"      {w['unknown_factors']}:")
        lines.extend(_factor_line(c, lang) for c in unknown)
    return lines


def _person(person: PersonResult, outcomes: dict[str, dict[str, str]], lang: str) -> list[str]:
    w = WORDS[lang]
    lines = [
        f"  {w['person']}: {person.person_id} ({role_label(person.role, lang)})",
        f"    {w['outcome']}: {person.outcome_text[lang]}",
        f"    {w['why']}:",
    ]
    for c in person.conditions:
        lines.append(f"      {MARK[c.value]} {c.text[lang]}")
        cite = c.citation
        lines.append(
            f"          {w['source']}: {cite['source']}, {cite['pinpoint']} [{cite['status']}]"
        )
        facts = ", ".join(f"{fact_label(k, lang)} = {_value(v, lang)}" for k, v in c.inputs.items())
        if facts and not c.composite:
            lines.append(f"          {facts}")
    lines.extend(for_and_against(person, lang))
    if person.missing_facts:
        lines.append(f"    {w['missing']}:")
        for fact in person.missing_facts:
            field = COLUMNS[fact.column].source
            lines.append(f"      - {fact.person_id}: {fact_label(fact.column, lang)} ({field})")
    if person.counterfactuals:
        lines.append(f"    {w['changes']}:")
        for cf in person.counterfactuals:
            actions = f" {w['and']} ".join(f"{ch.text[lang]} ({ch.person_id})" for ch in cf.changes)
            lines.append(f"      - {actions} {w['to']} {outcomes[cf.outcome][lang]}")
    return lines


def _policy(policy: PolicyAssessment, lang: str) -> list[str]:
    lines = [f"== {policy.title[lang]} ({policy.policy_id} v{policy.policy_version}) =="]
    for person in policy.persons:
        lines.extend(_person(person, policy.outcomes, lang))
        lines.append("")
    lines.append(policy.disclaimer[lang])
    return lines


def render_text(assessment: HouseholdAssessment, lang: str = "en") -> str:
    """The whole assessment as text in ``lang`` (``ja`` or ``en``)."""
    w = WORDS[lang]
    lines = [
        w["title"],
        f"{w['household']}: {assessment.household_id}    {w['as_of']}: {assessment.as_of}",
        "",
    ]
    lines.extend(_summary(assessment, lang))
    for policy in assessment.policies:
        lines.extend(_policy(policy, lang))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _summary(assessment: HouseholdAssessment, lang: str) -> list[str]:
    """One line per person and policy: the outcome at a glance, before the details."""
    lines = [f"{WORDS[lang]['summary']}:"]
    for policy in assessment.policies:
        lines.append(f"  {policy.policy_id}:")
        for person in policy.persons:
            role = role_label(person.role, lang)
            lines.append(f"    {person.person_id} ({role}): {person.outcome_text[lang]}")
    lines.append("")
    return lines
