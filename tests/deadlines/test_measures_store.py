"""Measures in the store: reminders follow the facts, isolation, audit, the migration."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from store_fixtures import HOUSEHOLD, make_actor

from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import EventKind
from zairyu.store.access import ConflictError, InvalidRequestError, NotFoundError
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.measure_tables import Base
from zairyu.store.measures import EventFields, Measures
from zairyu.store.tables import AuditEntry

SUPERVISION = Measure.model_validate(
    {
        "kind": "supervision_before_order",
        "decided_on": "2025-01-10",
        "person_id": "p1",
        "conditions": {"deposit_yen": 300000, "deposit_due_on": "2025-02-14"},
        "supervisor": {"name": "A supervisor", "organisation_staff": True},
    }
)


def _setup(db: Database):
    actor = make_actor(db)
    case = Cases(db).create(actor, "F-1", HOUSEHOLD)
    return actor, case["id"], Measures(db)


def _open(measure: dict) -> dict[str, tuple[date, bool]]:
    return {
        r["rule_id"]: (r["due_on"], r["done"]) for r in measure["reminders"] if not r["withdrawn"]
    }


def test_a_new_measure_gets_its_reminders_at_once(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    created = measures.create(actor, case_id, SUPERVISION)
    assert _open(created) == {
        "deposit_due": (date(2025, 2, 14), False),
        "supervisee_report_no_date_recorded": (date(2025, 4, 10), False),
    }


def test_moving_a_reporting_date_moves_its_reminder_and_it_is_no_longer_done(
    db: Database,
) -> None:
    actor, case_id, measures = _setup(db)
    measure_id = measures.create(actor, case_id, SUPERVISION)["id"]
    event = measures.add_event(
        actor, case_id, measure_id, EventFields(EventKind.report_date_designated, date(2025, 4, 8))
    )
    [reminder] = [
        r
        for r in measures.reminders(actor, case_id, measure_id)
        if r["rule_id"] == "supervisee_report_on_designated_date"
    ]
    measures.mark_reminder(actor, case_id, measure_id, reminder["id"], True)
    measures.change_event(
        actor,
        case_id,
        measure_id,
        event["id"],
        event["version"],
        EventFields(EventKind.report_date_designated, date(2025, 4, 15)),
    )
    [moved] = [
        r for r in measures.reminders(actor, case_id, measure_id) if r["id"] == reminder["id"]
    ]
    assert (moved["due_on"], moved["done"], moved["withdrawn"]) == (date(2025, 4, 15), False, False)
    # the three-month warning went when the date was recorded
    warning = [
        r
        for r in measures.reminders(actor, case_id, measure_id)
        if r["rule_id"] == "supervisee_report_no_date_recorded"
    ]
    assert [w["withdrawn"] for w in warning] == [True]


def test_a_fact_removed_withdraws_its_reminder_and_a_fact_restored_brings_it_back(
    db: Database,
) -> None:
    actor, case_id, measures = _setup(db)
    measure = measures.create(actor, case_id, SUPERVISION)
    without_deposit = SUPERVISION.model_copy(
        update={"conditions": SUPERVISION.conditions.model_copy(update={"deposit_due_on": None})}
    )
    changed = measures.change(actor, case_id, measure["id"], 1, without_deposit)
    assert "deposit_due" not in _open(changed)
    restored = measures.change(actor, case_id, measure["id"], 2, SUPERVISION)
    assert _open(restored)["deposit_due"] == (date(2025, 2, 14), False)
    assert len([r for r in restored["reminders"] if r["rule_id"] == "deposit_due"]) == 1


def test_a_stale_version_is_refused_and_nothing_changes(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    measure = measures.create(actor, case_id, SUPERVISION)
    measures.change(actor, case_id, measure["id"], 1, SUPERVISION)
    with pytest.raises(ConflictError):
        measures.change(actor, case_id, measure["id"], 1, SUPERVISION)
    assert measures.get(actor, case_id, measure["id"])["version"] == 2


def test_an_event_changed_on_a_stale_version_is_refused_and_keeps_its_day(
    db: Database,
) -> None:
    actor, case_id, measures = _setup(db)
    measure_id = measures.create(actor, case_id, SUPERVISION)["id"]
    event = measures.add_event(
        actor, case_id, measure_id, EventFields(EventKind.report_date_designated, date(2025, 4, 8))
    )
    assert event["version"] == 1
    mine = EventFields(EventKind.report_date_designated, date(2025, 4, 15))
    theirs = EventFields(EventKind.report_date_designated, date(2025, 4, 22))
    changed = measures.change_event(actor, case_id, measure_id, event["id"], 1, mine)
    assert (changed["version"], changed["day"]) == (2, date(2025, 4, 15))
    with pytest.raises(ConflictError) as refused:
        measures.change_event(actor, case_id, measure_id, event["id"], 1, theirs)
    assert refused.value.current_version == 2
    assert refused.value.current["day"] == date(2025, 4, 15)
    kept = measures.get_event(actor, case_id, measure_id, event["id"])
    assert (kept["version"], kept["day"]) == (2, date(2025, 4, 15))
    due = {
        r["due_on"]
        for r in measures.reminders(actor, case_id, measure_id)
        if r["rule_id"] == "supervisee_report_on_designated_date"
    }
    assert due == {date(2025, 4, 15)}


def test_a_person_outside_the_household_is_refused(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    stranger = SUPERVISION.model_copy(update={"person_id": "nobody"})
    with pytest.raises(InvalidRequestError, match="person_id"):
        measures.create(actor, case_id, stranger)


def test_an_event_referring_to_no_event_of_the_measure_is_refused(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    measure_id = measures.create(actor, case_id, SUPERVISION)["id"]
    fields = EventFields(EventKind.supervisor_notified, date(2025, 3, 5), refers_to="e-none")
    with pytest.raises(InvalidRequestError, match="refers_to"):
        measures.add_event(actor, case_id, measure_id, fields)


def test_another_organisation_finds_none_of_it(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    measure_id = measures.create(actor, case_id, SUPERVISION)["id"]
    event = measures.add_event(
        actor, case_id, measure_id, EventFields(EventKind.learned_illegal_work, date(2025, 3, 3))
    )
    reminder_id = measures.reminders(actor, case_id, measure_id)[0]["id"]
    other = make_actor(db)
    fields = EventFields(EventKind.other, date(2025, 3, 3))
    calls = [
        lambda: measures.get(other, case_id, measure_id),
        lambda: measures.list(other, case_id),
        lambda: measures.change(other, case_id, measure_id, 1, SUPERVISION),
        lambda: measures.add_event(other, case_id, measure_id, fields),
        lambda: measures.change_event(other, case_id, measure_id, event["id"], 1, fields),
        lambda: measures.get_event(other, case_id, measure_id, event["id"]),
        lambda: measures.events(other, case_id, measure_id),
        lambda: measures.reminders(other, case_id, measure_id),
        lambda: measures.mark_reminder(other, case_id, measure_id, reminder_id, True),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()
    assert measures.open_reminders(other, date(2030, 1, 1)) == []
    assert measures.open_reminders(actor, date(2030, 1, 1))


def test_every_creation_change_and_read_is_audited_without_personal_data(db: Database) -> None:
    actor, case_id, measures = _setup(db)
    measure_id = measures.create(actor, case_id, SUPERVISION)["id"]
    event = measures.add_event(
        actor, case_id, measure_id, EventFields(EventKind.learned_illegal_work, date(2025, 3, 3))
    )
    measures.get(actor, case_id, measure_id)
    measures.open_reminders(actor, date(2025, 4, 1))
    with db.transaction() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.org_id == actor.org_id).order_by(AuditEntry.seq)
        ).all()
    seen = {(e.action, e.entity) for e in entries}
    assert {
        ("create", "measure"),
        ("create", "measure_event"),
        ("create", "measure_reminder"),
        ("read", "measure"),
        ("list", "measure_reminder"),
    } <= seen
    assert event["id"] in {e.entity_id for e in entries}
    assert not any("A supervisor" in (e.detail or "") for e in entries)


def test_the_migration_creates_exactly_the_tables_the_code_declares(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
