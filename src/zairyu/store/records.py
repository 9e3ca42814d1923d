"""Records attached to a case: events, evidence, assessments, decisions and reminders.

Records are added, never deleted. Each one is reached through its case, and the case through
the actor's organisation, so a record of another organisation is "not found".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from zairyu.store import audit
from zairyu.store.access import (
    ASSESSORS,
    WRITERS,
    Actor,
    InvalidRequestError,
    NotFoundError,
    UserRole,
)
from zairyu.store.cases import _current, case_in_org
from zairyu.store.database import Database
from zairyu.store.tables import (
    AssessmentRecord,
    Base,
    Decision,
    Event,
    Evidence,
    Reminder,
    utc_now,
)


@dataclass(frozen=True)
class RecordKind:
    entity: str
    table: type[Base]
    writers: frozenset[UserRole]


EVENTS = RecordKind("event", Event, WRITERS)
EVIDENCE = RecordKind("evidence", Evidence, WRITERS)
ASSESSMENTS = RecordKind("assessment", AssessmentRecord, ASSESSORS)
DECISIONS = RecordKind("decision", Decision, ASSESSORS)
REMINDERS = RecordKind("reminder", Reminder, WRITERS)
KINDS = (EVENTS, EVIDENCE, ASSESSMENTS, DECISIONS, REMINDERS)


def record_view(row: Base) -> dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name != "org_id"}


class Records:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        actor: Actor,
        kind: RecordKind,
        case_id: str,
        fields: dict[str, Any],
        *,
        check: Callable[[dict[str, Any]], list[dict[str, str]]] | None = None,
    ) -> dict[str, Any]:
        """Add a record; ``check`` (given the case's current household) lists what makes it
        untrue of the case, and any problem refuses it with ``InvalidRequestError``."""
        actor.require(kind.writers)
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            if check is not None and (problems := check(_current(s, case).household)):
                raise InvalidRequestError(problems)
            row: Any = kind.table(
                org_id=actor.org_id,
                case_id=case.id,
                created_at=utc_now(),
                created_by=actor.username,
                **fields,
            )
            s.add(row)
            s.flush()
            audit.record(s, actor, "create", kind.entity, row.id, case_id=case.id, tracked=True)
            return record_view(row)

    def list(self, actor: Actor, kind: RecordKind, case_id: str) -> list[dict[str, Any]]:
        table: Any = kind.table
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            rows = s.scalars(
                select(table)
                .where(table.case_id == case.id, table.org_id == actor.org_id)
                .order_by(table.created_at, table.id)
            )
            views = [record_view(r) for r in rows]
            audit.record(s, actor, "list", kind.entity, None, case_id=case.id)
            return views

    def get(self, actor: Actor, kind: RecordKind, case_id: str, record_id: str) -> dict[str, Any]:
        with self.db.transaction() as s:
            row = self._row(s, actor, kind, case_id, record_id)
            audit.record(s, actor, "read", kind.entity, row.id, case_id=row.case_id)
            return record_view(row)

    def change(
        self, actor: Actor, kind: RecordKind, case_id: str, record_id: str, fields: dict[str, Any]
    ) -> dict[str, Any]:
        actor.require(kind.writers)
        with self.db.transaction() as s:
            row = self._row(s, actor, kind, case_id, record_id)
            for name, value in fields.items():
                setattr(row, name, value)
            audit.record(s, actor, "update", kind.entity, row.id, case_id=row.case_id, tracked=True)
            return record_view(row)

    def _row(self, s: Any, actor: Actor, kind: RecordKind, case_id: str, record_id: str) -> Any:
        table: Any = kind.table
        case = case_in_org(s, actor, case_id)
        row = s.scalar(
            select(table).where(
                table.id == record_id, table.case_id == case.id, table.org_id == actor.org_id
            )
        )
        if row is None:
            raise NotFoundError(kind.entity)
        return row
