"""Checking the audit trail: the signed chain, the head, every record's state, a checkpoint.

A checkpoint is the signed head of the trail (how many entries, the newest entry's HMAC, when),
written by ``zairyu audit checkpoint`` for the organisation to keep somewhere the database's
administrators cannot write. Verifying against it catches what the chain alone cannot: the
newest entries removed and the head set back, or the whole trail replaced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.store.audit import GENESIS, entry_hash, session_key
from zairyu.store.audit_key import sign
from zairyu.store.audit_state import DELETED, all_states
from zairyu.store.tables import AuditEntry, AuditHead, utc_now

CHECKPOINT_FORMAT = "zairyu-audit-checkpoint/1"


@dataclass(frozen=True)
class Verification:
    entries: int
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems


def _chain(s: Session, key: bytes, problems: list[str]) -> tuple[int, dict[tuple[str, str], Any]]:
    """Walk the chain; returns the count and the newest (seq, state) of each tracked record."""
    expected_seq, prev_hash, count = 1, GENESIS, 0
    states: dict[tuple[str, str], Any] = {}
    for entry in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            problems.append(f"entries {expected_seq}..{entry.seq - 1} are missing")
        if entry.prev_hash != prev_hash:
            problems.append(f"entry {entry.seq} does not follow the entry before it")
        if entry_hash(key, entry) != entry.hash:
            problems.append(f"entry {entry.seq} was altered or forged (its signature is wrong)")
        if entry.state is not None and entry.entity_id is not None:
            states[(entry.entity, entry.entity_id)] = (entry.seq, entry.state)
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    head = s.get(AuditHead, 1)
    if head is None:
        problems.append("the audit head row is missing")
    elif head.seq != expected_seq - 1 or head.hash != prev_hash:
        problems.append(f"the newest entries were removed (head says entry {head.seq})")
    return count, states


def _records(s: Session, key: bytes, audited: dict[tuple[str, str], Any]) -> list[str]:
    problems: list[str] = []
    unexplained = 0
    remaining = dict(audited)
    for entity, entity_id, state in all_states(s, key):
        seq_state = remaining.pop((entity, entity_id), None)
        if seq_state is None:
            unexplained += 1
            if unexplained <= 20:
                problems.append(
                    f"{entity} {entity_id} has no audit entry: written outside zairyu, "
                    "or its entries were removed"
                )
        elif seq_state[1] != state:
            problems.append(
                f"{entity} {entity_id} was changed outside zairyu "
                f"(it differs from its state after entry {seq_state[0]})"
            )
    if unexplained > 20:
        problems.append(f"... {unexplained} records in all have no audit entry")
    for (entity, entity_id), (seq, state) in sorted(remaining.items(), key=lambda i: i[1][0]):
        if state != DELETED:
            problems.append(f"{entity} {entity_id} was deleted outside zairyu (entry {seq})")
    return problems


def verify(s: Session, checkpoint: dict[str, Any] | None = None) -> Verification:
    """Walk the whole chain, compare every record with its audited state; report every break."""
    key = session_key(s)
    problems: list[str] = []
    count, audited = _chain(s, key, problems)
    problems.extend(_records(s, key, audited))
    if checkpoint is not None:
        problems.extend(_against(s, key, checkpoint))
    return Verification(count, problems)


def _signed_text(body: dict[str, Any]) -> str:
    fields = {k: body[k] for k in ("format", "entries", "hash", "at")}
    return "checkpoint\n" + json.dumps(fields, sort_keys=True, separators=(",", ":"))


def checkpoint(s: Session) -> dict[str, Any]:
    """The signed head of the trail, to keep outside the database."""
    key = session_key(s)
    head = s.get(AuditHead, 1)
    assert head is not None, "the audit head row exists from the first migration"
    body: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "entries": head.seq,
        "hash": head.hash,
        "at": utc_now().isoformat(timespec="seconds"),
    }
    body["signature"] = sign(key, _signed_text(body))
    return body


def _against(s: Session, key: bytes, cp: dict[str, Any]) -> list[str]:
    try:
        genuine = cp["format"] == CHECKPOINT_FORMAT and sign(key, _signed_text(cp)) == cp.get(
            "signature"
        )
        entries, expected = int(cp["entries"]), str(cp["hash"])
    except (KeyError, TypeError, ValueError):
        return ["the checkpoint file is not a zairyu audit checkpoint"]
    if not genuine:
        return ["the checkpoint's signature is wrong: it was altered, or signed with another key"]
    if entries == 0:
        return []
    entry = s.get(AuditEntry, entries)
    if entry is None:
        return [f"the trail was truncated: the checkpoint of {cp['at']} counted {entries} entries"]
    if entry.hash != expected:
        return [f"the trail was rewritten since the checkpoint of {cp['at']} (entry {entries})"]
    return []
