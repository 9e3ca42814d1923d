"""The household format's date fields as pydantic types: a day, a month or a year, and a date
of birth that may also be an age or only "a minor" on a stated day. The dates themselves, and
how they are read, are ``zairyu.model.dates`` (which imports no pydantic)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from zairyu.model.dates import MAX_AGE, DateValue, dump_date, parse_date, parse_day_or_period


def _schema(age: bool) -> dict[str, Any]:
    day = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    text = (
        "A day (YYYY-MM-DD), or a month (YYYY-MM) or a year (YYYY) when only that is known. "
        "An imprecise date is read as every day it allows: a result is decided only when it "
        "is the same for all of them."
    )
    if not age:
        return {"description": text, **day}
    person_age = {
        "type": "object",
        "description": "An age in whole years on a stated day (a date of birth known only so).",
        "properties": {
            "age": {"type": "integer", "minimum": 0, "maximum": MAX_AGE},
            "on": {"type": "string", "format": "date"},
        },
        "required": ["age", "on"],
        "additionalProperties": False,
    }
    minor = {
        "type": "object",
        "description": (
            "Only 'a minor' on a stated day: younger than the age of majority of that day "
            "(18 from 1 April 2022, 20 before; Civil Code art. 4)."
        ),
        "properties": {"minor_on": {"type": "string", "format": "date"}},
        "required": ["minor_on"],
        "additionalProperties": False,
    }
    return {
        "description": text + " Or an age on a stated day, or only 'a minor' on a stated day.",
        "anyOf": [day, person_age, minor],
    }


# A date of the household format: a day, a month or a year.
Day = Annotated[
    DateValue,
    PlainValidator(parse_day_or_period),
    PlainSerializer(dump_date),
    WithJsonSchema(_schema(age=False)),
]
# A date of birth: also an age, or only "a minor", on a stated day.
BirthDay = Annotated[
    DateValue,
    PlainValidator(parse_date),
    PlainSerializer(dump_date),
    WithJsonSchema(_schema(age=True)),
]
