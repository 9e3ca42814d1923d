from __future__ import annotations

import json
from datetime import date

import pytest
from store_fixtures import HOUSEHOLD, make_accounts, make_actor

from zairyu.services.transfer import import_cases as checked_import
from zairyu.store import audit_verify
from zairyu.store.access import InvalidRequestError
from zairyu.store.cases import Cases
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE, REMINDERS, Records
from zairyu.store.transfer import export_cases, import_cases


def _fill(db, actor):
    cases, records = Cases(db), Records(db)
    for n in range(2):
        case = cases.create(actor, f"R-{n}", HOUSEHOLD, note="first interview")
        cases.change(actor, case["id"], 1, household={**HOUSEHOLD, "notes": "ünïcode 在留"})
        records.add(
            actor,
            EVENTS,
            case["id"],
            {
                "kind": "deportation_order",
                "occurred_on": date(2021, 5, 1),
                "person_ids": ["p1"],
                "details": {"description": None, "conditions": [], "status_of_residence": None},
            },
        )
        records.add(
            actor,
            EVIDENCE,
            case["id"],
            {
                "title": "School record",
                "kind": "document",
                "received_on": None,
                "proves": [{"person_id": "c1", "fact": "school.enrolments"}],
                "sha256": None,
                "note": None,
            },
        )
        records.add(
            actor,
            DECISIONS,
            case["id"],
            {
                "outcome": "granted",
                "person_ids": ["c1"],
                "status_of_residence": "Long-Term Resident",
                "period_months": 12,
                "reasons": None,
                "decided_by": "Minister",
                "decided_on": date(2024, 9, 30),
            },
        )
        records.add(
            actor,
            REMINDERS,
            case["id"],
            {
                "kind": "reporting",
                "due_on": date(2025, 1, 15),
                "title": "Report",
                "done": False,
            },
        )


def _text(document):
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def test_an_export_imported_elsewhere_exports_exactly_the_same(db, empty_db):
    source = make_actor(db)
    _fill(db, source)
    exported = export_cases(db, source.org_id)
    target_org = make_accounts(empty_db).add_org(make_accounts(db).db.url[-8:] + "-target")
    assert import_cases(empty_db, target_org, exported) == 2
    again = export_cases(empty_db, target_org)
    assert _text({**again, "organisation": None}) == _text({**exported, "organisation": None})
    assert len(exported["cases"][0]["versions"]) == 2


def test_an_import_that_collides_lands_nothing(db):
    actor = make_actor(db)
    _fill(db, actor)
    exported = export_cases(db, actor.org_id)
    other = make_actor(db)
    with pytest.raises(InvalidRequestError, match="already exists"):
        import_cases(db, other.org_id, exported)
    assert Cases(db).list(other) == []


def test_a_document_of_another_format_is_refused(db):
    actor = make_actor(db)
    with pytest.raises(InvalidRequestError, match="format"):
        import_cases(db, actor.org_id, {"cases": []})


def test_a_case_whose_current_version_is_missing_is_refused_before_anything_is_written(db):
    actor = make_actor(db)
    _fill(db, actor)
    exported = export_cases(db, actor.org_id)
    other = make_actor(db)
    broken = json.loads(json.dumps(exported))
    for case in broken["cases"]:
        case["id"] = case["id"][:-4] + "beef"
    second = broken["cases"][1]
    second["versions"] = [v for v in second["versions"] if v["version"] != second["version"]]
    with pytest.raises(InvalidRequestError, match=r"cases\[1\]\.versions"):
        import_cases(db, other.org_id, broken)
    assert Cases(db).list(other) == []


def test_a_bad_value_is_named_by_its_field_and_not_quoted(db):
    actor = make_actor(db)
    _fill(db, actor)
    broken = export_cases(db, actor.org_id)
    broken["cases"][0]["events"][0]["occurred_on"] = "Tanaka Hanako 1985"
    with pytest.raises(InvalidRequestError) as refused:
        import_cases(db, make_actor(db).org_id, broken)
    assert "cases[0].events[0].occurred_on" in str(refused.value)
    assert "Tanaka" not in str(refused.value)


def test_an_export_imports_into_another_organisation_of_the_same_store_with_fresh_ids(db):
    source = make_actor(db)
    _fill(db, source)
    exported = export_cases(db, source.org_id)
    target = make_actor(db)
    assert import_cases(db, target.org_id, exported, fresh_ids=True) == 2
    copies = Cases(db).list(target)
    assert len(copies) == 2
    assert {c["id"] for c in copies}.isdisjoint({c["id"] for c in exported["cases"]})
    copy = Cases(db).get(target, copies[0]["id"])
    assert copy["version"] == 2
    assert len(Records(db).list(target, DECISIONS, copy["id"])) == 1
    with db.reading() as s:
        assert audit_verify.verify(s).intact


