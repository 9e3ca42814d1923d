"""Names of roles, facts and values shown to people, in Japanese and English.

Every label comes from the fact registry (``zairyu.model.registry``); nothing is worded here.
"""

from __future__ import annotations

from zairyu.i18n import Lang, format_date_value, gettext
from zairyu.model.columns import COLUMNS
from zairyu.model.dates import from_text
from zairyu.model.registry import REGISTRY


def role_label(role: str, lang: str) -> str:
    label = REGISTRY.vocabularies["role"].labels.get(role)
    return label.get(lang) if label else role


def fact_label(column: str, lang: str) -> str:
    spec = COLUMNS.get(column)
    return spec.label.get(lang) if spec else column


EXACT_DATE_NEEDED = (
    "{fact}: the exact date is needed, the result depends on it (recorded: {written})"
)


def missing_label(column: str, written: str | None, lang: Lang) -> str:
    """A missing fact in words; a date recorded only as a month, a year or an age says that
    its exact day is needed (``written`` is the recorded form, ``2006-06``)."""
    label = fact_label(column, lang)
    recorded = from_text(written) if written is not None else None
    if recorded is None:
        return label
    shown = format_date_value(recorded, lang)
    return gettext(lang, "report", EXACT_DATE_NEEDED).format(fact=label, written=shown)


def value_label(column: str, value: str, lang: str) -> str:
    """The label of one allowed value of a column (``illegal_entry`` -> 不法入国)."""
    spec = COLUMNS.get(column)
    label = (spec.value_labels or {}).get(value) if spec else None
    return label.get(lang) if label else value
