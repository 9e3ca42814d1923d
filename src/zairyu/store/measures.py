"""Measures between decisions (supervision measures, provisional release), their events and
the reminders computed from them, seen through one organisation.

Every query is filtered by the actor's organisation, through the case: a measure of another
organisation is "not found". Every creation, change and read is audited. Whenever a measure or
one of its events changes, its deadlines are computed again in the same transaction and its
reminders follow: a moved fact moves its reminder (a moved reminder is no longer done), a new
one adds one, and a reminder whose fact is gone is withdrawn, never deleted.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from zairyu.deadlines.engine import compute
from zairyu.deadlines.facts import Measure, MeasureEvent
from zairyu.deadlines.kinds import EventKind
from zairyu.deadlines.loader import shipped_rules
from zairyu.deadlines.schema import RuleSet
from zairyu.store import audit
from zairyu.store.access import WRITERS, Actor, ConflictError, InvalidRequestError, NotFoundError
from zairyu.store.cases import case_in_org
from zairyu.store.database import Database
from zairyu.store.measure_reminders import follow_deadlines
from zairyu.store.measure_tables import MeasureEventRecord, MeasureRecord, MeasureReminder
from zairyu.store.tables import Base, Case, CaseVersion, Reminder, utc_now


@dataclass(frozen=True)
class EventFields:
    kind: EventKind
    day: date
    refers_to: str | None = None
    note: str | None = None


def view(row: Base) -> dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name != "org_id"}


MEASURE_FACTS = (
    *("kind", "decided_on", "person_id", "conditions", "supervisor"),
    "release_period_ends_on",
)
EVENT_FACTS = ("id", "kind", "day", "refers_to", "note")


def facts_from_view(stored: dict[str, Any]) -> Measure:
    """The engine's facts of a stored measure (a row or its view)."""
    return Measure.model_validate({k: stored[k] for k in MEASURE_FACTS})


def event_facts_from_view(stored: dict[str, Any]) -> MeasureEvent:
    return MeasureEvent.model_validate({k: stored[k] for k in EVENT_FACTS})


def facts_of(row: MeasureRecord) -> Measure:
    return facts_from_view(view(row))


def event_facts(row: MeasureEventRecord) -> MeasureEvent:
    return event_facts_from_view(view(row))


def _columns(measure: Measure) -> dict[str, Any]:
    data = measure.model_dump(mode="json")
    return {
        "kind": measure.kind.value,
        "person_id": measure.person_id,
        "decided_on": measure.decided_on,
        "release_period_ends_on": measure.release_period_ends_on,
        "conditions": data["conditions"],
        "supervisor": data["supervisor"],
    }


