"""A household's facts as rows a person reads: one per answered field, in the field's words."""

from __future__ import annotations

from typing import Any

from zairyu.i18n import Lang, format_date_value
from zairyu.interview.choice_labels import choice_label
from zairyu.interview.questions import QUESTIONS, Question
from zairyu.interview.state import get_path
from zairyu.model.dates import written_date
from zairyu.report.labels import fact_label, role_label
from zairyu.report.view import translate

LIST_LABELS = {
    "record.convictions": {"ja": "有罪判決", "en": "Convictions"},
    "school.enrolments": {"ja": "在学歴", "en": "School enrolments"},
    "immigration.deportation_grounds": {"ja": "退去強制事由", "en": "Deportation grounds"},
}


def label(question: Question, lang: Lang) -> str:
    special = LIST_LABELS.get(question.path)
    return special[lang] if special else fact_label(question.columns[0], lang)


def shown(value: Any, lang: Lang) -> str:
    _ = translate(lang)
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        if not value:
            return _("none")
        return "; ".join(_item(v, lang) for v in value)
    if isinstance(value, str | dict):
        written = written_date(value)
        if written is not None:  # a day, a month, a year, or an age on a day
            return format_date_value(written, lang)
    if isinstance(value, str):
        return choice_label(value, lang)
    return str(value)


def _item(value: Any, lang: Lang) -> str:
    if not isinstance(value, dict):
        return choice_label(str(value), lang)
    parts = [shown(v, lang) for k, v in value.items() if v not in (None, False) and k != "in_japan"]
    return ", ".join(parts)


def member_facts(member: dict[str, Any], lang: Lang) -> list[tuple[str, str]]:
    role = fact_label("role", lang) if lang == "ja" else "Role"
    rows = [(role, role_label(member["role"], lang))]
    for question in QUESTIONS:
        if question.scope != "person":
            continue
        value = get_path(member, question.path)
        if value is not None:
            rows.append((label(question, lang), shown(value, lang)))
    return rows


def household_facts(
    household: dict[str, Any], lang: Lang
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(member id, its rows) for every member."""
    return [(m["id"], member_facts(m, lang)) for m in household.get("members", [])]
