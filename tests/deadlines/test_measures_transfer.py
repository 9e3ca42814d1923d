"""Export and import carry a case's measures, their events and reminders, exactly."""

from __future__ import annotations

import copy
from datetime import date

from store_fixtures import HOUSEHOLD, make_actor

from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import EventKind
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.measures import EventFields, Measures
from zairyu.store.transfer import export_cases, import_cases

RELEASE = Measure.model_validate(
    {
        "kind": "provisional_release_deportation",
        "decided_on": "2025-01-06",
        "release_period_ends_on": "2025-03-14",
    }
)


def test_an_exported_measure_imports_into_another_organisation_exactly(db: Database) -> None:
    actor = make_actor(db)
    case = Cases(db).create(actor, "F-1", HOUSEHOLD)
    measure = Measures(db).create(actor, case["id"], RELEASE)
    move = EventFields(EventKind.move_planned, date(2025, 6, 10))
    Measures(db).add_event(actor, case["id"], measure["id"], move)
    document = export_cases(db, actor.org_id)
    [exported] = document["cases"]
    assert [m["id"] for m in exported["measures"]] == [measure["id"]]
    assert len(exported["measure_reminders"]) == 2
    # ids are kept, so the same document cannot land twice in one store: import a copy
    # into a fresh store's organisation instead, by changing nothing but the target.
    other = make_actor(db)
    twin = copy.deepcopy(document)
    twin["cases"][0]["id"] = "copy-of-" + exported["id"][:20]
    for name in ("measures", "measure_events", "measure_reminders"):
        for row in twin["cases"][0][name]:
            row["id"] = "c-" + row["id"][:30]
            if "measure_id" in row:
                row["measure_id"] = "c-" + row["measure_id"][:30]
    for name in ("versions", "events", "evidence", "assessments", "decisions", "reminders"):
        for row in twin["cases"][0][name]:
            row["id"] = "c-" + row["id"][:30]
    assert import_cases(db, other.org_id, twin) == 1
    copied = Measures(db).get(other, twin["cases"][0]["id"], "c-" + measure["id"][:30])
    assert [r["due_on"] for r in copied["reminders"]] == [date(2025, 3, 14), date(2025, 6, 9)]


def test_a_document_exported_before_measures_existed_still_imports(db: Database) -> None:
    actor = make_actor(db)
    Cases(db).create(actor, "F-2", HOUSEHOLD)
    document = export_cases(db, actor.org_id)
    old = copy.deepcopy(document)
    for name in ("measures", "measure_events", "measure_reminders"):
        del old["cases"][0][name]
    old["cases"][0]["id"] = "old-" + old["cases"][0]["id"][:30]
    for row in old["cases"][0]["versions"]:
        row["id"] = "old-" + row["id"][:30]
    assert import_cases(db, make_actor(db).org_id, old) == 1
