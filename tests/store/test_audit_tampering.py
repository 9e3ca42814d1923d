"""Someone with write access to the database, but not the audit key, cannot change the store
or its trail unnoticed: each scenario is caught by `verify` (against a checkpoint where the
chain alone cannot show it), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from tampering import SCENARIOS, populate

from zairyu.store import audit_verify
from zairyu.store.accounts import actor_for
from zairyu.store.cases import Cases
from zairyu.store.tables import User


@pytest.fixture
def store(empty_db):
    ids = populate(empty_db)
    with empty_db.reading() as s:
        assert audit_verify.verify(s).intact
        anchor = audit_verify.checkpoint(s)
    return empty_db, ids, anchor


def test_the_untouched_store_verifies_against_its_checkpoint(store):
    db, _ids, anchor = store
    with db.reading() as s:
        result = audit_verify.verify(s, anchor)
    assert result.intact, result.problems
    assert result.entries == anchor["entries"] > 40


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_each_tampering_is_detected(store, scenario):
    db, ids, anchor = store
    scenario.tamper(db, ids)
    with db.reading() as s:
        with_anchor = audit_verify.verify(s, anchor)
        alone = audit_verify.verify(s)
    assert not with_anchor.intact, scenario.name
    if not scenario.needs_checkpoint:
        assert not alone.intact, f"{scenario.name}: should show without a checkpoint"


def test_there_are_at_least_the_23_scenarios_of_the_issue():
    assert len(SCENARIOS) >= 23


def test_a_checkpoint_that_was_edited_is_refused(store):
    db, _ids, anchor = store
    with db.reading() as s:
        result = audit_verify.verify(s, {**anchor, "entries": anchor["entries"] - 5})
    assert any("signature is wrong" in p for p in result.problems)


def test_entries_added_after_the_checkpoint_still_verify(store):
    db, ids, anchor = store
    with db.reading() as s:
        worker = actor_for(s.get(User, ids["worker"]), "10.0.0.2")
    Cases(db).get(worker, ids["case"])
    with db.reading() as s:
        assert audit_verify.verify(s, anchor).intact
