"""A stored assessment (the JSON the store keeps) back into the engine's result objects, so a
document shows what was assessed then, not a new assessment.

The engine's result dataclasses are read back by pydantic from their own type hints, so a field
the engine adds (a second level of results, say) is read back without a change here; only the
facts' values need their column's kind, because a date and a text look alike in JSON.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from zairyu.engine.assessment import HouseholdAssessment
from zairyu.model.columns import COLUMNS, Value
from zairyu.model.dates import from_text


class UnreadableAssessment(ValueError):
    """A stored assessment in a form this version cannot read back."""


@cache
def _adapter() -> TypeAdapter[HouseholdAssessment]:
    return TypeAdapter(HouseholdAssessment)


def _value(column: str, value: Value) -> Value:
    spec = COLUMNS.get(column)
    if spec is not None and spec.kind == "date" and isinstance(value, str):
        written = from_text(value)  # a month, a year or an age stays as written
        if written is None:
            raise ValueError(f"{column}: {value!r} is not a date")
        return written if isinstance(written, date) else value
    return value


def _values(values: dict[str, Value]) -> dict[str, Value]:
    return {k: _value(k, v) for k, v in values.items()}


def assessment_from_dict(raw: dict[str, Any]) -> HouseholdAssessment:
    """The inverse of ``HouseholdAssessment.to_dict`` (``UnreadableAssessment`` if the stored
    form is not the one this version writes)."""
    try:
        assessment = _adapter().validate_python(raw)
        for policy in assessment.policies:
            for person in policy.persons:
                for c in person.conditions:
                    c.inputs = _values(c.inputs)
                    c.household_inputs = {p: _values(v) for p, v in c.household_inputs.items()}
    except (ValidationError, ValueError) as error:
        first = str(error).splitlines()[0]
        raise UnreadableAssessment(
            f"the stored assessment cannot be read back by this version of zairyu ({first})"
        ) from None
    return assessment
