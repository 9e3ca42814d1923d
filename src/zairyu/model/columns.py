"""The columns of the person table: name, type, meaning and the household field each comes from.

Policies may refer to these names and to nothing else. ``zairyu.model.table`` fills them. The
columns are declared once, with their labels and allowed values, in the fact registry
(``facts.yaml``, read by ``zairyu.model.registry``); this module names them for the engine.
"""

from __future__ import annotations

from datetime import date

from zairyu.model.kinds import DeportationGround, OffenceCategory
from zairyu.model.registry import REGISTRY, Column, Kind

__all__ = ["COLUMNS", "FACT_COLUMNS", "Column", "Kind", "Row", "Value", "allowed_values"]

Value = bool | int | date | str | None
Row = dict[str, Value]

COLUMNS: dict[str, Column] = REGISTRY.columns
FACT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("household_id", "person_id"))
# The columns one household field gives together (the person table derives them from it; the
# interview asks them in one question; the formal checks and ``from_row`` treat them as a unit).
CONVICTION_COLUMNS: tuple[str, ...] = (
    "conviction_count",
    "conviction_count_excluding_illegal_stay",
    "life_sentence",
    "longest_sentence_not_fully_suspended_months",
    "longest_unsuspended_part_months",
    *(f"convicted_{c.value}" for c in OffenceCategory),
)
SCHOOL_COLUMNS: tuple[str, ...] = (
    "school_level",
    "school_first_start",
    "school_enrolled_ever",
    "school_ongoing",
    "school_last_end",
    "school_current_local",
)
GROUND_COLUMNS: tuple[str, ...] = tuple(f"falls_under_{g.value}" for g in DeportationGround)


def allowed_values() -> dict[str, tuple[str, ...]]:
    """Column -> its allowed values, for every column with a fixed vocabulary."""
    return {name: c.values for name, c in COLUMNS.items() if c.values is not None}
