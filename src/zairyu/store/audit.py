"""The audit trail: append-only, each entry signed with a key kept outside the database.

Each entry's HMAC covers its own fields and the previous entry's HMAC, so altering, deleting,
inserting or reordering entries breaks the chain, and without the key (``audit_key``) nobody can
compute a chain that verifies again. An audited change also carries the HMAC of the record as
the change left it (``audit_state``), so ``verify`` catches records edited outside zairyu. The
``audit_head`` row, updated in the same transaction as each append, orders concurrent appends
(its update takes a write lock on SQLite and PostgreSQL alike). Truncating the newest entries is
caught against a checkpoint kept elsewhere (``audit_verify.checkpoint``).
Entries name records by id and never copy personal data.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from zairyu.store.access import Actor
from zairyu.store.audit_key import AuditKeyError, sign
from zairyu.store.audit_state import TRACKED, all_states, state_of
from zairyu.store.tables import AuditEntry, AuditHead, utc_now

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "org_id",
    "actor",
    "action",
    "entity",
    "entity_id",
    "remote",
    "detail",
    "case_id",
    "state",
    "prev_hash",
)


def session_key(session: Session) -> bytes:
    key = session.info.get("audit_key")
    if not isinstance(key, bytes):
        raise AuditKeyError("this session has no audit key (open it through Database)")
    return key


def entry_hash(key: bytes, entry: AuditEntry) -> str:
    fields: dict[str, Any] = {name: getattr(entry, name) for name in FIELDS}
    fields["at"] = entry.at.isoformat(timespec="microseconds")
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return sign(key, f"entry\n{canonical}")


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: str | None,
    *,
    detail: str | None = None,
    org_id: str | None = None,
    case_id: str | None = None,
    remote: str | None = None,
    tracked: bool = False,
) -> AuditEntry:
    """Append one entry in the caller's transaction.

    ``tracked``: the entry records a change, and carries the state it left the record in.
    """
    key = session_key(session)
    state = None
    if tracked:
        assert entity in TRACKED and entity_id is not None, f"{entity} is not a tracked record"
        state = state_of(session, key, entity, entity_id)
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
        remote=actor.remote if actor else remote,
        detail=detail,
        case_id=case_id if case_id is not None else (entity_id if entity == "case" else None),
        state=state,
        prev_hash=head.hash,
    )
    entry.hash = entry_hash(key, entry)
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
    return entry


def refusal(
    session: Session,
    actor: Actor | None,
    *,
    status: int,
    reason: str,
    route: str,
    remote: str | None,
    case_id: str | None = None,
) -> AuditEntry:
    """A refused request: the status, why (in zairyu's words) and the route template only."""
    detail = f"{status} {reason} {route}"[:300]
    return record(
        session, actor, "refused", "request", None, detail=detail, case_id=case_id, remote=remote
    )


def adopt(session: Session) -> int:
    """Sign an unsigned trail (written before the key existed) and record every record's state.

    Run once, by ``db upgrade``, when a store without signed entries gets its key. Returns how
    many earlier entries were signed.
    """
    key = session_key(session)
    prev, count = GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(key, entry)
        count += 1
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=count, hash=prev))
    session.flush()
    for entity, entity_id, _state in list(all_states(session, key)):
        record(session, None, "baseline", entity, entity_id, tracked=True, detail="adopted")
    return count


def show(
    session: Session,
    *,
    org_id: str | None = None,
    case_id: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Entries, newest first, filtered by organisation, case, user and time."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if org_id is not None:
        query = query.where(AuditEntry.org_id == org_id)
    if case_id is not None:
        query = query.where(AuditEntry.case_id == case_id)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return [entry_view(e) for e in session.scalars(query)]


def entry_view(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "case_id": entry.case_id,
        "remote": entry.remote,
        "detail": entry.detail,
    }
