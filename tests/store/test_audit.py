from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import delete, select, update
from store_fixtures import HOUSEHOLD, make_actor

from zairyu.store import audit_verify as audit
from zairyu.store.audit_key import AuditKeyError
from zairyu.store.cases import Cases
from zairyu.store.database import Database, alembic_config
from zairyu.store.tables import AuditEntry, Organisation, utc_now


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


def test_a_store_written_before_the_key_is_signed_and_baselined_on_upgrade(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}", audit_key_file=tmp_path / "audit.key")
    with db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            Organisation.__table__.insert().values(id="o1", name="Old", created_at=utc_now())
        )
    db.upgrade()
    assert (tmp_path / "audit.key").stat().st_mode & 0o777 == 0o600
    with db.reading() as s:
        result = audit.verify(s)
    assert result.intact, result.problems
    assert result.entries == 1  # the baseline of the organisation


def test_upgrade_refuses_to_replace_the_key_of_a_signed_trail(empty_db, tmp_path):
    make_actor(empty_db)
    moved = Database(empty_db.url, audit_key_file=tmp_path / "not-there.key")
    with pytest.raises(AuditKeyError, match="restore the key"):
        moved.upgrade()
    moved.dispose()
    assert not (tmp_path / "not-there.key").exists()
