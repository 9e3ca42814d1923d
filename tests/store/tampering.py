"""A store with some history, and the ways someone with database access (but not the audit
key) might try to rewrite it. Each scenario changes the database directly, bypassing zairyu."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from store_fixtures import HOUSEHOLD, make_accounts

from zairyu.store import audit
from zairyu.store.access import UserRole
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE, REMINDERS, Records
from zairyu.store.tables import (
    ApiToken,
    AuditEntry,
    AuditHead,
    BrowserSession,
    Case,
    CaseVersion,
    Decision,
    Event,
    Evidence,
    Reminder,
    User,
    new_id,
    utc_now,
)

PASSWORD = "correct horse battery staple"
ATTACKER_KEY = secrets.token_bytes(32)  # knows the algorithm, not the store's key


def populate(db: Database) -> dict[str, Any]:
    """Two organisations, users, a case with versions and every kind of record, then reads."""
    accounts = make_accounts(db)
    name_a = f"A-{new_id()}"
    org_a, org_b = accounts.add_org(name_a), accounts.add_org(f"B-{new_id()}")
    admin_name, worker_name = f"admin-{new_id()[:8]}", f"worker-{new_id()[:8]}"
    accounts.add_user(org_a, admin_name, UserRole.admin, PASSWORD)
    worker_id = accounts.add_user(org_a, worker_name, UserRole.caseworker, PASSWORD)
    admin = accounts.login(name_a, admin_name, PASSWORD, "10.0.0.1").actor
    worker = accounts.login(name_a, worker_name, PASSWORD, "10.0.0.2").actor
    assert admin is not None and worker is not None
    accounts.open_session(worker)
    token_id, _ = accounts.issue_token(worker, "laptop")
    accounts.revoke_token(worker, token_id)
    other_id = accounts.add_user(org_a, f"left-{new_id()[:8]}", UserRole.reviewer, PASSWORD, admin)
    accounts.update_user(admin, other_id, None, False)
    cases, records = Cases(db), Records(db)
    case = cases.create(worker, "F-1", HOUSEHOLD, note="first interview")
    cases.change(worker, case["id"], 1, household={**HOUSEHOLD, "notes": "moved to Osaka"})
    event = records.add(
        worker,
        EVENTS,
        case["id"],
        {"kind": "entry", "occurred_on": date(2010, 4, 1), "person_ids": ["p1"], "details": {}},
    )
    evidence = records.add(
        worker,
        EVIDENCE,
        case["id"],
        {
            "title": "School record",
            "kind": "document",
            "received_on": None,
            "proves": [],
            "sha256": None,
            "note": "from the school",
        },
    )
    decision = records.add(
        worker,
        DECISIONS,
        case["id"],
        {
            "outcome": "refused",
            "person_ids": ["p1"],
            "status_of_residence": None,
            "period_months": None,
            "reasons": "none given",
            "decided_by": "Minister",
            "decided_on": date(2024, 9, 30),
        },
    )
    reminder = records.add(
        worker,
        REMINDERS,
        case["id"],
        {"kind": "reporting", "due_on": date(2025, 1, 15), "title": "Report", "done": False},
    )
    for _ in range(25):  # the newest entries are reads: no record state explains them
        cases.get(worker, case["id"])
    return {
        "org_a": org_a,
        "org_b": org_b,
        "case": case["id"],
        "worker": worker_id,
        "other": other_id,
        "token": token_id,
        "event": event["id"],
        "evidence": evidence["id"],
        "decision": decision["id"],
        "reminder": reminder["id"],
    }


def _entries(db: Database) -> list[AuditEntry]:
    with db.engine.connect() as c:
        return [AuditEntry(**dict(r)) for r in c.execute(select(AuditEntry.__table__)).mappings()]


def _rewrite(db: Database, entries: list[AuditEntry], key: bytes = ATTACKER_KEY) -> None:
    """Replace the whole trail with ``entries``, renumbered and chained under ``key``."""
    prev = audit.GENESIS
    rows = []
    for seq, entry in enumerate(sorted(entries, key=lambda e: e.seq), start=1):
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = audit.entry_hash(key, entry)
        rows.append({c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns})
    with db.engine.begin() as c:
        c.execute(delete(AuditEntry))
        if rows:
            c.execute(insert(AuditEntry), rows)
        c.execute(update(AuditHead).values(seq=len(rows), hash=prev))


def _truncate(db: Database, keep: int) -> None:
    """Delete the newest entries and set the head back to the last one kept."""
    with db.engine.begin() as c:
        c.execute(delete(AuditEntry).where(AuditEntry.seq > keep))
        last = c.scalar(select(AuditEntry.hash).where(AuditEntry.seq == keep))
        c.execute(update(AuditHead).values(seq=keep, hash=last))


def _sql(db: Database, statement: Any) -> None:
    with db.engine.begin() as c:
        c.execute(statement)


def _household_edit(db: Database, ids: dict[str, Any], version: int) -> None:
    changed = {
        **HOUSEHOLD,
        "members": [
            {**HOUSEHOLD["members"][0], "date_of_birth": "1999-01-01"},
            HOUSEHOLD["members"][1],
        ],
    }
    _sql(
        db,
        update(CaseVersion)
        .where(CaseVersion.case_id == ids["case"], CaseVersion.version == version)
        .values(household=changed),
    )


def _move_case(db: Database, ids: dict[str, Any]) -> None:
    for table in (Case, CaseVersion, Event, Evidence, Decision, Reminder):
        column = table.id if table is Case else table.case_id
        _sql(db, update(table).where(column == ids["case"]).values(org_id=ids["org_b"]))


def _insert_case(db: Database, ids: dict[str, Any]) -> None:
    case_id, now = new_id(), utc_now()
    _sql(
        db,
        insert(Case).values(
            id=case_id,
            org_id=ids["org_a"],
            reference="X",
            status="open",
            version=1,
            created_at=now,
            created_by="x",
            updated_at=now,
            updated_by="x",
        ),
    )
    _sql(
        db,
        insert(CaseVersion).values(
            id=new_id(),
            org_id=ids["org_a"],
            case_id=case_id,
            version=1,
            household=HOUSEHOLD,
            created_at=now,
            created_by="x",
        ),
    )


def _forge_at_end(db: Database) -> None:
    entries = _entries(db)
    forged = AuditEntry(
        **{c.name: getattr(entries[-1], c.name) for c in AuditEntry.__table__.columns}
    )
    forged.seq, forged.action = len(entries) + 1, "read"
    forged.prev_hash = entries[-1].hash
    forged.hash = audit.entry_hash(ATTACKER_KEY, forged)
    with db.engine.begin() as c:
        c.execute(
            insert(AuditEntry),
            [{col.name: getattr(forged, col.name) for col in AuditEntry.__table__.columns}],
        )
        c.execute(update(AuditHead).values(seq=forged.seq, hash=forged.hash))


def _swap(db: Database) -> None:
    entries = _entries(db)
    entries[3].seq, entries[4].seq = entries[4].seq, entries[3].seq
    with db.engine.begin() as c:
        c.execute(delete(AuditEntry))
        c.execute(
            insert(AuditEntry),
            [
                {col.name: getattr(e, col.name) for col in AuditEntry.__table__.columns}
                for e in entries
            ],
        )


def _edit_then_rechain(db: Database) -> None:
    entries = _entries(db)
    entries[5].actor = "someone-else"
    _rewrite(db, entries)


def _delete_then_rechain(db: Database) -> None:
    _rewrite(db, [e for e in _entries(db) if e.seq != 6])


def _insert_in_middle(db: Database) -> None:
    entries = _entries(db)
    forged = AuditEntry(
        **{c.name: getattr(entries[4], c.name) for c in AuditEntry.__table__.columns}
    )
    forged.seq = 4  # sorted before entry 5 after renumbering: the rest shift up by one
    forged.action = "read"
    _rewrite(db, [*entries[:4], forged, *entries[4:]])


def _delete_record_and_its_entries(db: Database, ids: dict[str, Any]) -> None:
    _sql(db, delete(Reminder).where(Reminder.id == ids["reminder"]))
    _rewrite(db, [e for e in _entries(db) if e.entity_id != ids["reminder"]])


@dataclass(frozen=True)
class Scenario:
    name: str
    tamper: Callable[[Database, dict[str, Any]], None]
    needs_checkpoint: bool = False  # the chain and the records alone cannot show it


SCENARIOS = [
    Scenario(
        "an entry's actor edited",
        lambda db, ids: _sql(
            db, update(AuditEntry).where(AuditEntry.seq == 5).values(actor="someone-else")
        ),
    ),
    Scenario(
        "an entry's time edited",
        lambda db, ids: _sql(
            db,
            update(AuditEntry).where(AuditEntry.seq == 5).values(at=utc_now() - timedelta(days=9)),
        ),
    ),
    Scenario("an entry edited, then the chain recomputed", lambda db, ids: _edit_then_rechain(db)),
    Scenario(
        "an entry in the middle deleted",
        lambda db, ids: _sql(db, delete(AuditEntry).where(AuditEntry.seq == 6)),
    ),
    Scenario(
        "an entry deleted, the rest renumbered and the chain recomputed",
        lambda db, ids: _delete_then_rechain(db),
    ),
    Scenario(
        "the newest entry deleted",
        lambda db, ids: _sql(db, delete(AuditEntry).where(AuditEntry.seq == _entries(db)[-1].seq)),
    ),
    Scenario(
        "the newest entry deleted and the head set back",
        lambda db, ids: _truncate(db, len(_entries(db)) - 1),
        needs_checkpoint=True,
    ),
    Scenario(
        "the newest 20 entries deleted and the head set back",
        lambda db, ids: _truncate(db, len(_entries(db)) - 20),
        needs_checkpoint=True,
    ),
    Scenario("a forged entry appended and the head updated", lambda db, ids: _forge_at_end(db)),
    Scenario(
        "a forged entry inserted in the middle and the chain recomputed",
        lambda db, ids: _insert_in_middle(db),
    ),
    Scenario("two entries swapped", lambda db, ids: _swap(db)),
    Scenario("the table emptied and the head reset", lambda db, ids: _rewrite(db, [])),
    Scenario(
        "a record deleted with its entries, the chain recomputed", _delete_record_and_its_entries
    ),
    Scenario("the current household edited", lambda db, ids: _household_edit(db, ids, 2)),
    Scenario(
        "an earlier version of the household edited", lambda db, ids: _household_edit(db, ids, 1)
    ),
    Scenario(
        "a case's reference and status edited",
        lambda db, ids: _sql(
            db, update(Case).where(Case.id == ids["case"]).values(reference="Z", status="closed")
        ),
    ),
    Scenario("a case moved to another organisation", _move_case),
    Scenario("a case inserted", _insert_case),
    Scenario(
        "a decision flipped",
        lambda db, ids: _sql(
            db,
            update(Decision)
            .where(Decision.id == ids["decision"])
            .values(outcome="granted", period_months=36, status_of_residence="Long-Term Resident"),
        ),
    ),
    Scenario(
        "a decision's reasons rewritten",
        lambda db, ids: _sql(
            db, update(Decision).where(Decision.id == ids["decision"]).values(reasons="rewritten")
        ),
    ),
    Scenario(
        "an event deleted", lambda db, ids: _sql(db, delete(Event).where(Event.id == ids["event"]))
    ),
    Scenario(
        "an evidence note edited",
        lambda db, ids: _sql(
            db, update(Evidence).where(Evidence.id == ids["evidence"]).values(note="forged")
        ),
    ),
    Scenario(
        "a reminder's date moved",
        lambda db, ids: _sql(
            db,
            update(Reminder).where(Reminder.id == ids["reminder"]).values(due_on=date(2030, 1, 1)),
        ),
    ),
    Scenario(
        "a role raised to admin",
        lambda db, ids: _sql(db, update(User).where(User.id == ids["worker"]).values(role="admin")),
    ),
    Scenario(
        "a deactivated user reactivated",
        lambda db, ids: _sql(db, update(User).where(User.id == ids["other"]).values(active=True)),
    ),
    Scenario(
        "a user's password hash replaced",
        lambda db, ids: _sql(
            db, update(User).where(User.id == ids["worker"]).values(password_hash="$argon2id$x")
        ),
    ),
    Scenario(
        "a user moved to another organisation",
        lambda db, ids: _sql(
            db, update(User).where(User.id == ids["worker"]).values(org_id=ids["org_b"])
        ),
    ),
    Scenario(
        "a revoked token revived",
        lambda db, ids: _sql(
            db, update(ApiToken).where(ApiToken.id == ids["token"]).values(revoked=False)
        ),
    ),
    Scenario(
        "a token inserted",
        lambda db, ids: _sql(
            db,
            insert(ApiToken).values(
                id=new_id(),
                user_id=ids["worker"],
                name="backdoor",
                token_hash="a" * 64,
                created_at=utc_now(),
                expires_at=None,
                revoked=False,
            ),
        ),
    ),
    Scenario(
        "a browser session extended",
        lambda db, ids: _sql(
            db, update(BrowserSession).values(expires_at=utc_now() + timedelta(days=365))
        ),
    ),
]
