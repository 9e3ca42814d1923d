"""A plain-text explanation of an assessment, in Japanese or English, that a caseworker can
hand to a family. It leads with the summary (one line per person and policy, strict and
presumptive), then what to gather next; the conditions with their citations come only with
``detail``. It always says that the Minister decides and zairyu only assesses.

The words come from the ``report`` message catalog and from ``zairyu.report.view``, which the
web pages and the PDF documents use too: one wording everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from zairyu.engine.assessment import HouseholdAssessment, PersonResult, PolicyAssessment
from zairyu.i18n import Lang
from zairyu.report.labels import missing_label
from zairyu.report.view import (
    ConditionLine,
    GatherItem,
    PersonGroup,
    PolicyView,
    assessment_view,
    condition_lines,
    counterfactual_lines,
    legend,
    person_label,
    translate,
)


def render_text(
    assessment: HouseholdAssessment,
    lang: Lang = "en",
    *,
    detail: bool = False,
    names: Mapping[str, str] | None = None,
) -> str:
    """The whole assessment as text in ``lang``; ``detail`` adds every condition. ``names``
    (person id -> display name) shows each member by name beside the id."""
    view = assessment_view(assessment, lang, names)
    _ = translate(lang)
    lines = [
        view.title,
        f"{_('Household')}: {view.household_id}    {_('Assessed as of')}: {view.as_of}",
        view.notice,
        "",
        f"{_('Summary')}:",
    ]
    for policy in view.policies:
        lines.extend(_policy_summary(policy, lang))
    if view.gather:
        lines += ["", f"{_('What to find out next')}:"]
        lines.extend(_gather(item, lang) for item in view.gather)
    lines += ["", legend(lang)]
    if detail:
        for assessed in assessment.policies:
            lines += ["", *_policy_detail(assessed, lang, names)]
    else:
        lines.append(
            _("Every condition, its source and the facts it used: --detail or --format json.")
        )
    lines += ["", *view.disclaimers]
    return "\n".join(lines).rstrip() + "\n"


def _policy_summary(policy: PolicyView, lang: Lang) -> list[str]:
    _ = translate(lang)
    lines = [f"  {policy.title}"]
    for group in policy.groups:
        lines.extend(_group(group, lang))
    lines.extend(f"    {_('Note')}: {note}" for note in policy.notes)
    return lines


def _group(group: PersonGroup, lang: Lang) -> list[str]:
    _ = translate(lang)
    lines = [f"    {group.persons}: {group.strict}"]
    if group.presumptive is not None:
        lines.append(f"      {_('If nothing unrecorded weighs against them')}: {group.presumptive}")
        if group.assumes:
            lines.append(f"        {_('Assumes (verify first)')}: {'; '.join(group.assumes)}")
    lines.extend(f"      {_('Note')}: {note}" for note in group.notes)
    return lines


def _gather(item: GatherItem, lang: Lang) -> str:
    return f"  - {item.question} ({item.persons}; {item.count})"


def _policy_detail(
    policy: PolicyAssessment, lang: Lang, names: Mapping[str, str] | None
) -> list[str]:
    _ = translate(lang)
    lines = [f"== {policy.title[lang]} =="]
    for person in policy.persons:
        lines.extend(_person_detail(person, policy, lang, names))
        lines.append("")
    return lines


def _person_detail(
    person: PersonResult, policy: PolicyAssessment, lang: Lang, names: Mapping[str, str] | None
) -> list[str]:
    _ = translate(lang)
    label = person_label(person.person_id, person.role, lang, names)
    lines = [
        f"  {label}: {person.outcome_text[lang]}",
        f"    {_('Why (conditions and sources)')}:",
    ]
    lines.extend(_condition(line) for line in condition_lines(person, lang))
    for known in person.known_by_law:
        lines.append(f"    {_('Known by law')}: {known.text[lang]}")
    if person.missing_facts:
        lines.append(f"    {_('Facts still missing')}:")
        facts = (_fact(f.person_id, f.column, lang, f.written) for f in person.missing_facts)
        lines.extend(f"      - {fact}" for fact in dict.fromkeys(facts))
    changes = counterfactual_lines(person, policy, lang)
    if changes:
        lines.append(f"    {_('What could change the assessment')}:")
        lines.extend(f"      - {change}" for change in changes)
    return lines


def _condition(line: ConditionLine) -> str:
    text = f"      {line.mark} {line.text}"
    if line.note:
        text += f" ({line.note})"
    parts = [text, f"          {line.source}"]
    if line.facts:
        parts.append(f"          {line.facts}")
    return "\n".join(parts)


def _fact(person_id: str, column: str, lang: Lang, written: str | None = None) -> str:
    return f"{person_id}: {missing_label(column, written, lang)}"
