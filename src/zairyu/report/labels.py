"""Names of roles, facts and values shown to people, in Japanese and English.

Every label comes from the fact registry (``zairyu.model.registry``); nothing is worded here.
"""

from __future__ import annotations

from zairyu.model.columns import COLUMNS
from zairyu.model.registry import REGISTRY


def role_label(role: str, lang: str) -> str:
    label = REGISTRY.vocabularies["role"].labels.get(role)
    return label.get(lang) if label else role


def fact_label(column: str, lang: str) -> str:
    spec = COLUMNS.get(column)
    return spec.label.get(lang) if spec else column


def value_label(column: str, value: str, lang: str) -> str:
    """The label of one allowed value of a column (``illegal_entry`` -> 不法入国)."""
    spec = COLUMNS.get(column)
    label = (spec.value_labels or {}).get(value) if spec else None
    return label.get(lang) if label else value
