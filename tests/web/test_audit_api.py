"""Admins read their organisation's audit trail; refused requests are in it, without data."""

from __future__ import annotations

import uuid

from api_fixtures import PASSWORD

from zairyu.store import audit
from zairyu.store.access import UserRole


def _entries(member, **params):
    response = member.client.get("/api/v1/audit", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_an_admin_reads_only_their_organisations_entries(api):
    admin = api.member(UserRole.admin)
    colleague = api.member(org_id=admin.org_id)
    stranger = api.member(UserRole.admin)
    case = api.new_case(colleague)
    api.new_case(stranger)
    entries = _entries(admin)
    assert {e["actor"] for e in entries} <= {admin.username, colleague.username, None}
    assert any(e["action"] == "create" and e["entity_id"] == case["id"] for e in entries)
    assert not any(e["actor"] == stranger.username for e in entries)


def test_the_trail_can_be_filtered_by_case_and_user(api):
    admin = api.member(UserRole.admin)
    worker = api.member(org_id=admin.org_id)
    first, second = api.new_case(worker), api.new_case(worker)
    worker.client.get(f"/api/v1/cases/{first['id']}")
    about_first = _entries(admin, case_id=first["id"])
    assert [e["action"] for e in reversed(about_first)] == ["create", "read"]
    assert second["id"] not in {e["case_id"] for e in about_first}
    assert {e["actor"] for e in _entries(admin, user=worker.username)} == {worker.username}


def test_the_user_filter_is_the_user_of_that_name_in_the_admins_own_organisation(api):
    name = f"alice-{uuid.uuid4().hex[:8]}"
    ours, theirs = api.member(UserRole.admin), api.member(UserRole.admin)
    our_alice = api.member(org_id=ours.org_id, username=name)
    their_alice = api.member(org_id=theirs.org_id, username=name)
    our_case, their_case = api.new_case(our_alice), api.new_case(their_alice)
    seen_by_us = _entries(ours, user=name, limit=1000)
    seen_by_them = _entries(theirs, user=name, limit=1000)
    assert {e["actor"] for e in seen_by_us} == {e["actor"] for e in seen_by_them} == {name}
    assert our_case["id"] in {e["case_id"] for e in seen_by_us}
    assert their_case["id"] not in {e["case_id"] for e in seen_by_us}
    assert their_case["id"] in {e["case_id"] for e in seen_by_them}
    assert our_case["id"] not in {e["case_id"] for e in seen_by_them}


def test_only_an_admin_reads_the_trail(api):
    worker = api.member(UserRole.caseworker)
    assert worker.client.get("/api/v1/audit").status_code == 403


def test_a_naive_time_filter_is_refused(api):
    admin = api.member(UserRole.admin)
    response = admin.client.get("/api/v1/audit", params={"since": "2026-01-01T00:00:00"})
    assert response.status_code == 422


def test_a_time_filter_that_cannot_be_turned_into_utc_is_refused_with_its_reason(api):
    admin = api.member(UserRole.admin)
    for name in ("since", "until"):
        response = admin.client.get("/api/v1/audit", params={name: "0001-01-01T00:00:00+03:00"})
        assert response.status_code == 422
        assert "between the years 1900 and 9000" in response.text


def test_asking_for_another_organisations_case_is_recorded_as_refused(api):
    owner, stranger = api.member(), api.member(UserRole.admin)
    case = api.new_case(owner)
    assert stranger.client.get(f"/api/v1/cases/{case['id']}").status_code == 404
    refused = [e for e in _entries(stranger) if e["action"] == "refused"]
    assert refused[0]["case_id"] == case["id"]
    assert refused[0]["detail"] == "404 case not found GET /cases/{case_id}"
    assert refused[0]["actor"] == stranger.username


def test_a_role_refusal_is_recorded(api):
    admin = api.member(UserRole.admin)
    reader = api.member(UserRole.read_only, org_id=admin.org_id)
    assert (
        reader.client.post(
            "/api/v1/cases",
            json={
                "reference": "x",
                "household": {"id": "h", "members": [{"id": "p", "role": "parent"}]},
            },
        ).status_code
        == 403
    )
    refused = _entries(admin, user=reader.username)
    assert refused[0]["action"] == "refused" and refused[0]["detail"].startswith("403 role")


def test_bad_tokens_csrf_failures_and_unknown_names_are_recorded_without_personal_data(api):
    name = f"nobody-{uuid.uuid4().hex[:8]}"
    secret = f"secret-{uuid.uuid4().hex}"
    api.client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    api.client.post(
        "/api/v1/session", json={"organisation": "Harbour", "username": name, "password": secret}
    )
    admin = api.member(UserRole.admin)
    signed_in = api.client.post("/api/v1/session", json=admin.credentials(PASSWORD))
    assert signed_in.status_code == 200
    api.client.post("/api/v1/cases", json={})  # the session cookie, no CSRF token
    api.client.cookies.clear()
    with api.db.reading() as s:
        everything = audit.show(s, limit=100_000)
    text = repr(everything)
    assert name not in text and secret not in text
    details = [e["detail"] for e in everything if e["action"] == "refused"]
    assert "401 no valid credentials GET /cases" in details
    assert "403 csrf POST /cases" in details


def test_a_failed_sign_in_with_an_unknown_name_is_recorded_without_the_name(api):
    name = f"nobody-{uuid.uuid4().hex[:8]}"
    body = {"organisation": f"org of {name}", "username": name, "password": "whatever it is"}
    api.client.post("/api/v1/session", json=body)
    with api.db.reading() as s:
        newest = audit.show(s, limit=5)
    refused = [e for e in newest if e["action"] == "sign_in_refused"]
    assert refused and refused[0]["entity_id"] is None and refused[0]["remote"] == "testclient"
    assert name not in repr(newest) and f"org of {name}" not in repr(newest)
