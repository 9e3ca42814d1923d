"""Dates as old files give them: a day, a month, a year, an age on a stated date, or only
"a minor" on a stated date.

A date in a household file is written in one of five ways:

- ``"2000-09-15"``: the day, exactly (read as a ``datetime.date``, as it always was);
- ``"2000-09"``: some day of September 2000;
- ``"2000"``: some day of 2000;
- ``{"age": 7, "on": "2024-04-01"}``: a date of birth known only as an age on a stated day;
  the person was 7 on 1 April 2024, so was born between 2 April 2016 and 1 April 2017
  (ages as Japanese law reckons them: a birthday is reached on its eve's end, so the age on
  the anniversary itself is the new one, 年齢計算ニ関スル法律; the same rule as the
  engine's ``years_between``).
- ``{"minor_on": "2024-06-10"}``: a date of birth known only as "a minor" (未成年) on a stated
  day: younger than the age of majority of that day (18 from 1 April 2022, 20 before: Civil
  Code art. 4 as amended by Act No. 59 of 2018), and born by then. ``majority_age`` is the one
  definition of that age for the household format.

Anything but a day is an ``ImpreciseDate``: the interval of days it allows (``earliest`` to
``latest``, both included) and the words it was written in. The assessment decides a
condition only when it holds, or fails, for every day of every interval
(``zairyu.engine.corners``); otherwise the result is unknown and says which exact date it needs.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_AGE = 130  # older than anyone recorded; an age above it is a typing error
# Civil Code art. 4 (source civil-code-art-4 in policies/sources.yaml): the age of majority is 18
# from 1 April 2022 (Act No. 59 of 2018) and was 20 before.
MAJORITY_REFORM = date(2022, 4, 1)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
PERIODS = "a date written YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
FORMS = (
    f"{PERIODS}, or an age on a day: {{'age': 7, 'on': 'YYYY-MM-DD'}}, or only a minor on a "
    "day: {'minor_on': 'YYYY-MM-DD'}"
)


def majority_age(day: date) -> int:
    """The age of majority on ``day`` (Civil Code art. 4): 18 from 1 April 2022, 20 before."""
    return 18 if day >= MAJORITY_REFORM else 20


@dataclass(frozen=True, slots=True)
class ImpreciseDate:
    """A date known only to the month, the year, as an age on a stated day, or as "a minor"
    on a stated day.

    ``earliest`` and ``latest`` are the first and last day it allows; ``written`` is the form
    of a month or a year (``"2000-09"``, ``"2000"``); ``age`` and ``on`` those of an age;
    ``minor_on`` the day on which the person was stated to be a minor."""

    earliest: date
    latest: date
    written: str | None = None
    age: int | None = None
    on: date | None = None
    minor_on: date | None = None

    @property
    def precision(self) -> str:
        """``month``, ``year``, ``age`` or ``minor``."""
        if self.minor_on is not None:
            return "minor"
        if self.age is not None:
            return "age"
        return "month" if self.written is not None and len(self.written) == 7 else "year"

    def to_json(self) -> str | dict[str, Any]:
        """The form a household file writes it in."""
        if self.minor_on is not None:
            return {"minor_on": self.minor_on.isoformat()}
        if self.age is not None and self.on is not None:
            return {"age": self.age, "on": self.on.isoformat()}
        return str(self.written)

    def __str__(self) -> str:
        if self.minor_on is not None:
            return f"a minor on {self.minor_on.isoformat()}"
        if self.age is not None and self.on is not None:
            return f"age {self.age} on {self.on.isoformat()}"
        return str(self.written)


DateValue = date | ImpreciseDate


def earliest(value: DateValue) -> date:
    """The first day a date allows (the day itself for an exact date)."""
    return value.earliest if isinstance(value, ImpreciseDate) else value


def latest(value: DateValue) -> date:
    """The last day a date allows (the day itself for an exact date)."""
    return value.latest if isinstance(value, ImpreciseDate) else value


def years_before(day: date, years: int) -> date:
    """The latest birth date that gives an age of at least ``years`` on ``day``: the same day
    ``years`` earlier, or 28 February for a 29 February in a common year."""
    year = day.year - years
    return date(year, day.month, min(day.day, monthrange(year, day.month)[1]))


def _year(year: int) -> int:
    if year < 1:
        raise ValueError("there is no year 0000")
    return year


def _month(year: int, month: int, text: str) -> ImpreciseDate:
    _year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month} (months are 01 to 12)")
    last = monthrange(year, month)[1]
    return ImpreciseDate(date(year, month, 1), date(year, month, last), written=text)


def _day(text: str, what: str) -> date:
    match = _DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"{what} must be a day written YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    _year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month} (months are 01 to 12)")
    if not 1 <= day <= monthrange(year, month)[1]:
        raise ValueError(f"{year}-{month:02d} has no day {day}")
    return date(year, month, day)


def _minor(raw: dict[str, Any]) -> ImpreciseDate:
    if set(raw) != {"minor_on"}:
        raise ValueError("a minor is written {'minor_on': 'YYYY-MM-DD'}, with that key only")
    on = raw["minor_on"]
    if not isinstance(on, str):
        raise ValueError("'minor_on', the day the person was a minor, must be written YYYY-MM-DD")
    day = _day(on.strip(), "'minor_on', the day the person was a minor,")
    first = years_before(day, majority_age(day)) + timedelta(days=1)
    return ImpreciseDate(first, day, minor_on=day)


def _birth_object(raw: dict[str, Any]) -> ImpreciseDate:
    """A date of birth written as an object: "a minor" on a day, or an age on a day."""
    return _minor(raw) if "minor_on" in raw else _age(raw)


def _age(raw: dict[str, Any]) -> ImpreciseDate:
    if set(raw) != {"age", "on"}:
        raise ValueError(
            "an age is written {'age': 7, 'on': 'YYYY-MM-DD'}, with those two keys only"
        )
    age, on = raw["age"], raw["on"]
    if isinstance(age, bool) or not isinstance(age, int):
        raise ValueError("the age must be a whole number of years")
    if not 0 <= age <= MAX_AGE:
        raise ValueError(f"an age of {age} cannot be true (0 to {MAX_AGE} years)")
    if not isinstance(on, str):
        raise ValueError("'on', the day the age was stated, must be written YYYY-MM-DD")
    day = _day(on.strip(), "'on', the day the age was stated,")
    first = years_before(day, age + 1) + timedelta(days=1)
    return ImpreciseDate(first, years_before(day, age), age=age, on=day)


def parse_date(value: object, forms: str = FORMS) -> DateValue:
    """Read a date as a household file writes it; ``ValueError`` says what is wrong in words.
    A number is never read as a date (pydantic would take it as seconds since 1970)."""
    if isinstance(value, ImpreciseDate | date):
        return value
    if isinstance(value, dict):
        return _birth_object(value)
    if not isinstance(value, str):
        raise ValueError(f"must be {forms}")
    text = value.strip()
    if _DAY.fullmatch(text):
        return _day(text, "a day")
    if match := _MONTH.fullmatch(text):
        return _month(int(match[1]), int(match[2]), text)
    if _YEAR.fullmatch(text):
        year = _year(int(text))
        return ImpreciseDate(date(year, 1, 1), date(year, 12, 31), written=text)
    raise ValueError(f"must be {forms}")


_AGE_TEXT = re.compile(r"age (\d{1,3}) on (\d{4}-\d{2}-\d{2})")
_MINOR_TEXT = re.compile(r"a minor on (\d{4}-\d{2}-\d{2})")


def from_text(text: str) -> DateValue | None:
    """A date from the text ``str`` gives it (``2000-09``, ``age 7 on 2024-04-01``), as the
    trace of an assessment holds it; ``None`` for any other text."""
    if match := _AGE_TEXT.fullmatch(text):
        return parse_date({"age": int(match[1]), "on": match[2]})
    if match := _MINOR_TEXT.fullmatch(text):
        return parse_date({"minor_on": match[1]})
    try:
        return parse_date(text)
    except ValueError:
        return None


def written_date(value: object) -> DateValue | None:
    """A date as a household file or an assessment's trace writes it (a text, or an age
    object), or ``None`` for a value that is not one."""
    if isinstance(value, dict):
        try:
            return _birth_object(value)
        except ValueError:
            return None
    return from_text(value) if isinstance(value, str) else None


def parse_day_or_period(value: object) -> DateValue:
    """A day, a month or a year; an age or "a minor" is only a date of birth."""
    if isinstance(value, dict):
        raise ValueError(
            f"must be {PERIODS} (an age or 'a minor' is only given for a date of birth)"
        )
    return parse_date(value, PERIODS)


def dump_date(value: DateValue) -> str | dict[str, Any]:
    """A date as the household JSON writes it (``2006-06``, ``2006-06-15``)."""
    return value.to_json() if isinstance(value, ImpreciseDate) else value.isoformat()
