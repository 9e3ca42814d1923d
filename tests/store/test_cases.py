from __future__ import annotations

import threading

import pytest
from store_fixtures import HOUSEHOLD, make_actor

from zairyu.store.access import ConflictError, ForbiddenError, NotFoundError, UserRole
from zairyu.store.cases import Cases


def test_a_new_case_starts_at_version_one_with_its_household(db):
    actor = make_actor(db)
    case = Cases(db).create(actor, "2024-001", HOUSEHOLD)
    assert case["version"] == 1
    assert Cases(db).get(actor, case["id"])["household"] == HOUSEHOLD


def test_every_change_of_facts_is_kept_with_who_and_when(db):
    actor = make_actor(db)
    cases = Cases(db)
    case = cases.create(actor, "2024-002", HOUSEHOLD)
    changed = {**HOUSEHOLD, "notes": "moved to Saitama"}
    cases.change(actor, case["id"], 1, household=changed, note="new address")
    versions = cases.versions(actor, case["id"])
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["household"] == HOUSEHOLD
    assert versions[1]["household"] == changed
    assert versions[1]["created_by"] == actor.username
    assert versions[1]["note"] == "new address"


def test_another_organisation_cannot_see_a_case_even_by_its_id(db):
    owner, stranger = make_actor(db), make_actor(db)
    case = Cases(db).create(owner, "2024-003", HOUSEHOLD)
    with pytest.raises(NotFoundError):
        Cases(db).get(stranger, case["id"])
    with pytest.raises(NotFoundError):
        Cases(db).change(stranger, case["id"], 1, reference="stolen")
    assert case["id"] not in [c["id"] for c in Cases(db).list(stranger)]


def test_an_edit_based_on_an_old_version_is_refused_not_lost(db):
    first, second = make_actor(db), None
    second = make_actor(db, org_id=first.org_id)
    cases = Cases(db)
    case = cases.create(first, "2024-004", HOUSEHOLD)
    cases.change(first, case["id"], 1, reference="first edit")
    with pytest.raises(ConflictError) as refused:
        cases.change(second, case["id"], 1, reference="second edit")
    assert refused.value.current_version == 2
    assert refused.value.current["reference"] == "first edit"
    assert cases.get(first, case["id"])["reference"] == "first edit"


def test_of_many_simultaneous_edits_of_one_version_exactly_one_wins(db):
    actor = make_actor(db)
    cases = Cases(db)
    case = cases.create(actor, "2024-005", HOUSEHOLD)
    outcomes: list[str] = []

    def edit(n: int) -> None:
        try:
            cases.change(actor, case["id"], 1, reference=f"edit {n}")
            outcomes.append("won")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["won"]
    assert [v["version"] for v in cases.versions(actor, case["id"])] == [1, 2]


def test_a_read_only_user_cannot_change_a_case(db):
    writer = make_actor(db)
    reader = make_actor(db, UserRole.read_only, org_id=writer.org_id)
    case = Cases(db).create(writer, "2024-006", HOUSEHOLD)
    with pytest.raises(ForbiddenError):
        Cases(db).change(reader, case["id"], 1, reference="x")
    assert Cases(db).get(reader, case["id"])["version"] == 1
