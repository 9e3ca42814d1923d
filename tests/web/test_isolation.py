"""One organisation never sees another's records, on any endpoint.

The test walks the OpenAPI document: every operation whose path names a record by id is called
by a member of another organisation with the ids of a real record, and must answer 404. The
few operations without such an id, and those whose id names what every organisation shares (a
policy shipped with zairyu), are listed below and checked for leaks; a new endpoint that is in
no group fails the test, so it cannot escape the check.
"""

from __future__ import annotations

import re

from store_fixtures import HOUSEHOLD

from zairyu.store.access import UserRole

# Operations that name no record of another organisation, each with why it cannot leak.
ORGANISATION_WIDE = {
    ("post", "/api/v1/session"): "signs in; names no record",
    ("get", "/api/v1/session"): "the caller's own session",
    ("delete", "/api/v1/session"): "the caller's own session",
    ("get", "/api/v1/cases"): "checked below: lists only the caller's organisation",
    ("post", "/api/v1/cases"): "creates in the caller's organisation",
    ("post", "/api/v1/assessments"): "assesses the posted household; stores nothing",
    ("get", "/api/v1/users"): "checked below: lists only the caller's organisation",
    ("post", "/api/v1/users"): "creates in the caller's organisation",
    ("get", "/api/v1/users/me"): "the caller",
    ("put", "/api/v1/users/me/language"): "the caller's own language",
    ("get", "/api/v1/users/me/tokens"): "checked below: the caller's own tokens",
    ("post", "/api/v1/users/me/tokens"): "the caller's own tokens",
    ("get", "/api/v1/audit"): "checked in test_audit_api: only the caller's organisation",
    ("get", "/api/v1/due"): "checked in tests/deadlines: the caller's organisation's reminders",
    ("get", "/api/v1/users/me/calendar-feeds"): "the caller's own feeds",
    ("post", "/api/v1/users/me/calendar-feeds"): "creates a feed of the caller's",
}

# Operations whose path names what is the same for every organisation, with why and where.
SHARED = {
    ("get", "/api/v1/policies/{policy_id}/texts"): (
        "zairyu's own policy texts, shipped with it, the same for every organisation; "
        "test_assessments_api: behind sign-in, an unknown policy is 404"
    ),
}

# Operations whose only credential is a secret in the URL, each with where it is checked.
BY_SECRET = {
    ("get", "/api/v1/calendar/{secret}.ics"): (
        "tests/deadlines/test_measures_api.py: an unknown or revoked secret answers 404, and a "
        "feed shows only its own organisation's reminders"
    ),
}

BODIES = {
    "CaseChange": {"version": 1, "reference": "taken"},
    "PersonChange": {"version": 1, "person": {"id": "c9", "role": "child"}},
    "EventIn": {"kind": "interview", "occurred_on": "2024-01-01"},
    "EvidenceIn": {"title": "t", "kind": "document"},
    "AssessmentOptions": {"as_of": "2024-01-01"},
    "DecisionIn": {
        "outcome": "refused",
        "person_ids": ["p1"],
        "reasons": "r",
        "decided_by": "x",
        "decided_on": "2024-01-01",
    },
    "ReminderIn": {"kind": "deadline", "due_on": "2024-01-01", "title": "t"},
    "ReminderChange": {"done": True},
    "Measure": {"kind": "supervision_before_order", "decided_on": "2025-01-10"},
    "MeasureChange": {
        "version": 1,
        "measure": {"kind": "supervision_before_order", "decided_on": "2025-01-10"},
    },
    "MeasureEventIn": {"kind": "report_made", "day": "2025-02-01"},
    "MeasureEventChange": {"version": 1, "kind": "report_made", "day": "2025-02-01"},
    "DeadlineMark": {"done": True},
    "UserChange": {"role": "admin"},
    "PasswordChange": {"password": "a new long password"},
}


def _owner_records(api, owner):
    """A case of the owner's organisation with one record of each kind; their ids by name."""
    case = api.new_case(owner)
    base = f"/api/v1/cases/{case['id']}"
    c = owner.client
    ids = {"case_id": case["id"], "person_id": "p1", "number": "1"}
    ids["event_id"] = c.post(f"{base}/events", json=BODIES["EventIn"]).json()["id"]
    ids["evidence_id"] = c.post(f"{base}/evidence", json=BODIES["EvidenceIn"]).json()["id"]
    ids["decision_id"] = c.post(f"{base}/decisions", json=BODIES["DecisionIn"]).json()["id"]
    ids["reminder_id"] = c.post(f"{base}/reminders", json=BODIES["ReminderIn"]).json()["id"]
    measure = c.post(f"{base}/measures", json=BODIES["Measure"]).json()
    ids["measure_id"] = measure["id"]
    ids["deadline_id"] = measure["deadlines"][0]["id"]
    ids["measure_event_id"] = c.post(
        f"{base}/measures/{measure['id']}/events", json=BODIES["MeasureEventIn"]
    ).json()["id"]
    feed = c.post("/api/v1/users/me/calendar-feeds", json={}).json()
    ids["feed_id"] = feed["id"]
    assessed = c.post(f"{base}/assessments", json={"as_of": "2024-06-01"})
    assert assessed.status_code == 201, assessed.text
    ids["assessment_id"] = assessed.json()["id"]
    ids["user_id"] = c.get("/api/v1/users/me").json()["id"]
    ids["token_id"] = c.get("/api/v1/users/me/tokens").json()[0]["id"]
    return ids


def _body_for(operation):
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    name = content["schema"]["$ref"].rsplit("/", 1)[-1]
    return BODIES[name]


def test_every_endpoint_answers_404_for_another_organisations_records(api):
    owner = api.member(UserRole.admin)
    stranger = api.member(UserRole.admin)
    ids = _owner_records(api, owner)
    before = owner.client.get(f"/api/v1/cases/{ids['case_id']}").json()
    document = stranger.client.get("/api/v1/openapi.json").json()
    checked = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if (method, path) in BY_SECRET or (method, path) in SHARED:
                continue
            params = re.findall(r"{(\w+)}", path)
            if not params:
                assert (method, path) in ORGANISATION_WIDE, f"unclassified: {method} {path}"
                continue
            url = path.format(**{p: ids[p] for p in params})
            response = stranger.client.request(method, url, json=_body_for(operation))
            assert response.status_code == 404, f"{method.upper()} {path}: {response.status_code}"
            checked += 1
    assert checked >= 20
    assert owner.client.get(f"/api/v1/cases/{ids['case_id']}").json() == before


def test_lists_show_only_the_callers_organisation(api):
    owner, stranger = api.member(), api.member()
    case = api.new_case(owner)
    assert case["id"] not in [c["id"] for c in stranger.client.get("/api/v1/cases").json()]
    names = [u["username"] for u in stranger.client.get("/api/v1/users").json()]
    assert names == [stranger.username]
    assert len(stranger.client.get("/api/v1/users/me/tokens").json()) == 1


def test_the_posted_household_of_an_assessment_is_not_stored(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments", json={"household": HOUSEHOLD, "as_of": "2024-06-01"}
    )
    assert response.status_code == 200, response.text
    assert member.client.get("/api/v1/cases").json() == []
