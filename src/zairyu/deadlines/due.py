"""Where a due date stands on a given day: done, overdue, due today, this week, this month.

"This week" is the next six days after today, "this month" the 7th to the 30th day after
today: windows counted from the day passed in, not calendar weeks (zairyu's choice, so that a
list made on a Friday still shows Monday's deadline as this week).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

WEEK_DAYS = 6
MONTH_DAYS = 30


class Status(StrEnum):
    done = "done"
    overdue = "overdue"
    due_today = "due_today"
    this_week = "this_week"
    this_month = "this_month"
    later = "later"


def status(due_on: date, today: date, *, done: bool = False) -> Status:
    if done:
        return Status.done
    days = (due_on - today).days
    if days < 0:
        return Status.overdue
    if days == 0:
        return Status.due_today
    if days <= WEEK_DAYS:
        return Status.this_week
    if days <= MONTH_DAYS:
        return Status.this_month
    return Status.later


class Bucket(StrEnum):
    """The groups of the due list."""

    overdue = "overdue"
    this_week = "this_week"  # today and the six days after it
    this_month = "this_month"


def bucket(value: Status) -> Bucket | None:
    if value is Status.overdue:
        return Bucket.overdue
    if value in (Status.due_today, Status.this_week):
        return Bucket.this_week
    if value is Status.this_month:
        return Bucket.this_month
    return None
