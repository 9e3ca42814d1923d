"""Administrative holidays and the windows of the due list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zairyu.deadlines.due import Bucket, Status, bucket, status
from zairyu.deadlines.office_days import administrative_holiday, next_open_day, previous_open_day


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (date(2026, 9, 22), True),  # the citizens' holiday between two national holidays
        (date(2025, 5, 6), True),  # a substitute holiday
        (date(2025, 12, 29), True),  # year-end
        (date(2026, 1, 3), True),
        (date(2025, 12, 26), False),
        (date(2026, 1, 5), False),
        (date(2025, 3, 8), True),  # a Saturday
    ],
)
def test_administrative_holidays(day: date, closed: bool) -> None:
    assert administrative_holiday(day) is closed


def test_an_open_day_does_not_move_either_way() -> None:
    assert next_open_day(date(2025, 3, 10)) == date(2025, 3, 10)
    assert previous_open_day(date(2025, 3, 10)) == date(2025, 3, 10)


def test_silver_week_2026_moves_five_days() -> None:
    # 19-20 Sep weekend, 21 Respect for the Aged Day, 22 citizens' holiday, 23 Autumnal Equinox.
    assert next_open_day(date(2026, 9, 19)) == date(2026, 9, 24)
    assert previous_open_day(date(2026, 9, 23)) == date(2026, 9, 18)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-1, Status.overdue),
        (0, Status.due_today),
        (1, Status.this_week),
        (6, Status.this_week),
        (7, Status.this_month),
        (30, Status.this_month),
        (31, Status.later),
    ],
)
def test_status_windows_are_counted_from_today(days: int, expected: Status) -> None:
    today = date(2025, 6, 1)
    assert status(today + timedelta(days), today) is expected


def test_a_done_deadline_is_done_whatever_its_date() -> None:
    assert status(date(2020, 1, 1), date(2025, 1, 1), done=True) is Status.done
    assert bucket(Status.done) is None


def test_due_today_is_listed_under_this_week() -> None:
    assert bucket(Status.due_today) is Bucket.this_week
    assert bucket(Status.later) is None