NAMED = {
    **HOUSEHOLD,
    "members": [
        {**HOUSEHOLD["members"][0], "display_name": "Tanaka Hanako"},
        HOUSEHOLD["members"][1],
    ],
}


def test_an_export_leaves_out_display_names_unless_asked_for_them(db):
    actor = make_actor(db)
    Cases(db).create(actor, "R-named", NAMED)
    plain = export_cases(db, actor.org_id)
    assert "Tanaka" not in _text(plain)
    (version,) = plain["cases"][0]["versions"]
    assert [m["id"] for m in version["household"]["members"]] == ["p1", "c1"]  # nothing else lost
    assert version["household"]["members"][0]["date_of_birth"] == "1985-04-02"
    named = export_cases(db, actor.org_id, display_names=True)
    assert named["cases"][0]["versions"][0]["household"]["members"][0]["display_name"] == (
        "Tanaka Hanako"
    )


def test_an_export_with_display_names_imports_and_exports_exactly_the_same(db, empty_db):
    source = make_actor(db)
    Cases(db).create(source, "R-named", NAMED)
    exported = export_cases(db, source.org_id, display_names=True)
    target = make_accounts(empty_db).add_org(make_accounts(db).db.url[-8:] + "-named")
    import_cases(empty_db, target, exported)
    again = export_cases(empty_db, target, display_names=True)
    assert _text({**again, "organisation": None}) == _text({**exported, "organisation": None})


# --- an import checks what every other way in checks (services/transfer.py) -------------------

TODAY = date(2026, 12, 1)


def _edited(db, edit):
    actor = make_actor(db)
    _fill(db, actor)
    document = json.loads(json.dumps(export_cases(db, actor.org_id)))
    edit(document["cases"][0])
    return document


def _refusal(db, document) -> str:
    other = make_actor(db)
    with pytest.raises(InvalidRequestError) as refused:
        checked_import(db, other.org_id, document, TODAY, fresh_ids=True)
    assert Cases(db).list(other) == []  # nothing landed
    return str(refused.value)


def _member(case, index=0):
    return case["versions"][index]["household"]["members"][0]


def test_an_export_imports_through_the_checks_unchanged(db):
    document = _edited(db, lambda case: None)
    assert checked_import(db, make_actor(db).org_id, document, TODAY, fresh_ids=True) == 2


def test_an_impossible_date_of_birth_in_any_version_is_refused_naming_case_version_and_field(db):
    document = _edited(db, lambda case: _member(case).update(date_of_birth="1850-01-01"))
    message = _refusal(db, document)
    assert "cases[0].versions[0].household.members[0].date_of_birth" in message
    assert "1850" not in message


def test_a_string_for_a_yes_or_no_fact_is_refused(db):
    document = _edited(db, lambda case: _member(case, 1).update(born_in_japan="yes"))
    assert "cases[0].versions[1].household.members[0].born_in_japan" in _refusal(db, document)


def test_a_date_of_birth_after_the_day_the_version_was_recorded_is_refused(db):
    def edit(case):
        case["versions"][0]["created_at"] = "2020-01-01T00:00:00+00:00"
        _member(case).update(date_of_birth="2021-03-04")

    assert "cases[0].versions[0].household.members[0].date_of_birth" in _refusal(
        db, _edited(db, edit)
    )


def test_a_record_naming_a_person_who_was_never_a_member_is_refused_without_the_id(db):
    document = _edited(db, lambda case: case["decisions"][0].update(person_ids=["Tanaka"]))
    message = _refusal(db, document)
    assert "cases[0].decisions[0].person_ids.0" in message and "Tanaka" not in message


def test_evidence_for_a_fact_zairyu_does_not_record_is_refused(db):
    def edit(case):
        case["evidence"][0]["proves"] = [{"person_id": "c1", "fact": "favourite_colour"}]

    assert "cases[0].evidence[0].proves.0.fact" in _refusal(db, _edited(db, edit))


def test_a_decision_dated_after_today_is_refused(db):
    document = _edited(db, lambda case: case["decisions"][0].update(decided_on="2027-01-01"))
    assert "cases[0].decisions[0].decided_on" in _refusal(db, document)
