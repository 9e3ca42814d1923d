"""Compute every due date of a measure from its facts and events, with the rule and the facts
behind each one. Pure: no clock, no store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from zairyu.deadlines import office_days
from zairyu.deadlines.facts import Measure, MeasureEvent
from zairyu.deadlines.schema import HolidayRule, Match, Rule, RuleSet


@dataclass(frozen=True)
class Basis:
    """A fact a due date was computed from: its name, its date, the event if one."""

    fact: str
    on: date
    event_id: str | None = None


@dataclass(frozen=True)
class HolidayMove:
    """The day the offset gave, and why the office is closed then."""

    from_on: date
    reason: str


@dataclass(frozen=True)
class Fulfilment:
    event_id: str
    on: date
    late: bool


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    key: str  # stable while the facts it starts from keep their identity
    due_on: date
    basis: tuple[Basis, ...]
    moved: HolidayMove | None = None
    fulfilled: Fulfilment | None = None


@dataclass(frozen=True)
class Gap:
    """A clock no rule in force covers (e.g. an event before the rules took effect)."""

    rule_id: str
    on: date
    message: str


@dataclass(frozen=True)
class Computation:
    deadlines: tuple[Deadline, ...]
    gaps: tuple[Gap, ...]


def compute(measure: Measure, events: list[MeasureEvent], rules: RuleSet) -> Computation:
    """Every deadline the rules give for this measure and these events, by due date."""
    deadlines: list[Deadline] = []
    gaps: list[Gap] = []
    for rule in rules.rules:
        if measure.kind not in rule.applies_to:
            continue
        for key, basis in _starts(rule, measure, events):
            start_on = basis[-1].on
            if not rule.in_force(start_on):
                gaps.append(Gap(rule.id, start_on, _not_in_force(rule, start_on)))
                continue
            deadlines.append(_deadline(rule, key, basis, events))
    deadlines.sort(key=lambda d: (d.due_on, d.rule.id, d.key))
    return Computation(tuple(deadlines), tuple(gaps))


def _starts(
    rule: Rule, measure: Measure, events: list[MeasureEvent]
) -> list[tuple[str, tuple[Basis, ...]]]:
    """(key, basis) for each clock the rule starts; the last basis item is the start."""
    start = rule.start
    if start.event is not None:
        kinds = set(start.event)
        return [
            (f"{rule.id}:{e.id}", (Basis(f"event {e.kind}", e.day, e.id),))
            for e in events
            if e.kind in kinds
        ]
    if start.field is not None:
        on = _field(measure, start.field)
        return [] if on is None else [(rule.id, (Basis(f"measure {start.field}", on),))]
    assert start.latest is not None
    kinds = set(start.latest.events)
    candidates = [Basis(f"event {e.kind}", e.day, e.id) for e in events if e.kind in kinds]
    field_on = _field(measure, start.latest.field)
    if field_on is not None:
        candidates.append(Basis(f"measure {start.latest.field}", field_on))
    if not candidates:
        return []
    latest = max(candidates, key=lambda b: b.on)
    later = set(rule.unless_later)
    if any(e.kind in later and e.day > latest.on for e in events):
        return []
    return [(rule.id, (latest,))]


def _field(measure: Measure, name: str) -> date | None:
    if name == "deposit_due_on":
        return measure.conditions.deposit_due_on
    value = getattr(measure, name)
    assert value is None or isinstance(value, date)
    return value


def _deadline(
    rule: Rule, key: str, basis: tuple[Basis, ...], events: list[MeasureEvent]
) -> Deadline:
    start_on = basis[-1].on
    offset_on = start_on + relativedelta(months=rule.offset.months) + timedelta(rule.offset.days)
    due_on = _apply_holiday(rule.holiday.rule, offset_on)
    moved = None
    if due_on != offset_on:
        moved = HolidayMove(offset_on, office_days.why_closed(offset_on) or "closed")
    fulfilled = _fulfilment(rule, basis[-1], due_on, events)
    return Deadline(rule, key, due_on, basis, moved, fulfilled)


def _apply_holiday(rule: HolidayRule, day: date) -> date:
    if rule is HolidayRule.next_open_day:
        return office_days.next_open_day(day)
    if rule is HolidayRule.previous_open_day:
        return office_days.previous_open_day(day)
    return day


def _fulfilment(
    rule: Rule, start: Basis, due_on: date, events: list[MeasureEvent]
) -> Fulfilment | None:
    if rule.fulfilled_by is None:
        return None
    kinds, match = set(rule.fulfilled_by.events), rule.fulfilled_by.match
    for event in sorted(events, key=lambda e: e.day):
        if event.kind not in kinds:
            continue
        if (
            match is Match.any
            or (match is Match.same_day and event.day == due_on)
            or (match is Match.refers_to and start.event_id and event.refers_to == start.event_id)
        ):
            return Fulfilment(event.id, event.day, late=event.day > due_on)
    return None


def _not_in_force(rule: Rule, on: date) -> str:
    return (
        f"rule '{rule.id}' is in force from {rule.effective_from.isoformat()}"
        + (f" to {rule.effective_to.isoformat()}" if rule.effective_to else "")
        + f"; zairyu computes no deadline for a clock starting on {on.isoformat()}"
    )
