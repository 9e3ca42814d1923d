"""Reminders that follow the facts: the stored reminders of a measure brought in line with its
deadlines as computed now, in the caller's transaction, each change audited.

A reminder is matched to its deadline by ``key`` (the rule and the fact it starts from): a
moved fact moves the reminder (and a moved reminder is no longer done), a new fact adds one,
and a reminder whose fact is gone is withdrawn, never deleted (restored if the fact returns).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from zairyu.deadlines.engine import Deadline
from zairyu.store import audit
from zairyu.store.access import Actor
from zairyu.store.measure_tables import MeasureRecord, MeasureReminder
from zairyu.store.tables import utc_now


def follow_deadlines(
    s: Session,
    actor: Actor,
    measure: MeasureRecord,
    computed: tuple[Deadline, ...],
    stored: list[MeasureReminder],
) -> None:
    existing = {r.key: r for r in stored}
    for deadline in computed:
        row = existing.pop(deadline.key, None)
        if row is None:
            row = new_reminder(actor, measure, deadline)
            s.add(row)
            s.flush()
            detail = f"measure {measure.id}, rule {deadline.rule.id}"
            audit.record(s, actor, "create", "measure_reminder", row.id, detail=detail)
        else:
            follow(s, actor, row, deadline)
    for row in existing.values():
        if not row.withdrawn:
            row.withdrawn, row.updated_at = True, utc_now()
            detail = "withdrawn: fact gone"
            audit.record(s, actor, "update", "measure_reminder", row.id, detail=detail)


def new_reminder(actor: Actor, measure: MeasureRecord, deadline: Deadline) -> MeasureReminder:
    now, start = utc_now(), deadline.basis[-1]
    return MeasureReminder(
        org_id=measure.org_id,
        case_id=measure.case_id,
        measure_id=measure.id,
        key=deadline.key,
        rule_id=deadline.rule.id,
        event_id=start.event_id,
        start_fact=start.fact,
        start_on=start.on,
        due_on=deadline.due_on,
        moved_from=deadline.moved.from_on if deadline.moved else None,
        fulfilled_by=deadline.fulfilled.event_id if deadline.fulfilled else None,
        done=False,
        withdrawn=False,
        created_at=now,
        created_by=actor.username,
        updated_at=now,
    )


def follow(s: Session, actor: Actor, row: MeasureReminder, deadline: Deadline) -> None:
    """Bring one stored reminder in line with its deadline as computed now."""
    changes: list[str] = []
    start = deadline.basis[-1]
    if (row.start_fact, row.start_on) != (start.fact, start.on):
        row.start_fact, row.start_on = start.fact, start.on
        changes.append("start changed")
    if row.due_on != deadline.due_on:
        row.due_on, row.done, row.done_by = deadline.due_on, False, None
        changes.append("due date moved")
    moved_from = deadline.moved.from_on if deadline.moved else None
    if row.moved_from != moved_from:
        row.moved_from = moved_from
        changes.append("holiday move changed")
    fulfilled_by = deadline.fulfilled.event_id if deadline.fulfilled else None
    if row.fulfilled_by != fulfilled_by:
        row.fulfilled_by = fulfilled_by
        changes.append("fulfilled" if fulfilled_by else "no longer fulfilled")
    if row.withdrawn:
        row.withdrawn = False
        changes.append("restored")
    if changes:
        row.updated_at = utc_now()
        audit.record(s, actor, "update", "measure_reminder", row.id, detail=", ".join(changes))