class Measures:
    def __init__(self, db: Database, rules: RuleSet | None = None) -> None:
        self.db = db
        self.rules = rules or shipped_rules()

    # --- measures ---

    def create(self, actor: Actor, case_id: str, measure: Measure) -> dict[str, Any]:
        actor.require(WRITERS)
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            _check_person(s, case, measure.person_id)
            now = utc_now()
            row = MeasureRecord(
                org_id=actor.org_id,
                case_id=case.id,
                version=1,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
                **_columns(measure),
            )
            s.add(row)
            s.flush()
            audit.record(s, actor, "create", "measure", row.id, detail=f"case {case.id}")
            self._sync(s, actor, row)
            return self._full(s, row)

    def list(self, actor: Actor, case_id: str) -> builtins.list[dict[str, Any]]:
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            rows = s.scalars(
                select(MeasureRecord)
                .where(MeasureRecord.case_id == case.id, MeasureRecord.org_id == actor.org_id)
                .order_by(MeasureRecord.decided_on, MeasureRecord.id)
            )
            views = [view(r) for r in rows]
            audit.record(s, actor, "list", "measure", None, detail=f"case {case.id}")
            return views

    def get(self, actor: Actor, case_id: str, measure_id: str) -> dict[str, Any]:
        with self.db.transaction() as s:
            row = self._measure(s, actor, case_id, measure_id)
            audit.record(s, actor, "read", "measure", row.id, detail=f"case {case_id}")
            return self._full(s, row)

    def change(
        self,
        actor: Actor,
        case_id: str,
        measure_id: str,
        expected_version: int,
        measure: Measure,
    ) -> dict[str, Any]:
        """Replace the measure's facts, if it is still at ``expected_version``."""
        actor.require(WRITERS)
        with self.db.transaction() as s:
            row = self._measure(s, actor, case_id, measure_id)
            case = case_in_org(s, actor, case_id)
            _check_person(s, case, measure.person_id)
            advanced = s.execute(
                update(MeasureRecord)
                .where(MeasureRecord.id == row.id, MeasureRecord.version == expected_version)
                .values(
                    version=expected_version + 1,
                    updated_at=utc_now(),
                    updated_by=actor.username,
                    **_columns(measure),
                )
                .execution_options(synchronize_session=False)
            )
            s.refresh(row)
            if getattr(advanced, "rowcount", 0) != 1:
                raise ConflictError(row.version, self._full(s, row), "measure")
            audit.record(s, actor, "update", "measure", row.id, detail=f"version {row.version}")
            self._sync(s, actor, row)
            return self._full(s, row)

    # --- events ---

    def add_event(
        self, actor: Actor, case_id: str, measure_id: str, fields: EventFields
    ) -> dict[str, Any]:
        actor.require(WRITERS)
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            self._check_refers_to(s, measure, fields.refers_to, None)
            now = utc_now()
            row = MeasureEventRecord(
                org_id=actor.org_id,
                case_id=measure.case_id,
                measure_id=measure.id,
                kind=fields.kind.value,
                day=fields.day,
                refers_to=fields.refers_to,
                note=fields.note,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            s.add(row)
            s.flush()
            audit.record(
                s, actor, "create", "measure_event", row.id, detail=f"measure {measure.id}"
            )
            self._sync(s, actor, measure)
            return view(row)

    def change_event(
        self,
        actor: Actor,
        case_id: str,
        measure_id: str,
        event_id: str,
        expected_version: int,
        fields: EventFields,
    ) -> dict[str, Any]:
        """Replace the event's facts, if it is still at ``expected_version``."""
        actor.require(WRITERS)
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            row = self._event(s, actor, measure, event_id)
            self._check_refers_to(s, measure, fields.refers_to, row.id)
            advanced = s.execute(
                update(MeasureEventRecord)
                .where(
                    MeasureEventRecord.id == row.id,
                    MeasureEventRecord.version == expected_version,
                )
                .values(
                    kind=fields.kind.value,
                    day=fields.day,
                    refers_to=fields.refers_to,
                    note=fields.note,
                    version=expected_version + 1,
                    updated_at=utc_now(),
                    updated_by=actor.username,
                )
                .execution_options(synchronize_session=False)
            )
            s.refresh(row)
            if getattr(advanced, "rowcount", 0) != 1:
                raise ConflictError(row.version, view(row), "measure's event")
            detail = f"measure {measure.id}, version {row.version}"
            audit.record(s, actor, "update", "measure_event", row.id, detail=detail)
            self._sync(s, actor, measure)
            return view(row)

    def events(self, actor: Actor, case_id: str, measure_id: str) -> builtins.list[dict[str, Any]]:
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            views = [view(e) for e in self._events(s, measure)]
            audit.record(s, actor, "list", "measure_event", None, detail=f"measure {measure.id}")
            return views

    def get_event(
        self, actor: Actor, case_id: str, measure_id: str, event_id: str
    ) -> dict[str, Any]:
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            row = self._event(s, actor, measure, event_id)
            audit.record(s, actor, "read", "measure_event", row.id, detail=f"measure {measure.id}")
            return view(row)

    # --- reminders ---

    def reminders(
        self, actor: Actor, case_id: str, measure_id: str
    ) -> builtins.list[dict[str, Any]]:
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            views = [view(r) for r in self._reminders(s, measure)]
            audit.record(s, actor, "list", "measure_reminder", None, detail=f"measure {measure.id}")
            return views

    def mark_reminder(
        self, actor: Actor, case_id: str, measure_id: str, reminder_id: str, done: bool
    ) -> dict[str, Any]:
        actor.require(WRITERS)
        with self.db.transaction() as s:
            measure = self._measure(s, actor, case_id, measure_id)
            row = s.scalar(
                select(MeasureReminder).where(
                    MeasureReminder.id == reminder_id,
                    MeasureReminder.measure_id == measure.id,
                    MeasureReminder.org_id == actor.org_id,
                )
            )
            if row is None:
                raise NotFoundError("reminder")
            row.done, row.done_by = done, (actor.username if done else None)
            row.updated_at = utc_now()
            detail = "marked done" if done else "marked not done"
            audit.record(s, actor, "update", "measure_reminder", row.id, detail=detail)
            return view(row)

    def open_reminders(
        self, actor: Actor, until: date | None = None
    ) -> builtins.list[dict[str, Any]]:
        """The organisation's reminders not done, fulfilled or withdrawn, due by ``until`` if
        given (overdue ones included however old), with their case's reference and measure."""
        with self.db.transaction() as s:
            rows = s.execute(
                select(MeasureReminder, MeasureRecord, Case.reference)
                .join(MeasureRecord, MeasureRecord.id == MeasureReminder.measure_id)
                .join(Case, Case.id == MeasureReminder.case_id)
                .where(
                    MeasureReminder.org_id == actor.org_id,
                    MeasureRecord.org_id == actor.org_id,
                    Case.org_id == actor.org_id,
                    MeasureReminder.done.is_(False),
                    MeasureReminder.withdrawn.is_(False),
                    MeasureReminder.fulfilled_by.is_(None),
                    MeasureReminder.due_on <= (until or date.max),
                )
                .order_by(MeasureReminder.due_on, MeasureReminder.id)
            ).all()
            items = [
                view(r)
                | {
                    "case_reference": reference,
                    "measure_kind": m.kind,
                    "organisation_staff_supervisor": bool(
                        (m.supervisor or {}).get("organisation_staff")
                    ),
                }
                for r, m, reference in rows
            ]
            audit.record(
                s, actor, "list", "measure_reminder", None, detail=f"due list, {len(items)} items"
            )
            return items

    def open_case_reminders(
        self, actor: Actor, until: date | None = None
    ) -> builtins.list[dict[str, Any]]:
        """The reminders typed in on cases (``/cases/{id}/reminders``) not done, due by
        ``until`` if given, with their case's reference: the due list shows them too."""
        with self.db.transaction() as s:
            rows = s.execute(
                select(Reminder, Case.reference)
                .join(Case, Case.id == Reminder.case_id)
                .where(
                    Reminder.org_id == actor.org_id,
                    Case.org_id == actor.org_id,
                    Reminder.done.is_(False),
                    Reminder.due_on <= (until or date.max),
                )
                .order_by(Reminder.due_on, Reminder.id)
            ).all()
            items = [view(r) | {"case_reference": reference} for r, reference in rows]
            audit.record(s, actor, "list", "reminder", None, detail=f"due list, {len(items)} items")
            return items

    # --- inside a transaction ---

    def _measure(self, s: Session, actor: Actor, case_id: str, measure_id: str) -> MeasureRecord:
        case = case_in_org(s, actor, case_id)
        row = s.scalar(
            select(MeasureRecord).where(
                MeasureRecord.id == measure_id,
                MeasureRecord.case_id == case.id,
                MeasureRecord.org_id == actor.org_id,
            )
        )
        if row is None:
            raise NotFoundError("measure")
        return row

    def _event(
        self, s: Session, actor: Actor, measure: MeasureRecord, event_id: str
    ) -> MeasureEventRecord:
        row = s.scalar(
            select(MeasureEventRecord).where(
                MeasureEventRecord.id == event_id,
                MeasureEventRecord.measure_id == measure.id,
                MeasureEventRecord.org_id == actor.org_id,
            )
        )
        if row is None:
            raise NotFoundError("measure event")
        return row

    def _events(self, s: Session, measure: MeasureRecord) -> builtins.list[MeasureEventRecord]:
        return builtins.list(
            s.scalars(
                select(MeasureEventRecord)
                .where(
                    MeasureEventRecord.measure_id == measure.id,
                    MeasureEventRecord.org_id == measure.org_id,
                )
                .order_by(MeasureEventRecord.day, MeasureEventRecord.created_at)
            )
        )

    def _reminders(self, s: Session, measure: MeasureRecord) -> builtins.list[MeasureReminder]:
        return builtins.list(
            s.scalars(
                select(MeasureReminder)
                .where(
                    MeasureReminder.measure_id == measure.id,
                    MeasureReminder.org_id == measure.org_id,
                )
                .order_by(MeasureReminder.due_on, MeasureReminder.key)
            )
        )

    def _check_refers_to(
        self, s: Session, measure: MeasureRecord, refers_to: str | None, own_id: str | None
    ) -> None:
        if refers_to is None:
            return
        ids = {e.id for e in self._events(s, measure)} - {own_id}
        if refers_to not in ids:
            raise InvalidRequestError(
                [{"path": "body.refers_to", "message": "names no other event of this measure"}]
            )

    def _full(self, s: Session, row: MeasureRecord) -> dict[str, Any]:
        return view(row) | {
            "events": [view(e) for e in self._events(s, row)],
            "reminders": [view(r) for r in self._reminders(s, row)],
        }

    def _sync(self, s: Session, actor: Actor, measure: MeasureRecord) -> None:
        events = [event_facts(e) for e in self._events(s, measure)]
        computed = compute(facts_of(measure), events, self.rules).deadlines
        follow_deadlines(s, actor, measure, computed, self._reminders(s, measure))


def _check_person(s: Session, case: Case, person_id: str | None) -> None:
    """A measure's person must be a member of the case's household as it is now."""
    if person_id is None:
        return
    current = s.scalar(
        select(CaseVersion).where(
            CaseVersion.case_id == case.id, CaseVersion.version == case.version
        )
    )
    members = (current.household if current else {}).get("members") or []
    if person_id not in {m.get("id") for m in members if isinstance(m, dict)}:
        raise InvalidRequestError(
            [{"path": "body.person_id", "message": "is not a member of the case's household"}]
        )
