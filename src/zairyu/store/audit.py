"""The audit trail: append-only and hash-chained.

Each entry's hash covers its own fields and the previous entry's hash, so altering or deleting
any entry breaks the chain from there on; the ``audit_head`` row, updated in the same
transaction as each append, also catches the deletion of the newest entries. Updating that
row first takes a write lock, which orders concurrent appends on SQLite and PostgreSQL alike.
Entries name records by id and never copy personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from zairyu.store.access import Actor
from zairyu.store.tables import AuditEntry, AuditHead, utc_now

GENESIS = "0" * 64


def entry_hash(entry: AuditEntry) -> str:
    fields = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "org_id": entry.org_id,
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "remote": entry.remote,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: str | None,
    *,
    detail: str | None = None,
    org_id: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    entry = AuditEntry(
        seq=head.seq,
        at=utc_now(),
        org_id=actor.org_id if actor else org_id,
        actor=actor.username if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        remote=actor.remote if actor else None,
        detail=detail,
        prev_hash=head.hash,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
    return entry


@dataclass(frozen=True)
class Verification:
    entries: int
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(session: Session) -> Verification:
    """Walk the whole chain; report every break."""
    problems: list[str] = []
    expected_seq, prev_hash, count = 1, GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            problems.append(f"entries {expected_seq}..{entry.seq - 1} are missing")
        if entry.prev_hash != prev_hash:
            problems.append(f"entry {entry.seq} does not follow the entry before it")
        if entry_hash(entry) != entry.hash:
            problems.append(f"entry {entry.seq} was altered")
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    head = session.get(AuditHead, 1)
    if head is None:
        problems.append("the audit head row is missing")
    elif head.seq != expected_seq - 1 or head.hash != prev_hash:
        problems.append(f"the newest entries were removed (head says entry {head.seq})")
    return Verification(count, problems)
