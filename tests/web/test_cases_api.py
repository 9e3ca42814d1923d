from __future__ import annotations

from api_fixtures import stored
from store_fixtures import HOUSEHOLD

from zairyu.store.access import UserRole

CHILD = {"id": "c2", "role": "child", "date_of_birth": "2015-09-09", "born_in_japan": True}


def test_a_caseworker_records_a_family_and_reads_it_back(api):
    member = api.member()
    case = api.new_case(member)
    got = member.client.get(f"/api/v1/cases/{case['id']}").json()
    assert got["household"] == stored(HOUSEHOLD)
    assert got["version"] == 1 and got["created_by"] == member.username
    listed = member.client.get("/api/v1/cases").json()
    assert [c["id"] for c in listed] == [case["id"]]


def test_changing_the_facts_adds_a_version_and_keeps_the_old_one(api):
    member = api.member()
    case = api.new_case(member)
    changed = {**HOUSEHOLD, "notes": "new school"}
    response = member.client.patch(
        f"/api/v1/cases/{case['id']}", json={"version": 1, "household": changed, "note": "school"}
    )
    assert response.status_code == 200, response.text
    versions = member.client.get(f"/api/v1/cases/{case['id']}/versions").json()
    assert [v["household"] for v in versions] == [stored(HOUSEHOLD), stored(changed)]
    assert member.client.get(f"/api/v1/cases/{case['id']}/versions/1").json()[
        "household"
    ] == stored(HOUSEHOLD)


def test_the_second_of_two_editors_gets_409_with_the_current_version(api):
    first = api.member()
    case = api.new_case(first)
    url = f"/api/v1/cases/{case['id']}"
    assert first.client.patch(url, json={"version": 1, "reference": "mine"}).status_code == 200
    response = first.client.patch(url, json={"version": 1, "reference": "theirs"})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response.json()["current"]["reference"] == "mine"
    assert first.client.get(url).json()["reference"] == "mine"


def test_persons_are_added_and_replaced_as_new_versions(api):
    member = api.member()
    case = api.new_case(member)
    base = f"/api/v1/cases/{case['id']}/persons"
    added = member.client.post(base, json={"version": 1, "person": CHILD})
    assert added.status_code == 201, added.text
    assert [p["id"] for p in member.client.get(base).json()] == ["p1", "c1", "c2"]
    replaced = member.client.put(
        f"{base}/c2", json={"version": 2, "person": {**CHILD, "born_in_japan": False}}
    )
    assert replaced.status_code == 200 and replaced.json()["version"] == 3
    assert member.client.get(f"{base}/c2").json()["born_in_japan"] is False
    stale = member.client.put(f"{base}/c2", json={"version": 2, "person": CHILD})
    assert stale.status_code == 409


def test_a_person_who_is_not_in_the_household_is_404(api):
    member = api.member()
    case = api.new_case(member)
    assert member.client.get(f"/api/v1/cases/{case['id']}/persons/nobody").status_code == 404


def test_a_read_only_user_reads_but_cannot_change(api):
    writer = api.member()
    reader = api.member(UserRole.read_only, org_id=writer.org_id)
    case = api.new_case(writer)
    assert reader.client.get(f"/api/v1/cases/{case['id']}").status_code == 200
    response = reader.client.patch(
        f"/api/v1/cases/{case['id']}", json={"version": 1, "reference": "x"}
    )
    assert response.status_code == 403
