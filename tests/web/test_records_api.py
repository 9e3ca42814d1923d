from __future__ import annotations


def test_events_of_a_case_form_its_timeline(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/events"
    release = {
        "kind": "provisional_release",
        "occurred_on": "2023-02-01",
        "person_ids": ["p1"],
        "details": {"conditions": ["report monthly", "stay in Saitama"]},
    }
    created = member.client.post(url, json=release)
    assert created.status_code == 201, created.text
    assert (
        member.client.get(url).json()[0]["details"]["conditions"]
        == release["details"]["conditions"]
    )
    event_id = created.json()["id"]
    assert member.client.get(f"{url}/{event_id}").json()["occurred_on"] == "2023-02-01"


def test_evidence_names_the_facts_it_proves(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/evidence"
    body = {
        "title": "Birth certificate",
        "kind": "certificate",
        "received_on": "2024-03-01",
        "proves": [{"person_id": "c1", "fact": "date_of_birth"}],
    }
    created = member.client.post(url, json=body)
    assert created.status_code == 201, created.text
    assert member.client.get(f"{url}/{created.json()['id']}").json()["proves"] == body["proves"]


def test_a_grant_is_recorded_with_status_period_and_who_decided(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/decisions"
    grant = {
        "outcome": "granted",
        "person_ids": ["c1"],
        "status_of_residence": "Long-Term Resident",
        "period_months": 12,
        "decided_by": "Tokyo Regional Immigration Services Bureau",
        "decided_on": "2024-09-30",
    }
    created = member.client.post(url, json=grant)
    assert created.status_code == 201, created.text
    assert created.json()["created_by"] == member.username


def test_a_refusal_without_reasons_is_refused_with_422(api):
    member = api.member()
    case = api.new_case(member)
    refusal = {
        "outcome": "refused",
        "person_ids": ["p1"],
        "decided_by": "X",
        "decided_on": "2024-09-30",
    }
    response = member.client.post(f"/api/v1/cases/{case['id']}/decisions", json=refusal)
    assert response.status_code == 422
    assert "reasons" in response.json()["problems"][0]["message"]


def test_a_reminder_is_set_and_marked_done(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/reminders"
    created = member.client.post(
        url, json={"kind": "reporting", "due_on": "2025-01-15", "title": "Report"}
    )
    assert created.status_code == 201
    done = member.client.patch(f"{url}/{created.json()['id']}", json={"done": True})
    assert done.json()["done"] is True
