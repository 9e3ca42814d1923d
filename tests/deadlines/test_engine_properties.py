"""Properties of the engine over generated dates (Hypothesis): a moved deadline never lands on
a closed day, never earlier than the law allows for a period, never after the day for a
permission in advance; a designated date never moves."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from zairyu.deadlines.engine import compute
from zairyu.deadlines.facts import Measure, MeasureEvent
from zairyu.deadlines.loader import shipped_rules
from zairyu.deadlines.office_days import administrative_holiday

RULES = shipped_rules()
DAYS = st.dates(min_value=date(2024, 6, 10), max_value=date(2035, 12, 31))
SUPERVISION = Measure(kind="supervision_before_order", decided_on=date(2024, 6, 10))
RELEASE = Measure(kind="provisional_release_deportation", decided_on=date(2024, 6, 10))


def _only(measure: Measure, kind: str, day: date):
    events = [MeasureEvent(id="e1", kind=kind, day=day)]
    return [d for d in compute(measure, events, RULES).deadlines if d.basis[-1].event_id == "e1"]


@given(DAYS)
def test_a_supervisors_notice_is_due_on_an_open_day_at_least_seven_days_later(learned: date):
    [deadline] = _only(SUPERVISION, "learned_illegal_work", learned)
    assert not administrative_holiday(deadline.due_on)
    assert deadline.due_on >= learned + timedelta(days=7)
    # nothing in between was an open day it should have stopped at
    day = learned + timedelta(days=7)
    while day < deadline.due_on:
        assert administrative_holiday(day)
        day += timedelta(days=1)


@given(DAYS)
def test_a_permission_before_a_move_is_due_on_an_open_day_before_the_move(planned: date):
    [deadline] = _only(RELEASE, "move_planned", planned)
    assert deadline.due_on < planned
    assert not administrative_holiday(deadline.due_on)
    assert all(
        administrative_holiday(deadline.due_on + timedelta(days=n))
        for n in range(1, (planned - deadline.due_on).days)
    )


@given(DAYS)
def test_a_designated_report_date_is_never_moved(designated: date):
    [deadline] = _only(SUPERVISION, "report_date_designated", designated)
    assert deadline.due_on == designated and deadline.moved is None


@given(DAYS)
def test_the_three_month_warning_lands_within_three_calendar_months(last_report: date):
    events = [MeasureEvent(id="r1", kind="report_made", day=last_report)]
    [warning] = compute(SUPERVISION, events, RULES).deadlines
    months = (warning.due_on.year - last_report.year) * 12 + warning.due_on.month
    assert months - last_report.month == 3
    assert warning.due_on.day <= last_report.day
