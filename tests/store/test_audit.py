from __future__ import annotations

from sqlalchemy import delete, select, update
from store_fixtures import HOUSEHOLD, make_actor

from zairyu.store import audit
from zairyu.store.cases import Cases
from zairyu.store.tables import AuditEntry


def _entries_for(db, case_id):
    with db.transaction() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity_id == case_id)))


def test_creating_reading_and_changing_a_case_are_all_recorded(db):
    actor = make_actor(db)
    case = Cases(db).create(actor, "A-1", HOUSEHOLD)
    Cases(db).get(actor, case["id"])
    Cases(db).change(actor, case["id"], 1, reference="A-1b")
    entries = _entries_for(db, case["id"])
    assert [e.action for e in entries] == ["create", "read", "update"]
    assert {e.actor for e in entries} == {actor.username}
    assert {e.remote for e in entries} == {"127.0.0.1"}


def test_an_untouched_audit_trail_verifies(empty_db):
    actor = make_actor(empty_db)
    Cases(empty_db).create(actor, "A-2", HOUSEHOLD)
    with empty_db.transaction() as s:
        result = audit.verify(s)
    assert result.intact, result.problems
    assert result.entries >= 3


def test_verification_catches_an_altered_entry(empty_db):
    actor = make_actor(empty_db)
    case = Cases(empty_db).create(actor, "A-3", HOUSEHOLD)
    Cases(empty_db).get(actor, case["id"])
    with empty_db.transaction() as s:
        s.execute(
            update(AuditEntry)
            .where(AuditEntry.entity_id == case["id"], AuditEntry.action == "read")
            .values(actor="someone-else")
        )
    with empty_db.transaction() as s:
        result = audit.verify(s)
    assert not result.intact
    assert any("altered" in p for p in result.problems)


def test_verification_catches_a_deleted_entry_in_the_middle(empty_db):
    actor = make_actor(empty_db)
    case = Cases(empty_db).create(actor, "A-4", HOUSEHOLD)
    Cases(empty_db).get(actor, case["id"])
    Cases(empty_db).get(actor, case["id"])
    with empty_db.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
    with empty_db.transaction() as s:
        result = audit.verify(s)
    assert any("missing" in p for p in result.problems)


def test_verification_catches_the_newest_entries_being_deleted(empty_db):
    actor = make_actor(empty_db)
    case = Cases(empty_db).create(actor, "A-5", HOUSEHOLD)
    Cases(empty_db).get(actor, case["id"])
    with empty_db.transaction() as s:
        last = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
        s.execute(delete(AuditEntry).where(AuditEntry.seq == last))
    with empty_db.transaction() as s:
        result = audit.verify(s)
    assert any("newest" in p for p in result.problems)
