"""Administrative holidays (行政機関の休日) and the open days of an immigration office.

Act on Holidays of Administrative Organs art. 1(1): Saturdays and Sundays; the holidays of the
National Holidays Act (kept by the ``holidays`` library, with substitute holidays and the
"citizens' holiday" between two holidays); 29 December to 3 January. On these days offices in
principle do not work, and art. 2 moves a deadline fixed by a statutory period to the next
open day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

SATURDAY = 5


@cache
def _national_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year)


def national_holiday(day: date) -> str | None:
    """The name of the national holiday on that day (in English), or None."""
    name: str | None = _national_holidays(day.year).get(day)
    return name


def year_end(day: date) -> bool:
    """29 December to 3 January (art. 1(1)(iii))."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def administrative_holiday(day: date) -> bool:
    return day.weekday() >= SATURDAY or year_end(day) or national_holiday(day) is not None


def why_closed(day: date) -> str | None:
    """Why the office is closed that day, in English words, or None if it is open."""
    if day.weekday() >= SATURDAY:
        return day.strftime("%A")
    holiday = national_holiday(day)
    if holiday is not None:
        return f"national holiday ({holiday})"
    if year_end(day):
        return "year-end holidays (29 December to 3 January)"
    return None


def next_open_day(day: date) -> date:
    """The day itself if offices are open, otherwise the first open day after it."""
    while administrative_holiday(day):
        day += timedelta(days=1)
    return day


def previous_open_day(day: date) -> date:
    """The day itself if offices are open, otherwise the last open day before it."""
    while administrative_holiday(day):
        day -= timedelta(days=1)
    return day
