"""Words for the values of the household vocabularies, from the fact registry."""

from __future__ import annotations

from zairyu.model.columns import COLUMNS
from zairyu.model.registry import REGISTRY, Label


def choice_label(value: str, lang: str, where: str | None = None) -> str:
    """The word for a vocabulary code. ``where`` names the column or the vocabulary it belongs
    to ('other' is another school, another offence or someone else); without it the first
    vocabulary that has the code is used. A code no vocabulary has is shown as it is."""
    found: Label | None = None
    if where in COLUMNS:
        found = (COLUMNS[where].value_labels or {}).get(value)
    elif where in REGISTRY.vocabularies:
        found = REGISTRY.vocabularies[where].labels.get(value)
    if found is None:
        found = next(
            (v.labels[value] for v in REGISTRY.vocabularies.values() if value in v.labels), None
        )
    return found.get(lang) if found else value
