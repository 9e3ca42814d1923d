"""The columns of the person table: name, type, meaning and the household field each comes from.

Policies may refer to these names and to nothing else. ``zairyu.model.table`` fills them. The
columns are declared once, with their labels and allowed values, in the fact registry
(``facts.yaml``, read by ``zairyu.model.registry``); this module names them for the engine.
"""

from __future__ import annotations

from datetime import date

from zairyu.model.registry import REGISTRY, Column, Kind

__all__ = ["COLUMNS", "FACT_COLUMNS", "Column", "Kind", "Row", "Value", "allowed_values"]

Value = bool | int | date | str | None
Row = dict[str, Value]

COLUMNS: dict[str, Column] = REGISTRY.columns
FACT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("household_id", "person_id"))


def allowed_values() -> dict[str, tuple[str, ...]]:
    """Column -> its allowed values, for every column with a fixed vocabulary."""
    return {name: c.values for name, c in COLUMNS.items() if c.values is not None}
