"""When a policy is in force: the one reading of its validity dates, for the policy schema and
for a compiled plan read back without its definitions (``zairyu.engine.compiled``)."""

from __future__ import annotations

from datetime import date


def in_force(effective_from: date, effective_to: date | None, on: date) -> bool:
    """In force from ``effective_from`` to ``effective_to``, both days included; open-ended
    without ``effective_to``."""
    return effective_from <= on and (effective_to is None or on <= effective_to)
