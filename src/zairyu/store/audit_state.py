"""What each audited record looked like after a change: an HMAC of its stored columns.

An audited change carries the state it left its record in, so ``audit verify`` can compare
every record of the store with the newest audited state of it: an edit made straight in the
database (a household, a decision, a role, a case moved to another organisation) shows as a
record whose state no entry explains. Counters that change on every failed sign-in are left
out of a user's state, and so is the interface language; everything that grants or records
something is in it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from zairyu.store.audit_key import sign
from zairyu.store.tables import (
    ApiToken,
    AssessmentRecord,
    Base,
    BrowserSession,
    Case,
    CaseVersion,
    Decision,
    Event,
    Evidence,
    Organisation,
    Reminder,
    User,
)

DELETED = "deleted"


@dataclass(frozen=True)
class Tracked:
    table: type[Base]
    ignored: frozenset[str] = field(default_factory=frozenset)

    @property
    def core(self) -> Table:
        table: Table = self.table.__table__  # type: ignore[assignment]
        return table


TRACKED: dict[str, Tracked] = {
    "organisation": Tracked(Organisation),
    # The interface language grants nothing; left out, the users audited before migration 0004
    # added it keep the state their entries name.
    "user": Tracked(User, frozenset({"failed_logins", "locked_until", "lang"})),
    "api_token": Tracked(ApiToken),
    "session": Tracked(BrowserSession),
    "case": Tracked(Case),  # with every version of its household facts
    "event": Tracked(Event),
    "evidence": Tracked(Evidence),
    "assessment": Tracked(AssessmentRecord),
    "decision": Tracked(Decision),
    "reminder": Tracked(Reminder),
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _columns(row: Mapping[Any, Any], ignored: frozenset[str]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in row.items() if name not in ignored}


def _seal(key: bytes, entity: str, data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return sign(key, f"state\n{entity}\n{text}")


def _versions(s: Session, case_id: str | None) -> dict[str, list[dict[str, Any]]]:
    table: Table = CaseVersion.__table__  # type: ignore[assignment]
    query = select(table).order_by(table.c.case_id, table.c.version)
    if case_id is not None:
        query = query.where(table.c.case_id == case_id)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in s.execute(query).mappings():
        grouped[row["case_id"]].append(_columns(row, frozenset()))
    return grouped


def state_of(s: Session, key: bytes, entity: str, entity_id: str) -> str:
    """The state of one record as stored now (``DELETED`` if there is no such row)."""
    tracked = TRACKED[entity]
    s.flush()
    row = s.execute(select(tracked.core).where(tracked.core.c.id == entity_id)).mappings().first()
    if row is None:
        return DELETED
    data = _columns(row, tracked.ignored)
    if entity == "case":
        data["versions"] = _versions(s, entity_id).get(entity_id, [])
    return _seal(key, entity, data)


def all_states(s: Session, key: bytes) -> Iterator[tuple[str, str, str]]:
    """(entity, id, state) of every tracked record in the store."""
    versions = _versions(s, None)
    for entity, tracked in TRACKED.items():
        for row in s.execute(select(tracked.core)).mappings():
            data = _columns(row, tracked.ignored)
            if entity == "case":
                data["versions"] = versions.get(row["id"], [])
            yield entity, row["id"], _seal(key, entity, data)
